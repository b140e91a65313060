"""The official layout of a report as data: the title, the six parts, and each table as a grid of cells.

Every renderer (HTML, DOCX, XLSX, TXT; PDF through HTML) draws the same :class:`Layout`, so the
grid of ``annual-report.md`` §3/§4 is computed once, here, from ``ogi.spec`` — labels are never retyped.

A table is a :class:`Grid`: cells placed at (row, col) with row and column spans, in reading order.
Cells printed as values carry their cell path; their text is the printed text (``cells_meta`` raw, or the
number).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Literal

from ogi.errors import SpecError
from ogi.model import Number, Report
from ogi.spec import FORMATS, Block, Format
from ogi.spec.common import S3_APPLICANTS, S3_NOTE, S3_ORGS, S4_LITIGATION

Role = Literal["caption", "head", "label", "group", "value"]


@dataclass(frozen=True)
class Cell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    role: Role = "value"
    path: str = ""

    @property
    def merged(self) -> bool:
        return self.rowspan > 1 or self.colspan > 1


@dataclass(frozen=True)
class Grid:
    """One table: ``nrows`` × ``ncols`` grid positions, covered exactly once by ``cells``."""

    key: str  # s2, s3, s4
    nrows: int
    ncols: int
    cells: tuple[Cell, ...]

    def rows(self) -> list[list[Cell]]:
        """The cells that start in each grid row, left to right."""
        out: list[list[Cell]] = [[] for _ in range(self.nrows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        return [sorted(r, key=lambda c: c.col) for r in out]

    def owner(self, row: int, col: int) -> Cell:
        """The cell that covers a grid position."""
        return self._cover[(row, col)]

    @cached_property
    def _cover(self) -> dict[tuple[int, int], Cell]:
        return {
            (r, c): cell
            for cell in self.cells
            for r in range(cell.row, cell.row + cell.rowspan)
            for c in range(cell.col, cell.col + cell.colspan)
        }


def column_widths(grid: Grid) -> tuple[float, ...]:
    """Relative widths (summing to 100) of a grid's columns, the same in every renderer."""
    if grid.key == "s3":
        return (9.0, 9.0, 26.0) + (8.0,) * 7
    label = 28.0 if grid.ncols == 4 else 24.0
    if grid.key == "s2":
        return (label,) + ((100 - label) / (grid.ncols - 1),) * (grid.ncols - 1)
    return (100 / grid.ncols,) * grid.ncols


@dataclass(frozen=True)
class Part:
    """One of the six parts: its heading, narrative paragraphs, and table (二, 三, 四)."""

    key: str  # s1 … s6
    heading: str
    paragraphs: tuple[str, ...] = ()
    grid: Grid | None = None


@dataclass(frozen=True)
class Layout:
    title: str
    parts: tuple[Part, ...]


# -- printed values ---------------------------------------------------------------------------


def number_text(value: Number) -> str:
    """A number as printed: integers without decimals, money as a plain decimal (``0.28959``)."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f")
    return str(value)


def cell_text(report: Report, path: str) -> str:
    """The printed text of a cell: the raw text kept in ``cells_meta``, else the number; a cell the
    report does not have (not read from its source) stays empty rather than printing an invented 0."""
    meta = report.cells_meta.get(path)
    if meta is not None:
        return meta.raw
    return number_text(report.value(path)) if report.has(path) else ""


def report_title(report: Report) -> str:
    year = "" if report.year is None else f"{report.year}年"
    return f"{report.organ}{year}政府信息公开工作年度报告"


def paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p for p in text.split("\n") if p.strip())


# -- the layout -----------------------------------------------------------------------------


def report_layout(report: Report) -> Layout:
    """The whole document: title, then the six parts in order with their texts and tables."""
    spec = report.spec
    if spec is None:
        raise SpecError(
            f"无法按官方格式输出：报告格式为“{report.format}”，只支持 {'、'.join(FORMATS)} 格式"
        )
    texts = {
        "s1": report.sections.s1_text,
        "s5": report.sections.s5_text,
        "s6": report.sections.s6_text,
    }
    grids = {
        "s2": s2_grid(spec, report),
        "s3": s3_grid(s3_format(report, spec), report),
        "s4": s4_grid(spec, report),
    }
    parts = tuple(
        Part(h.key, h.label, paragraphs(texts.get(h.key, "")), grids.get(h.key))
        for h in spec.headings
    )
    return Layout(report_title(report), parts)


class _Builder:
    """Collects cells row by row; ``place`` puts a cell at the next free column of a row."""

    def __init__(self, key: str, ncols: int) -> None:
        self.key, self.ncols = key, ncols
        self.cells: list[Cell] = []
        self.taken: set[tuple[int, int]] = set()
        self.nrows = 0

    def place(
        self, row: int, text: str, role: Role, *, rs: int = 1, cs: int = 1, path: str = ""
    ) -> None:
        col = next(c for c in range(self.ncols) if (row, c) not in self.taken)
        self.cells.append(Cell(text, row, col, rs, cs, role, path))
        self.taken.update((r, c) for r in range(row, row + rs) for c in range(col, col + cs))
        self.nrows = max(self.nrows, row + rs)

    def grid(self) -> Grid:
        return Grid(self.key, self.nrows, self.ncols, tuple(self.cells))


# -- section 二 ---------------------------------------------------------------------------------

def s2_grid(spec: Format, report: Report) -> Grid:
    """The blocks one under another; the value columns span the grid as the format says (``s2_spans``)."""
    b = _Builder("s2", spec.s2_width)
    for block in spec.s2:
        _s2_block(b, block, report, spec.spans(len(block.columns)))
    return b.grid()


def _s2_block(b: _Builder, block: Block, report: Report, spans: tuple[int, ...]) -> None:
    row = b.nrows
    b.place(row, block.label, "caption", cs=b.ncols)
    b.place(row + 1, block.header, "head")
    for col, span in zip(block.columns, spans, strict=True):
        b.place(row + 1, col.label, "head", cs=span)
    for i, r in enumerate(block.rows, start=row + 2):
        b.place(i, r.label, "label")
        for col, span in zip(block.columns, spans, strict=True):
            path = f"s2.{block.key}.{r.key}.{col.key}"
            b.place(i, cell_text(report, path), "value", cs=span, path=path)


# -- section 三 ---------------------------------------------------------------------------------


def s3_format(report: Report, spec: Format) -> Format:
    """The format whose section 三 rows the report has: its own, or — for a report that mixes the two
    formats (2021 section 二 with the 2019 row （六）其他处理, seen in real reports) — the other one."""
    for candidate in (spec, *FORMATS.values()):
        if all(key in report.sections.s3 for key in candidate.other_rows):
            return candidate
    return spec


def s3_grid(spec: Format, report: Report) -> Grid:
    """10 columns: 3 label columns, 7 values; 3 header rows; group cells with their rowspans."""
    b = _Builder("s3", 10)
    _s3_header(b, spec)
    for i, row in enumerate(spec.s3_rows, start=3):
        groups = [g for g in spec.s3_groups if row.key in g.rows]
        for g in groups:
            if g.rows[0] == row.key:
                b.place(i, g.label, "group", rs=len(g.rows))
        b.place(i, row.label, "label", cs=3 - len(groups))
        for col in spec.s3_columns:
            path = f"s3.{row.key}.{col.key}"
            b.place(i, cell_text(report, path), "value", path=path)
    return b.grid()


def _s3_header(b: _Builder, spec: Format) -> None:
    cols = spec.s3_columns
    b.place(0, S3_NOTE, "head", rs=3, cs=3)
    b.place(0, S3_APPLICANTS, "head", cs=7)
    b.place(1, cols[0].label, "head", rs=2)
    b.place(1, S3_ORGS, "head", cs=5)
    b.place(1, cols[-1].label, "head", rs=2)
    for col in cols[1:-1]:
        b.place(2, col.label, "head")


# -- section 四 ---------------------------------------------------------------------------------


def s4_grid(spec: Format, report: Report) -> Grid:
    """15 value columns under 3 header rows, one data row (§3.3)."""
    review, *suits = spec.s4_groups
    n = len(spec.s4_columns)
    b = _Builder("s4", n * len(spec.s4_groups))
    b.place(0, review.label, "head", cs=n)
    b.place(0, S4_LITIGATION, "head", cs=n * len(suits))
    for col in spec.s4_columns:
        b.place(1, col.label, "head", rs=2)
    for g in suits:
        b.place(1, g.label, "head", cs=n)
        for col in spec.s4_columns:
            b.place(2, col.label, "head")
    for g in spec.s4_groups:
        for col in spec.s4_columns:
            path = f"s4.{g.key}.{col.key}"
            b.place(3, cell_text(report, path), "value", path=path)
    return b.grid()
