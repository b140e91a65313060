"""The workbook: one sheet per part in the report's order; 二, 三, 四 in the official grid with merged ranges."""

from __future__ import annotations

from io import BytesIO

import openpyxl

from ogi.fixtures import sample_report
from ogi.render import render
from ogi.spec import FORMATS


def workbook(fmt):
    return openpyxl.load_workbook(BytesIO(render(sample_report(fmt), "xlsx")))


def test_it_names_the_sheets_after_the_parts():
    assert workbook("2021").sheetnames == [h.label for h in FORMATS["2021"].headings]


def test_it_merges_section_three_as_the_official_table():
    ws = workbook("2021").worksheets[2]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # grid starts on row 2: note A2:C4, 申请人情况 D2:J2, 自然人 D3:D4, 法人或其他组织 E3:I3, 总计 J3:J4
    assert {"A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4"} <= merged
    # 三、本年度办理结果 over 22 rows from row 7; （三）8, （四）3, （五）5, （六）3 rows
    assert {"A7:A28", "B9:B16", "B17:B19", "B20:B24", "B25:B27"} <= merged
    assert ws["A5"].value == "一、本年新收政府信息公开申请数量"
    assert [ws.cell(5, c).value for c in range(4, 11)] == [40, 3, 0, 0, 1, 0, 44]
    assert (
        ws["A29"].value == "四、结转下年度继续办理" and ws["J29"].value == 3
    )  # 28 grid rows from row 2


def test_it_keeps_printed_text_and_money_decimals():
    book = workbook("2019")
    s2, s3, s4 = book.worksheets[1:4]
    procurement = next(r for r in s2.iter_rows(values_only=True) if r[0] == "政府集中采购")
    assert procurement[1] == 6 and procurement[3] == "251000元"
    assert s3["F7"].value is None  # the sample's blank 科研机构 cell of （一）予以公开
    assert s4["O5"].value == "—"
    fees = next(
        r
        for r in workbook("2021").worksheets[1].iter_rows(values_only=True)
        if r[0] == "行政事业性收费"
    )
    assert fees[1] == 0.28959


def test_it_writes_the_title_and_the_narrative_on_their_sheets():
    book = workbook("2021")
    first = [c.value for c in book.worksheets[0]["A"]]
    assert first[:2] == ["某某市示例局2021年政府信息公开工作年度报告", "一、总体情况"]
    assert first[2].startswith("2021年，某某市示例局")
    assert [c.value for c in book.worksheets[5]["A"]] == [
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]
    assert book.worksheets[2]["A1"].value == "三、收到和处理政府信息公开申请情况"
