"""PDF reader: the text layer → line pieces, with pypdfium2 (≈3–5 ms a page).

Stages: ``bytes_to_document`` (pdfium; encrypted/corrupt → ``ParseError``) → ``page_to_lines``
(pdfium's text in content-stream order, with each character's box) → ``line_to_pieces`` →
``SourceDoc``. No table cells are produced: a PDF has no cells, only positioned text, so every piece
is a line piece (``cell=False``), “第3页第12行”.

Why pdfium's order and not a top-to-bottom sort: official reports are WPS/Word exports whose content
stream follows the table row by row. A wrapped row label (“5.要求行政机关确认或重新出具 / 已获取信息”)
comes label first, numbers after, and the vertical group cell “三、本年度办理结果” comes as one
character per line; a y-sort (pdfplumber's ``extract_text``) puts the number line in the middle of the
label instead. Within a line, characters are re-sorted by x only if the stream put them out of order
(all on one baseline but x going backwards), so values always come out left to right.

What is done to the lines:

- page numbers (“— 5 —”, “- 4 -”, “-4-”, “第 3 页”, “第3页 共6页”) in the top or bottom margin are
  dropped (pdfium often puts them first on a page, i.e. in the middle of a table that crosses pages);
- a line is split where a wide gap (a table column) separates two pieces of text, e.g. a group cell
  and a row label (“（四）无法提供 │ 1.本机关不掌握相关政府信息 31 0 …”); values after a gap stay with
  the text before them, so a row label and its numbers stay one piece;
- runs of one-character lines without digits (a vertical group cell) are joined into one line.

Blank cells are invisible in a text layer; the assembler sees fewer numbers on such a row.
A PDF without a text layer (scanned) → ``EmptyDocument``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium

from ..errors import EmptyDocument, ParseError, UnsupportedFormat
from .document import Piece, SourceDoc
from .safety import check_size

MIN_TEXT_CHARS = 20  # fewer visible characters in the whole file: treated as scanned
COLUMN_GAP = 2.0  # a gap wider than this many character heights separates table columns
SPACE_GAP = 0.25  # when re-sorting a line, a gap wider than this many heights is a space
MARGIN = 0.1  # page numbers are looked for in the top and bottom tenth of the page
_PAGE_NUMBER = re.compile(r"^(?:[-—–－‒―]\s*\d{1,4}\s*[-—–－‒―]|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?)$")
_VALUE = re.compile(r"^[-+]?[\d.,，%／/—–－-]+$")
_PASSWORD_ERRORS = ("password", "security")


@dataclass(frozen=True)
class Glyph:
    ch: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)


def read_pdf(data: bytes, where: str) -> SourceDoc:
    """Read a PDF's text layer. Raises ``UnsupportedFormat``, ``ParseError`` or ``EmptyDocument``."""
    check_size(data, where)
    if b"%PDF-" not in data[:1024]:
        raise UnsupportedFormat("不是 PDF 文件（文件头不是 %PDF）", where=where)
    pdf = bytes_to_document(data, where)
    try:
        pages = [page_to_lines(pdf, i, where) for i in range(len(pdf))]
    finally:
        pdf.close()
    pieces = [piece for number, lines in enumerate(pages, 1) for piece in lines_to_pieces(lines, number)]
    if sum(len(p.text.replace(" ", "")) for p in pieces) < MIN_TEXT_CHARS:
        raise EmptyDocument("PDF 没有文字层（可能是扫描件），无法读取", where=where)
    return SourceDoc("pdf", tuple(pieces), {"pages": str(len(pages))})


def bytes_to_document(data: bytes, where: str) -> pdfium.PdfDocument:
    """Open with pdfium; an encrypted, corrupt or truncated file becomes a ``ParseError``."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if any(word in text for word in _PASSWORD_ERRORS):
            raise ParseError("PDF 已加密（需要密码），无法读取", where=where) from exc
        raise ParseError("PDF 文件已损坏或不完整，无法读取", where=where) from exc
    if len(pdf) == 0:
        pdf.close()
        raise ParseError("PDF 文件已损坏或不完整（没有页面），无法读取", where=where)
    return pdf


def page_to_lines(pdf: pdfium.PdfDocument, index: int, where: str) -> list[list[Glyph]]:
    """The page's text lines in stream order, page numbers in the margins dropped."""
    try:
        page = pdf[index]
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            lines = _glyph_lines(textpage)
        finally:
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise ParseError(f"PDF 第{index + 1}页无法读取", where=where) from exc
    return [line for line in lines if not is_page_number(line, height)]


def _glyph_lines(textpage: pdfium.PdfTextPage) -> list[list[Glyph]]:
    text = textpage.get_text_range()
    exact = len(text) == textpage.count_chars()
    lines: list[list[Glyph]] = [[]]
    for i, ch in enumerate(text):
        if ch == "\n":
            lines.append([])
        elif ch != "\r":
            lines[-1].append(_glyph(textpage, i, ch) if exact and not ch.isspace() else Glyph(ch, 0, 0, 0, 0))
    return [line for line in lines if any(not g.ch.isspace() for g in line)]


def _glyph(textpage: pdfium.PdfTextPage, index: int, ch: str) -> Glyph:
    left, bottom, right, top = textpage.get_charbox(index)
    return Glyph(ch, left, bottom, right, top)


def line_text(line: list[Glyph]) -> str:
    return re.sub(r"\s+", " ", "".join(g.ch for g in line)).strip()


def is_page_number(line: list[Glyph], page_height: float) -> bool:
    """A “- 4 -” / “第4页” line lying in the top or bottom margin (or without geometry)."""
    if not _PAGE_NUMBER.match(line_text(line)):
        return False
    ink = [g for g in line if not g.ch.isspace()]
    if page_height <= 0 or all(g.y1 == 0 for g in ink):
        return True
    middle = sum(g.y0 + g.y1 for g in ink) / (2 * len(ink))
    return middle < MARGIN * page_height or middle > (1 - MARGIN) * page_height


def in_reading_order(line: list[Glyph]) -> list[Glyph]:
    """The line itself, or its characters sorted left to right if the stream had them out of order."""
    ink = [g for g in line if not g.ch.isspace()]
    if len(ink) < 2 or all(g.y1 == 0 for g in ink):
        return line
    height = max(g.height for g in ink)
    one_baseline = max(g.y0 for g in ink) - min(g.y0 for g in ink) < 0.5 * height
    backwards = any(b.x0 < a.x0 - 0.5 * height for a, b in zip(ink, ink[1:]))
    if not (one_baseline and backwards):
        return line
    ink.sort(key=lambda g: g.x0)
    out = [ink[0]]
    for a, b in zip(ink, ink[1:]):
        if b.x0 - a.x1 > SPACE_GAP * height:
            out.append(Glyph(" ", a.x1, a.y0, b.x0, a.y1))
        out.append(b)
    return out


def split_columns(line: list[Glyph]) -> list[str]:
    """The line's text cut where a gap wider than ``COLUMN_GAP`` character heights lies."""
    segments: list[list[Glyph]] = [[]]
    previous: Glyph | None = None
    for g in line:
        if g.ch.isspace():
            segments[-1].append(g)
            continue
        if previous and previous.y1 and g.y1 and g.x0 - previous.x1 > COLUMN_GAP * max(g.height, previous.height):
            segments.append([])
        segments[-1].append(g)
        previous = g
    return [t for t in (line_text(s) for s in segments) if t]


def join_segments(segments: list[str]) -> list[str]:
    """Text after a column gap starts a new piece; values (numbers, dashes) stay with what precedes."""
    out: list[str] = []
    for segment in segments:
        if out and _VALUE.match(segment.replace(" ", "")):
            out[-1] = f"{out[-1]} {segment}"
        else:
            out.append(segment)
    return out


def join_vertical(texts: list[str]) -> list[str]:
    """Join runs of one-character lines without digits (a vertical cell: 三/、/本/年/度…); the run may
    start with a two-character line ending in “、” (“三、”)."""
    out: list[str] = []
    run = False
    for text in texts:
        single = len(text) == 1 and not text.isdigit()
        if single and run:
            out[-1] += text
        else:
            out.append(text)
        run = single or (len(text) == 2 and text.endswith("、"))
    return out


def lines_to_pieces(lines: list[list[Glyph]], page: int) -> list[Piece]:
    """One page's lines → line pieces named “第p页第n行” (n counts the page's text lines)."""
    pieces: list[Piece] = []
    for number, line in enumerate(lines, 1):
        for text in join_segments(split_columns(in_reading_order(line))):
            pieces.append(Piece(text, f"第{page}页第{number}行", False))
    texts = join_vertical([p.text for p in pieces])
    if len(texts) == len(pieces):
        return pieces
    return _rename(texts, pieces)


def _rename(texts: list[str], pieces: list[Piece]) -> list[Piece]:
    """Pieces for joined texts, each keeping the ``where`` of the first piece it was made from."""
    out: list[Piece] = []
    i = 0
    for text in texts:
        out.append(Piece(text, pieces[i].where, False))
        consumed = 0
        while i < len(pieces) and consumed < len(text):
            consumed += len(pieces[i].text)
            i += 1
    return out
