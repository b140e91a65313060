"""The report as a Word document (python-docx): A4, real tables with merged cells, East Asian fonts.

Fonts: 黑体 for the title and headings, 仿宋 for running text, 宋体 for tables — the fonts shipped with
every Chinese Windows; the Latin fallback is Times New Roman. Each run names its East Asian font
(``w:eastAsia``), so Word does not fall back to a Latin font for Chinese text.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..model import Report
from .layout import Cell, Grid, Layout, Part, column_widths, report_layout

LATIN = "Times New Roman"
TEXT_WIDTH_MM = 170
TITLE_FONT, HEADING_FONT, BODY_FONT, TABLE_FONT = "宋体", "黑体", "仿宋", "宋体"


def set_font(run, east_asian: str, size: float, *, bold: bool = False) -> None:  # noqa: ANN001
    """Name the Latin and the East Asian font of a run (``w:rFonts/@w:eastAsia``)."""
    run.font.name = LATIN
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def add_text(doc, text: str, font: str, size: float, *, bold: bool = False, center: bool = False):  # noqa: ANN001, ANN201
    para = doc.add_paragraph()
    set_font(para.add_run(text), font, size, bold=bold)
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return para


def a4(doc) -> None:  # noqa: ANN001
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(22)


def layout_to_docx(layout: Layout) -> bytes:
    doc = Document()
    a4(doc)
    add_text(doc, layout.title, TITLE_FONT, 18, bold=True, center=True)
    for part in layout.parts:
        add_part(doc, part)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def add_part(doc, part: Part) -> None:  # noqa: ANN001
    add_text(doc, part.heading, HEADING_FONT, 14)
    for text in part.paragraphs:
        para = add_text(doc, text, BODY_FONT, 12)
        para.paragraph_format.first_line_indent = Pt(24)
    if part.grid is not None:
        add_grid(doc, part.grid)


def add_grid(doc, grid: Grid) -> None:  # noqa: ANN001
    table = doc.add_table(rows=grid.nrows, cols=grid.ncols)
    table.style = "Table Grid"
    table.autofit = False
    widths = [Mm(TEXT_WIDTH_MM * w / 100) for w in column_widths(grid)]
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    size = 7.5 if grid.key == "s4" else 9
    for cell in grid.cells:
        target = table.cell(cell.row, cell.col)
        if cell.merged:
            target = target.merge(table.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1))
        fill_cell(target, cell, size)


def fill_cell(target, cell: Cell, size: float) -> None:  # noqa: ANN001
    target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    para = target.paragraphs[0]
    if cell.role != "label":
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(para.add_run(cell.text), TABLE_FONT, size, bold=cell.role == "caption")


def render_docx(report: Report) -> bytes:
    return layout_to_docx(report_layout(report))
