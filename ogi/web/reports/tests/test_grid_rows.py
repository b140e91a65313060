"""The report page's tables as HTML rows: merged cells, links from the cells of 三 and 四, escaping."""

from __future__ import annotations

from ogi.render.layout import Cell, Grid
from ogi.web.reports.presenters import grid_rows


def test_cells_of_section_3_link_to_their_cases_and_keep_their_spans():
    grid = Grid("s3", 2, 2, (
        Cell("申请人情况", 0, 0, colspan=2, role="head"),
        Cell("一、本年新收政府信息公开申请数量", 1, 0, role="label"),
        Cell("7", 1, 1, path="s3.new_received.total"),
    ))
    html = grid_rows(grid, "/organs/x/2025/report/cells/", "?children=1")
    assert html == (
        '<tr><td class="head" colspan="2">申请人情况</td></tr>\n'
        '<tr><td class="label">一、本年新收政府信息公开申请数量</td><td class="value" data-path="s3.new_received.total">'
        '<a href="/organs/x/2025/report/cells/s3.new_received.total/?children=1" title="查看该单元格对应的申请">7</a>'
        '</td></tr>\n'
    )


def test_section_2_cells_are_not_links_and_section_4_cells_open_appeals():
    s2 = grid_rows(Grid("s2", 1, 1, (Cell("3", 0, 0, path="s2.a.b"),)), "/p/", "")
    assert s2 == '<tr><td class="value" data-path="s2.a.b">3</td></tr>\n'
    s4 = grid_rows(Grid("s4", 1, 1, (Cell("1", 0, 0, rowspan=2, path="s4.review.upheld"),)), "/p/", "")
    assert 'rowspan="2"' in s4 and 'title="查看该单元格对应的案件"' in s4 and 'href="/p/s4.review.upheld/"' in s4


def test_printed_text_is_escaped():
    html = grid_rows(Grid("s3", 1, 1, (Cell('<script>"x"</script>', 0, 0, role="label"),)), "/p/", "")
    assert "<script>" not in html and "&lt;script&gt;&quot;x&quot;&lt;/script&gt;" in html
