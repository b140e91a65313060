"""The txt/md readers: lines, Word tab tables, markdown pipe tables, encodings, bad files."""

from __future__ import annotations

import pytest

from ogi.errors import EmptyDocument, UnsupportedFormat
from ogi.parse.document import Piece
from ogi.parse.md import read_md
from ogi.parse.txt import read_txt


def test_it_makes_one_piece_per_line_and_one_row_break_per_blank_run():
    doc = read_txt("标题\n\n\n正文一行\n".encode(), "a.txt")
    assert [p.text for p in doc.pieces] == ["标题", "", "正文一行", ""]
    assert not any(p.cell for p in doc.pieces)
    assert doc.pieces[2].where == "第4行"


def test_it_reads_word_tab_cells_with_blank_cells_and_wrapped_cells():
    text = "\t信息内容\n\t本年新\n制作数量\n\t\n\t0万元\n"
    doc = read_txt(text.encode(), "a.txt")
    assert doc.pieces[:4] == (
        Piece("信息内容", "第1行", True),
        Piece("本年新制作数量", "第2行", True),
        Piece("", "第4行", True),
        Piece("0万元", "第5行", True),
    )


def test_it_reads_markdown_tables_as_cells_with_a_row_break_per_row():
    text = "| 信息内容 | 数量 |\n|---|---|\n| 规章 | 0 |\n"
    doc = read_md(text.encode(), "a.md")
    assert [(p.text, p.cell) for p in doc.pieces] == [
        ("", False), ("信息内容", True), ("数量", True), ("", False), ("规章", True), ("0", True), ("", False),
    ]  # fmt: skip
    assert doc.kind == "md"


def test_it_reads_gb18030_text():
    doc = read_txt("二、主动公开政府信息情况".encode("gb18030"), "a.txt")
    assert doc.pieces[0].text == "二、主动公开政府信息情况"
    assert doc.meta["encoding"] == "gb18030"


def test_it_refuses_an_empty_file():
    with pytest.raises(EmptyDocument, match="a.txt"):
        read_txt(b"  \n\n", "a.txt")


def test_it_refuses_binary_garbage():
    with pytest.raises(UnsupportedFormat, match="不是文本文件"):
        read_txt(bytes(range(256)) * 20, "a.txt")


def test_it_refuses_control_character_noise_without_nul_bytes():
    with pytest.raises(UnsupportedFormat, match="不是文本文件"):
        read_txt(bytes([1, 2, 3, 4, 5, 6, 7, 8, 65]) * 100, "a.txt")
