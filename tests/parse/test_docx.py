"""DOCX reader: body order, merged cells not repeated, blank cells kept, zip guards."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from ogi.errors import EmptyDocument, ParseError, UnsupportedFormat
from ogi.parse.docx import read_docx


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def merged_table_document() -> bytes:
    d = docx.Document()
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    t = d.add_table(rows=4, cols=4)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "三、本年度办理结果"  # vertical merge
    t.cell(0, 1).merge(t.cell(0, 2)).text = "法人或其他组织"  # horizontal merge
    t.cell(0, 3).text = "总计"
    t.cell(1, 1).text, t.cell(1, 2).text, t.cell(1, 3).text = "12", "", "12"
    t.cell(2, 0).text = "（一）予以公开"
    t.cell(2, 1).text, t.cell(2, 3).text = "3", "5"
    t.cell(3, 0).merge(t.cell(3, 3))
    p = t.cell(3, 0).paragraphs[0]
    p.add_run("本年新")
    p.add_run().add_break()
    p.add_run("制作数量")
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    return to_bytes(d)


def test_it_reads_paragraphs_and_tables_in_body_order_without_repeating_merged_cells():
    doc = read_docx(merged_table_document(), "m.docx")
    assert [(p.text, p.cell) for p in doc.pieces] == [
        ("三、收到和处理政府信息公开申请情况", False),
        ("三、本年度办理结果", True),
        ("法人或其他组织", True),
        ("总计", True),
        ("12", True),
        ("", True),
        ("12", True),
        ("（一）予以公开", True),
        ("3", True),
        ("", True),
        ("5", True),
        ("本年新制作数量", True),
        ("四、政府信息公开行政复议、行政诉讼情况", False),
    ]


def test_it_names_cells_by_grid_column():
    doc = read_docx(merged_table_document(), "m.docx")
    where = {p.text: p.where for p in doc.pieces if p.cell and p.text}
    assert where["总计"] == "表1第1行第4列" and where["5"] == "表1第3行第4列"


def test_it_splits_a_paragraph_at_line_breaks_and_reads_tabs_as_spaces():
    d = docx.Document()
    p = d.add_paragraph("一、总体情况")
    p.add_run().add_break()
    p.add_run("正文\t续")
    assert [x.text for x in read_docx(to_bytes(d), "b.docx").pieces] == ["一、总体情况", "正文 续"]


def test_it_refuses_bytes_that_are_not_a_zip():
    with pytest.raises(UnsupportedFormat, match="x.docx：不是有效的 Word"):
        read_docx(b"<html>not a docx</html>", "x.docx")


def test_it_refuses_an_old_binary_doc_named_docx():
    with pytest.raises(UnsupportedFormat, match="旧版 Office"):
        read_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.docx")


def test_it_refuses_a_zip_without_a_word_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnsupportedFormat, match="z.docx：压缩包里没有 .*不是 Word"):
        read_docx(buffer.getvalue(), "z.docx")


def test_it_refuses_a_docx_with_broken_xml_as_a_parse_error():
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(merged_table_document_io(), "r") as src,
        zipfile.ZipFile(buffer, "w") as out,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            out.writestr(info, b"<w:document" if info.filename == "word/document.xml" else data)
    with pytest.raises(ParseError, match="broken.docx：Word 文档已损坏") as info:
        read_docx(buffer.getvalue(), "broken.docx")
    assert info.value.__cause__ is not None


def merged_table_document_io() -> io.BytesIO:
    return io.BytesIO(merged_table_document())


def test_it_refuses_an_empty_document():
    with pytest.raises(EmptyDocument):
        read_docx(to_bytes(docx.Document()), "empty.docx")


def test_it_reads_a_layout_table_holding_the_report_table_as_text_and_inner_cells():
    d = docx.Document()
    outer = d.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)
    cell.paragraphs[0].text = "四、政府信息公开行政复议、行政诉讼情况"
    inner = cell.add_table(rows=1, cols=3)
    for c, v in enumerate(["5", "", "7"]):
        inner.cell(0, c).text = v
    assert [(p.text, p.cell) for p in read_docx(to_bytes(d), "l.docx").pieces] == [
        ("四、政府信息公开行政复议、行政诉讼情况", False),
        ("5", True),
        ("", True),
        ("7", True),
    ]
