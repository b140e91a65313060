"""Who may do what in a season. Every view and service of the season asks these helpers.

- the supervising office: a user with the ``supervisor`` role at the season's organ or at an organ above
  it (a city's office sees its districts' seasons), and admins, may open the season, edit the roster and
  deadlines, comment, return and accept;
- the reporting organ: its clerks and heads (``organs.access.can_edit``) prepare and submit its report
  and read the comments on it;
- nobody else reaches a season: ``seasons_for`` / ``entries_for`` filter by these rules, so another
  district's season is a 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ogi.web.organs.access import can_edit, editable_organs, is_admin
from ogi.web.organs.models import Membership, Organ

from .models import RosterEntry, Season


def supervised_ids(user) -> set[int]:  # noqa: ANN001
    """The organs whose seasons ``user`` supervises: each supervisor membership's organ and its subtree
    (remembered on the user object for the request). The season's and the submit tokens' supervising office."""
    memo = getattr(user, "_ogi_access", None)
    if memo is None:
        memo = {}
        user._ogi_access = memo
    if "season_supervised" not in memo:
        ids: set[int] = set()
        for m in Membership.objects.filter(user=user, role=Membership.Role.SUPERVISOR).select_related("organ"):
            ids.update(m.organ.subtree_ids())
        memo["season_supervised"] = ids
    return memo["season_supervised"]


def can_supervise(user, season: Season) -> bool:
    """May run ``season`` (roster, deadlines, review): its supervising office, or an admin."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_admin(user) or season.supervisor_id in supervised_ids(user)


def can_supervise_organ(user, organ: Organ) -> bool:
    """May open a season for ``organ`` (a government the user supervises)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_admin(user) or organ.pk in supervised_ids(user)


def can_report(user, entry: RosterEntry) -> bool:
    """May prepare and submit ``entry``'s report: the organ's clerks and heads (and admins)."""
    return can_edit(user, entry.organ)


def seasons_for(user) -> QuerySet[Season]:
    """The seasons ``user`` supervises or reports in."""
    if not getattr(user, "is_authenticated", False):
        return Season.objects.none()
    if is_admin(user):
        return Season.objects.all()
    mine = [o.pk for o in editable_organs(user)]
    return Season.objects.filter(Q(supervisor_id__in=supervised_ids(user)) | Q(entries__organ_id__in=mine)).distinct()


def entries_for(user) -> QuerySet[RosterEntry]:
    """The roster entries ``user`` may see: every entry of a season they supervise, and their organs' own."""
    if not getattr(user, "is_authenticated", False):
        return RosterEntry.objects.none()
    if is_admin(user):
        return RosterEntry.objects.all()
    mine = [o.pk for o in editable_organs(user)]
    return RosterEntry.objects.filter(Q(season__supervisor_id__in=supervised_ids(user)) | Q(organ_id__in=mine))
