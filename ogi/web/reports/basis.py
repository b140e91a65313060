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
from functools import cache, cached_property, reduce
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
class Slice:
    """A part of a table counted by one grouped query: the objects ``where`` selects, grouped by the
    table's partition field and by ``by``. Each key of ``keys`` (rows of section 三, columns of section
    四) counts the objects whose ``by`` is among its values — all of them where the values are None.

    A key may take several slices; its slices are disjoint, so its count is their sum and its filter
    their union. Slices are drawn so that each query is a range of one index (a year of ``received_on``,
    of ``answered_on``, …): one query with a filtered count per cell over the union of all of them
    reads every row the report touches once per cell."""

    where: Q
    keys: dict[str, tuple[str, ...] | None]  # None: every object of the slice
    by: str | None = None

    def of(self, key: str) -> Q:
        values = self.keys[key]
        return self.where if values is None else self.where & Q(**{f"{self.by}__in": values})


@dataclass(frozen=True)
class Table:
    """A report table as query filters: cell (row, col) counts what ``rows[row] & columns[col]`` selects.

    One dimension partitions by the values of ``field`` (``Q(field=key)``, and ``total`` = all of them);
    the other is drawn by ``slices``, from which its filters are derived. The counts run one grouped
    query per slice."""

    section: str
    model: type[Model]
    field: str
    partition: str  # "rows" or "columns": the dimension that is ``Q(field=key)``
    parts: dict[str, Q]
    order: tuple[str, ...]  # the keys the slices draw, in the printed order
    slices: tuple[Slice, ...]

    def __post_init__(self) -> None:
        drawn = {key for s in self.slices for key in s.keys}
        if drawn != set(self.order):
            raise ValueError(f"{self.section}: keys without a counting basis or not in the table: {drawn ^ set(self.order)}")

    @cached_property
    def keyed(self) -> dict[str, Q]:
        """The filters of the dimension the slices draw: each key the union of its slices."""
        return {key: reduce(or_, [s.of(key) for s in self.slices if key in s.keys]) for key in self.order}

    @property
    def rows(self) -> dict[str, Q]:
        return self.parts if self.partition == "rows" else self.keyed

    @property
    def columns(self) -> dict[str, Q]:
        return self.keyed if self.partition == "rows" else self.parts

    def cell(self, row: str, col: str) -> Q:
        """The filter of one cell; ValueError (Chinese) for a row or column the table lacks."""
        rows, columns = self.rows, self.columns
        if row not in rows or col not in columns:
            raise ValueError(f"「{self.section}.{row}.{col}」不是该年度报告的单元格")
        return rows[row] & columns[col]

    def counts(self, qs: QuerySet, group: tuple[str, ...] = (), only: tuple[str, ...] | None = None) -> dict[object, Counts]:
        """Every cell's count, one grouped query per slice: {group value (None without group): row → col → n}.
        With ``only`` (keys the slices draw) just the slices drawing one of them are counted."""
        by_rows = self.partition == "rows"
        parts = set(self.parts)
        out: dict[object, Counts] = {}
        for s in self.slices:
            if only is not None and not set(only) & set(s.keys):
                continue
            fields = (*group, self.field, *((s.by,) if s.by else ()))
            # COUNT(*), not COUNT(id): PostgreSQL then answers the slice from its covering index alone
            for g in qs.filter(s.where).values(*fields).annotate(n=Count("*")).order_by():
                key = g[group[0]] if group else None
                if (table := out.get(key)) is None:
                    table = out[key] = self.empty()
                for value in {g[self.field], TOTAL} & parts:
                    for key, values in s.keys.items():
                        if values is not None and g[s.by] not in values:
                            continue
                        row, col = (value, key) if by_rows else (key, value)
                        table[row][col] += g["n"]
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


def unanswered_at(day: date) -> tuple[Q, Q]:
    """Received by ``day`` and not answered by then, as two disjoint parts: never answered, answered later.

    "Later" is the closed range (day, 9999-12-31]: the same set as ``answered_on > day``, which the
    databases' planners estimate as wide and read by the received-on index (all the organ's past
    years); the closed range they take the answered-on index for and read a few rows."""
    received = Q(received_on__lte=day)
    return (received & Q(answered_on__isnull=True),
            received & Q(answered_on__gt=day, answered_on__lte=date.max))


@cache
def section3(year: int) -> Table:
    """The applications each row counts: 新收 received in the year; 上年结转 last year's 结转下年度; the
    result rows answered in the year, by outcome ((七)总计: any result row's outcome); 结转下年度 received
    by the end of the year and not answered by then."""
    start, end = year_bounds(year)
    fmt = format_for_year(year)
    results = [r.key for r in fmt.s3_rows if r.key.startswith("r_") and r.key != "r_total"]
    by_row = {r: result_outcomes(r, fmt) for r in results}
    by_row["r_total"] = tuple(o for r in results for o in by_row[r])
    slices = [Slice(Q(received_on__gte=start, received_on__lte=end), {"new_received": None})]
    slices += [Slice(part, {"carried_over": None}) for part in unanswered_at(date(year - 1, 12, 31))]
    slices.append(Slice(Q(answered_on__gte=start, answered_on__lte=end), by_row, by="outcome"))
    slices += [Slice(part, {"carry_forward": None}) for part in unanswered_at(end)]
    applicants = [c.key for c in S3_COLUMNS if c.key != TOTAL]
    return Table("s3", Application, "applicant_type", "columns", partition("applicant_type", applicants, total=True),
                 tuple(r.key for r in fmt.s3_rows), tuple(slices))


# ---------------------------------------------------------------- section 四


@cache
def section4(year: int) -> Table:
    """The appeals filed in the year, by kind; the columns their result as known at the end of the year:
    decided by then with a result (结果维持/纠正/其他), or 尚未审结 (undecided then, or recorded so)."""
    start, end = year_bounds(year)
    filed_in = Q(filed_on__gte=start, filed_on__lte=end)
    decided = Q(decided_on__isnull=False, decided_on__lte=end) & ~Q(result=AppealResult.PENDING)
    results = [c.key for c in S4_COLUMNS if c.key not in (TOTAL, AppealResult.PENDING)]
    return Table(
        "s4", Appeal, "kind", "rows", partition("kind", [g.key for g in S4_GROUPS], total=False),
        tuple(c.key for c in S4_COLUMNS),
        (Slice(filed_in & decided, {r: (r,) for r in results} | {TOTAL: None}, by="result"),
         Slice(filed_in & ~decided, {AppealResult.PENDING: None, TOTAL: None})),
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
