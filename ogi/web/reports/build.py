"""The annual report from the registers, aggregated by the database.

Counting basis (issue 3; the lead's decisions where no official text fixes it):

* 一 new_received: applications received in the year, by applicant type;
* 二 carried_over: received before the year and not answered before it — by construction last year's
  carry_forward;
* 三 result rows: applications answered in the year, by outcome (2021 keys; for a 2019-format year
  the three r_other_* rows are the single r_other row); r_total = their sum;
* 四 carry_forward: received by the end of the year and not answered by then;
* section 四: appeals filed in the year, with their result as known at the end of the year (pending if
  undecided then);
* section 二 from ProactiveCount, texts 一/五/六 from ReportText (六 pre-filled with the 信息处理费 facts).

Everything is counted with grouped queries (``values(...).annotate(Count)``), never by looping over
applications in Python, so that all organs' reports for a year take a few queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from ogi.model import Report, blank_report, set_value
from ogi.spec import format_for_year
from ogi.web.appeals.choices import AppealResult
from ogi.web.appeals.models import Appeal
from ogi.web.applications.choices import OTHER_2021
from ogi.web.applications.models import Application
from ogi.web.organs.models import Organ

from .models import ProactiveCount, ReportText

APPLICANT_COLUMNS = (
    "natural_person", "org_commercial", "org_research", "org_public_welfare", "org_legal_service", "org_other",
)
S4_RESULTS = ("upheld", "corrected", "other", "pending")
Counts = dict[str, dict[str, int]]  # row → column → n


S2_NOT_ENTERED = "S-s2-not-entered"


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def organ_ids(organ: Organ, include_children: bool) -> list[int]:
    return organ.subtree_ids() if include_children else [organ.pk]


def row_for(outcome: str, format_name: str) -> str:
    """The section 三 row an outcome is counted in for a format (2019: the three r_other_* are r_other)."""
    return "r_other" if format_name == "2019" and outcome in OTHER_2021 else outcome


# ---------------------------------------------------------------- section 三


def _of_organs(qs: QuerySet, ids: Iterable[int] | None) -> QuerySet:
    return qs if ids is None else qs.filter(organ_id__in=list(ids))


def section3_counts(ids: Iterable[int] | None, year: int, *, by_organ: bool = False) -> dict[int | None, Counts]:
    """Section 三 numbers (without 总计 column and r_total) for the organs ``ids`` (None: all organs).

    With ``by_organ`` one entry per organ id; otherwise one entry (key None) summing all of them.
    Two grouped queries, whatever the number of organs and applications.
    """
    start, end = year_bounds(year)
    fmt = format_for_year(year).name
    base = _of_organs(Application.objects.all(), ids)
    group = ("organ_id",) if by_organ else ()
    out: dict[int | None, Counts] = defaultdict(lambda: defaultdict(dict))
    heads = (
        base.filter(Q(received_on__lte=end), Q(answered_on__isnull=True) | Q(answered_on__gte=start))
        .values(*group, "applicant_type")
        .annotate(
            new_received=Count("id", filter=Q(received_on__gte=start)),
            carried_over=Count("id", filter=Q(received_on__lt=start)),
            carry_forward=Count("id", filter=Q(answered_on__isnull=True) | Q(answered_on__gt=end)),
        )
        .order_by()
    )
    for g in heads:
        counts = out[g.get("organ_id")]
        for row in ("new_received", "carried_over", "carry_forward"):
            counts[row][g["applicant_type"]] = g[row]
    results = (
        base.filter(answered_on__gte=start, answered_on__lte=end)
        .values(*group, "outcome", "applicant_type")
        .annotate(n=Count("id"))
        .order_by()
    )
    for g in results:
        row = out[g.get("organ_id")][row_for(g["outcome"], fmt)]
        row[g["applicant_type"]] = row.get(g["applicant_type"], 0) + g["n"]
    return out


def fill_section3(report: Report, counts: Counts) -> None:
    """Write counts into the report, with the 总计 column as row sums and r_total as the results' sum."""
    spec = report.spec
    results = [r.key for r in spec.s3_rows if r.key.startswith("r_") and r.key != "r_total"]
    for row in spec.s3_rows:
        if row.key == "r_total":
            values = {c: sum(counts.get(r, {}).get(c, 0) for r in results) for c in APPLICANT_COLUMNS}
        else:
            got = counts.get(row.key, {})
            values = {c: got.get(c, 0) for c in APPLICANT_COLUMNS}
        values["total"] = sum(values.values())
        report.sections.s3[row.key] = values


# ---------------------------------------------------------------- section 四


def section4_counts(ids: Iterable[int] | None, year: int, *, by_organ: bool = False) -> dict[int | None, Counts]:
    """Section 四: appeals filed in the year by kind, with the result known at the year's end."""
    start, end = year_bounds(year)
    decided = Q(decided_on__isnull=False, decided_on__lte=end)
    annotations = {
        r: Count("id", filter=Q(result=r) & decided) for r in ("upheld", "corrected", "other")
    }
    annotations["pending"] = Count("id", filter=Q(result=AppealResult.PENDING) | ~decided)
    group = ("organ_id",) if by_organ else ()
    rows = (
        _of_organs(Appeal.objects.all(), ids).filter(filed_on__gte=start, filed_on__lte=end)
        .values(*group, "kind")
        .annotate(**annotations)
        .order_by()
    )
    out: dict[int | None, Counts] = defaultdict(dict)
    for g in rows:
        out[g.get("organ_id")][g["kind"]] = {r: g[r] for r in S4_RESULTS}
    return out


def fill_section4(report: Report, counts: Counts) -> None:
    for group in report.spec.s4_groups:
        got = counts.get(group.key, {})
        values = {r: got.get(r, 0) for r in S4_RESULTS}
        values["total"] = sum(values.values())
        report.sections.s4[group.key] = values


# ---------------------------------------------------------------- section 二 and texts


def fill_section2(report: Report, ids: list[int], year: int) -> int:
    """Section 二 from the proactive counts (summed over the organs); returns how many cells were entered."""
    spec = report.spec
    wanted = set(spec.s2_paths())
    rows = (
        ProactiveCount.objects.filter(organ_id__in=ids, year=year, path__in=wanted)
        .values("path").annotate(total=Sum("value")).order_by()
    )
    entered = 0
    for g in rows:
        value = g["total"]
        if spec.column_kind(g["path"]) != "money":
            value = int(value)
        set_value(report, g["path"], value)
        entered += 1
    return entered


def fee_facts(ids: list[int], year: int) -> tuple[int, Decimal]:
    """How many fees were paid in the year and how much (元)."""
    start, end = year_bounds(year)
    agg = Application.objects.filter(
        organ_id__in=ids, fee_paid_on__gte=start, fee_paid_on__lte=end
    ).aggregate(n=Count("id"), total=Sum("fee_amount"))
    return agg["n"], agg["total"] or Decimal(0)


def default_s6_text(ids: list[int], year: int) -> str:
    n, total = fee_facts(ids, year)
    if n == 0:
        return f"{year}年度本机关未收取政府信息公开信息处理费。"
    return f"{year}年度本机关依据《政府信息公开信息处理费管理办法》收取信息处理费{n}件，共计{total:.2f}元。"


def fill_texts(report: Report, organ: Organ, ids: list[int], year: int) -> None:
    texts = dict(ReportText.objects.filter(organ=organ, year=year).values_list("section", "text"))
    report.sections.s1_text = texts.get("s1", "")
    report.sections.s5_text = texts.get("s5", "")
    report.sections.s6_text = texts.get("s6") or default_s6_text(ids, year)


# ---------------------------------------------------------------- the report


def build_report(organ: Organ, year: int, *, include_children: bool = False) -> Report:
    """The annual report of ``organ`` for ``year`` from the registers (format by year)."""
    ids = organ_ids(organ, include_children)
    report = blank_report(format_for_year(year).name, year=year, organ=organ.name)
    report.source.kind = "register"
    report.source.path = f"register:{organ.code}:{year}" + (":children" if include_children else "")
    if not fill_section2(report, ids, year):
        report.diagnose("warning", S2_NOT_ENTERED, "第二部分（主动公开政府信息情况）尚未填报，表中暂按 0 显示")
    fill_section3(report, section3_counts(ids, year).get(None, {}))
    fill_section4(report, section4_counts(ids, year).get(None, {}))
    fill_texts(report, organ, ids, year)
    return report


def previous_report(organ: Organ, year: int, *, include_children: bool = False) -> Report:
    """Last year's report for the cross-year rules; section 二 counts never entered are left out
    (not read as zeros), so RX-2/RX-3 compare only what was really recorded."""
    previous = build_report(organ, year - 1, include_children=include_children)
    if any(d.code == S2_NOT_ENTERED for d in previous.diagnostics):
        previous.sections.s2 = {}
    return previous


def build_all(year: int, organs: Iterable[Organ] | None = None) -> dict[int, Report]:
    """Sections 三 and 四 of every organ's own report for a year: four grouped queries in all."""
    chosen = None if organs is None else list(organs)
    ids = None if chosen is None else [o.pk for o in chosen]
    organs = chosen if chosen is not None else list(Organ.objects.all())
    s3 = section3_counts(ids, year, by_organ=True)
    s4 = section4_counts(ids, year, by_organ=True)
    fmt = format_for_year(year).name
    out: dict[int, Report] = {}
    for organ in organs:
        report = blank_report(fmt, year=year, organ=organ.name)
        fill_section3(report, s3.get(organ.pk, {}))
        fill_section4(report, s4.get(organ.pk, {}))
        out[organ.pk] = report
    return out


def check(report: Report, previous: Report | None = None) -> list:
    """The core's findings for the report, with the cross-year rules when ``previous`` is given."""
    try:
        from ogi.rules import check as rules_check
    except ImportError:  # pragma: no cover - the checker is built in parallel
        return []
    return list(rules_check(report, previous))


# ---------------------------------------------------------------- every cell opens its list


def cell_applications(organ: Organ, year: int, path: str, *, include_children: bool = False) -> QuerySet[Application]:
    """The applications behind one section 三 cell (``s3.<row>.<col>``)."""
    parts = path.split(".")
    fmt = format_for_year(year)
    if len(parts) != 3 or parts[0] != "s3" or parts[1] not in {r.key for r in fmt.s3_rows}:
        raise ValueError(f"「{path}」不是{year}年度报告第三部分的单元格")
    if parts[2] not in APPLICANT_COLUMNS + ("total",):
        raise ValueError(f"「{path}」的列不存在")
    qs = Application.objects.filter(organ_id__in=organ_ids(organ, include_children))
    qs = qs.filter(_row_filter(parts[1], year))
    if parts[2] != "total":
        qs = qs.filter(applicant_type=parts[2])
    return qs.order_by("received_on", "id")


def _row_filter(row: str, year: int) -> Q:
    start, end = year_bounds(year)
    not_answered_before = Q(answered_on__isnull=True) | Q(answered_on__gte=start)
    answered_in = Q(answered_on__gte=start, answered_on__lte=end)
    if row == "new_received":
        return Q(received_on__gte=start, received_on__lte=end)
    if row == "carried_over":
        return Q(received_on__lt=start) & not_answered_before
    if row == "carry_forward":
        return Q(received_on__lte=end) & (Q(answered_on__isnull=True) | Q(answered_on__gt=end))
    if row == "r_total":
        return answered_in
    if row == "r_other":
        return answered_in & Q(outcome__in=OTHER_2021)
    return answered_in & Q(outcome=row)
