"""The report as a workbook (XlsxWriter): one sheet per part, in the order of the report, each named
after its heading (from ``ogi.spec``): 一, 五, 六 hold their heading and one paragraph per row, the
title above part 一; 二, 三, 四 hold their heading in A1 and the official grid from row 2, with its
merged ranges. So a workbook reads from first sheet to last like the printed report does.

A plain number is written as a number; any other printed value (blank, “—”, “0万元” …) as the text
it was printed as.
"""

from __future__ import annotations

import re
from io import BytesIO

import xlsxwriter

from ogi.model import Report

from .layout import Cell, Grid, Layout, Part, column_widths, report_layout

_PLAIN_NUMBER = re.compile(r"-?(0|[1-9]\d{0,14})(\.\d{1,9})?")


def layout_to_xlsx(layout: Layout) -> bytes:
    out = BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    formats = _formats(book)
    for i, part in enumerate(layout.parts):
        sheet = book.add_worksheet(part.heading[:31])
        top = 0
        if i == 0:
            sheet.write_string(0, 0, layout.title, formats["title"])
            top = 1
        if part.grid is None:
            write_text(sheet, part, formats, top=top)
        else:
            sheet.write_string(top, 0, part.heading, formats["heading"])
            write_grid(sheet, part.grid, formats, top=top + 1)
    book.close()
    return out.getvalue()


def _formats(book) -> dict:  # noqa: ANN001
    font = {"font_name": "宋体", "font_size": 10}
    cell = {**font, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
    return {
        "title": book.add_format({**font, "bold": True, "font_size": 16}),
        "heading": book.add_format({**font, "bold": True, "font_size": 12}),
        "text": book.add_format({**font, "text_wrap": True, "valign": "top"}),
        "cell": book.add_format(cell),
        "label": book.add_format({**cell, "align": "left"}),
    }


def write_text(sheet, part: Part, formats: dict, *, top: int) -> None:  # noqa: ANN001
    sheet.set_column(0, 0, 100)
    sheet.write_string(top, 0, part.heading, formats["heading"])
    for row, text in enumerate(part.paragraphs, start=top + 1):
        sheet.write_string(row, 0, text, formats["text"])


def write_grid(sheet, grid: Grid, formats: dict, *, top: int) -> None:  # noqa: ANN001
    for col, width in enumerate(column_widths(grid)):
        sheet.set_column(col, col, width * 1.2)
    for cell in grid.cells:
        fmt = formats["label"] if cell.role == "label" else formats["cell"]
        r, c = top + cell.row, cell.col
        if cell.merged:
            sheet.merge_range(r, c, r + cell.rowspan - 1, c + cell.colspan - 1, "", fmt)
        write_cell(sheet, r, c, cell, fmt)


def write_cell(sheet, row: int, col: int, cell: Cell, fmt) -> None:  # noqa: ANN001
    if cell.role == "value" and _PLAIN_NUMBER.fullmatch(cell.text):
        sheet.write_number(row, col, float(cell.text) if "." in cell.text else int(cell.text), fmt)
    elif cell.text:
        sheet.write_string(row, col, cell.text, fmt)
    else:
        sheet.write_blank(row, col, None, fmt)


def render_xlsx(report: Report) -> bytes:
    return layout_to_xlsx(report_layout(report))
