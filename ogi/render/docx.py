"""The report as a Word document (python-docx): A4, real tables with merged cells, East Asian fonts.

Fonts: 黑体 for the title and headings, 仿宋 for running text, 宋体 for tables — the fonts shipped with
every Chinese Windows; the Latin fallback is Times New Roman. Each run names its East Asian font
(``w:eastAsia``), so Word does not fall back to a Latin font for Chinese text.
"""

from __future__ import annotations

from copy import deepcopy
from functools import lru_cache
from io import BytesIO

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import _Cell

from ogi.model import Report

from .layout import Cell, Grid, Layout, Part, column_widths, report_layout

LATIN = "Times New Roman"
TEXT_WIDTH_MM = 170
TITLE_FONT, HEADING_FONT, BODY_FONT, TABLE_FONT = "宋体", "黑体", "仿宋", "宋体"


def set_font(run, east_asian: str, size: float, *, bold: bool = False) -> None:  # noqa: ANN001
    """Give a run its fonts: Latin, East Asian (``w:rFonts/@w:eastAsia``), size, weight."""
    run._element.insert(0, deepcopy(run_properties(east_asian, size, bold)))


@lru_cache(maxsize=16)
def run_properties(east_asian: str, size: float, bold: bool):  # noqa: ANN201 - a w:rPr element
    """The ``w:rPr`` of a run, built once per font and copied (python-docx's setters are slow)."""
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attr, name in (
        ("ascii", LATIN),
        ("hAnsi", LATIN),
        ("eastAsia", east_asian),
        ("hint", "eastAsia"),
    ):
        fonts.set(qn(f"w:{attr}"), name)
    rpr.append(fonts)
    if bold:
        rpr.append(OxmlElement("w:b"))
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(round(size * 2)))
        rpr.append(el)
    return rpr


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
    """A Word table drawn from the grid: one ``w:tc`` per cell start, ``gridSpan`` for a column span,
    ``vMerge`` restart/continue for a row span (written directly: python-docx's ``merge`` is slow)."""
    table = doc.add_table(rows=0, cols=grid.ncols)
    table.style = "Table Grid"
    table.autofit = False
    widths = [Mm(TEXT_WIDTH_MM * w / 100) for w in column_widths(grid)]
    size = 7.5 if grid.key == "s4" else 9
    for r in range(grid.nrows):
        tcs = table.add_row()._tr.tc_lst
        for c, tc in enumerate(tcs):
            owner = grid.owner(r, c)
            if owner.col != c:
                tc.getparent().remove(tc)
                continue
            shape_tc(tc, owner, r, Emu(sum(widths[c : c + owner.colspan])))
            if owner.row == r:
                fill_cell(_Cell(tc, table), owner, size)


def shape_tc(tc, owner: Cell, row: int, width: Emu) -> None:  # noqa: ANN001
    tc.width = width
    if owner.colspan > 1:
        tc.grid_span = owner.colspan
    if owner.rowspan > 1:
        tc.vMerge = "restart" if owner.row == row else "continue"


def fill_cell(target, cell: Cell, size: float) -> None:  # noqa: ANN001
    target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    para = target.paragraphs[0]
    if cell.role != "label":
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(para.add_run(cell.text), TABLE_FONT, size, bold=cell.role == "caption")


def render_docx(report: Report) -> bytes:
    return layout_to_docx(report_layout(report))
