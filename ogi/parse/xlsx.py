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

from ogi.errors import EmptyDocument, ParseError

from .document import Piece, SourceDoc
from .safety import check_size, check_zip

_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")


def read_xlsx(data: bytes, where: str) -> SourceDoc:
    """Read an .xlsx workbook. Raises ``UnsupportedFormat``, ``ParseError`` or ``EmptyDocument``."""
    check_size(data, where)
    check_zip(data, where, member="xl/workbook.xml", kind="Excel（.xlsx）")
    book = bytes_to_workbook(data, where)
    pieces: list[Piece] = []
    notes: list[str] = []
    try:
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                notes.append(f"隐藏的工作表“{sheet.title}”未读取")
                continue
            pieces.extend(sheet_to_pieces(sheet, merged_ranges(book, sheet)))
    except Exception as exc:  # openpyxl raises many kinds on broken sheets
        raise ParseError(f"Excel 工作表无法读取（{exc.__class__.__name__}）", where=where) from exc
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


def merged_ranges(book: openpyxl.Workbook, sheet) -> list[tuple[int, int, int, int]]:  # noqa: ANN001
    """(min_col, min_row, max_col, max_row) of every merged range of the sheet, from its XML."""
    path = getattr(sheet, "_worksheet_path", None)
    archive = getattr(book, "_archive", None)
    if not path or archive is None:
        return []
    xml = archive.read(path)
    return [range_boundaries(ref.decode()) for ref in _MERGE.findall(xml)]


def covered_positions(ranges: Iterable[tuple[int, int, int, int]]) -> dict[tuple[int, int], bool]:
    """(row, col) → True for a merged range's top-left cell, False for the positions it covers."""
    covered: dict[tuple[int, int], bool] = {}
    for c0, r0, c1, r1 in ranges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                covered[(r, c)] = (r, c) == (r0, c0)
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


def sheet_to_pieces(sheet, ranges: list[tuple[int, int, int, int]]) -> list[Piece]:  # noqa: ANN001
    """One sheet's rows: single-cell rows as line pieces, others as cell pieces (blanks kept)."""
    merged = covered_positions(ranges)
    if sheet.max_column is None:  # the file has no <dimension>: measure the sheet by reading it
        sheet.calculate_dimension(force=True)
    first = sheet.min_column or 1
    pieces: list[Piece] = []
    for r, row in enumerate(
        sheet.iter_rows(min_col=first, max_col=sheet.max_column or first), start=sheet.min_row or 1
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
