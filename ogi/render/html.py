"""The report as one UTF-8 HTML document in the official layout, with simple print CSS.

The same HTML is what :mod:`ogi.render.pdf` prints, so the CSS names the Debian CJK fonts first.
"""

from __future__ import annotations

from html import escape

from ogi.model import Report

from .layout import Cell, Grid, Layout, Part, column_widths, report_layout

CSS = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", serif;
       font-size: 12pt; line-height: 1.6; color: #000; max-width: 180mm; margin: 0 auto; }
h1 { font-family: "Noto Sans CJK SC", "SimHei", "黑体", sans-serif; font-size: 18pt;
     text-align: center; margin: 0 0 1em; }
h2 { font-family: "Noto Sans CJK SC", "SimHei", "黑体", sans-serif; font-size: 14pt;
     margin: 1.2em 0 0.5em; }
p { text-indent: 2em; margin: 0 0 0.4em; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; margin: 0.5em 0 1em; page-break-inside: auto; }
td { border: 0.5pt solid #000; padding: 2pt 3pt; font-size: 9pt; line-height: 1.3;
     text-align: center; vertical-align: middle; }
td.label { text-align: left; }
td.caption { font-weight: bold; }
table.s4 td { font-size: 8pt; padding: 2pt 1pt; }
tr { page-break-inside: avoid; }
table.s3, table.s4 { page-break-inside: avoid; }
"""


def layout_to_html(layout: Layout, *, css: str = CSS) -> str:
    body = "\n".join(part_to_html(p) for p in layout.parts)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(layout.title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f"<h1>{escape(layout.title)}</h1>\n{body}\n</body>\n</html>\n"
    )


def part_to_html(part: Part) -> str:
    lines = [f"<h2>{escape(part.heading)}</h2>"]
    lines += [f"<p>{escape(p)}</p>" for p in part.paragraphs]
    if part.grid is not None:
        lines.append(grid_to_html(part.grid))
    return "\n".join(lines)


def grid_to_html(grid: Grid) -> str:
    rows = "\n".join(
        "<tr>" + "".join(cell_to_html(c) for c in row) + "</tr>" for row in grid.rows()
    )
    cols = "".join(f'<col style="width:{w:.2f}%">' for w in column_widths(grid))
    return f'<table class="{grid.key}">\n<colgroup>{cols}</colgroup>\n{rows}\n</table>'


def cell_to_html(cell: Cell) -> str:
    spans = "".join(
        f' {name}="{n}"'
        for name, n in (("rowspan", cell.rowspan), ("colspan", cell.colspan))
        if n > 1
    )
    path = f' data-path="{cell.path}"' if cell.path else ""
    return f'<td class="{cell.role}"{spans}{path}>{escape(cell.text)}</td>'


def render_html(report: Report) -> bytes:
    return layout_to_html(report_layout(report)).encode("utf-8")
