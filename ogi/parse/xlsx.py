"""XLSX reader: every visible sheet's rows → :class:`SourceDoc` (openpyxl, read-only mode).

Stages: ``check_zip`` → ``bytes_to_workbook`` → ``sheet_to_pieces`` per sheet, in workbook order.

- A row holding a single written cell that no merged range covers (a heading, a paragraph of running
  text, a sheet with one column) becomes a line piece (``cell=False``): that is how the official
  layout writes headings and the text sheet.
- Every other row becomes cell pieces across the sheet's used width: blank cells are kept as empty
  pieces, positions covered by a merged range (other than its top-left cell) are skipped — the same
  stream as the HTML and DOCX readers. Rows with no written cell at all are skipped.
- Numbers are written as printed: ``12`` not ``12.0``; ``7730.28`` stays ``7730.28``; never in
  exponent form (``0.00005``, not ``5e-05``).

Read-only mode does not expose merged ranges, so they are read from the sheet's XML
(``<mergeCell ref="A2:C4"/>``). Hidden sheets are skipped with a note.

Bounds (a 12 KB file can declare ``A1:XFD1048576``, 17 billion cells): a sheet is read over its
declared ``<dimension>`` only if that area is at most ``MAX_CELLS``; otherwise (or without one) the
area is measured from the rows actually written, stopping as soon as it passes the bound. The whole
workbook may have at most ``MAX_CELLS`` cells (the official workbook has about 2,500). A merged range
larger than ``MAX_CELLS`` is refused (no report merges that much; ``A1:XFD1048576`` is a trap); the
others are clipped to the area read (nothing lies outside it, so nothing is lost), and their clipped
cells may add up to ``MAX_CELLS`` at most. Past a bound the file is refused with the sheet and the numbers.
``where`` is “工作表“三、收到和处理政府信息公开申请情况”C5”.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Iterable
from decimal import Decimal

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from ogi.errors import EmptyDocument, ParseError, UnsupportedFormat

from .document import Piece, SourceDoc
from .safety import check_size, check_zip

_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
MAX_CELLS = 100_000  # cells read from one workbook (rows × columns of each sheet's area, added up)
Area = tuple[
    int, int, int, int
]  # (min_col, min_row, max_col, max_row), as openpyxl's range_boundaries


def read_xlsx(data: bytes, where: str) -> SourceDoc:
    """Read an .xlsx workbook. Raises ``UnsupportedFormat``, ``ParseError`` or ``EmptyDocument``."""
    check_size(data, where)
    check_zip(data, where, member="xl/workbook.xml", kind="Excel（.xlsx）")
    book = bytes_to_workbook(data, where)
    pieces: list[Piece] = []
    notes: list[str] = []
    budget = MAX_CELLS
    sheet_name = ""  # the sheet being read, for the message
    try:
        for sheet in book.worksheets:
            sheet_name = f"“{sheet.title}”"
            if sheet.sheet_state != "visible":
                notes.append(f"隐藏的工作表“{sheet.title}”未读取")
                continue
            area = sheet_area(sheet, budget, where)
            budget -= _size(area)
            merged = covered_positions(merged_ranges(book, sheet), area, sheet.title, where)
            pieces.extend(sheet_to_pieces(sheet, merged, area))
    except ParseError:
        raise
    except Exception as exc:  # openpyxl and lxml raise many kinds on broken sheets
        raise ParseError(
            f"Excel 工作表{sheet_name}已损坏，无法读取（{exc.__class__.__name__}）", where=where
        ) from exc
    finally:
        book.close()
    if not any(p.text for p in pieces):
        raise EmptyDocument("Excel 文件里没有可读取的内容", where=where)
    return SourceDoc("xlsx", tuple(pieces), {}, tuple(notes))


def bytes_to_workbook(data: bytes, where: str) -> openpyxl.Workbook:
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # InvalidFileException, KeyError, lxml errors, zip errors…
        raise ParseError(
            f"Excel 文件已损坏，无法读取（{exc.__class__.__name__}）", where=where
        ) from exc


def sheet_area(sheet, budget: int, where: str) -> Area:  # noqa: ANN001
    """The area of the sheet to read: its declared ``<dimension>`` if present, not inverted and within ``budget``
    cells, else the rows actually written, measured row by row and refused as soon as they pass it."""
    declared = (sheet.min_column or 1, sheet.min_row or 1, sheet.max_column, sheet.max_row)
    if None not in declared and 0 < _size(declared) <= budget:
        return declared
    sheet.reset_dimensions()  # the <dimension> is missing or not to be trusted: measure
    width = height = 0
    for r, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if row:
            width, height = max(width, len(row)), r
        if max(width, 1) * r > budget:
            _too_many_cells(sheet.title, f"至少 {width} 列 × {r} 行", where)
    return (1, 1, max(width, 1), max(height, 1))


def _size(area: Area) -> int:
    c0, r0, c1, r1 = area
    return max(c1 - c0 + 1, 0) * max(r1 - r0 + 1, 0)


def _too_many_cells(title: str, what: str, where: str) -> None:
    raise UnsupportedFormat(
        f"Excel 工作表“{title}”的范围过大（{what}），整个文件的单元格超过 {MAX_CELLS} 个上限，不像年度报告，拒绝读取",
        where=where,
    )


def merged_ranges(book: openpyxl.Workbook, sheet) -> list[Area]:  # noqa: ANN001
    """(min_col, min_row, max_col, max_row) of every merged range of the sheet, from its XML;
    a reference beyond Excel's grid (column XFD, row 1,048,576) is left out."""
    path = getattr(sheet, "_worksheet_path", None)
    archive = getattr(book, "_archive", None)
    if not path or archive is None:
        return []
    xml = archive.read(path)
    out: list[Area] = []
    for ref in _MERGE.findall(xml):
        try:
            out.append(range_boundaries(ref.decode()))
        except ValueError:  # a column past XFD: no such cell exists
            continue
    return out


def covered_positions(
    ranges: Iterable[Area], area: Area, title: str, where: str
) -> dict[tuple[int, int], bool]:
    """(row, col) → True for a merged range's top-left cell, False for the positions it covers; only
    positions inside the area read (nothing lies outside it). The ranges of a sound sheet never
    overlap, so they cannot cover more than ``MAX_CELLS``; past that the file is refused."""
    c0, r0, c1, r1 = area
    covered: dict[tuple[int, int], bool] = {}
    total = 0
    for a0, b0, a1, b1 in ranges:
        if _size((a0, b0, a1, b1)) > MAX_CELLS:
            ref = f"{get_column_letter(a0)}{b0}:{get_column_letter(a1)}{b1}"
            raise UnsupportedFormat(
                f"Excel 工作表“{title}”的合并单元格 {ref} 过大（{_size((a0, b0, a1, b1)):,} 个单元格，上限 {MAX_CELLS:,}），不像年度报告，拒绝读取",
                where=where,
            )
        rows, cols = range(max(b0, r0), min(b1, r1) + 1), range(max(a0, c0), min(a1, c1) + 1)
        total += len(rows) * len(cols)
        if total > MAX_CELLS:
            raise UnsupportedFormat(
                f"Excel 工作表“{title}”的合并单元格互相重叠，合计超过 {MAX_CELLS} 个单元格，文件已损坏，拒绝读取",
                where=where,
            )
        for r in rows:
            for c in cols:
                covered[(r, c)] = (r, c) == (b0, a0)
    return covered


def cell_text(value: object) -> str:
    """A cell value as printed: integers without “.0”, dates as YYYY-MM-DD, text stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return " ".join(str(value).split())


def number_text(value: float) -> str:
    """A float as a spreadsheet shows it, never in exponent form: 12.0 → “12”, 5e-05 → “0.00005”,
    1e+16 → “10000000000000000” (``repr`` gives the shortest digits that read back the same float)."""
    if not math.isfinite(value):
        return repr(value)
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def sheet_to_pieces(sheet, merged: dict[tuple[int, int], bool], area: Area) -> list[Piece]:  # noqa: ANN001
    """One sheet's rows over the area: single-cell rows as line pieces, others as cell pieces
    (blanks kept); ``merged`` is :func:`covered_positions`."""
    first, top, last, bottom = area
    pieces: list[Piece] = []
    for r, row in enumerate(
        sheet.iter_rows(min_row=top, max_row=bottom, min_col=first, max_col=last), start=top
    ):
        written = [
            (c, cell)
            for c, cell in enumerate(row, start=first)
            if getattr(cell, "coordinate", None)
        ]
        if not written:
            continue
        if len(written) == 1 and (r, written[0][0]) not in merged:
            c, cell = written[0]
            text = cell_text(cell.value)
            if text:
                pieces.append(Piece(text, _where(sheet, r, c), False))
            continue
        pieces.extend(_row_cells(sheet, r, row, first, merged))
    return pieces


def _row_cells(
    sheet, r: int, row: tuple, first: int, merged: dict[tuple[int, int], bool]
) -> list[Piece]:  # noqa: ANN001
    return [
        Piece(cell_text(cell.value), _where(sheet, r, c), True)
        for c, cell in enumerate(row, start=first)
        if merged.get((r, c), True)
    ]


def _where(sheet, row: int, col: int) -> str:  # noqa: ANN001
    return f"工作表“{sheet.title}”{get_column_letter(col)}{row}"
