"""HTML reader: encodings, fragments, blank cells, spans, <br> in cells, the real 上海 2019 page."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ogi.errors import EmptyDocument
from ogi.parse.html import grid_texts, html_to_grid, read_html
from tests.shared import REAL

SHANGHAI = REAL / "2019_shanghai_bgt.html"

TABLE = """<table><tr><td rowspan="2">甲</td><td colspan="2">乙</td></tr>
<tr><td>1</td><td>&nbsp;</td></tr><tr><td>本年新<br/>制作数量</td><td><p>&nbsp;</p></td><td> 3 </td></tr></table>"""


def cells(doc):
    return [p.text for p in doc.pieces if p.cell]


def lines(doc):
    return [p.text for p in doc.pieces if not p.cell]


def test_it_reads_a_fragment_with_lines_and_cells_in_order():
    doc = read_html(
        f"<p>一、总体情况</p>正文<b>加粗</b>续<div>二、主动公开</div>{TABLE}<p>五、问题</p>".encode(),
        "a.html",
    )
    assert lines(doc) == ["一、总体情况", "正文加粗续", "二、主动公开", "五、问题"]
    assert [p.text for p in doc.pieces][3:11] == [
        "甲",
        "乙",
        "1",
        "",
        "本年新制作数量",
        "",
        "3",
        "五、问题",
    ]


def test_it_keeps_nbsp_cells_as_blank_pieces_and_does_not_repeat_spanned_cells():
    doc = read_html(TABLE.encode(), "t.html")
    assert cells(doc) == ["甲", "乙", "1", "", "本年新制作数量", "", "3"]
    assert all(p.cell for p in doc.pieces)


def test_it_names_cells_by_table_row_and_grid_column():
    doc = read_html(TABLE.encode(), "t.html")
    assert [p.where for p in doc.pieces][:4] == [
        "表1第1行第1列",
        "表1第1行第2列",
        "表1第2行第2列",
        "表1第2行第3列",
    ]


def test_it_expands_rowspan_and_colspan_into_a_full_grid():
    grid = html_to_grid(lxml.html.fragment_fromstring(TABLE))
    assert grid_texts(grid) == [["甲", "乙", "乙"], ["甲", "1", ""], ["本年新制作数量", "", "3"]]
    assert [c.origin for c in grid[0]] == [True, True, False]
    assert (grid[1][0].row, grid[1][0].col, grid[1][0].origin) == (0, 0, False)


def test_it_pads_ragged_rows_in_the_grid_with_none():
    grid = html_to_grid(
        lxml.html.fragment_fromstring(
            "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"
        )
    )
    assert grid[1][1] is None and grid_texts(grid) == [["a", "b"], ["c", ""]]


def test_it_joins_latin_fragments_split_by_br_with_a_space():
    doc = read_html(
        b"<table><tr><td>12<br>34</td><td>\xe5\x90\x88<br>\xe8\xae\xa1</td></tr></table>", "t.html"
    )
    assert cells(doc) == ["12 34", "合计"]


@pytest.mark.parametrize(
    "declared",
    [
        "",
        '<meta charset="gb2312">',
        '<meta http-equiv="Content-Type" content="text/html; charset=GBK">',
    ],
)
def test_it_decodes_gbk_pages_declared_or_not(declared):
    page = f"<html><head>{declared}<title>年度报告</title></head><body><p>（一）予以公开 䶮</p></body></html>"
    doc = read_html(page.encode("gb18030"), "gbk.html")
    assert lines(doc) == ["（一）予以公开 䶮"] and doc.meta["title"] == "年度报告"
    assert doc.meta["encoding"] == "gb18030"


def test_it_prefers_valid_utf8_over_a_wrong_gb2312_declaration():
    page = '<meta charset="gb2312"><p>结转下年度继续办理</p>'
    assert lines(read_html(page.encode("utf-8"), "x.html")) == ["结转下年度继续办理"]


def test_it_skips_scripts_styles_and_comments():
    page = b"<html><head><style>p{}</style></head><body><script>var a=1;</script><!-- x --><p>ok</p></body></html>"
    assert [p.text for p in read_html(page, "x.html").pieces] == ["ok"]


def test_it_reads_an_xhtml_page_with_an_xml_declaration():
    page = '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>四、结转</p></body></html>'
    assert lines(read_html(page.encode(), "x.xhtml")) == ["四、结转"]


def test_it_refuses_a_page_without_text():
    with pytest.raises(EmptyDocument, match="e.html"):
        read_html(b"<html><body><img src=x></body></html>", "e.html")


def _after(doc, label, count):
    texts = [p.text for p in doc.pieces]
    i = texts.index(label)
    return texts[i + 1 : i + 1 + count]


def test_it_reads_the_seven_cells_of_shanghai_2019_table_three_rows_with_blanks():
    doc = read_html(SHANGHAI.read_bytes(), SHANGHAI.name)
    # annual-report.md §11.1 TV-1 and NOTES.md item 3 ("_" there = blank cell here)
    assert _after(doc, "一、本年新收政府信息公开申请数量", 7) == [
        "821",
        "35",
        "",
        "",
        "2",
        "1",
        "859",
    ]
    assert _after(doc, "二、上年结转政府信息公开申请数量", 7) == ["18", "", "", "", "", "", "18"]
    assert _after(doc, "（一）予以公开", 7) == ["258", "12", "", "", "1", "1", ""]
    assert _after(doc, "1.本机关不掌握相关政府信息", 7) == ["252", "12", "", "", "1", "", ""]
    assert _after(doc, "（七）总计", 7) == ["767", "35", "", "", "2", "1", "805"]
    assert _after(doc, "四、结转下年度继续办理", 7) == ["72", "", "", "", "", "", "72"]


def test_it_reads_the_fifteen_cells_of_shanghai_2019_table_four_in_order():
    doc = read_html(SHANGHAI.read_bytes(), SHANGHAI.name)
    texts = [p.text for p in doc.pieces]
    start = texts.index("行政复议")
    values = texts[start + 19 : start + 34]
    assert values == ["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""]


def test_it_reads_a_page_laid_out_in_a_table_as_text_and_inner_tables():
    page = f"""<table><tr><td>导航</td><td><p>三、收到和处理政府信息公开申请情况</p>{TABLE}<p>四、结转</p></td></tr></table>"""
    doc = read_html(page.encode(), "layout.html")
    assert [(p.text, p.cell) for p in doc.pieces] == [
        ("导航", False),
        ("三、收到和处理政府信息公开申请情况", False),
        *[(t, True) for t in ["甲", "乙", "1", "", "本年新制作数量", "", "3"]],
        ("四、结转", False),
    ]


@st.composite
def span_tables(draw):
    """Random tables of 1–5 rows of 1–4 cells, each with rowspan/colspan 1–3."""
    rows = draw(
        st.lists(
            st.lists(st.tuples(st.integers(1, 3), st.integers(1, 3)), min_size=1, max_size=4),
            min_size=1,
            max_size=5,
        )
    )
    html = "".join(
        "<tr>"
        + "".join(f'<td rowspan="{r}" colspan="{c}">{i}-{j}</td>' for j, (r, c) in enumerate(row))
        + "</tr>"
        for i, row in enumerate(rows)
    )
    return f"<table>{html}</table>", rows


@given(span_tables())
def test_it_places_every_source_cell_once_in_document_order_leaving_no_hole_in_its_span(table):
    html, rows = table
    grid = html_to_grid(lxml.html.fragment_fromstring(html))
    origins = [cell for row in grid for cell in row if cell is not None and cell.origin]
    assert sorted(c.text for c in origins) == sorted(
        f"{i}-{j}" for i, row in enumerate(rows) for j in range(len(row))
    )
    for origin in origins:
        i, j = map(int, origin.text.split("-"))
        rowspan, colspan = rows[i][j]
        covered = [
            grid[origin.row + dr][origin.col + dc] for dr in range(rowspan) for dc in range(colspan)
        ]
        assert all(c is not None for c in covered)
    cells = [p.text for p in read_html(html.encode(), "t.html").pieces]
    assert cells == [f"{i}-{j}" for i, row in enumerate(rows) for j in range(len(row))]


def test_it_reads_a_table_caption_as_a_line_before_the_cells():
    doc = read_html(
        b"<table><caption>\xe5\x9b\x9b\xe3\x80\x81\xe7\xbb\x93\xe8\xbd\xac</caption><tr><td>1</td></tr></table>",
        "c.html",
    )
    assert [(p.text, p.cell) for p in doc.pieces] == [("四、结转", False), ("1", True)]


def test_it_skips_elements_hidden_with_display_none_but_keeps_the_text_after_them():
    page = '<p>甲<span style="DISPLAY: NONE">隐藏</span>乙</p><div style="display:none"><table><tr><td>9</td></tr></table></div><p>丙</p>'
    assert [p.text for p in read_html(page.encode(), "h.html").pieces] == ["甲乙", "丙"]


@pytest.mark.parametrize(
    "page",
    [
        # a UTF-8 page declaring another charset: the bytes are UTF-8 (it decodes), the meta lies
        '<html><head><meta charset="gb2312"><title>区政府办公室2023年报告</title></head><body><p>本年新收 3</p>'
        "<table><tr><td>一</td><td>&nbsp;</td><td>2<br>0</td></tr></table><!-- 注释 --></body></html>",
        "<p>甲</p><table><tr><td rowspan=2>（三）不予公开</td><td>1.属于国家秘密</td><td>0</td></tr></table>",
    ],
)
def test_utf8_bytes_are_parsed_into_the_same_pieces_as_the_decoded_text(page):
    from ogi.parse.html import text_to_tree, tree_to_pieces

    data = page.encode()
    from_text = tree_to_pieces(text_to_tree(page, "p.html"))
    from_bytes = tree_to_pieces(text_to_tree(page, "p.html", data))
    assert from_bytes == from_text
    assert read_html(data, "p.html").pieces == tuple(from_text)
    assert [p.text for p in from_text][:2] in (["本年新收 3", "一"], ["甲", "（三）不予公开"])


def test_a_gb18030_page_is_still_read_from_its_decoded_text():
    page = '<meta charset="gbk"><p>本年新收政府信息公开申请数量</p>'
    assert [p.text for p in read_html(page.encode("gb18030"), "g.html").pieces] == ["本年新收政府信息公开申请数量"]
