"""The applicant's side, without a login: submit an application online, follow it with a code and a secret.

* ``apply``: one transaction — the form's one-time token consumed, the rate limits checked (per address and
  per applicant's certificate number, per hour and per day, ``OGI_APPLY_PER_*``), the application stored as
  待确认 by ``applications.services.submit_online``, the tracking code made. A refusal leaves nothing.
* ``track``: the application behind a code and secret, or None — the same None for an unknown code and a
  wrong secret (the secret's digest is compared in constant time, and an unknown code is compared with a
  dummy digest so that it takes as long). More than ``OGI_TRACK_FAILURES`` wrong tries from one address
  within ``OGI_TRACK_WINDOW_MINUTES`` are refused, right or wrong, until the window has passed.

The counters are rows of ``Attempt`` in the database (Django's cache is not configured: its default is
per server process, and ``ogi serve`` runs several): every process sees the same counts.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ogi.web.applications import services as applications
from ogi.web.applications.models import Application
from ogi.web.organs.models import Organ

from .models import Attempt, PublicFormToken, Tracking

log = logging.getLogger("ogi.applicant")
SIGNS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud and typed from a phone
CODE_LENGTH, SECRET_LENGTH = 12, 16
TOKEN_LIFETIME = timedelta(hours=12)
KEEP_ATTEMPTS = timedelta(days=2)  # longer than the longest window (a day)
_DUMMY = "0" * 32 + "$" + "0" * 64


class Refused(Exception):
    """A rate limit: the request is refused with a Chinese message (HTTP 429)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class AlreadyPosted(Exception):
    message = "该申请表已经提交过（或已过期），请勿重复提交；如需再提交，请重新打开申请页面"


# ---------------------------------------------------------------- codes and digests


def _random(n: int) -> str:
    return "".join(secrets.choice(SIGNS) for _ in range(n))


def normalise(value: str | None) -> str:
    """What the applicant typed, as stored: upper case, without dashes or spaces."""
    return "".join(c for c in (value or "").upper() if c.isalnum())


def grouped(value: str) -> str:
    """``ABCD-EFGH-JKMN``: shown to the applicant in groups of four."""
    return "-".join(value[i:i + 4] for i in range(0, len(value), 4))


def digest(secret: str, salt: str | None = None) -> str:
    """``salt$sha256(salt + secret)``: the secret has ≈ 79 bits of chance, so a fast hash is enough."""
    salt = salt or secrets.token_hex(16)
    return f"{salt}${hashlib.sha256((salt + normalise(secret)).encode()).hexdigest()}"


def secret_matches(secret: str, stored: str) -> bool:
    salt, _, _ = stored.partition("$")
    return hmac.compare_digest(digest(secret, salt).encode(), stored.encode())


def keyed(scope: str, value: str) -> str:
    """The counter key of an address or certificate number: an HMAC with the site's key, never the value."""
    return hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{value}".encode(), hashlib.sha256).hexdigest()


# ---------------------------------------------------------------- the form's token


def issue_token() -> str:
    PublicFormToken.objects.filter(created_at__lt=timezone.now() - TOKEN_LIFETIME).delete()
    return PublicFormToken.objects.create(key=secrets.token_urlsafe(32)).key


def _consume(key: str | None) -> None:
    gone, _ = PublicFormToken.objects.filter(
        key=key or "", created_at__gte=timezone.now() - TOKEN_LIFETIME,
    ).delete()
    if gone != 1:
        raise AlreadyPosted


# ---------------------------------------------------------------- rate limits


def _forget_old_attempts() -> None:
    """Counted events older than the longest window are of no use: the table stays small."""
    Attempt.objects.filter(at__lt=timezone.now() - KEEP_ATTEMPTS).delete()


def _count(scope: str, key: str, since: timedelta) -> int:
    return Attempt.objects.filter(scope=scope, key=key, at__gte=timezone.now() - since).count()


def _limits(address: str, id_number: str) -> list[tuple[str, str, timedelta, int, str]]:
    hour, day = timedelta(hours=1), timedelta(days=1)
    a, p = Attempt.Scope.APPLY_ADDRESS, Attempt.Scope.APPLY_APPLICANT
    out = [
        (a, keyed(a, address), hour, settings.OGI_APPLY_PER_ADDRESS_HOUR, "同一网络地址1小时内"),
        (a, keyed(a, address), day, settings.OGI_APPLY_PER_ADDRESS_DAY, "同一网络地址24小时内"),
    ]
    if id_number:
        out += [
            (p, keyed(p, id_number), hour, settings.OGI_APPLY_PER_APPLICANT_HOUR, "同一申请人1小时内"),
            (p, keyed(p, id_number), day, settings.OGI_APPLY_PER_APPLICANT_DAY, "同一申请人24小时内"),
        ]
    return out


def _refuse_over_limit(limits: list) -> None:
    for scope, key, window, most, who in limits:
        if _count(scope, key, window) >= most:
            raise Refused(
                f"{who}最多可在线提交{most}件申请，已达上限，请稍后再试；"
                "也可以通过信函、当面等方式提出申请（条例第二十九条）"
            )


# ---------------------------------------------------------------- apply


def apply(organ: Organ, *, address: str, token: str | None, id_scan, **fields) -> tuple[Application, str, str]:  # noqa: ANN001
    """Store an online application; returns it with its tracking code and secret (shown once, never again)."""
    limits = _limits(address, applications_id(fields))
    _forget_old_attempts()
    with transaction.atomic():
        _consume(token)
        _refuse_over_limit(limits)
        app = applications.submit_online(organ, id_scan=id_scan, **fields)
        code, secret = _new_code(), _random(SECRET_LENGTH)
        Tracking.objects.create(application=app, code=code, secret_hash=digest(secret))
        now = timezone.now()
        Attempt.objects.bulk_create(Attempt(scope=s, key=k, at=now) for s, k in {(s, k) for s, k, *_ in limits})
    log.info("online application %s: tracking code made", app.pk)
    return app, code, secret


def applications_id(fields: dict) -> str:
    return (fields.get("applicant_id_number") or "").strip().upper()


def _new_code() -> str:
    while True:  # 31^12 ≈ 8 × 10^17 codes: a clash is a curiosity, but never reuse one
        code = _random(CODE_LENGTH)
        if not Tracking.objects.filter(code=code).exists():
            return code


# ---------------------------------------------------------------- track


class TooManyTries(Exception):
    def __init__(self) -> None:
        minutes = settings.OGI_TRACK_WINDOW_MINUTES
        self.message = (f"查询失败次数过多：同一网络地址{minutes}分钟内输错超过{settings.OGI_TRACK_FAILURES}次，"
                        f"请{minutes}分钟后再试")
        super().__init__(self.message)


def track(code: str, secret: str, *, address: str) -> Application | None:
    """The application behind ``code`` and ``secret``, or None (unknown code and wrong secret alike)."""
    _forget_old_attempts()
    scope = Attempt.Scope.TRACK_FAILURE
    key = keyed(scope, address)
    if _count(scope, key, timedelta(minutes=settings.OGI_TRACK_WINDOW_MINUTES)) >= settings.OGI_TRACK_FAILURES:
        raise TooManyTries
    found = (
        Tracking.objects.select_related("application", "application__organ").filter(code=normalise(code)[:16]).first()
    )
    matches = secret_matches(secret, found.secret_hash if found else _DUMMY)
    if found is None or not matches:
        Attempt.objects.create(scope=scope, key=key, at=timezone.now())
        log.info("tracking: a wrong code or secret")
        return None
    return found.application
