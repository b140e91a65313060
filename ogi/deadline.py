"""The statutory answer deadline of a disclosure application, with every step explained.

The law (条例 2019, annual-report.md §7.3–§7.4):

* art.30 — an unclear application: the 补正 notice is due within **7 working days** of receipt; the answer period
  then runs from receipt of the corrected application;
* art.33 — answer within **20 working days** of receipt; an extension approved by the head of the disclosure office
  adds **at most 20 working days**; time spent consulting third parties (art.32) or other organs (art.34) is not
  counted;
* practice — counting starts on the **day after** the triggering date.

A pause ``(START, END)`` removes the working days after START up to and including END. The result is
*provisional* when any day counted lies in a year whose holiday schedule is not published yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ogi.errors import UsageError
from ogi.workdays import ONE_DAY, Calendar, is_weekend, package_calendar, weekday_name

ANSWER_DAYS = 20  # art.33
NOTICE_DAYS = 7  # art.30
MAX_EXTENSION_DAYS = 20  # art.33
CONSULTATION = "征求第三方或其他机关意见"
FIRST_DAY, LAST_DAY = (
    date(1900, 1, 1),
    date(2199, 12, 31),
)  # far from date.max: counting never overflows

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@dataclass(frozen=True)
class Pause:
    """Consultation time not counted (art.32, art.34): working days after ``start`` up to ``end`` inclusive."""

    start: date
    end: date
    reason: str = CONSULTATION

    def covers(self, day: date) -> bool:
        return self.start < day <= self.end


@dataclass(frozen=True)
class Step:
    """One line of the explanation, about one date."""

    date: date
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Deadline:
    received: date
    correction_received: date | None
    correction_notice_due: date
    due_before_extension: date
    due: date
    extended: bool
    provisional: bool
    steps: tuple[Step, ...]

    def to_dict(self) -> dict[str, object]:
        """The contract of issue 3: ``{"received", "correction_notice_due", "due", "provisional", "steps"}``."""
        return {
            "received": self.received.isoformat(),
            "correction_notice_due": self.correction_notice_due.isoformat(),
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "steps": [step.text for step in self.steps],
        }


# ---------------------------------------------------------------- input


def parse_date(value: date | str, what: str) -> date:
    """A date from a ``date`` or text ``YYYY-MM-DD`` (also ``2024/9/27``, ``2024年9月27日``)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.fullmatch(str(value).strip())
    try:
        if match is None:
            raise ValueError
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise UsageError(
            f"{what}「{value}」不是有效日期，应写作 YYYY-MM-DD，例如 2024-09-27"
        ) from None


def parse_pause(value: Pause | Sequence[object] | str) -> Pause:
    """A :class:`Pause` from ``"START:END"``, ``(start, end)``, ``(start, end, reason)`` or a Pause."""
    if isinstance(value, Pause):
        return value
    if isinstance(value, str):
        parts: Sequence[object] = value.replace("：", ":").split(":")
        if len(parts) != 2:
            raise UsageError(f"暂停「{value}」应写作 开始日期:结束日期，例如 2024-10-15:2024-10-25")
    else:
        parts = value
    start = parse_date(parts[0], "暂停开始日期")  # type: ignore[arg-type]
    end = parse_date(parts[1], "暂停结束日期")  # type: ignore[arg-type]
    reason = str(parts[2]) if len(parts) > 2 else CONSULTATION
    return Pause(start, end, reason)


def _check_range(*days: date) -> None:
    for day in days:
        if not FIRST_DAY <= day <= LAST_DAY:
            raise UsageError(f"日期 {day} 超出可计算的范围（{FIRST_DAY.year}–{LAST_DAY.year} 年）")


def _check_order(received: date, correction: date | None, pauses: Sequence[Pause]) -> None:
    _check_range(received, *([correction] if correction else []), *(p.end for p in pauses))
    if correction is not None and correction < received:
        raise UsageError(f"收到补正申请的日期 {correction} 早于收到申请的日期 {received}")
    for pause in pauses:
        if pause.end < pause.start:
            raise UsageError(f"暂停的结束日期 {pause.end} 早于开始日期 {pause.start}")
        if pause.start < received:
            raise UsageError(f"暂停开始日期 {pause.start} 早于收到申请的日期 {received}")
        if correction is not None and pause.start < correction:
            raise UsageError(
                f"暂停开始日期 {pause.start} 早于收到补正申请的日期 {correction}（答复期限自收到补正申请后起算）"
            )


def _check_extension(days: int) -> None:
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise UsageError(
            f"延长答复期限最多 {MAX_EXTENSION_DAYS} 个工作日（条例第三十三条），不能为 {days} 个"
        )


# ---------------------------------------------------------------- computation


def compute_deadline(
    received: date | str,
    *,
    correction_received: date | str | None = None,
    pauses: Iterable[Pause | Sequence[object] | str] = (),
    extended: bool = False,
    extension_days: int = MAX_EXTENSION_DAYS,
    calendar: Calendar | None = None,
) -> Deadline:
    """The answer deadline (art.30, 32–34) of an application, with its explanation."""
    calendar = calendar or package_calendar()
    received = parse_date(received, "收到申请日期")
    correction = (
        None if correction_received is None else parse_date(correction_received, "收到补正申请日期")
    )
    pause_list = sorted((parse_pause(p) for p in pauses), key=lambda p: (p.start, p.end))
    _check_order(received, correction, pause_list)
    if extended:
        _check_extension(extension_days)
    extra = extension_days if extended else 0
    clock = correction or received
    skip = _paused_days(pause_list)
    due_before = calendar.add_workdays(clock, ANSWER_DAYS, skip)
    due = calendar.add_workdays(clock, ANSWER_DAYS + extra, skip) if extra else due_before
    notice_due = calendar.add_workdays(received, NOTICE_DAYS)
    steps = _Explainer(calendar, pause_list, extra).explain(received, correction, notice_due, due)
    return Deadline(
        received=received,
        correction_received=correction,
        correction_notice_due=notice_due,
        due_before_extension=due_before,
        due=due,
        extended=bool(extra),
        provisional=_provisional(calendar, received, due),
        steps=tuple(steps),
    )


def _paused_days(pauses: Iterable[Pause]) -> frozenset[date]:
    days: set[date] = set()
    for pause in pauses:
        day = pause.start + ONE_DAY
        while day <= pause.end:
            days.add(day)
            day += ONE_DAY
    return frozenset(days)


def _unpublished_years(calendar: Calendar, first: date, last: date) -> list[int]:
    return [y for y in range(first.year, last.year + 1) if not calendar.has_data(y)]


def _provisional(calendar: Calendar, received: date, due: date) -> bool:
    return bool(_unpublished_years(calendar, received + ONE_DAY, due))


# ---------------------------------------------------------------- periods given to others


@dataclass(frozen=True)
class Period:
    """A period the organ gives someone else, counted like the answer period: ``workdays`` working days from
    the day after ``start``. The applicant's 补正 period (art.30, set by the organ in the notice), the third
    party's or other organ's 15 working days (art.32, art.34), the applicant's 20 working days to pay the
    信息处理费 (109号). The last day itself is within the period."""

    what: str
    start: date
    workdays: int
    end: date
    provisional: bool
    basis: str

    def __str__(self) -> str:
        note = "（暂定）" if self.provisional else ""
        return f"{self.what}{self.workdays}个工作日，自{self.start.isoformat()}次日起算，至{show(self.end)}{note}（{self.basis}）"


def period(what: str, start: date, workdays: int, basis: str, calendar: Calendar | None = None) -> Period:
    """The :class:`Period` of ``workdays`` working days after ``start``."""
    calendar = calendar or package_calendar()
    if isinstance(workdays, bool) or not isinstance(workdays, int) or workdays < 1:
        raise UsageError(f"{what}应为至少1个工作日，不能为「{workdays}」")
    _check_range(start)
    end = calendar.add_workdays(start, workdays)
    return Period(what, start, workdays, end, _provisional(calendar, start, end), basis)


# ---------------------------------------------------------------- explanation


def show(day: date) -> str:
    """``2024-09-27（星期五）``."""
    return f"{day.isoformat()}（{weekday_name(day)}）"


def _span(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()}至{last.isoformat()}"


class _Explainer:
    """Walks the counted days once and writes the steps, in date order."""

    def __init__(self, calendar: Calendar, pauses: list[Pause], extra: int) -> None:
        self.calendar = calendar
        self.pauses = pauses
        self.extra = extra
        self.steps: list[Step] = []
        self.claimed: set[date] = set()
        self.told: set[Pause] = set()
        self.holiday_run: list[date] = []

    def explain(
        self, received: date, correction: date | None, notice_due: date, due: date
    ) -> list[Step]:
        self._opening(received, correction, notice_due)
        clock = correction or received
        self._walk(clock, due)
        self._late_pauses(due)
        self._closing(received, due)
        return self.steps

    def _add(self, day: date, text: str) -> None:
        self.steps.append(Step(day, text))

    def _opening(self, received: date, correction: date | None, notice_due: date) -> None:
        self._add(received, f"收到申请 {show(received)}，自次日起计算工作日")
        note = (
            "（暂定）" if _unpublished_years(self.calendar, received + ONE_DAY, notice_due) else ""
        )
        self._add(
            notice_due,
            f"补正告知期限：收到申请后第{NOTICE_DAYS}个工作日 {show(notice_due)}{note}（条例第三十条）",
        )
        if correction is not None:
            self._add(
                correction,
                f"收到补正后的申请 {show(correction)}，答复期限自次日起重新计算（条例第三十条）",
            )

    def _walk(self, clock: date, due: date) -> None:
        count, day = 0, clock + ONE_DAY
        while day <= due:
            self._tell_pauses_starting(day - ONE_DAY)
            self._tell_unpublished_year(day, first=(day == clock + ONE_DAY))
            if self.calendar.holiday_name(day) is not None and not self._paused(day):
                self.holiday_run.append(day)
            else:
                self._end_holiday_run()
                if self.calendar.is_workday(day) and not self._paused(day):
                    count += 1
                    self._counted(day, count)
            day += ONE_DAY
        self._end_holiday_run()

    def _paused(self, day: date) -> bool:
        return any(pause.covers(day) for pause in self.pauses)

    def _counted(self, day: date, count: int) -> None:
        text = f"第{count}个工作日 {show(day)}"
        makeup = self.calendar.makeup_name(day)
        if makeup is not None and is_weekend(day):
            text += f"{makeup}调休上班，计入"
        if self.extra and count == ANSWER_DAYS:
            self._add(day, text + "（原答复期限）")
            self._add(
                day,
                f"延长 {self.extra} 个工作日（条例第三十三条，经政府信息公开工作机构负责人同意并告知申请人）",
            )
            return
        self._add(day, text)

    def _end_holiday_run(self) -> None:
        if not self.holiday_run:
            return
        first, last = self.holiday_run[0], self.holiday_run[-1]
        names = dict.fromkeys(
            filter(None, (self.calendar.holiday_name(d) for d in self.holiday_run))
        )
        label = f"{'、'.join(names)}假期" if names else "节假日"
        self._add(first, f"{label} {_span(first, last)}不计")
        self.holiday_run = []

    def _tell_pauses_starting(self, start: date) -> None:
        for pause in self.pauses:
            if pause.start == start and pause not in self.told:
                self._end_holiday_run()
                self._add(
                    start,
                    f"暂停 {_span(pause.start, pause.end)}（{pause.reason}）：不计 {self._claim(pause)} 个工作日",
                )
                self.told.add(pause)

    def _claim(self, pause: Pause) -> int:
        """Working days of ``pause`` not already removed by an earlier, overlapping pause."""
        days = [d for d in self._workdays_in(pause) if d not in self.claimed]
        self.claimed.update(days)
        return len(days)

    def _workdays_in(self, pause: Pause) -> list[date]:
        days, day = [], pause.start + ONE_DAY
        while day <= pause.end:
            if self.calendar.is_workday(day):
                days.append(day)
            day += ONE_DAY
        return days

    def _tell_unpublished_year(self, day: date, *, first: bool) -> None:
        if (first or (day.month, day.day) == (1, 1)) and not self.calendar.has_data(day.year):
            self._end_holiday_run()
            self._add(day, f"{day.year}年节假日安排尚未公布，暂按星期一至星期五计算（期限为暂定）")

    def _late_pauses(self, due: date) -> None:
        for pause in self.pauses:
            if pause not in self.told:
                self._add(
                    pause.start,
                    f"暂停 {_span(pause.start, pause.end)}（{pause.reason}）：开始于答复期限当日或之后，不影响期限",
                )

    def _closing(self, received: date, due: date) -> None:
        note = "（暂定）" if _provisional(self.calendar, received, due) else ""
        self._add(due, f"答复期限 {show(due)}{note}")
