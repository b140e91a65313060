"""The Word rendering: real tables with merged cells, East Asian fonts on every run, A4 pages."""

from __future__ import annotations

from io import BytesIO

import docx
from docx.oxml.ns import qn
from docx.shared import Mm

from ogi.fixtures import sample_report
from ogi.render import render
from ogi.spec import FORMATS


def document(fmt):
    return docx.Document(BytesIO(render(sample_report(fmt), "docx")))


def span_of(tc):
    """(gridSpan, vMerge) of a <w:tc>."""
    pr = tc.tcPr
    span = pr.find(qn("w:gridSpan")) if pr is not None else None
    vmerge = pr.find(qn("w:vMerge")) if pr is not None else None
    return (
        int(span.get(qn("w:val"))) if span is not None else 1,
        None if vmerge is None else (vmerge.get(qn("w:val")) or "continue"),
    )


def test_it_writes_three_tables_with_the_official_merges():
    doc = document("2021")
    s2, s3, s4 = doc.tables
    assert (len(s3.rows), len(s3.columns)) == (28, 10)
    first = s3.rows[0]._tr.tc_lst
    assert [span_of(tc) for tc in first] == [(3, "restart"), (7, None)]
    # the 三、本年度办理结果 cell starts a vertical merge over 22 rows (rows 5 … 26)
    starts = [span_of(r._tr.tc_lst[0])[1] for r in s3.rows[5:27]]
    assert starts == ["restart"] + ["continue"] * 21
    assert span_of(s3.rows[27]._tr.tc_lst[0]) == (3, None)
    assert (len(s4.rows), len(s4.columns)) == (4, 15)
    assert [span_of(tc)[0] for tc in s4.rows[0]._tr.tc_lst] == [5, 10]
    fees = next(r for r in s2.rows if r.cells[0].text == "行政事业性收费")
    assert [span_of(tc)[0] for tc in fees._tr.tc_lst] == [1, 3]
    assert fees.cells[1].text == "0.28959"


def test_it_puts_each_value_in_its_column():
    s3 = document("2019").tables[1]
    new = next(r for r in s3.rows if r.cells[0].text == "一、本年新收政府信息公开申请数量")
    assert [c.text for c in new.cells[3:]] == ["40", "3", "0", "0", "1", "0", "44"]
    sample_blank = next(r for r in s3.rows if r.cells[1].text == "（一）予以公开")
    assert sample_blank.cells[5].text == ""  # 科研机构 printed blank in the sample


def test_it_names_an_east_asian_font_on_every_run():
    doc = document("2019")
    runs = [r for p in doc.paragraphs for r in p.runs]
    runs += [
        r
        for t in doc.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
    ]
    assert runs
    fonts = {r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in runs}
    assert fonts <= {"宋体", "黑体", "仿宋"} and None not in fonts


def test_it_uses_a4_and_prints_title_and_headings():
    doc = document("2019")
    section = doc.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "某某市示例局2020年政府信息公开工作年度报告"
    assert [t for t in texts if t in {h.label for h in FORMATS["2019"].headings}] == [
        h.label for h in FORMATS["2019"].headings
    ]
