"""XLSX reader: rows → pieces, blank cells kept, merged ranges not repeated, the official workbook parses back."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from ogi.errors import EmptyDocument, ParseError, UnsupportedFormat
from ogi.parse.xlsx import cell_text, read_xlsx


def workbook_bytes(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def section_four_sheet() -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "四"
    ws["A1"] = "四、政府信息公开行政复议、行政诉讼情况"
    ws["A2"], ws["F2"] = "行政复议", "行政诉讼"
    ws.merge_cells("A2:E2")
    ws.merge_cells("F2:O2")
    for c, v in enumerate(
        [5, None, "—", 2, 7, 8, None, None, 1, 9, None, None, None, None, None], start=1
    ):
        ws.cell(3, c, v).number_format = "0"  # every cell written, blanks included
    hidden = book.create_sheet("草稿")
    hidden["A1"] = "不应读取"
    hidden.sheet_state = "hidden"
    return workbook_bytes(book)


def test_it_reads_a_heading_row_as_a_line_and_table_rows_as_cells():
    doc = read_xlsx(section_four_sheet(), "s4.xlsx")
    assert [(p.text, p.cell) for p in doc.pieces[:3]] == [
        ("四、政府信息公开行政复议、行政诉讼情况", False),
        ("行政复议", True),
        ("行政诉讼", True),
    ]


def test_it_keeps_blank_cells_and_does_not_repeat_merged_ones():
    doc = read_xlsx(section_four_sheet(), "s4.xlsx")
    assert [p.text for p in doc.pieces[3:]] == [
        "5",
        "",
        "—",
        "2",
        "7",
        "8",
        "",
        "",
        "1",
        "9",
        "",
        "",
        "",
        "",
        "",
    ]


def test_it_names_cells_by_sheet_and_coordinate_and_skips_hidden_sheets():
    doc = read_xlsx(section_four_sheet(), "s4.xlsx")
    assert doc.pieces[2].where == "工作表“四”F2"
    assert not [p for p in doc.pieces if p.text == "不应读取"] and "草稿" in doc.notes[0]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12.0, "12"),
        (7730.28, "7730.28"),
        (3, "3"),
        (None, ""),
        (" 商业 企业 ", "商业 企业"),
        (0.00005, "0.00005"),  # str() would give “5e-05”
        (1.5e-10, "0.00000000015"),
        (1e16, "10000000000000000"),
        (-0.0, "0"),
        (-3.25, "-3.25"),
    ],
)
def test_it_prints_numbers_as_they_were_written(value, text):
    assert cell_text(value) == text


def test_it_parses_back_the_official_workbook_the_renderer_writes():
    from ogi.fixtures import sample_report
    from ogi.render import render

    report = sample_report("2021")
    doc = read_xlsx(render(report, "xlsx"), "sample.xlsx")
    texts = [p.text for p in doc.pieces]
    i = texts.index("一、本年新收政府信息公开申请数量")
    columns = [
        "natural_person",
        "org_commercial",
        "org_research",
        "org_public_welfare",
        "org_legal_service",
        "org_other",
        "total",
    ]
    assert texts[i + 1 : i + 8] == [str(report.value(f"s3.new_received.{c}")) for c in columns]
    j = texts.index("（七）总计")
    assert texts[j + 1 : j + 8] == [str(report.value(f"s3.r_total.{c}")) for c in columns]
    assert "三、收到和处理政府信息公开申请情况" in [p.text for p in doc.pieces if not p.cell]


def test_it_refuses_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", "<x/>")
    with pytest.raises(UnsupportedFormat, match="没有 xl/workbook.xml"):
        read_xlsx(buffer.getvalue(), "w.xlsx")


def test_it_refuses_a_workbook_with_broken_xml_as_a_parse_error():
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(section_four_sheet())) as src,
        zipfile.ZipFile(buffer, "w") as out,
    ):
        for info in src.infolist():
            out.writestr(
                info,
                b"<workbook" if info.filename == "xl/workbook.xml" else src.read(info.filename),
            )
    with pytest.raises(ParseError, match="bad.xlsx：Excel 文件已损坏") as info:
        read_xlsx(buffer.getvalue(), "bad.xlsx")
    assert info.value.__cause__ is not None


def test_it_refuses_an_empty_workbook():
    with pytest.raises(EmptyDocument):
        read_xlsx(workbook_bytes(openpyxl.Workbook()), "empty.xlsx")


def test_it_reads_every_column_of_a_sheet_that_does_not_declare_its_dimension():
    book = openpyxl.Workbook()
    ws = book.active
    ws["A1"], ws["A2"], ws["B2"], ws["C2"] = "四、结转", "四、结转下年度继续办理", 1, 2
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook_bytes(book))) as src,
        zipfile.ZipFile(buffer, "w") as out,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension[^>]*/>", b"", data)
            out.writestr(info, data)
    assert [p.text for p in read_xlsx(buffer.getvalue(), "nodim.xlsx").pieces] == [
        "四、结转",
        "四、结转下年度继续办理",
        "1",
        "2",
    ]
