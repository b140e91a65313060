"""The submit API's tokens: issued and revoked by the supervising office over the organ (or an admin),
each change audited; only the key's SHA-256 is stored, the key is shown once. ``authenticate`` checks a
key presented to the API: a wrong, expired or revoked key gets one Chinese line and is logged."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ogi.web.audit import services as audit
from ogi.web.organs.access import is_admin
from ogi.web.organs.models import Organ
from ogi.web.season.access import supervised_ids

from .models import HINT_CHARS, SubmitToken, hash_token
from .services import can_publish

log = logging.getLogger("ogi.portal")
MAX_DAYS = 3 * 365


def can_manage(user, organ: Organ) -> bool:  # noqa: ANN001
    return can_publish(user, organ)


def manageable(user) -> QuerySet[Organ]:  # noqa: ANN001
    """The organs ``user`` may issue tokens for (as ``can_manage``): every organ under a government the
    user supervises, or every organ for an admin; by code."""
    if not getattr(user, "is_authenticated", False):
        return Organ.objects.none()
    if is_admin(user):
        return Organ.objects.order_by("code")
    return Organ.objects.filter(pk__in=supervised_ids(user)).order_by("code")


def tokens_of(organs: QuerySet[Organ]) -> QuerySet[SubmitToken]:
    """The tokens of those organs, each with its organ and issuer, an organ's newest first."""
    return SubmitToken.objects.filter(organ__in=organs).select_related("organ", "created_by").order_by(
        "organ__code", "-created_at", "-pk")


def issue(user, organ: Organ, name: str, days: int = 365) -> tuple[SubmitToken, str]:  # noqa: ANN001
    """A new token for ``organ``'s own system: the row and the key (shown once, never stored)."""
    if not can_manage(user, organ):
        raise PermissionDenied(f"无权为{organ.name}签发报送接口令牌")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "请写明令牌的用途（如“本单位政务系统”）"})
    if len(name) > 100:
        raise ValidationError({"name": "用途至多 100 字"})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": f"有效期应为 1 至 {MAX_DAYS} 天"})
    key = SubmitToken.new_key()
    with transaction.atomic():
        token = SubmitToken.objects.create(
            organ=organ, name=name, key_hash=hash_token(key), hint=key[:HINT_CHARS], created_by=user,
            expires_at=timezone.now() + timedelta(days=days),
        )
        audit.record(user, organ, "issue_submit_token", token, None, {"name": name, "hint": token.hint,
                                                                       "expires_at": token.expires_at.isoformat()})
    return token, key


def revoke(user, token: SubmitToken) -> SubmitToken:  # noqa: ANN001
    if not can_manage(user, token.organ):
        raise PermissionDenied(f"无权吊销{token.organ.name}的报送接口令牌")
    with transaction.atomic():
        token = SubmitToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            raise ValidationError("该令牌已吊销")
        before = audit.snapshot(token)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(user, token.organ, "revoke_submit_token", token, before, audit.snapshot(token))
    return token


class Refused(Exception):
    """A key the API does not accept; ``args[0]`` is the Chinese line for the caller."""


def authenticate(key: str, where: str = "") -> SubmitToken:
    """The usable token of ``key``; Refused (Chinese, logged with the key's first characters) otherwise."""
    token = SubmitToken.objects.filter(key_hash=hash_token(key or "")).select_related("organ").first()
    now = timezone.now()
    if token is None:
        log.warning("报送接口拒绝：令牌无效（%s…，来自 %s）", (key or "")[:8], where)
        raise Refused("令牌无效：请使用主管部门签发的报送接口令牌")
    if token.revoked_at is not None:
        log.warning("报送接口拒绝：令牌已吊销（%s，来自 %s）", token, where)
        raise Refused(f"令牌已于{timezone.localdate(token.revoked_at):%Y年%m月%d日}吊销：请向主管部门申请新令牌")
    if token.expires_at <= now:
        log.warning("报送接口拒绝：令牌已过期（%s，来自 %s）", token, where)
        raise Refused(f"令牌已于{timezone.localdate(token.expires_at):%Y年%m月%d日}过期：请向主管部门申请新令牌")
    SubmitToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
