"""The HTML rendering: the official grid of §3/§4 (spans read back with lxml), labels from ogi.spec."""

from __future__ import annotations

import lxml.html
import pytest

from ogi.fixtures import sample_report
from ogi.render import render
from ogi.spec import FORMATS
from ogi.spec.common import S3_NOTE


def tables(report):
    doc = lxml.html.fromstring(render(report, "html"))
    return doc, doc.findall(".//table")


def spans(table):
    """(text, rowspan, colspan) of every cell, row by row."""
    return [
        [
            (td.text_content(), int(td.get("rowspan", 1)), int(td.get("colspan", 1)))
            for td in tr.findall("td")
        ]
        for tr in table.findall(".//tr")
    ]


def expand(table):
    """The full grid: each position → the text of the cell covering it."""
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(spans(table)):
        c = 0
        for text, rs, cs in row:
            while (r, c) in grid:
                c += 1
            for i in range(rs):
                for j in range(cs):
                    grid[(r + i, c + j)] = text
            c += cs
    return grid


@pytest.mark.parametrize("fmt, rows, group_span", [("2019", 26, 20), ("2021", 28, 22)])
def test_it_draws_section_three_with_the_official_spans(fmt, rows, group_span):
    _, (_, s3, _) = tables(sample_report(fmt))
    cells = spans(s3)
    assert len(cells) == rows
    assert cells[0] == [(S3_NOTE, 3, 3), ("申请人情况", 1, 7)]
    assert cells[1] == [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)]
    assert [c[0] for c in cells[2]] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert cells[3][0] == ("一、本年新收政府信息公开申请数量", 1, 3)
    assert cells[5][:2] == [("三、本年度办理结果", group_span, 1), ("（一）予以公开", 1, 2)]
    groups = {t: rs for row in cells[3:] for t, rs, _ in row if t.startswith("（") and rs > 1}
    expected = {"（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5}
    assert groups == (expected if fmt == "2019" else {**expected, "（六）其他处理": 3})
    assert cells[-1][0] == ("四、结转下年度继续办理", 1, 3)
    assert all(len({c for (r, c) in expand(s3) if r == i}) == 10 for i in range(rows))


def test_it_puts_the_sample_values_under_their_columns():
    _, (_, s3, s4) = tables(sample_report("2021"))
    grid = expand(s3)
    row = {grid[(r, 0)]: r for r in range(26)}
    new = row["一、本年新收政府信息公开申请数量"]
    # hand computation: 40 natural persons, 3 companies, 1 law firm → 44 (see sample_report)
    assert [grid[(new, c)] for c in range(3, 10)] == ["40", "3", "0", "0", "1", "0", "44"]
    last = max(r for r, _ in grid)
    assert [grid[(last, c)] for c in range(3, 10)] == ["3", "0", "0", "0", "0", "0", "3"]
    values = spans(s4)[3]
    assert [v[0] for v in values] == [
        "2",
        "1",
        "0",
        "1",
        "4",
        "1",
        "0",
        "0",
        "1",
        "2",
        "0",
        "0",
        "0",
        "0",
        "—",
    ]


def test_it_draws_section_four_with_three_header_rows():
    _, (_, _, s4) = tables(sample_report("2019"))
    cells = spans(s4)
    assert cells[0] == [("行政复议", 1, 5), ("行政诉讼", 1, 10)]
    assert cells[1][:5] == [
        (t, 2, 1) for t in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    ]
    assert cells[1][5:] == [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)]
    assert len(cells[2]) == 10 and len(cells[3]) == 15


def test_it_draws_the_2021_section_two_in_four_columns():
    _, (s2, _, _) = tables(sample_report("2021"))
    cells = spans(s2)
    assert cells[0] == [("第二十条第（一）项", 1, 4)]
    assert [c[0] for c in cells[1]] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    fees = next(r for r in cells if r[0][0] == "行政事业性收费")
    assert fees == [("行政事业性收费", 1, 1), ("0.28959", 1, 3)]
    licensing_head = cells[cells.index([("第二十条第（五）项", 1, 4)]) + 1]
    assert licensing_head == [("信息内容", 1, 1), ("本年处理决定数量", 1, 3)]


def test_it_draws_the_five_2019_blocks_with_a_negative_change_and_a_printed_amount():
    _, (s2, _, _) = tables(sample_report("2019"))
    cells = spans(s2)
    captions = [r[0][0] for r in cells if len(r) == 1]
    assert captions == [b.label for b in FORMATS["2019"].s2]
    licensing = next(r for r in cells if r[0][0] == "行政许可")
    assert [c[0] for c in licensing] == ["行政许可", "12", "-3", "120"]
    procurement = next(r for r in cells if r[0][0] == "政府集中采购")
    assert procurement == [("政府集中采购", 1, 1), ("6", 1, 2), ("251000元", 1, 2)]


def test_it_writes_a_full_document_with_title_and_the_six_headings():
    report = sample_report("2021")
    doc, _ = tables(report)
    assert doc.findtext(".//h1") == "某某市示例局2021年政府信息公开工作年度报告"
    assert [h.text for h in doc.findall(".//h2")] == [h.label for h in FORMATS["2021"].headings]
    assert render(report, "html").startswith(b"<!DOCTYPE html>")
    assert b'<meta charset="utf-8">' in render(report, "html")
