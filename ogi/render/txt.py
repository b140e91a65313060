"""The report as plain text in the layout of a Word text extraction (the seed report's layout).

Running text is one line per paragraph. A table row is one line per cell, each led by a tab; a cell
continued from the row above (a vertical merge) is an empty cell, a horizontal merge is one cell; a
blank line ends each row and another ends the table. So the txt reader reads it like a Word export.
"""

from __future__ import annotations

from ogi.model import Report

from .layout import Grid, Layout, Part, report_layout


def layout_to_txt(layout: Layout) -> str:
    lines = [layout.title, ""]
    for part in layout.parts:
        lines += part_to_lines(part)
    return "\n".join(lines) + "\n"


def part_to_lines(part: Part) -> list[str]:
    lines = [part.heading, *part.paragraphs]
    if part.grid is not None:
        lines += grid_to_lines(part.grid) + [""]
    return lines


def grid_to_lines(grid: Grid) -> list[str]:
    lines: list[str] = []
    for row in range(grid.nrows):
        lines += ["\t" + text for text in row_texts(grid, row)] + [""]
    return lines


def row_texts(grid: Grid, row: int) -> list[str]:
    """The cells of one grid row as Word lists them: continued cells empty, spans once."""
    texts: list[str] = []
    col = 0
    while col < grid.ncols:
        cell = grid.owner(row, col)
        texts.append(cell.text if cell.row == row else "")
        col = cell.col + cell.colspan
    return texts


def render_txt(report: Report) -> bytes:
    return layout_to_txt(report_layout(report)).encode("utf-8")
