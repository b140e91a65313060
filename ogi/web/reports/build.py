"""The annual report from the registers, aggregated by the database.

Sections 三 and 四 count what the filters of :mod:`.basis` select (the counting basis is stated
there, once); section 二 comes from ProactiveCount, texts 一/五/六 from ReportText (六 pre-filled with
the 信息处理费 facts).

Everything is counted with grouped queries (``values(...).annotate(Count)``), never by looping over
applications in Python, so that all organs' reports for a year take a few queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, DecimalField, QuerySet, Sum

from ogi.model import Report, blank_report, cell_meta, set_value
from ogi.spec import format_for_year
from ogi.web.appeals.models import Appeal
from ogi.web.applications.models import Application
from ogi.web.organs.models import Organ

from . import basis
from .basis import Counts, year_bounds
from .models import ProactiveCount, ReportText

# sums of section 二 over many organs may need more digits than one stored cell
SUM_FIELD = DecimalField(max_digits=30, decimal_places=4)


def organ_ids(organ: Organ, include_children: bool) -> list[int]:
    return organ.subtree_ids() if include_children else [organ.pk]


# ---------------------------------------------------------------- sections 三 and 四


def _of_organs(qs: QuerySet, ids: Iterable[int] | None) -> QuerySet:
    return qs if ids is None else qs.filter(organ_id__in=list(ids))


def _counts(table: basis.Table, ids: Iterable[int] | None, by_organ: bool,
            only: tuple[str, ...] | None = None) -> dict[int | None, Counts]:
    group = ("organ_id",) if by_organ else ()
    return table.counts(_of_organs(table.model.objects.all(), ids), group, only)


def section3_counts(ids: Iterable[int] | None, year: int, *, by_organ: bool = False,
                    only: tuple[str, ...] | None = None) -> dict[int | None, Counts]:
    """Every section 三 cell for the organs ``ids`` (None: all organs), one grouped query per slice.

    With ``by_organ`` one entry per organ id; otherwise one entry (key None) summing all of them.
    With ``only`` just the slices of those rows are counted (the other rows stay 0)."""
    return _counts(basis.section3(year), ids, by_organ, only)


def section4_counts(ids: Iterable[int] | None, year: int, *, by_organ: bool = False) -> dict[int | None, Counts]:
    """Every section 四 cell (appeals filed in the year, result as known at its end), in one grouped query."""
    return _counts(basis.section4(year), ids, by_organ)


def fill_section3(report: Report, counts: Counts) -> None:
    report.sections.s3 = counts or basis.section3(report.year).empty()


def fill_section4(report: Report, counts: Counts) -> None:
    report.sections.s4 = counts or basis.section4(report.year).empty()


# ---------------------------------------------------------------- section 二 and texts


def fill_section2(report: Report, ids: list[int], year: int) -> None:
    """Section 二 from the proactive counts (summed over the organs); a cell never entered is blank
    (``cells_meta`` semantic blank, printed empty), not 0 — rule RC-4 says so."""
    spec = report.spec
    wanted = spec.s2_paths()
    rows = (
        ProactiveCount.objects.filter(organ_id__in=ids, year=year, path__in=wanted)
        .values("path").annotate(total=Sum("value", output_field=SUM_FIELD)).order_by()
    )
    entered = {g["path"]: g["total"] for g in rows}
    for path in wanted:
        value = entered.get(path)
        if value is None:
            report.cells_meta[path] = cell_meta("", "blank")
            continue
        set_value(report, path, value if spec.column_kind(path) == "money" else int(value))


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


def _blank(organ: Organ, year: int, include_children: bool) -> Report:
    """An empty report of the year's format, its source the organ's registers."""
    report = blank_report(format_for_year(year).name, year=year, organ=organ.name)
    report.source.kind = "register"
    report.source.path = f"register:{organ.code}:{year}" + (":children" if include_children else "")
    return report


def build_report(organ: Organ, year: int, *, include_children: bool = False) -> Report:
    """The annual report of ``organ`` for ``year`` from the registers (format by year)."""
    ids = organ_ids(organ, include_children)
    report = _blank(organ, year, include_children)
    fill_section2(report, ids, year)
    fill_section3(report, section3_counts(ids, year).get(None, {}))
    fill_section4(report, section4_counts(ids, year).get(None, {}))
    fill_texts(report, organ, ids, year)
    return report


def previous_report(organ: Organ, year: int, *, include_children: bool = False, current: Report | None = None) -> Report:
    """Last year's report as the cross-year rules read it (RX-1 … RX-3): its section 二 and its 结转下年度
    row; the other cells are left out (section 二 cells never entered are blank, which RX-2/RX-3 leave out).

    By the counting basis (:func:`.basis.section3`) last year's 结转下年度 and this year's 上年结转 are one
    filter: given this year's report (``current``) the row is taken from it rather than counted again."""
    ids = organ_ids(organ, include_children)
    report = _blank(organ, year - 1, include_children)
    fill_section2(report, ids, year - 1)
    if current is not None:
        carried = current.sections.s3["carried_over"]
    else:
        counted = section3_counts(ids, year, only=("carried_over",)).get(None) or basis.section3(year).empty()
        carried = counted["carried_over"]
    report.sections.s3 = {"carry_forward": dict(carried)}
    return report


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


def cell_objects(organ: Organ, year: int, path: str, *, include_children: bool = False) -> QuerySet:
    """The applications (``s3.<row>.<col>``) or appeals (``s4.<group>.<col>``) counted in one cell."""
    table, where = basis.table_for(path, year)
    qs = table.model.objects.filter(organ_id__in=organ_ids(organ, include_children)).filter(where)
    order = "received_on" if table.model is Application else "filed_on"
    return qs.order_by(order, "id")


def cell_applications(organ: Organ, year: int, path: str, *, include_children: bool = False) -> QuerySet[Application]:
    """The applications behind one section 三 cell (``s3.<row>.<col>``)."""
    if not path.startswith("s3."):
        raise ValueError(f"「{path}」不是第三部分的单元格")
    return cell_objects(organ, year, path, include_children=include_children)


def cell_appeals(organ: Organ, year: int, path: str, *, include_children: bool = False) -> QuerySet[Appeal]:
    """The appeals behind one section 四 cell (``s4.<group>.<col>``)."""
    if not path.startswith("s4."):
        raise ValueError(f"「{path}」不是第四部分的单元格")
    return cell_objects(organ, year, path, include_children=include_children)
