"""The supervisor's status board: one row per roster organ, computed by a fixed number of queries
whatever the roster's size (the figures were stored on the submission when it was submitted; no JSON
document is read here).

Lateness (逾期) is counted in working days of the database's calendar (``workcalendar.days``) after the
entry's deadline: up to the first submission for an entry that was submitted, up to today for one that
was not (still running). An entry submitted on or before its deadline is not late.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from ogi.workdays import Calendar

from .choices import Status
from .figures import rate_text
from .models import RosterEntry, Season

STATUS_ORDER = list(Status.values)
FIELDS = (
    "id", "organ_id", "organ__code", "organ__name", "organ__kind", "status", "deadline", "drafted_at",
    "first_submitted_at", "submitted_at", "returned_at", "accepted_at", "published_at", "error_count",
    "warning_count", "current_id", "current__version", "current__source", "current__new_received",
    "current__carried_over", "current__disclosed", "current__appeals_corrected", "current__appeals_concluded",
    "current__answers_late",
)
SORTS = {
    "organ": ("organ__code",), "status": ("status_rank", "organ__code"), "deadline": ("deadline", "organ__code"),
    "submitted": ("first_submitted_at", "organ__code"), "errors": ("-error_count", "organ__code"),
    "warnings": ("-warning_count", "organ__code"), "new": ("-current__new_received", "organ__code"),
    "carried": ("-current__carried_over", "organ__code"), "disclosed": ("-current__disclosed", "organ__code"),
    "answers_late": ("-current__answers_late", "organ__code"), "late": (),
}
SORT_TITLES = {
    "organ": "机关", "status": "状态", "deadline": "期限", "submitted": "报送日期", "late": "逾期工作日",
    "errors": "错误数", "warnings": "警告数", "new": "本年新收", "carried": "上年结转", "disclosed": "予以公开",
    "answers_late": "逾期答复",
}


@dataclass(frozen=True)
class Filters:
    status: str = ""
    kind: str = ""
    late: bool = False
    q: str = ""
    sort: str = "organ"

    @classmethod
    def from_query(cls, params: Any) -> Filters:
        status = params.get("status", "")
        sort = params.get("sort", "organ")
        kind = params.get("kind", "")
        return cls(
            status=status if status in Status.values else "",
            kind=kind if kind in ("government", "department", "township") else "",
            late=params.get("late") == "1",
            q=(params.get("q") or "").strip()[:50],
            sort=sort if sort in SORTS else "organ",
        )


class WorkdayCounter:
    """Working days between two dates, by a running count over the span (built once per page)."""

    def __init__(self, calendar: Calendar, first: date, last: date) -> None:
        self.first, self.last = first, last
        self.rank: dict[date, int] = {}
        n, day = 0, first
        while day <= last:
            if calendar.is_workday(day):
                n += 1
            self.rank[day] = n
            day += timedelta(days=1)

    def after(self, deadline: date, day: date) -> int:
        """Working days d with deadline < d ≤ day (0 when day ≤ deadline)."""
        if day <= deadline:
            return 0
        return self.rank[min(day, self.last)] - self.rank[max(deadline, self.first)]


def entries(season: Season, filters: Filters) -> QuerySet[RosterEntry]:
    qs = RosterEntry.objects.filter(season=season)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(organ__kind=filters.kind)
    if filters.q:
        qs = qs.filter(Q(organ__name__icontains=filters.q) | Q(organ__code__icontains=filters.q))
    rank = Case(*(When(status=s, then=Value(i)) for i, s in enumerate(STATUS_ORDER)), output_field=IntegerField())
    return qs.annotate(status_rank=rank)


def counter_for(season: Season, calendar: Calendar) -> WorkdayCounter:
    today = timezone.localdate()
    first = min(season.department_deadline, season.government_deadline, date(season.year + 1, 1, 1))
    return WorkdayCounter(calendar, first - timedelta(days=1), max(today, date(season.year + 2, 12, 31)))


def rows(qs: QuerySet[RosterEntry], counter: WorkdayCounter, filters: Filters) -> list[dict[str, Any]]:
    """Every row of ``qs`` (for the export and for what only Python can order or filter: lateness in
    working days) — one query."""
    order = SORTS[filters.sort] or ("organ__code",)
    out = [present(r, counter) for r in qs.order_by(*order).values(*FIELDS)]
    if filters.late:
        out = [r for r in out if r["late"] > 0]
    if filters.sort == "late":
        out.sort(key=lambda r: (-r["late"], r["code"]))
    return out


def _late_order(qs: QuerySet[RosterEntry], counter: WorkdayCounter, filters: Filters) -> list[int]:
    """The entry ids in the order (and with the filter) that lateness decides: one light query of dates."""
    today = timezone.localdate()
    light = []
    for pk, code, deadline, first in qs.values_list("id", "organ__code", "deadline", "first_submitted_at"):
        late = counter.after(deadline, timezone.localtime(first).date() if first else today)
        if late or not filters.late:
            light.append((-late if filters.sort == "late" else 0, code, pk))
    light.sort()
    return [pk for _, _, pk in light]


def paginated(qs: QuerySet[RosterEntry], counter: WorkdayCounter, filters: Filters, number: object, per_page: int = 20):  # noqa: ANN201
    """The page ``number`` of the board (a Django ``Page`` of presented rows). The database orders,
    counts and slices; where lateness in working days decides (the 逾期 filter or sort), the ids are
    ordered from one light query of dates and the page's rows fetched by id."""
    from django.core.paginator import Paginator

    if filters.late or filters.sort == "late":
        page = Paginator(_late_order(qs, counter, filters), per_page).get_page(number)
        found = {r["id"]: r for r in RosterEntry.objects.filter(pk__in=list(page.object_list)).values(*FIELDS)}
        page.object_list = [present(found[pk], counter) for pk in page.object_list]
        return page
    page = Paginator(qs.order_by(*SORTS[filters.sort]).values(*FIELDS), per_page).get_page(number)
    page.object_list = [present(r, counter) for r in page.object_list]
    return page


def present(r: dict[str, Any], counter: WorkdayCounter) -> dict[str, Any]:
    today = timezone.localdate()
    submitted = r["first_submitted_at"]
    day = timezone.localtime(submitted).date() if submitted else today
    late = counter.after(r["deadline"], day)
    return {
        "id": r["id"], "code": r["organ__code"], "organ": r["organ__name"], "kind": r["organ__kind"],
        "status": r["status"], "status_label": Status(r["status"]).label, "deadline": r["deadline"],
        "drafted_at": r["drafted_at"], "first_submitted_at": submitted, "submitted_at": r["submitted_at"],
        "returned_at": r["returned_at"], "accepted_at": r["accepted_at"], "published_at": r["published_at"],
        "late": late, "late_running": late > 0 and not submitted,
        "errors": r["error_count"], "warnings": r["warning_count"], "version": r["current__version"],
        "submission_id": r["current_id"], "source": r["current__source"],
        "new": r["current__new_received"], "carried": r["current__carried_over"],
        "disclosed": r["current__disclosed"],
        "rate": rate_text(r["current__appeals_corrected"], r["current__appeals_concluded"]) if r["current_id"] else "",
        "answers_late": r["current__answers_late"],
    }


def status_counts(season: Season) -> list[dict[str, Any]]:
    """How many entries are in each state (one grouped query), in the lifecycle's order."""
    found = dict(RosterEntry.objects.filter(season=season).values("status").annotate(n=Count("id")).values_list("status", "n"))
    return [{"status": s, "label": Status(s).label, "n": found.get(s, 0)} for s in STATUS_ORDER]


XLSX_COLUMNS = (
    ("机关", 34), ("状态", 8), ("报送期限", 12), ("首次报送", 12), ("最近退回", 12), ("审核通过", 12), ("公开", 12),
    ("逾期工作日", 10), ("错误", 6), ("警告", 6), ("版本", 6), ("本年新收", 10), ("上年结转", 10), ("予以公开", 10),
    ("复议诉讼纠错率", 12), ("逾期答复", 10),
)


def xlsx(season: Season, all_rows: list[dict[str, Any]]) -> bytes:
    import xlsxwriter

    def day(v) -> str:  # noqa: ANN001
        if v is None:
            return ""
        d = timezone.localtime(v).date() if hasattr(v, "hour") else v
        return d.isoformat()

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("报送情况")
    bold = book.add_format({"bold": True})
    sheet.write(0, 0, f"{season.supervisor.name}{season.year}年度政府信息公开工作年度报告报送情况", bold)
    for c, (title, width) in enumerate(XLSX_COLUMNS):
        sheet.write(1, c, title, bold)
        sheet.set_column(c, c, width)
    for i, r in enumerate(all_rows, start=2):
        values = (
            r["organ"], r["status_label"], day(r["deadline"]), day(r["first_submitted_at"]), day(r["returned_at"]),
            day(r["accepted_at"]), day(r["published_at"]), r["late"], r["errors"], r["warnings"], r["version"],
            r["new"], r["carried"], r["disclosed"], r["rate"], r["answers_late"],
        )
        for c, v in enumerate(values):
            if v is None or v == "":
                sheet.write_blank(i, c, None)
            else:
                sheet.write(i, c, v)
    book.close()
    return buf.getvalue()
