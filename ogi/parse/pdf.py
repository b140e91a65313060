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

A page whose stream draws a table column by column (a long run of one-number lines) is instead
regrouped into lines by position (baseline, then x) — the only case where geometry replaces the
stream order.

What is done to the lines:

- consecutive stream lines on one baseline (by the centres of their boxes), each starting right of
  the one before, are one line: on some pages pdfium gives each cell of a table row its own line;

- page numbers (“— 5 —”, “- 4 -”, “-4-”, “第 3 页”, “第3页 共6页”) in the top or bottom margin are
  dropped (pdfium often puts them first on a page, i.e. in the middle of a table that crosses pages);
- a line is split where a wide gap (a table column) separates two pieces of text, e.g. a group cell
  and a row label (“（四）无法提供 │ 1.本机关不掌握相关政府信息 31 0 …”); values after a gap stay with
  the text before them, so a row label and its numbers stay one piece;
- runs of one-character lines without digits (a vertical group cell) are joined into one line.

Blank cells are invisible in a text layer. A table row printing fewer values than its table has
columns is given one cell piece per column, '' where nothing is printed: the columns are the x
positions of the column headers above it (三: 自然人 … 总计; 四: 结果维持 … 总计 three times; a block
of 二: 本年制发件数 …), or, where the headers run together, the values of the nearest fuller row.
A value is a number or any mark ``read_cell`` accepts (“—”, “-”, “/”, “无”). A whole row label of 二
or 三 with nothing after it gets all its cells blank. Numbers standing in different x-columns are
never glued into one.
Pages without a text layer (scanned), or whose text layer is garbage, are read by OCR
(``ogi.parse.ocr``, loaded only then) and go through the same ``pages_to_pieces``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

import pypdfium2 as pdfium

from ogi.errors import EmptyDocument, ParseError, UnsupportedFormat
from ogi.spec import FORMATS
from ogi.text.normalise import fold

from .document import Piece, SourceDoc
from .safety import check_size

MIN_TEXT_CHARS_PER_PAGE = (
    20  # fewer visible characters than this per page on average: a scanned file
)
MAX_PAGES = 500  # annual reports have 3–40 pages; 500 pages of pdfium work is already ~5 s
COLUMN_GAP = 2.0  # a gap wider than this many character heights separates table columns
SPACE_GAP = 0.5  # when re-sorting a line, a gap wider than this many heights is a space
MARGIN = 0.1  # page numbers are looked for in the top and bottom tenth of the page
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－‒―]\s*\d{1,4}\s*[-—–－‒―]|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?)$"
)
_VALUE = re.compile(  # a number (an amount may carry its unit) or a mark (—, -, /, 无)
    r"^(?:[-+]?[\d.,，%／/—–－-]+(?:万元|亿元|元)?|无)$"
)
_GARBAGE = re.compile(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NUMBER_CHARS = frozenset("0123456789.,-—–－/／%")
_PART_HEADINGS = tuple(
    dict.fromkeys(fold(h.label)[:8] for f in FORMATS.values() for h in f.headings)
)


def _header_key(text: str) -> str:
    return fold(text).replace(" ", "")


_HEADER_SETS = tuple(  # the column labels of each table (四: three groups of five)
    dict.fromkeys(
        tuple(_header_key(c.label) for c in columns)
        for f in FORMATS.values()
        for columns in (f.s3_columns, f.s4_columns * len(f.s4_groups), *(b.columns for b in f.s2))
    )
)
_HEADER_WORDS = frozenset(label for labels in _HEADER_SETS for label in labels)
_ROW_LABELS = frozenset(  # the row labels of tables 二 and 三, as printed in full on one line
    _header_key(label)
    for f in FORMATS.values()
    for row in (*f.s3_rows, *(r for b in f.s2 for r in b.rows))
    for label in (row.label, *row.variants)
) - frozenset(_header_key(g.label) for f in FORMATS.values() for g in f.s3_groups)  # （六）其他处理
BLANK_TOLERANCE = 0.4  # a value must lie within this share of the column spacing from its column
COLUMN_RUN = 8  # this many one-number lines in a row: the page draws its table column by column
MAX_DISTANCE = 80  # lines searched above and below for a full row of the same table
MIN_COLUMNS = 5  # blank cells are looked for only in tables this wide (三: 7, 四: 15)
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
        if len(pdf) > MAX_PAGES:
            raise UnsupportedFormat(
                f"PDF 有 {len(pdf)} 页，超过 {MAX_PAGES} 页上限，不像年度报告，拒绝读取",
                where=where,
            )
        pages = [page_to_lines(pdf, i, where) for i in range(len(pdf))]
        boxes = scans_to_lines(pdf, pages, where)
    finally:
        pdf.close()
    if boxes:
        from .ocr import ocr_document

        return ocr_document("pdf", pages, boxes, {"pages": str(len(pages))}, where)
    pieces = pages_to_pieces(pages)
    if sum(len(p.text.replace(" ", "")) for p in pieces) < MIN_TEXT_CHARS_PER_PAGE * len(pages):
        raise EmptyDocument("PDF 没有文字层（可能是扫描件），无法读取", where=where)
    return SourceDoc("pdf", tuple(pieces), {"pages": str(len(pages))}, scanned_pages(pages))


def scans_to_lines(pdf: pdfium.PdfDocument, pages: list[list[list[Glyph]]], where: str) -> dict:
    """Pages holding an image but no text layer, or a garbage one, read by OCR (``ogi.parse.ocr``)
    in place; the OCR's boxes by page number (empty when every page has its text)."""
    todo = [
        i for i, lines in enumerate(pages) if (not lines or broken_text(lines)) and has_image(pdf, i)
    ]
    if not todo:
        return {}
    from .ocr import ocr_pdf_pages

    lines, boxes = ocr_pdf_pages(pdf, todo, where)
    for i, page in lines.items():
        pages[i] = page
    return {n: b for n, b in boxes.items() if b}


def has_image(pdf: pdfium.PdfDocument, index: int) -> bool:
    """A page holding an image (what a scanned page is); a page of nothing or of vector drawing only
    is not worth reading by OCR."""
    import pypdfium2.raw as pdfium_c

    try:
        page = pdf[index]
        try:
            return next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)), None) is not None
        finally:
            page.close()
    except pdfium.PdfiumError:
        return False


def broken_text(lines: list[list[Glyph]]) -> bool:
    """A text layer that is not text: most characters private-use, replacement or control characters
    (a font without a Unicode map), so the page must be read from its image."""
    chars = [g.ch for line in lines for g in line if not g.ch.isspace()]
    bad = sum(1 for ch in chars if _GARBAGE.match(ch))
    return len(chars) >= MIN_TEXT_CHARS_PER_PAGE and bad > len(chars) / 2


def scanned_pages(pages: list[list[list[Glyph]]]) -> tuple[str, ...]:
    """A note for each page without any text among pages with text (a scanned page in the middle)."""
    empty = [str(n) for n, lines in enumerate(pages, 1) if not lines]
    if not empty:
        return ()
    return (f"PDF 第{'、'.join(empty)}页没有文字层（可能是扫描页），其中的内容无法读取",)


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
    lines = [line for line in lines if not is_page_number(line, height)]
    return lines_by_position(lines) if drawn_column_wise(lines) else join_same_baseline(lines)


def join_same_baseline(lines: list[list[Glyph]]) -> list[list[Glyph]]:
    """Consecutive stream lines on one baseline, each starting right of where the one before ends,
    as one line (pdfium breaks a table row into one line per cell on some pages: “0”, “0”, “1” …)."""
    out: list[list[Glyph]] = []
    for line in lines:
        if out and _continues(out[-1], line):
            a, b = _last_ink(out[-1]), _first_ink(line)
            out[-1] = [*out[-1], Glyph(" ", a.x1, a.y0, b.x0, a.y1), *line]
        else:
            out.append(line)
    return out


def _continues(before: list[Glyph], line: list[Glyph]) -> bool:
    a, b = _last_ink(before), _first_ink(line)
    if a is None or b is None or not (a.y1 and b.y1):
        return False
    height = max(a.height, b.height)  # centres, not box bottoms: “—” and “/” sit higher and lower
    centres = abs((a.y0 + a.y1) - (b.y0 + b.y1)) / 2
    return centres < 0.4 * height and b.x0 > a.x1 - 0.1 * height


def _first_ink(line: list[Glyph]) -> Glyph | None:
    return next((g for g in line if not g.ch.isspace()), None)


def _last_ink(line: list[Glyph]) -> Glyph | None:
    return next((g for g in reversed(line) if not g.ch.isspace()), None)


def drawn_column_wise(lines: list[list[Glyph]]) -> bool:
    """A page whose stream draws a table column by column: a “line” of digits stacked on several
    baselines (pdfium joins a drawn column), or a long run of lines each holding one number (in row
    order a table line holds a label and several numbers)."""
    run = 0
    for line in lines:
        ink = [g for g in line if not g.ch.isspace()]
        if not ink or not all(g.y1 for g in ink):
            run = 0
            continue
        numeric = all(g.ch in _NUMBER_CHARS for g in ink) or line_text(line) == "无"
        stacked = max(g.y0 for g in ink) - min(g.y0 for g in ink) > 1.5 * max(g.height for g in ink)
        if numeric and stacked and len(ink) >= 4:
            return True
        run = run + 1 if numeric and " " not in line_text(line) else 0
        if run >= COLUMN_RUN:
            return True
    return False


def lines_by_position(lines: list[list[Glyph]]) -> list[list[Glyph]]:
    """The page's characters regrouped into lines by baseline (top to bottom), each left to right,
    with a space where characters stand apart."""
    ink = sorted(
        (g for line in lines for g in line if not g.ch.isspace()), key=lambda g: -(g.y0 + g.y1)
    )
    rows: list[list[Glyph]] = []
    for g in ink:
        if rows and abs((rows[-1][0].y0 + rows[-1][0].y1) - (g.y0 + g.y1)) < 0.5 * g.height:
            rows[-1].append(g)
        else:
            rows.append([g])
    return [_spaced(sorted(row, key=lambda g: g.x0)) for row in rows]


def _spaced(row: list[Glyph]) -> list[Glyph]:
    out = row[:1]
    for a, b in pairwise(row):
        if b.x0 - a.x1 > SPACE_GAP * max(a.height, b.height):
            out.append(Glyph(" ", a.x1, a.y0, b.x0, a.y1))
        out.append(b)
    return out


def _glyph_lines(textpage: pdfium.PdfTextPage) -> list[list[Glyph]]:
    text = textpage.get_text_range()
    exact = len(text) == textpage.count_chars()
    lines: list[list[Glyph]] = [[]]
    for i, ch in enumerate(text):
        if ch == "\n":
            lines.append([])
        elif ch != "\r":
            lines[-1].append(
                _glyph(textpage, i, ch) if exact and not ch.isspace() else Glyph(ch, 0, 0, 0, 0)
            )
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
    backwards = any(b.x0 < a.x0 - 0.5 * height for a, b in pairwise(ink))
    if not (one_baseline and backwards):
        return line
    return _spaced(sorted(ink, key=lambda g: g.x0))


@dataclass(frozen=True)
class Segment:
    """A run of text on one line between two column gaps (or one number of a run of numbers)."""

    text: str
    x0: float
    x1: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def is_value(self) -> bool:
        return bool(_VALUE.match(self.text.replace(" ", "")))


def _starts_segment(previous: Glyph | None, g: Glyph, spaced: bool) -> bool:
    """A column gap, a space between two numbers (each number is its own segment), or a space
    between text on two baselines (two header cells of different heights: “总计 结果维”). Only a
    space the text layer has separates numbers: justified text spreads the digits of one number too."""
    if previous is None or not (previous.y1 and g.y1):
        return False
    numbers = previous.ch in _NUMBER_CHARS and g.ch in _NUMBER_CHARS
    height = max(g.height, previous.height)
    other_baseline = spaced and abs(g.y0 - previous.y0) > 0.5 * height
    return g.x0 - previous.x1 > COLUMN_GAP * height or ((numbers or other_baseline) and spaced)


def split_columns(line: list[Glyph]) -> list[Segment]:
    """The line cut where a gap wider than ``COLUMN_GAP`` character heights lies, and between numbers."""
    groups: list[list[Glyph]] = [[]]
    previous: Glyph | None = None
    spaced = False
    for g in line:
        if g.ch.isspace():
            groups[-1].append(g)
            spaced = True
            continue
        if _starts_segment(previous, g, spaced):
            groups.append([])
        groups[-1].append(g)
        previous, spaced = g, False
    return [seg for seg in (_segment(group) for group in groups) if seg.text]


def _segment(glyphs: list[Glyph]) -> Segment:
    ink = [g for g in glyphs if not g.ch.isspace()]
    if not ink:
        return Segment("", 0, 0)
    return Segment(line_text(glyphs), min(g.x0 for g in ink), max(g.x1 for g in ink))


def join_segments(segments: list[Segment]) -> list[str]:
    """Text after a column gap starts a new piece; values (numbers, dashes) stay with what precedes."""
    out: list[str] = []
    for segment in segments:
        if out and segment.is_value:
            out[-1] = f"{out[-1]} {segment.text}"
        else:
            out.append(segment.text)
    return out


def trailing_values(segments: list[Segment]) -> list[Segment]:
    """The value segments at the end of a line (a table row's numbers)."""
    i = len(segments)
    while i > 0 and segments[i - 1].is_value:
        i -= 1
    return segments[i:] if all(s.x1 > 0 for s in segments[i:]) else []


def is_part_heading(segments: list[Segment]) -> bool:
    """A line starting with one of the six part headings (“三、收到和处理…”): tables end there."""
    if not segments or segments[0].text[:1] not in "一二三四五六七八九十":
        return False
    head = fold("".join(seg.text for seg in segments))[:8]
    return len(head) >= 6 and any(head.startswith(h) for h in _PART_HEADINGS)


def nearest_fuller(i: int, values: list[list[Segment]], stops: list[bool]) -> int | None:
    """The nearest line (above first, then below) printing more values than line ``i`` and at least
    ``MIN_COLUMNS`` of them, within ``MAX_DISTANCE`` lines and without crossing a part heading."""
    need = max(len(values[i]) + 1, MIN_COLUMNS)
    for distance in range(1, min(len(values), MAX_DISTANCE)):
        for j in (i - distance, i + distance):
            if 0 <= j < len(values) and len(values[j]) >= need and not _crosses(stops, i, j):
                return j
    return None


def _crosses(stops: list[bool], i: int, j: int) -> bool:
    low, high = min(i, j), max(i, j)
    return any(stops[low + 1 : high + 1])


def place_values(values: list[Segment], anchors: list[float]) -> list[str] | None:
    """The values under their columns, '' for a column with nothing printed; None if any value does
    not sit clearly under a column (then the line is left as it is)."""
    spacing = min(b - a for a, b in pairwise(anchors))
    if spacing <= 0:
        return None
    cells = [""] * len(anchors)
    last = -1
    for value in values:
        j = min(range(len(anchors)), key=lambda k: abs(anchors[k] - value.centre))
        if j <= last or abs(anchors[j] - value.centre) > BLANK_TOLERANCE * spacing:
            return None
        cells[j], last = value.text, j
    return cells


def is_header_cell(segment: Segment) -> bool:
    """A column header cell, or the first line of one that wraps (“结果维” of “结果维持”)."""
    key = _header_key(segment.text)
    return len(key) >= 2 and any(
        label.startswith(key) or key.startswith(label) for label in _HEADER_WORDS
    )


def header_region(i: int, rows: list[list[Segment]], stops: list[bool]) -> list[int]:
    """The header lines of the table that row ``i`` belongs to: going up from ``i`` past its value
    rows to the first line holding a column header, then up to the next value row or part heading."""
    region: list[int] = []
    for j in range(i - 1, max(i - MAX_DISTANCE, -1), -1):
        if stops[j]:
            break
        has_values = bool(trailing_values(rows[j]))
        if region and has_values:
            break
        if not has_values and any(is_header_cell(seg) for seg in rows[j]):
            region.append(j)
    return region


def header_columns(i: int, rows: list[list[Segment]], stops: list[bool]) -> list[float] | None:
    """The centres of the column headers above row ``i``, when they are exactly the columns of one
    table (三: 7, 四: 15, a block of 二: 1–3) — None otherwise (e.g. headers run together)."""
    cells = [seg for j in header_region(i, rows, stops) for seg in rows[j] if is_header_cell(seg)]
    for labels in _HEADER_SETS:
        if all(_belongs(seg, labels) for seg in cells):
            columns = _columns(cells)
            if len(columns) == len(labels):
                return columns
    return None


def _belongs(segment: Segment, labels: tuple[str, ...]) -> bool:
    key = _header_key(segment.text)
    return any(label.startswith(key) or key.startswith(label) for label in set(labels))


def _columns(cells: list[Segment]) -> list[float]:
    """Header cells grouped into columns (overlapping x ranges), each column's centre, left to right."""
    groups: list[list[Segment]] = []
    for seg in sorted(cells, key=lambda s: s.x0):
        if groups and seg.x0 < max(s.x1 for s in groups[-1]):
            groups[-1].append(seg)
        else:
            groups.append([seg])
    return [sum(s.centre for s in group) / len(group) for group in groups]


def blank_cells(rows: list[list[Segment]]) -> dict[int, list[str]]:
    """Table rows printing fewer values than their table has columns: their values placed under the
    column headers (``header_columns``) or, when the headers cannot be told apart, under the values
    of the nearest fuller row of the same table (≥ ``MIN_COLUMNS`` columns: 三 and 四), '' for each
    blank cell. Index → cells."""
    values = [trailing_values(r) for r in rows]
    stops = [is_part_heading(r) for r in rows]
    out: dict[int, list[str]] = {}
    for i, printed in enumerate(values):
        if not printed and is_blank_row(i, rows, values):
            columns = header_columns(i, rows, stops)
            cells = [""] * len(columns) if columns else None
        else:
            anchors = _anchors(i, rows, values, stops) if printed else None
            cells = place_values(printed, anchors) if anchors else None
        if cells is not None:
            out[i] = cells
    return out


def is_blank_row(i: int, rows: list[list[Segment]], values: list[list[Segment]]) -> bool:
    """A whole row label of table 二 or 三 with nothing printed after it, and no line of bare values
    next to it (which would be the row's values, printed on a line of their own)."""
    label = _header_key("".join(seg.text for seg in rows[i]))
    if label not in _ROW_LABELS:
        return False
    bare = [j for j in (i - 1, i + 1) if 0 <= j < len(rows) and rows[j]]
    return not any(len(values[j]) == len(rows[j]) for j in bare)


def _anchors(
    i: int, rows: list[list[Segment]], values: list[list[Segment]], stops: list[bool]
) -> list[float] | None:
    columns = header_columns(i, rows, stops)
    if columns is not None:
        return columns if len(values[i]) < len(columns) else None
    fuller = nearest_fuller(i, values, stops)
    return [seg.centre for seg in values[fuller]] if fuller is not None else None


def join_vertical(pieces: list[Piece]) -> list[Piece]:
    """Join runs of one-character lines without digits (a vertical cell: 三/、/本/年/度…); the run may
    start with a two-character line ending in “、” (“三、”). The joined piece keeps the first ``where``."""
    out: list[Piece] = []
    run = False
    for piece in pieces:
        text = piece.text
        single = not piece.cell and len(text) == 1 and not text.isdigit()
        if single and run:
            out[-1] = Piece(out[-1].text + text, out[-1].where, False)
        else:
            out.append(piece)
        run = single or (not piece.cell and len(text) == 2 and text.endswith("、"))
    return out


def pages_to_pieces(pages: list[list[list[Glyph]]]) -> list[Piece]:
    """All pages' lines → pieces named “第p页第n行” (n counts the page's text lines). A table row
    with blank cells becomes its label (a line piece) and one cell piece per column."""
    places = [(p, n) for p, lines in enumerate(pages, 1) for n in range(1, len(lines) + 1)]
    rows = [split_columns(in_reading_order(line)) for lines in pages for line in lines]
    filled = blank_cells(rows)
    pieces: list[Piece] = []
    for i, segments in enumerate(rows):
        where = "第{}页第{}行".format(*places[i])
        if i in filled:
            labels = segments[: len(segments) - len(trailing_values(segments))]
            pieces.extend(Piece(text, where, False) for text in join_segments(labels))
            pieces.extend(Piece(text, where, True) for text in filled[i])
        else:
            pieces.extend(Piece(text, where, False) for text in join_segments(segments))
    return join_vertical(pieces)
