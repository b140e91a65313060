"""One-time form tokens: a create form posted twice — or eight times at once — creates one record.

``issue`` hands out a token with the form; ``once`` deletes it in the transaction that writes the
record: a second post of the same token finds nothing to delete (on PostgreSQL it waits
for the first transaction's row lock, then sees the row gone; on SQLite writers are serialised by the
IMMEDIATE transaction). When the write fails and its transaction rolls back, the token comes back.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from .models import FormToken

LIFETIME = timedelta(hours=12)
T = TypeVar("T")


def issue(request: HttpRequest) -> str:
    """A new token for ``request.user``'s form (expired tokens are cleared on the way)."""
    FormToken.objects.filter(created_at__lt=timezone.now() - LIFETIME).delete()
    return FormToken.objects.create(key=secrets.token_urlsafe(32), user=request.user).key


class AlreadyPosted(Exception):
    """The form's token was used already (or expired, or belongs to someone else)."""

    message = "该表单已经提交过（或已过期），请勿重复提交；如需再登记，请重新打开页面"


def once(request: HttpRequest, key: str | None, write: Callable[[], T]) -> T:
    """Run ``write`` in one transaction with consuming the token; AlreadyPosted when it was used.

    When ``write`` raises (e.g. a ValidationError), the transaction rolls back and the token stays valid.
    """
    with transaction.atomic():
        gone, _ = FormToken.objects.filter(
            key=key or "", user=request.user, created_at__gte=timezone.now() - LIFETIME
        ).delete()
        if gone != 1:
            raise AlreadyPosted
        return write()
