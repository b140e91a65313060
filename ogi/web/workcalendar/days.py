"""The working-day calendar as the database holds it.

The rows (CalendarDay, CalendarYear) are seeded from ``chinesecalendar`` by a migration and edited by an
admin (e.g. the 2027 schedule). The applications app listens for changes and recomputes open due dates.

A process keeps the calendar it read with the revision token it read it under (:class:`.CalendarRevision`,
changed by the database on every write to the two tables, whoever writes): each use reads the token, one
row, and reads the calendar again only when the token has moved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ogi.workdays import Calendar

from .models import CalendarDay, CalendarRevision, CalendarYear

_pinned: list[Calendar] = []
_kept: dict[str, Calendar] = {}  # token → the calendar read under it (one entry)


@contextmanager
def pinned_calendar() -> Iterator[Calendar]:
    """Within the block, use one calendar read once (bulk work such as the demo; no calendar edits)."""
    _pinned.append(_read_calendar())
    try:
        yield _pinned[-1]
    finally:
        _pinned.pop()


def db_calendar() -> Calendar:
    """The calendar as the database holds it now (kept while its revision token is unchanged)."""
    if _pinned:
        return _pinned[-1]
    token = CalendarRevision.objects.values_list("token", flat=True).first()
    if token is not None and (kept := _kept.get(token)) is not None:
        return kept
    calendar = _read_calendar()  # read after the token: what is kept is never older than its token
    if token is not None:
        _kept.clear()
        _kept[token] = calendar
    return calendar


def _read_calendar() -> Calendar:
    off, on = {}, {}
    for day, is_workday, name in CalendarDay.objects.values_list("day", "is_workday", "name"):
        (on if is_workday else off)[day] = name
    years = CalendarYear.objects.filter(published=True).values_list("year", flat=True)
    return Calendar(off, on, years)
