"""The working-day calendar as the database holds it.

The rows (CalendarDay, CalendarYear) are seeded from ``chinesecalendar`` by a migration and edited by an
admin (e.g. the 2027 schedule). The applications app listens for changes and recomputes open due dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ogi.workdays import Calendar

from .models import CalendarDay, CalendarYear

_pinned: list[Calendar] = []


@contextmanager
def pinned_calendar() -> Iterator[Calendar]:
    """Within the block, use one calendar read once (bulk work such as the demo; no calendar edits)."""
    _pinned.append(_read_calendar())
    try:
        yield _pinned[-1]
    finally:
        _pinned.pop()


def db_calendar() -> Calendar:
    """The calendar as the database holds it now."""
    return _pinned[-1] if _pinned else _read_calendar()


def _read_calendar() -> Calendar:
    off, on = {}, {}
    for day, is_workday, name in CalendarDay.objects.values_list("day", "is_workday", "name"):
        (on if is_workday else off)[day] = name
    years = CalendarYear.objects.filter(published=True).values_list("year", flat=True)
    return Calendar(off, on, years)
