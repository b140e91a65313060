"""DOCX reader: paragraphs and tables in body order → :class:`SourceDoc`.

Stages: ``check_zip`` (size, ratio, members — before any library unzips) → ``bytes_to_document``
(python-docx) → ``body_to_pieces`` (the body XML in order). Paragraphs become line pieces
(“第12段”); a ``<w:br/>`` inside a paragraph starts a new line piece. Table cells become cell
pieces (“表2第5行第3列”, columns counted in grid columns), each source cell once:

- a horizontally merged cell (``w:gridSpan``) is one ``w:tc`` and is read once;
- a vertically merged cell (``w:vMerge`` without ``restart``) is a continuation and is skipped;
- legacy ``w:hMerge`` continuations are skipped too;
- paragraphs inside a cell are joined (as ``<br>`` in HTML); an empty cell is an empty piece.

Content controls (``w:sdt``), tracked insertions (``w:ins``) and hyperlinks are looked into; deleted
text (``w:del``) is not read.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from ..errors import EmptyDocument, ParseError
from .document import Piece, SourceDoc
from .safety import check_size, check_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {W + "del", W + "moveFrom", W + "instrText", W + "delText", W + "fldChar"}


def read_docx(data: bytes, where: str) -> SourceDoc:
    """Read a .docx file. Raises ``UnsupportedFormat`` (not a DOCX, zip bomb), ``ParseError``, ``EmptyDocument``."""
    check_size(data, where)
    check_zip(data, where, member="word/document.xml", kind="Word（.docx）")
    document = bytes_to_document(data, where)
    pieces = body_to_pieces(document.element.body)
    if not any(p.text for p in pieces):
        raise EmptyDocument("Word 文档里没有可读取的文字", where=where)
    meta = {}
    title = document.core_properties.title
    if title:
        meta["title"] = title.strip()
    return SourceDoc("docx", tuple(pieces), meta)


def bytes_to_document(data: bytes, where: str):  # -> docx.document.Document
    """Open with python-docx; any failure of the package or its XML becomes a ``ParseError``."""
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError) as exc:
        raise ParseError(f"Word 文档已损坏，无法读取（{exc.__class__.__name__}）", where=where) from exc


class _Body:
    """Collects pieces while walking the body."""

    def __init__(self) -> None:
        self.pieces: list[Piece] = []
        self.paragraphs = 0
        self.tables = 0

    def paragraph(self, p: etree._Element) -> None:
        for line in paragraph_text(p).split("\n"):
            line = " ".join(line.split())
            if line:
                self.paragraphs += 1
                self.pieces.append(Piece(line, f"第{self.paragraphs}段", False))

    def table(self, tbl: etree._Element) -> None:
        self.tables += 1
        self.pieces.extend(table_to_pieces(tbl, self.tables))


def body_to_pieces(body: etree._Element) -> list[Piece]:
    """Paragraphs and tables of the body, in order."""
    out = _Body()
    _walk_blocks(body, out)
    return out.pieces


def _walk_blocks(parent: etree._Element, out: _Body) -> None:
    for child in parent:
        if child.tag == W + "p":
            out.paragraph(child)
        elif child.tag == W + "tbl":
            out.table(child)
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins"):
            _walk_blocks(child, out)


def paragraph_text(p: etree._Element) -> str:
    """The text of a paragraph: ``w:t`` runs, ``w:tab`` as a space, ``w:br``/``w:cr`` as a line break."""
    parts: list[str] = []
    _text_parts(p, parts)
    return "".join(parts)


def _text_parts(el: etree._Element, parts: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "tab":
            parts.append(" ")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        else:
            _text_parts(child, parts)


def cell_text(tc: etree._Element) -> str:
    """A cell's paragraphs (and nested tables) joined without line breaks, whitespace collapsed."""
    lines = [" ".join(line.split()) for p in tc.iter(W + "p") for line in paragraph_text(p).split("\n")]
    out = ""
    for line in (x for x in lines if x):
        latin = out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum()
        out += (" " if latin else "") + line
    return out


def _property(tc: etree._Element, name: str) -> etree._Element | None:
    pr = tc.find(W + "tcPr")
    return pr.find(W + name) if pr is not None else None


def _span(tc: etree._Element) -> int:
    span = _property(tc, "gridSpan")
    try:
        return max(int(span.get(W + "val", "1")), 1) if span is not None else 1
    except ValueError:
        return 1


def is_continuation(tc: etree._Element) -> bool:
    """A cell covered by the merged cell above (``w:vMerge`` continue) or to the left (``w:hMerge``)."""
    for name in ("vMerge", "hMerge"):
        merge = _property(tc, name)
        if merge is not None and merge.get(W + "val", "continue") != "restart":
            return True
    return False


def row_cells(tr: etree._Element) -> list[etree._Element]:
    """The row's ``w:tc`` elements, looking into content controls and tracked insertions."""
    cells: list[etree._Element] = []
    for child in tr:
        if child.tag == W + "tc":
            cells.append(child)
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins"):
            cells.extend(row_cells(child))
    return cells


def _grid_before(tr: etree._Element) -> int:
    pr = tr.find(W + "trPr")
    before = pr.find(W + "gridBefore") if pr is not None else None
    try:
        return int(before.get(W + "val", "0")) if before is not None else 0
    except ValueError:
        return 0


def table_to_pieces(tbl: etree._Element, number: int) -> list[Piece]:
    """One cell piece per source cell, row by row; merged continuations skipped."""
    pieces: list[Piece] = []
    rows = [tr for tr in tbl.iter(W + "tr") if _owner_table(tr) is tbl]
    for r, tr in enumerate(rows, 1):
        col = _grid_before(tr) + 1
        for tc in row_cells(tr):
            if not is_continuation(tc):
                pieces.append(Piece(cell_text(tc), f"表{number}第{r}行第{col}列", True))
            col += _span(tc)
    return pieces


def _owner_table(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != W + "tbl":
        parent = parent.getparent()
    return parent
