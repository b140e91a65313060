"""The counting basis of sections 三 and 四: every row and column of the two tables is one query filter.

The report's grouped counts (:meth:`Table.counts`) and the list behind a cell (:meth:`Table.cell`) both
read the filters below, so the number on the page and the applications (appeals) listed behind it
cannot drift apart. The decisions where no official text fixes the basis:

* 一 new_received: applications received in the year;
* 二 carried_over: last year's carry_forward, by definition (received before the year and not answered
  by its first day);
* 三 result rows: applications answered in the year, by outcome (2021 keys; for a 2019-format year the
  three （六） rows are the single r_other row); （七）总计: answered in the year with any outcome;
* 四 carry_forward: received by the end of the year and not answered by then;
* columns: the applicant type; 总计: all of them;
* section 四: appeals filed in the year, by kind, with their result as known at the end of the year
  (尚未审结 if undecided then).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_

from django.db.models import Count, Model, Q, QuerySet

from ogi.spec import Format, format_for_year
from ogi.spec.common import S3_COLUMNS, S4_COLUMNS, S4_GROUPS
from ogi.web.appeals.choices import AppealResult
from ogi.web.appeals.models import Appeal
from ogi.web.applications.choices import Outcome
from ogi.web.applications.models import Application

Counts = dict[str, dict[str, int]]  # row → column → n
TOTAL = "total"


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


@dataclass(frozen=True)
class Table:
    """A report table as query filters: cell (row, col) counts what ``rows[row] & columns[col]`` selects.

    One dimension partitions by the values of ``field`` (``Q(field=key)``, and ``total`` = all of them);
    the counts group by that field, with one filtered count per key of the other dimension."""

    section: str
    model: type[Model]
    rows: dict[str, Q]
    columns: dict[str, Q]
    field: str
    partition: str  # "rows" or "columns": the dimension that is ``Q(field=key)``

    def cell(self, row: str, col: str) -> Q:
        """The filter of one cell; ValueError (Chinese) for a row or column the table lacks."""
        if row not in self.rows or col not in self.columns:
            raise ValueError(f"「{self.section}.{row}.{col}」不是该年度报告的单元格")
        return self.rows[row] & self.columns[col]

    def counts(self, qs: QuerySet, group: tuple[str, ...] = ()) -> dict[object, Counts]:
        """Every cell's count in one grouped query: {group value (None without group): row → col → n}."""
        by_rows = self.partition == "rows"
        filters = self.columns if by_rows else self.rows
        parts = self.rows if by_rows else self.columns
        found = (
            qs.filter(reduce(or_, filters.values())).values(*group, self.field)
            .annotate(**{f"n_{k}": Count("pk", filter=q) for k, q in filters.items()})
            .order_by()
        )
        out: dict[object, Counts] = {}
        for g in found:
            table = out.setdefault(g[group[0]] if group else None, self.empty())
            for value in {g[self.field], TOTAL} & set(parts):
                for k in filters:
                    row, col = (value, k) if by_rows else (k, value)
                    table[row][col] += g[f"n_{k}"]
        return out

    def empty(self) -> Counts:
        return {r: dict.fromkeys(self.columns, 0) for r in self.rows}


def partition(field: str, keys: list[str], *, total: bool) -> dict[str, Q]:
    out = {k: Q(**{field: k}) for k in keys}
    return out | {TOTAL: Q()} if total else out


# ---------------------------------------------------------------- section 三


def result_outcomes(row: str, fmt: Format) -> tuple[str, ...]:
    """The outcomes (2021 keys) a result row counts; 2019's single （六）其他处理 takes the three （六） rows."""
    if row in Outcome.values:
        return (row,)
    if row in fmt.other_rows:  # outcomes the format has no row of their own for
        own = {r.key for r in fmt.s3_rows}
        return tuple(o for o in Outcome.values if o not in own)
    raise ValueError(f"「{row}」不是办理结果行")


def not_answered_by(day: date) -> Q:
    return Q(answered_on__isnull=True) | Q(answered_on__gt=day)


def s3_filter(row: str, year: int) -> Q:
    """The applications one section 三 row counts for a year."""
    start, end = year_bounds(year)
    fmt = format_for_year(year)
    answered_in = Q(answered_on__gte=start, answered_on__lte=end)
    if row == "new_received":
        return Q(received_on__gte=start, received_on__lte=end)
    if row == "carried_over":
        return s3_filter("carry_forward", year - 1)
    if row == "carry_forward":
        return Q(received_on__lte=end) & not_answered_by(end)
    if row == "r_total":
        results = [r.key for r in fmt.s3_rows if r.key.startswith("r_") and r.key != "r_total"]
        return answered_in & Q(outcome__in=[o for r in results for o in result_outcomes(r, fmt)])
    return answered_in & Q(outcome__in=result_outcomes(row, fmt))


def section3(year: int) -> Table:
    fmt = format_for_year(year)
    applicants = [c.key for c in S3_COLUMNS if c.key != TOTAL]
    return Table(
        "s3", Application, {r.key: s3_filter(r.key, year) for r in fmt.s3_rows},
        partition("applicant_type", applicants, total=True), "applicant_type", "columns",
    )


# ---------------------------------------------------------------- section 四


def s4_filter(column: str, year: int) -> Q:
    """The appeals filed in the year that one section 四 column counts (result as known at year end)."""
    start, end = year_bounds(year)
    filed_in = Q(filed_on__gte=start, filed_on__lte=end)
    decided = Q(decided_on__isnull=False, decided_on__lte=end)
    if column == TOTAL:
        return filed_in
    if column == AppealResult.PENDING:
        return filed_in & (Q(result=AppealResult.PENDING) | ~decided)
    return filed_in & Q(result=column) & decided


def section4(year: int) -> Table:
    return Table(
        "s4", Appeal, partition("kind", [g.key for g in S4_GROUPS], total=False),
        {c.key: s4_filter(c.key, year) for c in S4_COLUMNS}, "kind", "rows",
    )


# ---------------------------------------------------------------- a cell


def table_for(path: str, year: int) -> tuple[Table, Q]:
    """The table and filter of a cell path (``s3.<row>.<col>`` or ``s4.<group>.<col>``)."""
    parts = path.split(".")
    tables = {"s3": section3, "s4": section4}
    if len(parts) != 3 or parts[0] not in tables:
        raise ValueError(f"「{path}」不是{year}年度报告第三、四部分的单元格")
    table = tables[parts[0]](year)
    return table, table.cell(parts[1], parts[2])
