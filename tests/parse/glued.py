"""Reports written the way the 平潭 crawler saved them: the whole body on one line, table cells run
together — a row label followed by its values with no separator between the values.

``glued_text(report)`` writes that shape from a report's official layout (``ogi.render.layout``), so a
test knows every value it should read back; the keyword arguments make the variants seen on real
reports (a space or not after a row label, table 四 spaced or glued, extra narrative after a table).
"""

from __future__ import annotations

from ogi.model import Report
from ogi.render.layout import Grid, report_layout

HEADER = "标题: {title}\n发布时间: 2023-02-20 15:07\n==================== 正文 ====================\n"


def grid_text(grid: Grid, *, label_gap: str = " ", value_gap: str = "") -> str:
    """One table as run-together text: header cells spaced, each row label then its values."""
    out: list[str] = []
    for row in grid.rows():
        values = [c for c in row if c.role == "value"]
        words = [c.text for c in row if c.role != "value"]
        if not values:
            out.append(" ".join(words) + " ")
            continue
        out.append(" ".join(words) + label_gap + value_gap.join(c.text for c in values))
    return "".join(out)


def glued_text(
    report: Report,
    *,
    label_gap: str = " ",
    s4_gap: str = " ",
    headings: dict[str, str] | None = None,
    after: dict[str, str] | None = None,
) -> str:
    """The report in the 平潭 shape. ``headings`` replaces a part's heading (key → text); ``after``
    puts text right after a part's table (key → text), glued to its last value."""
    layout = report_layout(report)
    body: list[str] = [f"本报告所列数据统计期限为{report.year}年1月1日至{report.year}年12月31日。"]
    for part in layout.parts:
        body.append((headings or {}).get(part.key, part.heading))
        body.extend(part.paragraphs)
        if part.grid is not None:
            gap = s4_gap if part.key == "s4" else ""
            body.append(grid_text(part.grid, label_gap=label_gap, value_gap=gap))
            body[-1] += (after or {}).get(part.key, "")
    return HEADER.format(title=layout.title) + " ".join(body) + "\n"
