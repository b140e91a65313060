"""Writing the audit trail: a snapshot of an object before and after each change."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from . import actions
from .models import AuditEntry

# fields whose value never goes into the trail: a fingerprint of it does (it shows that it changed, and
# nothing of the value — the password hash's salt is inside what is fingerprinted)
SECRET_FIELDS = frozenset({"password"})


def snapshot(obj: models.Model | None) -> dict[str, Any] | None:
    """The object's concrete fields as JSON-ready values (foreign keys by id, many-to-many as sorted ids,
    secrets as fingerprints)."""
    if obj is None:
        return None
    data = {f.attname: _plain(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}
    for f in obj._meta.many_to_many:
        data[f.name] = sorted(getattr(obj, f.name).values_list("pk", flat=True)) if obj.pk else []
    for name in SECRET_FIELDS & data.keys():
        data[name] = fingerprint(data[name])
    return data


def fingerprint(value: str | None) -> str:
    return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:16] if value else ""


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "url"):  # FieldFile
        return value.name
    return value


def record(user, organ, action: str, obj: models.Model, before: dict | None, after: dict | None) -> AuditEntry:
    """Append one entry; ``action`` must be in the catalogue (actions.py)."""
    actions.require(action)
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        organ=organ,
        action=action,
        object_type=obj._meta.model_name,
        object_id=str(obj.pk),
        before=before,
        after=after,
    )
