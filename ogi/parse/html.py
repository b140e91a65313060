"""HTML reader: a page or a fragment → :class:`SourceDoc`.

Stages: ``bytes_to_text`` (encoding, see :mod:`ogi.parse.safety`) → ``text_to_tree`` (lxml) →
``tree_to_pieces``. Running text outside tables becomes line pieces (``cell=False``), one per block
(``<p>``, ``<div>``, headings, ``<br>``-separated lines). Tables become cell pieces.

Which stream the reader emits: **each source cell once**, in document order (row by row, left to
right), blank cells (``&nbsp;``) kept as empty pieces. A cell covered by another cell's rowspan/colspan
is *not* repeated, so the assembler reads every label and every value exactly once. The expanded grid
is available separately from :func:`html_to_grid` (a ``GridCell`` per grid position, ``origin`` telling
whether that position is where the source cell starts); the reader uses it to name each cell's column
in ``where`` (“表2第5行第3列”, counted in grid columns).

Elements nest at most ``MAX_DEPTH`` deep: libxml2 stops building the tree there, and a page cut off
there is refused rather than read in part.

``<br>`` inside a cell is joined: with nothing between Chinese characters (“本年新<br>制作数量” →
“本年新制作数量”), with a space between two Latin letters/digits.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import lxml.etree

from ogi.errors import EmptyDocument, ParseError
from ogi.text.normalise import join_cell_lines

from .document import Piece, SourceDoc
from .safety import check_size, declared_encoding, decode_text

BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article header footer main nav aside "
    "blockquote pre address center form fieldset figure figcaption caption hr body html title".split()
)
SKIP = frozenset("script style noscript template head iframe object svg math select button".split())
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_MAX_SPAN = 100
MAX_DEPTH = 256  # libxml2 stops building the tree there (and the walk below recurses once a level)
_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
_UTF8_PARSER = lxml.etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8"
)
_HIDDEN_TEXT = re.compile(r"display\s*:\s*none", re.I)
_HIDDEN = lxml.etree.XPath(
    "//*[@style][contains(translate(@style, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ', 'abcdefghijklmnopqrstuvwxyz'), 'display:none')]"
)


class GridCell(NamedTuple):
    """One position of an expanded table grid."""

    text: str
    row: int  # 0-based row of the source cell's top-left corner
    col: int  # 0-based grid column of the source cell's top-left corner
    origin: bool  # True at the source cell's own top-left position, False where a span covers


def read_html(data: bytes, where: str) -> SourceDoc:
    """Read an HTML page or fragment. Raises ``EmptyDocument``/``ParseError`` with ``where`` = file name."""
    check_size(data, where)
    text, encoding, notes = bytes_to_text(data)
    root = text_to_tree(text, where, data if encoding == "utf-8" and not notes else None)
    pieces = tree_to_pieces(root)
    if not any(p.text for p in pieces):
        raise EmptyDocument("网页里没有可读取的文字", where=where)
    meta = {"encoding": encoding}
    title = root.findtext(".//title")
    if title and title.strip():
        meta["title"] = clean(title)
    return SourceDoc("html", tuple(pieces), meta, notes)


def bytes_to_text(data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """Decode the page: BOM, then UTF-8, then the declared ``<meta charset>``, then GB18030."""
    return decode_text(data, declared_encoding(data))


def text_to_tree(text: str, where: str, utf8: bytes | None = None) -> lxml.etree._Element:
    """Parse page or fragment into an element tree rooted at ``<html>``; comments, scripts, styles and
    elements hidden with ``display:none`` removed (their tails kept). ``utf8``: the page's own bytes
    when they are ``text`` in UTF-8 (no BOM) — libxml2 reads them twice as fast as a Python string,
    into the same tree."""
    declared = _XML_DECL.match(text)
    text = _XML_DECL.sub("", text, count=1) if declared else text
    utf8 = None if declared or (utf8 or b"").startswith(b"\xef\xbb\xbf") else utf8
    parser = _PARSER if utf8 is None else _UTF8_PARSER
    try:
        root = lxml.etree.fromstring(text if utf8 is None else utf8, parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(f"网页无法解析（{exc.__class__.__name__}）", where=where) from exc
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise ParseError(
            f"网页的元素嵌套超过 {MAX_DEPTH} 层，不像年度报告，无法完整读取", where=where
        )
    if root is None:
        raise EmptyDocument("网页里没有可读取的文字", where=where)
    lxml.etree.strip_elements(root, *(SKIP - {"head"}), with_tail=False)
    for hidden in _HIDDEN(root) if _might_hide(text) else ():
        _drop(hidden)
    return root


def _might_hide(text: str) -> bool:
    """Whether the page may hide elements (``display:none``); a plain substring test first, as the
    case-insensitive search over a whole page costs more than the rest of the tree building."""
    return ("isplay" in text or "ISPLAY" in text) and _HIDDEN_TEXT.search(text) is not None


def _drop(el: lxml.etree._Element) -> None:
    """Remove an element but keep the text that follows it."""
    parent, previous = el.getparent(), el.getprevious()
    if parent is None:
        return
    if el.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def clean(text: str) -> str:
    """Collapse whitespace (NBSP and full-width space too) to single spaces and strip."""
    if "\u200b" in text or "\ufeff" in text:
        return _SPACES.sub(" ", text).strip()
    return " ".join(text.split())  # the same for every other text, and several times faster


class _Collector:
    """Collects line pieces and table cell pieces in reading order."""

    def __init__(self) -> None:
        self.pieces: list[Piece] = []
        self.buffer: list[str] = []
        self.lines = 0
        self.tables = 0

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)

    def flush(self) -> None:
        line = clean("".join(self.buffer))
        self.buffer.clear()
        if line:
            self.lines += 1
            self.pieces.append(Piece(line, f"第{self.lines}段", False))

    def table(self, table: lxml.etree._Element) -> None:
        self.flush()
        for caption in table.iterchildren("caption"):
            _walk_inside(caption, self)
            self.flush()
        self.tables += 1
        self.pieces.extend(table_to_pieces(table, self.tables))


def tree_to_pieces(root: lxml.etree._Element) -> list[Piece]:
    """Walk the tree in document order: blocks → line pieces, tables → cell pieces."""
    out = _Collector()
    body = next(root.iterchildren("body"), None)
    _walk(body if body is not None else root, out)
    out.flush()
    return out.pieces


def _walk(el: lxml.etree._Element, out: _Collector) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if not tag or tag in SKIP:
        return
    if tag == "table":
        _layout(el, out) if is_layout_table(el) else out.table(el)
        return
    if tag == "br" or tag in BLOCKS:
        out.flush()
    _walk_inside(el, out)
    if tag in BLOCKS:
        out.flush()


def _walk_inside(el: lxml.etree._Element, out: _Collector) -> None:
    out.add(el.text)
    for child in el:
        _walk(child, out)
        out.add(child.tail)


def is_layout_table(table: lxml.etree._Element) -> bool:
    """A table holding other tables in its cells: page layout (old government sites put the whole
    page in one), not a data table. Its cells are read as running text and tables."""
    return next(table.iterdescendants("table"), None) is not None


def _layout(table: lxml.etree._Element, out: _Collector) -> None:
    out.flush()
    for row in table_rows(table):
        for cell in row:
            _walk_inside(cell, out)
            out.flush()


def table_rows(table: lxml.etree._Element) -> list[list[lxml.etree._Element]]:
    """The table's own rows (not those of nested tables), each a list of its ``td``/``th`` elements."""
    return [[c for c in row if c.tag in _CELLS] for row in _ROWS(table)]


def cell_text(cell: lxml.etree._Element) -> str:
    """A cell's text: blocks and ``<br>`` inside joined, whitespace collapsed, ``&nbsp;`` → ''."""
    text = lxml.etree.tostring(cell, method="text", encoding=str, with_tail=False).strip()
    return _cell_lines(text)


def _cell_lines(text: str) -> str:
    if "\n" not in text:
        return clean(text)
    return join_cell_lines([clean(p) for p in text.split("\n")])


def _mark_lines(cells: list[lxml.etree._Element]) -> None:
    """Put a line break after every ``<br>`` and block inside the cells, so that the text
    serialisation (fast, in C) sees the lines. Marks the tree; doing it twice is harmless."""
    for cell in cells:
        size = len(cell)
        if not size or size == 1 and not len(cell[0]) and cell[0].tail is None:
            continue  # no element, or one alone with nothing inside or after it: no line to mark
        for block in cell.iter("br", *BLOCKS):
            if block.tail is None and block.getnext() is None and block.getparent().tag in _CELLS:
                continue  # the last thing in its cell (“<td><p>13</p></td>”): no line follows it
            block.tail = "\n" + (block.tail or "")


_CELLS = frozenset(("td", "th"))
_ROWS = lxml.etree.XPath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")


def _span(raw: str | None) -> int:
    if raw is None:
        return 1
    try:
        value = int(raw.strip() or 1)
    except ValueError:
        return 1
    return min(max(value, 1), _MAX_SPAN)


_CELL_END = "\ue000"  # a private-use character, put in each cell's tail, so that one serialisation of a row gives all its cells


def row_texts(cells: list[lxml.etree._Element]) -> list[str]:
    """The texts of a row's cells (as ``cell_text``), from one text serialisation of the row: the
    cells' tails (whitespace between cells) are replaced by a separator. Marks the tree."""
    row = cells[0].getparent() if cells else None
    return _row_texts(row, cells) if row is not None else []


def _row_texts(row: lxml.etree._Element, cells: list[lxml.etree._Element]) -> list[str]:
    _mark_lines(cells)
    if len(row) != len(cells):  # other things in the row: one cell at a time
        return [cell_text(cell) for cell in cells]
    for cell in cells:
        cell.tail = _CELL_END
    raw = lxml.etree.tostring(row, method="text", encoding=str, with_tail=False)
    if raw.count(_CELL_END) != len(cells):  # a separator inside a cell's own text: one cell at a time
        return [cell_text(cell) for cell in cells]
    if "\n" in raw or "\u200b" in raw or "\ufeff" in raw:
        return [_cell_lines(t.strip()) for t in raw.split(_CELL_END)[:-1]]
    # no line inside any cell: ``clean`` of each cell is the whole row's whitespace collapsed at once
    # (the separator is not whitespace), less the spaces left beside the separators
    joined = " ".join(raw.split()).replace(" " + _CELL_END, _CELL_END).replace(_CELL_END + " ", _CELL_END)
    return joined.split(_CELL_END)[:-1]


def placed_cells(table: lxml.etree._Element) -> list[tuple[int, int, int, int, str]]:
    """Every source cell as (row, column, rowspan, colspan, text), in document order; the column is
    the grid column after the spans of earlier cells are counted. ``rowspan="0"`` counts as 1."""
    taken: dict[int, set[int]] = {}  # row → grid columns covered by spans from rows above or left
    out: list[tuple[int, int, int, int, str]] = []
    for r, row in enumerate(_ROWS(table)):
        cells = [c for c in row if c.tag in _CELLS]
        if not cells:
            continue
        c = 0
        covered = taken.get(r, ())
        for cell, text in zip(cells, _row_texts(row, cells), strict=True):
            while c in covered:
                c += 1
            rowspan, colspan = cell.get("rowspan"), cell.get("colspan")
            rowspan = 1 if rowspan is None else _span(rowspan)
            colspan = 1 if colspan is None else _span(colspan)
            if rowspan > 1 or colspan > 1:
                for dr in range(rowspan):
                    taken.setdefault(r + dr, set()).update(range(c, c + colspan))
                covered = taken[r]
            out.append((r, c, rowspan, colspan, text))
            c += colspan
    return out


def html_to_grid(table: lxml.etree._Element) -> list[list[GridCell | None]]:
    """Expand rowspan/colspan into a full grid; a covered position repeats its source cell's text
    with ``origin=False``. Ragged rows are padded with ``None``."""
    grid: dict[tuple[int, int], GridCell] = {}
    height = len(table_rows(table))
    for r, c, rowspan, colspan, text in placed_cells(table):
        for dr in range(rowspan):
            for dc in range(colspan):
                grid.setdefault((r + dr, c + dc), GridCell(text, r, c, dr == 0 and dc == 0))
    height = max([r + 1 for r, _ in grid] + [height])
    width = max([c for _, c in grid], default=-1) + 1
    return [[grid.get((r, c)) for c in range(width)] for r in range(height)]


def table_to_pieces(table: lxml.etree._Element, number: int) -> list[Piece]:
    """One cell piece per source cell, in document order (positions covered by spans skipped)."""
    return [_new(Piece, (text, _cell_where(number, r, c), True)) for r, c, _, _, text in placed_cells(table)]


@lru_cache(maxsize=8192)
def _cell_where(table: int, row: int, col: int) -> str:
    return f"表{table}第{row + 1}行第{col + 1}列"


_new = tuple.__new__  # _new(Piece, values): Piece(*values) without the named tuple's Python-level __new__


def grid_texts(grid: list[list[GridCell | None]]) -> list[list[str]]:
    """The grid as plain text rows ('' where a ragged row had no cell)."""
    return [[cell.text if cell else "" for cell in row] for row in grid]
