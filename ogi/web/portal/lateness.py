"""When a report must be public (条例第四十九条) and how late it was, in working days.

- 县级以上人民政府部门 (and, in practice, 乡镇（街道）): submitted to the 政府信息公开工作主管部门 and made
  public by 31 January of the next year;
- 县级以上人民政府 (the government's own report, which rolls up its departments): by 31 March.

Lateness is the number of working days (the database's calendar, ``workcalendar``) after the deadline up
to and including the day of publication; published on or before the deadline is on time. A deadline on a
day off is not moved (the 条例 names a date).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from ogi.web.organs.models import Organ
from ogi.workdays import Calendar


def deadline_for(kind: str, year: int) -> date:
    """The statutory publication deadline of an organ of ``kind`` for its report of ``year``."""
    return date(year + 1, 3, 31) if kind == Organ.Kind.GOVERNMENT else date(year + 1, 1, 31)


def late_workdays(deadline: date, published: date, calendar: Calendar) -> int:
    """Working days in (deadline, published]; 0 when published on or before the deadline."""
    if published <= deadline:
        return 0
    count = 0
    for year in range(deadline.year, published.year + 1):
        days = calendar.workdays_of(year)
        lo = bisect_right(days, deadline) if year == deadline.year else 0
        hi = bisect_right(days, published) if year == published.year else len(days)
        count += max(0, hi - lo)
    return count


def lateness_text(deadline: date, published: date, workdays: int) -> str:
    """One line for people: 按时公开 / 逾期 N 个工作日公开."""
    if published <= deadline:
        return "按期公开"
    if workdays == 0:
        return "期限后的休息日公开"
    return f"逾期 {workdays} 个工作日公开"
