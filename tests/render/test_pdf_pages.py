"""Round trip through PDF with tables that continue on a new page without their header.

Random reports (``ogi.fixtures.random_report``) are printed by ogi's PDF renderer (the HTML layout
printed by WeasyPrint) with a print style that lets tables 三 and 四 break and forces a page break
before a drawn row of table 三 (and, in some examples, before the value row of table 四): the rows
after it stand on the next page with no header above them. Zero cells of the rows after the break
are printed blank, “-”, “—” or “/”. Read back, every cell is the report's, with the same printed
mark (``cells_meta``).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ogi.fixtures import random_report
from ogi.model import CellMeta, Report
from ogi.parse import parse
from ogi.render.html import CSS, layout_to_html
from ogi.render.layout import report_layout
from tests.render.test_roundtrip import differences

pytestmark = pytest.mark.slow

HEADER_ROWS = 3  # table 三's header rows (the 勾稽 note, 申请人情况, the five organisation kinds)
MARKS = ("", "-", "—", "/")
BREAKABLE = CSS.replace("table.s3, table.s4 { page-break-inside: avoid; }", "")


def printed_with_breaks(report: Report, s3_row: int, s4_break: bool) -> bytes:
    """The report's PDF, with a page break before the ``s3_row``-th row of table 三 (1 = first
    row after the header) and, if ``s4_break``, between table 四's header and its values."""
    from weasyprint import HTML

    css = BREAKABLE + f"\ntable.s3 tr:nth-child({HEADER_ROWS + s3_row}) {{ break-before: page; }}\n"
    if s4_break:
        css += "table.s4 tr:last-child { break-before: page; }\n"
    return HTML(string=layout_to_html(report_layout(report), css=css)).write_pdf()


def mark_after(report: Report, s3_row: int, seed: int) -> Report:
    """Zero cells of the rows after the break printed blank, “-”, “—” or “/” (some of them)."""
    rng = random.Random(seed)
    rows = [r.key for r in report.spec.s3_rows][s3_row - 1 :]
    for key in rows:
        for col, value in report.sections.s3[key].items():
            path = f"s3.{key}.{col}"
            if value == 0 and path not in report.cells_meta and rng.random() < 0.5:
                raw = rng.choice(MARKS)
                semantic = {"": "blank", "-": "dash", "—": "dash", "/": "slash"}[raw]
                report.cells_meta[path] = CellMeta(raw=raw, semantic=semantic)
    return report


def printed_marks(report: Report) -> dict[str, tuple[str, str]]:
    return {p: (m.raw, m.semantic) for p, m in report.cells_meta.items() if m.semantic != "text"}


@settings(
    max_examples=16,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(min_value=0, max_value=10**6),
    fmt=st.sampled_from(["2019", "2021"]),
    s3_row=st.integers(min_value=2, max_value=25),
    s4_break=st.booleans(),
)
def test_tables_continued_on_a_new_page_read_back_exactly(seed, fmt, s3_row, s4_break, tmp_path):
    report = mark_after(random_report(seed, fmt), s3_row, seed)
    path = tmp_path / "report.pdf"
    path.write_bytes(printed_with_breaks(report, s3_row, s4_break))
    got = parse(path)
    assert [d.code for d in got.diagnostics if d.level == "warning"] == []
    assert differences(got, report, flat_text=True) == []
    want = printed_marks(report)
    assert {p: v for p, v in printed_marks(got).items() if p in want} == want


def test_the_break_is_where_the_test_puts_it(tmp_path):
    """The printed file really continues table 三 on a new page, with no header above the rows."""
    import pypdfium2 as pdfium

    report = random_report(3, "2021")
    pdf = pdfium.PdfDocument(printed_with_breaks(report, 12, True))
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    row = report.spec.s3_rows[11].label  # the 12th row
    page = next(i for i, t in enumerate(texts) if row[:6] in t)
    assert "收到和处理政府信息公开申请情况" not in texts[page]
    assert "自然人" not in texts[page]
    assert report.spec.s3_rows[10].label[:6] in texts[page - 1]
