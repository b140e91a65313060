"""Who may see and touch which organ. Every view and service asks these helpers, nothing else.

- admin (role ``admin`` anywhere, or a Django superuser): every organ, read and write;
- supervisor: the organ and its whole subtree, read only;
- auditor: the organ, read only;
- clerk and head: their organ, read and write; only a head approves extensions.

A user's admin flag and organ ids are read once per user object (that is, once per request) and
kept on it, so a page asks the same few queries however often its parts ask.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from .models import Membership, Organ

Role = Membership.Role
EDIT_ROLES = (Role.CLERK, Role.HEAD, Role.ADMIN)


def _remembered(user, key: str, compute):  # noqa: ANN001, ANN202
    memo = getattr(user, "_ogi_access", None)
    if memo is None:
        memo = {}
        user._ogi_access = memo
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def is_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return _remembered(
        user, "admin", lambda: user.is_superuser or Membership.objects.filter(user=user, role=Role.ADMIN).exists()
    )


def organs_for(user) -> QuerySet[Organ]:
    """The organs whose registers ``user`` may see."""
    ids = visible_organ_ids(user)
    return Organ.objects.all() if ids is None else Organ.objects.filter(pk__in=ids)


def visible_organ_ids(user) -> list[int] | None:
    """The ids of the organs ``organs_for`` gives, as a list to filter by (``organ_id__in``: the
    databases then read their organ-first indexes, which a subquery of organs can keep them from); None
    for every organ (an admin), [] for nobody."""
    if not getattr(user, "is_authenticated", False):
        return []
    return None if is_admin(user) else _remembered(user, "visible", lambda: _visible_ids(user))


def _visible_ids(user) -> list[int]:  # noqa: ANN001
    ids: set[int] = set()
    for m in Membership.objects.filter(user=user).select_related("organ"):
        ids.update(m.organ.subtree_ids() if m.role == Role.SUPERVISOR else [m.organ_id])
    return sorted(ids)


def can_view(user, organ: Organ) -> bool:
    return organs_for(user).filter(pk=organ.pk).exists()


def can_edit(user, organ: Organ) -> bool:
    """Clerks and heads edit their own organ's registers; admins edit all."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_admin(user) or organ.pk in personal_organ_ids(user)


def require_edit(user, organ: Organ, doing: str) -> None:
    """Refuse a user who may not change ``organ``'s registers (``can_edit``): ``PermissionDenied`` with
    ``无权`` + ``doing``, in which ``{organ}`` stands for the organ's name (``"办理{organ}的申请"``)."""
    if not can_edit(user, organ):
        raise PermissionDenied("无权" + doing.format(organ=organ.name))


def is_head(user, organ: Organ) -> bool:
    """May approve an extension (art. 33: the head of the disclosure office)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, organ=organ, role=Role.HEAD).exists()


def roles_of(user, organ: Organ) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.filter(user=user, organ=organ).values_list("role", flat=True))


def can_see_personal(user, organ: Organ) -> bool:
    """Applicants' identity and contacts: only those who handle the case (clerk, head) and admins."""
    return can_edit(user, organ)


def editable_organs(user) -> list[Organ]:
    """The organs whose registers ``user`` may change, by code (one query however many organs)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return _remembered(user, "editable", lambda: _editable(user))


def _editable(user) -> list[Organ]:  # noqa: ANN001
    organs = organs_for(user).order_by("code")
    if not is_admin(user):
        organs = organs.filter(memberships__user=user, memberships__role__in=EDIT_ROLES[:2]).distinct()
    return list(organs)


def personal_organ_ids(user) -> set[int]:
    """The ids of the organs whose applicants ``user`` may see (``can_see_personal``), in one query."""
    return {o.pk for o in editable_organs(user)}
