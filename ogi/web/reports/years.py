"""What to say about a report year that is not over (the years themselves: ``lib.checks.report_years``)."""

from __future__ import annotations

from datetime import date

from ogi.web.lib.checks import today


def year_note(year: int, on: date | None = None) -> str | None:
    """A word about a year that is not over yet (Chinese), or None."""
    now = (on or today()).year
    if year == now:
        return f"{year}年度尚未结束：表中数字为截至今日的台账统计，年度结束后方为全年数字。"
    if year > now:
        return f"{year}年度尚未开始：报告中还没有数字。"
    return None
