"""Scanned reports: page images read by offline OCR, then assembled like a PDF's text layer.

The engine is RapidOCR (``rapidocr-onnxruntime``, Apache-2.0): PaddleOCR's Chinese PP-OCRv4 detection
and recognition models (Apache-2.0) ship inside its wheel and run on onnxruntime, so nothing is
downloaded at run time. It is imported only when a page has to be read by OCR (``ogi parse`` of a
text file never loads onnxruntime); install it with ``pip install 'ogi[ocr]'``.

Stages, for one page image:

1. ``prepare``: at most ``MAX_SIDE`` pixels on its longer side; the red seal is taken out
   (``unsealed``: the red channel as grey, red-tinted pixels divided by the seal's red); the page is
   straightened by the angle (within ±``MAX_SKEW``°) that makes its rows of ink sharpest.
2. the engine finds text boxes, each with its text and confidence (0–1).
3. ``page_lines``: boxes → text lines. Inside a ruled table a line is one table row: the band between
   two horizontal rules that a vertical rule crosses (``table_bands``; a wrapped row label is one text,
   its numbers follow it; a label a character or two off an official one is taken for it,
   ``snapped_labels``); outside tables, boxes on one baseline. Each box becomes glyphs (its characters
   spread over its width; two cells' texts kept a column gap apart, ``cells_apart``), so ``pdf.pages_to_pieces`` — the same function that reads a PDF's text layer — places the
   values, blank cells included, under the column headers.
4. ``review`` (after the assembler): every table cell gets the confidence of the box it was read from
   (``report.ocr["confidence"]``). A cell the table's sums contradict (R3-/R4- errors) is
   ``S-ocr-contradicted``; a cell read with a confidence below ``MIN_CONFIDENCE`` (or found in no box: a
   blank the OCR may have missed) that no sum confirms is ``S-ocr-unsure``. Both name the cell and the
   page: the reader never guesses silently.

Bounds (also in the README): an image file of at most ``MAX_PIXELS`` pixels (20,000 × 20,000 is
refused before it is decoded); at most ``MAX_OCR_PAGES`` pages read by OCR in one file; each page is
worked on at ≤ ``MAX_SIDE`` pixels (≈ 150 MB of memory for the engine and the page); ≈ 5–15 s a page
on one core.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from ogi.errors import EmptyDocument, ParseError, UnsupportedFormat

from .document import Piece, SourceDoc
from .safety import check_size

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from ogi.model import Report

ENGINE = "RapidOCR（PP-OCRv4 中文模型，离线）"
MAX_PIXELS = 60_000_000  # an A4 page at 600 dpi is 35 MP
MAX_OCR_PAGES = 60  # annual reports have 3–40 pages
MAX_SIDE = 2400  # pixels on the longer side the engine works on (A4 at ~200 dpi)
RENDER_DPI = 200  # PDF pages without a text layer are rendered at this resolution
MAX_SKEW = 3.0  # degrees searched when straightening a page
MIN_BOX_SCORE = 0.3  # a box read with less confidence is noise (a speck, the seal): dropped
BOX_THRESHOLD = 0.3  # the engine's default (0.5) loses lone small digits (“1”) in table cells
EMPTY_INK = 8  # dark pixels (after a 3×3 median against speckle) in a cell that counts as empty
MIN_CONFIDENCE = 0.9  # below this a cell the sums do not confirm is reported
SLASH_CONFIDENCE = 0.95  # a cell whose ink is one thin stroke leaning right, as a printed “/” is
SLASH_LIKE = frozenset("/／17lI|")  # what the engine makes of a thin “/” (or of a lone “1” or “7”)
WALL = 0.9  # a cell wall is a vertical rule inked over this share of its row's height…
FAINT_INK = 200  # …dark (grey < 160), or this faint where it continues a wall of the row above or below
WALL_SHIFT = 3  # pixels a rule may move from one row to the next (what straightening leaves)
INK = 0.35  # glyphs get the middle 30 % of a box (padded by the engine): gaps between boxes are column gaps
_VALUE = re.compile(r"^(?:[-+]?[\d.,，%／/—–－-]+(?:万元|亿元|元)?|无)$")


@dataclass(frozen=True)
class Box:
    """One text box the engine found, in page pixels (y downwards), straightened."""

    text: str
    confidence: float
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


# -- entry points ------------------------------------------------------------------------------------
def read_image(data: bytes, where: str) -> SourceDoc:
    """Read a PNG or JPEG page image (one page) by OCR."""
    check_size(data, where)
    image = open_image(data, where)
    lines, held = read_page(image, 1, where)
    return ocr_document("image", [lines], {1: held}, {"pages": "1"}, where)


def open_image(data: bytes, where: str, page: int = 1) -> Any:
    """The image decoded as RGB, refused before decoding when it has more than ``MAX_PIXELS``."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = _header_only(io.BytesIO(data))
        w, h = image.size
        if w * h > MAX_PIXELS:
            raise UnsupportedFormat(
                f"第{page}页图片 {w}×{h} 像素，超过 {MAX_PIXELS // 1_000_000} 百万像素上限，拒绝识别",
                where=where,
            )
        return image.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ParseError(f"第{page}页图片无法解码（文件损坏或不是图片）", where=where) from exc


def _header_only(stream: io.BytesIO) -> Any:
    """``Image.open`` (which reads only the header) without Pillow's own pixel limit: ours is checked
    on the size it reads, with a message that says it."""
    from PIL import Image

    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        return Image.open(stream)
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def ocr_pdf_pages(
    pdf: Any, indices: list[int], where: str
) -> tuple[dict[int, list], dict[int, list]]:
    """Render the PDF pages ``indices`` (0-based) and read them by OCR: page index → glyph lines,
    and page number → its lines' boxes (for ``review``)."""
    if len(indices) > MAX_OCR_PAGES:
        raise UnsupportedFormat(
            f"PDF 有 {len(indices)} 页没有文字层，超过 OCR 识别上限 {MAX_OCR_PAGES} 页，拒绝读取",
            where=where,
        )
    lines: dict[int, list] = {}
    boxes: dict[int, list] = {}
    for i in indices:
        image = render_page(pdf, i, where)
        lines[i], boxes[i + 1] = read_page(image, i + 1, where)
    return lines, boxes


def render_page(pdf: Any, index: int, where: str) -> Any:
    """A PDF page as an RGB image at ``RENDER_DPI``, its longer side at most ``MAX_SIDE`` pixels."""
    import pypdfium2 as pdfium

    try:
        page = pdf[index]
        w, h = page.get_size()
        scale = min(RENDER_DPI / 72, MAX_SIDE / max(w, h, 1))
        image = page.render(scale=scale, grayscale=False).to_pil().convert("RGB")
        page.close()
        return image
    except pdfium.PdfiumError as exc:
        raise ParseError(f"PDF 第{index + 1}页无法渲染为图片", where=where) from exc


def ocr_document(
    kind: str, pages: list, boxes: dict[int, list], meta: dict, where: str
) -> SourceDoc:
    """A SourceDoc of OCR'd pages, with the note that OCR was used."""
    from .pdf import pages_to_pieces

    if not any(pages):
        raise EmptyDocument("图片中没有识别出文字（第1页），不像年度报告", where=where)
    pieces = tuple(pages_to_pieces(pages))
    numbers = [n for n, b in sorted(boxes.items())]
    note = f"第{_page_list(numbers)}页是图片（扫描件），已用 OCR 识别：{ENGINE}"
    return SourceDoc(kind, pieces, meta, (note,), ocr=value_boxes(boxes))


def _page_list(numbers: list[int]) -> str:
    return (
        "、".join(str(n) for n in numbers) if len(numbers) <= 5 else f"{numbers[0]}–{numbers[-1]}"
    )


# -- one page ---------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:  # pragma: no cover - ocr is in the dev extra
        raise UnsupportedFormat(
            "读取扫描件需要 OCR：pip install 'ogi[ocr]'（rapidocr-onnxruntime）"
        ) from exc
    return RapidOCR(print_verbose=False, max_side_len=MAX_SIDE)


def read_page(image: Any, page: int, where: str) -> tuple[list, list[tuple[tuple[str, float], ...]]]:
    """One page image → (glyph lines for the assembler, what each line holds with its confidence:
    the cells of a table row, else the values of the line)."""
    gray = prepare(image)
    found, _ = engine()(_as_rgb(gray), use_cls=False, text_score=0.0, box_thresh=BOX_THRESHOLD)
    boxes = [
        _box(q, text, score)
        for q, text, score in found or ()
        if text.strip() and score >= MIN_BOX_SCORE
    ]
    if not boxes:
        return [], []
    bands = table_bands(gray)
    lines = [
        (snapped_labels(line) if band else line, band)
        for line, band in page_lines(checked_cells(boxes, bands, gray), bands)
    ]
    height = gray.shape[0]
    glyphs = [box_glyphs(cells_apart(line, band) if band else line, height) for line, band in lines]
    held = [cell_entries(line, band, gray) if band else _line_values(line) for line, band in lines]
    return glyphs, held


def _line_values(line: list[list[Box]]) -> tuple[tuple[str, float], ...]:
    return tuple(
        (token, box.confidence)
        for group in line
        for box in group
        for token in box.text.split()
        if _VALUE.match(token)
    )


def prepare(image: Any) -> np.ndarray:
    """Grey page (the red channel: seals wash out), at most ``MAX_SIDE`` pixels, straightened."""
    import cv2
    import numpy as np

    w, h = image.size
    if max(w, h) > MAX_SIDE:
        f = MAX_SIDE / max(w, h)
        image = image.resize((max(1, int(w * f)), max(1, int(h * f))))
    gray = unsealed(np.asarray(image))
    angle = skew(gray)
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, turn, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


SEAL_TINT = 100  # red minus the stronger of green and blue: a pixel of seal ink alone
TINTED = 40  # a pixel this much redder than it is green or blue has seal ink on it


def unsealed(rgb: np.ndarray) -> np.ndarray:
    """The page as grey with a red seal taken out. A seal is inked over the print: where it lies,
    each channel of the print is multiplied by the seal's colour, so the red channel keeps the print,
    dimmed by the seal's red (≈ 0.85). That red is measured on the page (the median red of the pixels
    of seal ink alone), and the red channel of every red-tinted pixel is divided by it: the seal
    becomes paper, the print under it (black, dark in every channel) keeps its darkness. A page
    without red ink is its red channel."""
    import numpy as np

    red = rgb[:, :, 0]
    tint = red.astype(np.int16) - np.maximum(rgb[:, :, 1], rgb[:, :, 2])
    alone = tint > SEAL_TINT
    if int(alone.sum()) < 50:
        return red.copy()
    level = max(float(np.median(red[alone])), 1.0)
    tinted = tint > TINTED
    out = red.copy()
    out[tinted] = np.clip(red[tinted].astype(np.float32) * (255.0 / level), 0, 255).astype(np.uint8)
    return out


def skew(gray: np.ndarray) -> float:
    """The rotation (degrees) that makes the page's rows of ink sharpest (projection profile)."""
    import cv2
    import numpy as np

    small = cv2.resize(gray, (max(1, gray.shape[1] // 3), max(1, gray.shape[0] // 3)))
    ink = (small < 128).astype(np.float32)
    h, w = ink.shape

    def sharpness(angle: float) -> float:
        turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        rows = cv2.warpAffine(ink, turn, (w, h)).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.25), key=sharpness)
    return float(max(np.arange(coarse - 0.25, coarse + 0.26, 0.05), key=sharpness))


def _as_rgb(gray: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.repeat(gray[:, :, None], 3, axis=2)


def _box(quad: Any, text: str, score: Any) -> Box:
    xs = [float(p[0]) for p in quad]
    ys = [float(p[1]) for p in quad]
    text = text.strip()
    if text.startswith("、"):  # “一” is one horizontal stroke: the engine loses it before “、”
        text = "一" + text
    return Box(text, float(score), min(xs), min(ys), max(xs), max(ys))


# -- cells checked one by one ----------------------------------------------------------------------------
def checked_cells(boxes: list[Box], bands: list[Band], gray: np.ndarray) -> list[Box]:
    """The boxes with each table cell checked on its own ink. The engine reads the thin “/” of a
    slash cell as “1” or “7”, or not at all (it is fainter than the digits); it reads a speck as “，”;
    or a speck half as high as the row's digits as “1”; and one box of its may run over two cells
    (“1 36”). So, row by row of a ruled table: a box of values that runs over a cell wall, a box of
    punctuation only and a box less than half as high as the row's values are dropped; a cell then holding nothing or one glyph a slash may be taken for, whose ink is
    one thin stroke leaning right (``slash_stroke``), gets a “/”; a cell holding ink but no box is read
    again alone (``reread``), and so is a value read with low confidence
    (``_second_look``). What is read here still goes through ``review``:
    the sums confirm or contradict it."""
    out = [_dashed(b) if any(band.top <= b.middle <= band.bottom for band in bands) else b for b in boxes]
    missed: list[tuple[tuple[float, float, float, float], np.ndarray]] = []
    unsure: list[tuple[Box, np.ndarray]] = []
    for band in bands:
        in_band = [b for b in out if band.top <= b.middle <= band.bottom]
        heights = sorted(b.height for b in in_band if _VALUE.match(b.text) and not _NOISE.match(b.text))
        speck = 0.5 * heights[len(heights) // 2] if heights else 0.0
        dropped = [
            b for b in in_band if _NOISE.match(b.text) or _over_walls(b, band) or b.height < speck
        ]
        out = [b for b in out if b not in dropped]
        in_band = [b for b in in_band if b not in dropped]
        for left, right in band.cells:
            inside = [b for b in in_band if left <= (b.x0 + b.x1) / 2 < right]
            m = 4
            y0, x0 = int(band.top) + m, int(left) + m
            region = gray[y0 : int(band.bottom) - m, x0 : int(right) - m]
            if len(inside) > 1 or region.shape[0] < 8 or region.shape[1] < 8:
                continue
            stroke = slash_stroke(region) if not inside or _maybe_slash(inside[0].text) else None
            if stroke is not None:
                sx0, sy0, sx1, sy1 = stroke
                box = Box("/", SLASH_CONFIDENCE, x0 + sx0, y0 + sy0, x0 + sx1, y0 + sy1)
                out = [b for b in out if b not in inside] + [box]
            elif inside:
                if inside[0].confidence < MIN_CONFIDENCE and _VALUE.match(inside[0].text):
                    unsure.append((inside[0], region))
            elif (ink := _ink_box(region)) is not None:
                ix0, iy0, ix1, iy1 = ink
                missed.append(((x0 + ix0, y0 + iy0, x0 + ix1, y0 + iy1), region))
    return _second_look(out, unsure) + reread(missed)


def _dashed(box: Box) -> Box:
    """A table cell holding one “一” alone holds a dash “—”: the engine cannot tell the one stroke of
    the ideograph from the dash a report prints for none, and no table cell holds the ideograph alone."""
    return replace(box, text="—") if box.text == "一" else box


def _second_look(boxes: list[Box], unsure: list[tuple[Box, np.ndarray]]) -> list[Box]:
    """A value read with low confidence among its neighbours is read again alone (``_recognise``): when both readings agree, the box gets the surer confidence of the two;
    when they differ it keeps its own (low: ``review`` reports it unless the sums confirm it)."""
    if not unsure:
        return boxes
    again = _recognise([region for _, region in unsure])
    surer = {
        box: replace(box, confidence=max(box.confidence, score))
        for (box, _), (text, score) in zip(unsure, again, strict=True)
        if _dashed(replace(box, text=text)).text == box.text
    }
    return [surer.get(b, b) for b in boxes]


def _recognise(regions: list[np.ndarray]) -> list[tuple[str, float]]:
    """The engine's recognition (no detection) of cell images in one batch: (text, confidence) each.
    Each is cut to its ink (grey < 200 after a 3×3 median, 2 pixels around) and framed with 4 white
    pixels: the recognition model is surest of a glyph that fills its image (measured on the scan
    benchmark's cells: of the values read with confidence < 0.9 on the page, three in four are
    read right with ≥ 0.9 so, none wrong; a whole cell, enlarged or not, gave almost none)."""
    import cv2
    import numpy as np

    images = []
    for region in regions:
        ys, xs = np.nonzero(cv2.medianBlur(region, 3) < 200)
        if len(xs):
            region = region[max(0, ys.min() - 2) : ys.max() + 3, max(0, xs.min() - 2) : xs.max() + 3]
        images.append(_as_rgb(cv2.copyMakeBorder(region, 4, 4, 4, 4, cv2.BORDER_CONSTANT, value=255)))
    read, _ = engine().text_rec(images)
    return [(str(text).strip(), float(score)) for text, score in read]


_NOISE = re.compile(r"^[.,，、。·'`:：;；]+$")


def _over_walls(box: Box, band: Band) -> bool:
    """A box of values (“1 36”) lying over two or more cells of the row, by a third of its height in each."""
    if not all(_VALUE.match(w) for w in box.text.split()):
        return False
    overlap = 0.33 * box.height
    covered = sum(1 for left, right in band.cells if min(right, box.x1) - max(left, box.x0) >= overlap)
    return covered > 1


def _maybe_slash(text: str) -> bool:
    """What the engine may have made of a lone “/”: “1”, “7”, “l”…, or a short non-value (“Y..”)."""
    return text in SLASH_LIKE or (len(text) <= 3 and not _VALUE.match(text))


def slash_stroke(region: np.ndarray) -> tuple[int, int, int, int] | None:
    """The bounding box (x0, y0, x1, y1) of a printed “/” in a cell, or None. A slash is one thin
    straight stroke leaning right (its long axis 60–82° from the horizontal, at least five times as
    long as it is wide, two to five times as tall as wide); “1” stands upright (≈ 90°) and “7” has
    its bar on top (not thin). Faint ink counts (the slash is printed finer than the digits), but
    other faint marks — specks, the washed-out seal ring — are not held against it: only other dark
    ink (a second glyph) is, and there must be one such stroke."""
    import cv2
    import numpy as np

    g = cv2.medianBlur(region, 3)
    n, labels, stats, _ = cv2.connectedComponentsWithStats((g < 200).astype(np.uint8), connectivity=8)
    strokes = [i for i in range(1, n) if _is_slash(labels == i, stats[i])]
    if len(strokes) != 1:
        return None
    (s,) = strokes
    dark = sum(
        int(stats[i, cv2.CC_STAT_AREA])
        for i in range(1, n)
        if i != s and stats[i, cv2.CC_STAT_AREA] >= 10 and np.percentile(g[labels == i], 10) < 165
    )
    x, y, w, h, area = (int(v) for v in stats[s])
    return None if dark > area // 2 else (x, y, x + w, y + h)


def _is_slash(mask: np.ndarray, stat: Any) -> bool:
    import numpy as np

    _, _, w, h, area = (int(v) for v in stat)
    if area < 12 or not 0.2 <= w / h <= 0.5:
        return False
    ys, xs = np.nonzero(mask)
    values, vectors = np.linalg.eigh(np.cov(np.vstack([xs, ys]).astype(float)))
    vx, vy = vectors[:, 1]
    angle = float(np.degrees(np.arctan2(-vy, vx)) % 180)
    return 60 <= angle <= 82 and float(np.sqrt(values[1] / max(values[0], 1e-6))) >= 5


def _ink_box(region: np.ndarray) -> tuple[int, int, int, int] | None:
    """The bounding box of the dark ink of a cell (after a 3×3 median against speckle), when there
    is more than ``EMPTY_INK`` pixels of it."""
    import cv2
    import numpy as np

    dark = cv2.medianBlur(region, 3) < 128
    if int(dark.sum()) <= EMPTY_INK:
        return None
    ys, xs = np.nonzero(dark)
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def reread(missed: list[tuple[tuple[float, float, float, float], np.ndarray]]) -> list[Box]:
    """Cells with ink that the page's text detection missed, recognised alone (``_recognise``), all
    of a page in one batch. A reading that is a value
    becomes a box over the cell's ink, with the engine's confidence."""
    if not missed:
        return []
    read = _recognise([region for _, region in missed])
    out = []
    for ((x0, y0, x1, y1), _), (text, score) in zip(missed, read, strict=True):
        box = _dashed(Box(text, score, x0, y0, x1, y1))
        if box.text and _VALUE.match(box.text) and score >= MIN_BOX_SCORE:
            out.append(box)
    return out


@dataclass(frozen=True)
class Band:
    """One row of a ruled table: between two horizontal rules, cut into cells by vertical rules."""

    top: float
    bottom: float
    cells: tuple[tuple[float, float], ...]  # (left, right) of each cell, left to right


def table_bands(gray: np.ndarray) -> list[Band]:
    """The rows of ruled tables: the bands between two horizontal rules that vertical rules cross
    (text between two tables is no table row), each with its cells."""
    import cv2
    import numpy as np

    ink = (gray < 160).astype(np.uint8)
    h, w = ink.shape
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, max(w // 25, 10)), np.uint8))
    upright = np.ones((max(h // 120, 8), 1), np.uint8)
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, upright)
    faint = cv2.morphologyEx((gray < FAINT_INK).astype(np.uint8), cv2.MORPH_OPEN, upright)
    rules = _runs(np.flatnonzero(horizontal.sum(axis=1) > w * 0.15))
    rows = [  # the share of each band's height each column is inked by a vertical rule, dark and faint
        (vertical[top + 2 : bottom - 1].mean(axis=0), faint[top + 2 : bottom - 1].mean(axis=0))
        if bottom - top > 4
        else (np.zeros(w), np.zeros(w))
        for (_, top), (bottom, _) in zip(rules, rules[1:], strict=False)
    ]
    bands = []
    for k, ((_, top), (bottom, _)) in enumerate(zip(rules, rules[1:], strict=False)):
        if not (rows[k][0] >= WALL).any():
            continue
        walls = [(a + b) / 2 for a, b in _runs(np.flatnonzero(wall_columns(rows, k)))]
        bands.append(Band(float(top), float(bottom), tuple(pairwise(walls))))
    return bands


def wall_columns(rows: list[tuple[np.ndarray, np.ndarray]], k: int) -> np.ndarray:
    """The columns of band ``k`` that are a cell wall: a dark vertical rule over ``WALL`` of its
    height, or a faint one (grey < ``FAINT_INK``) where the band above or below (sharing its rule)
    has a dark wall within ``WALL_SHIFT`` pixels — a rule is one line down the table, and a fine one
    fades under a seal; a digit “1” inks about half a row."""
    import numpy as np

    dark, faint = rows[k]
    beside = np.zeros(dark.shape, bool)
    for j in (k - 1, k + 1):
        if 0 <= j < len(rows):  # the bands between successive rules: each shares a rule with the next
            beside |= rows[j][0] >= WALL
    spread = np.convolve(beside, np.ones(2 * WALL_SHIFT + 1))  # “full”: WALL_SHIFT more each side
    near = spread[WALL_SHIFT : WALL_SHIFT + len(beside)] > 0
    return (dark >= WALL) | ((faint >= WALL) & near)


def cell_entries(line: list[list[Box]], band: Band, gray: np.ndarray) -> tuple[tuple[str, float], ...]:
    """What each cell of a table row holds: its words (the lowest confidence of their boxes), or for a
    cell where no box was found '' — confidence 1 when the cell is empty on the page, 0 when it holds
    ink the engine did not read (a missed digit or mark)."""
    import cv2

    words = [(w, box.confidence, (x0 + x1) / 2) for g in line for box in g for w, x0, x1 in _words(box)]
    out = []
    for left, right in band.cells:
        inside = [(w, c) for w, c, x in words if left <= x < right]
        if inside:
            out.append((" ".join(w for w, _ in inside), min(c for _, c in inside)))
            continue
        m = 4
        region = gray[int(band.top) + m : int(band.bottom) - m, int(left) + m : int(right) - m]
        dark = int((cv2.medianBlur(region, 3) < 128).sum()) if region.size else 0
        out.append(("", 0.0 if dark > EMPTY_INK else 1.0))
    return tuple(out)


def _runs(rows: Any) -> list[tuple[int, int]]:
    """Consecutive row numbers grouped: (first, last) of each run."""
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and r <= out[-1][1] + 2:
            out[-1] = (out[-1][0], int(r))
        else:
            out.append((int(r), int(r)))
    return out


def page_lines(boxes: list[Box], bands: list[Band]) -> list[tuple[list[list[Box]], Band | None]]:
    """Boxes grouped into lines, top to bottom: one line per table band (with its band), else per
    baseline. A line is a list of column groups left to right; boxes stacked in one column of a band (a
    wrapped label) make one group, top to bottom."""
    in_band: dict[int, list[Box]] = {}
    free: list[Box] = []
    for box in boxes:
        band = next((i for i, b in enumerate(bands) if b.top <= box.middle <= b.bottom), None)
        if band is None:
            free.append(box)
        else:
            in_band.setdefault(band, []).append(box)
    lines: list[tuple[list[list[Box]], Band | None]] = [
        (_values_cleaned(_band_line(group)), bands[i]) for i, group in in_band.items()
    ]
    lines += [([[box] for box in line], None) for line in _baseline_lines(free)]
    lines = [(line, band) for line, band in lines if line]
    return sorted(lines, key=lambda lb: min(b.y0 for group in lb[0] for b in group))


def _band_line(boxes: list[Box]) -> list[list[Box]]:
    columns: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b.x0):
        if columns and box.x0 < max(b.x1 for b in columns[-1]) - 0.3 * box.height:
            columns[-1].append(box)
        else:
            columns.append([box])
    return [_reading_order(column) for column in columns]


def _reading_order(column: list[Box]) -> list[Box]:
    """The boxes of one cell's column in reading order: its text lines top to bottom (boxes whose
    middles are within half a box height), each left to right — a number printed beside a wrapped
    label (“（二）” left of “部分公开（区分处理的…”) stays at the start of its line."""
    lines: list[list[Box]] = []
    for box in sorted(column, key=lambda b: b.middle):
        if lines and abs(lines[-1][-1].middle - box.middle) < 0.5 * min(box.height, lines[-1][-1].height):
            lines[-1].append(box)
        else:
            lines.append([box])
    return [box for line in lines for box in sorted(line, key=lambda b: b.x0)]


LABEL_LIKENESS = 0.85  # a label read this like an official one (difflib's ratio) is taken for it…
LABEL_MARGIN = 0.1  # …when no other official label is within this much as like


@lru_cache(maxsize=1)
def table_labels() -> tuple[str, ...]:
    """The row labels of table 三 of every format, with their accepted variants, and its group cells."""
    from ogi.spec import FORMATS
    from ogi.spec.common import G_DENY, G_NOPROC, G_OTHER, G_RESULTS, G_UNABLE

    labels = {G_RESULTS, G_DENY, G_UNABLE, G_NOPROC, G_OTHER}
    for fmt in FORMATS.values():
        for row in fmt.s3_rows:
            labels.update((row.label, *row.variants))
    return tuple(sorted(labels))


def snapped_labels(line: list[list[Box]]) -> list[list[Box]]:
    """A table row's label cells read with a character or two wrong (“三、上年结转…” for “二、…”, a
    lost “二、”, “出真” for “出具”) given the official label they are like (``official_label``): the
    OCR cannot tell a misprinted label from a misread one, so a scan's labels are taken as the
    official ones they resemble. A label wrapped over lines (one box a line, read as one text)
    becomes one box over them, on its first line."""
    out = []
    for group in line:
        label = official_label("".join(b.text for b in group))
        if label is not None:
            first = group[0]
            x0, x1 = min(b.x0 for b in group), max(b.x1 for b in group)
            group = [Box(label, min(b.confidence for b in group), x0, first.y0, x1, first.y1)]
        out.append(group)
    return out


def official_label(text: str) -> str | None:
    """The official label ``text`` is like, when it is not one itself: at least ``LABEL_LIKENESS``
    alike, and no other one within ``LABEL_MARGIN``; else None."""
    from difflib import SequenceMatcher

    labels = table_labels()
    if len(text) < 4 or text in labels or _VALUE.match(text):
        return None
    ranked = sorted(((SequenceMatcher(None, text, label).ratio(), label) for label in labels), reverse=True)
    (best, label), (second, _) = ranked[0], ranked[1]
    return label if best >= LABEL_LIKENESS and best - second >= LABEL_MARGIN else None


def _values_cleaned(line: list[list[Box]]) -> list[list[Box]]:
    """Among a table row's values, a stray mark the engine read as a letter or a character (“厂”, “a”,
    for a printed “-”) is dropped — the cell counts as not found (``review`` decides) — and an integer
    read with a trailing point, degree sign or dash (“7.”, “8°”, “1-”: a speck, or the cell's wall) loses it
    (its confidence stays the box's: ``review`` reports it unless the sums confirm it)."""
    first = next((i for i, g in enumerate(line) if _is_value_group(g)), None)
    if first is None:
        return line
    out = line[:first]
    for group in line[first:]:
        text = "".join(b.text for b in group)
        if _is_value_group(group):
            out.append([_fixed(b) for b in group])
        elif len(text) > 2:
            out.append(group)
    return out


_SPECKS = ".°'`·"  # what a speck beside a digit is read as


def _is_value_group(group: list[Box]) -> bool:
    return all(_VALUE.match(t.rstrip(_SPECKS)) for b in group for t in b.text.split())


def _fixed(box: Box) -> Box:
    text = " ".join(t.rstrip(_SPECKS + "-—") if t[:-1].isdigit() else t for t in box.text.split())
    return box if text == box.text else Box(text, box.confidence, box.x0, box.y0, box.x1, box.y1)


def _baseline_lines(boxes: list[Box]) -> list[list[Box]]:
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b.middle):
        if lines and abs(lines[-1][-1].middle - box.middle) < 0.5 * box.height:
            lines[-1].append(box)
        else:
            lines.append([box])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def cells_apart(line: list[list[Box]], band: Band) -> list[list[Box]]:
    """A table row's column groups, those in two cells of the row kept a column gap apart: the
    engine pads its boxes, so two narrow cells' texts (“总计” beside “结果维持”) may come closer than
    the gap that makes them two columns (``pdf.COLUMN_GAP`` glyph heights); the facing ends of their
    boxes are then drawn in (at most half of each box)."""
    from .pdf import COLUMN_GAP

    def cell(group: list[Box]) -> int | None:
        middle = (min(b.x0 for b in group) + max(b.x1 for b in group)) / 2
        return next((i for i, (left, right) in enumerate(band.cells) if left <= middle < right), None)

    out = [list(group) for group in line]
    for a, b in pairwise(out):
        if cell(a) is None or cell(a) == cell(b):
            continue
        last = max(range(len(a)), key=lambda k: a[k].x1)
        first = min(range(len(b)), key=lambda k: b[k].x0)
        need = COLUMN_GAP * (1 - 2 * INK) * max(a[last].height, b[first].height) + 1
        trim = (need - (b[first].x0 - a[last].x1)) / 2
        if trim > 0:
            left, right = a[last], b[first]
            a[last] = replace(left, x1=left.x1 - min(trim, (left.x1 - left.x0) / 2))
            b[first] = replace(right, x0=right.x0 + min(trim, (right.x1 - right.x0) / 2))
    return out


def box_glyphs(line: list[list[Box]], page_height: float) -> list:
    """A line's boxes as the PDF reader's glyphs (y upwards), a space between two column groups and
    between the words of one box."""
    from .pdf import Glyph

    out: list[Glyph] = []
    for group in line:
        for box in group:
            for k, (word, x0, x1) in enumerate(_words(box)):
                if out and (k or box is group[0]):
                    out.append(Glyph(" ", out[-1].x1, out[-1].y0, x0, out[-1].y1))
                width = (x1 - x0) / len(word)
                y0, y1 = (
                    page_height - box.y1 + INK * box.height,
                    page_height - box.y0 - INK * box.height,
                )
                out.extend(
                    Glyph(ch, x0 + i * width, y0, x0 + (i + 1) * width, y1)
                    for i, ch in enumerate(word)
                )
    return out


def _words(box: Box) -> list[tuple[str, float, float]]:
    """The words of a box with their x ranges: a box that ran over several table cells (“0 无 1”)
    has its words as wide as their characters (an ideograph as wide as the box is high, a digit about
    half) and the rest of the width shared out as the gaps between them."""
    words = box.text.split()
    if len(words) == 1:
        return [(words[0], box.x0, box.x1)]
    widths = [sum(box.height if ord(ch) > 0x2E80 else 0.55 * box.height for ch in w) for w in words]
    free = box.x1 - box.x0 - sum(widths)
    if free <= 0:
        widths = [(box.x1 - box.x0) * len(w) / len("".join(words)) for w in words]
        free = 0.0
    gap = free / (len(words) - 1)
    out, x = [], box.x0
    for word, width in zip(words, widths, strict=True):
        out.append((word, x, x + width))
        x += width + gap
    return out


# -- confidence of cells -------------------------------------------------------------------------------
OcrLines = dict[str, tuple[tuple[str, float], ...]]


def value_boxes(held: dict[int, list[tuple[tuple[str, float], ...]]]) -> OcrLines:
    """“第p页第n行” → what that line holds (cells or values), left to right, with confidences."""
    return {
        f"第{page}页第{n}行": entries
        for page, lines in held.items()
        for n, entries in enumerate(lines, 1)
        if entries
    }


def review(report: Report, lines: OcrLines) -> None:
    """Give every table cell the confidence of its box; report contradicted and unsure cells (the
    diagnostic names the cell in ``cells`` too)."""
    confidence = cell_confidence(report, lines)
    report.ocr = {"engine": ENGINE, "confidence": confidence}  # type: ignore[attr-defined]
    contradicted = contradicted_cells(report, confidence)
    for path, value in report.cells().items():
        where = report.where_of(path)
        raw = report.cells_meta[path].raw if path in report.cells_meta else str(value)
        conf = confidence.get(path)
        shown = f"“{raw}”" if raw else "空白"
        said = f"置信度 {conf:.2f}" if conf is not None else "未找到对应的识别框"
        if path in contradicted:
            code = "S-ocr-contradicted"
            message = f"与表格勾稽关系（{contradicted[path]}）矛盾"
        elif _unsure(path, confidence) and not confirmed(path, report, confidence):
            code, message = "S-ocr-unsure", "没有勾稽关系可以确认"
        else:
            continue
        text = f"{_page(where)}单元格 {path} 识别为{shown}（{said}），{message}，请核对原件"
        report.diagnose(code, text, where, cells=[path])


def _unsure(path: str, confidence: dict[str, float]) -> bool:
    return confidence.get(path, 0.0) < MIN_CONFIDENCE


def contradicted_cells(report: Report, confidence: dict[str, float]) -> dict[str, str]:
    """The cells that the failing sums (R3-/R4- errors) point at, path → rule: the unsure cells of a
    failing sum (any of them may be the misread one) and its cells that are in another failing sum
    too (a row and a column crossing: a confident misread, “/” read as “1”); when there are none,
    all its cells."""
    from ogi.rules import check

    failing = [
        f for f in check(report) if f.severity == "error" and f.rule.startswith(("R3-", "R4-"))
    ]
    count: dict[str, int] = {}
    for f in failing:
        for path in f.cells:
            count[path] = count.get(path, 0) + 1
    out: dict[str, str] = {}
    for f in failing:
        pointed = [p for p in f.cells if _unsure(p, confidence) or count[p] > 1]
        for path in pointed or f.cells:
            out.setdefault(path, f.rule)
    return out


def confirmed(path: str, report: Report, confidence: dict[str, float]) -> bool:
    """A cell of table 三 or 四 whose sums were checked: every value of the table takes part in its
    row total and a column total (三) or its group total (四), so when no sum is contradicted a misread
    would have shown — provided the totals themselves were printed and read (the rules do not sum
    against a blank total)."""
    parts = path.split(".")
    if parts[0] == "s3":
        totals = (f"s3.{parts[1]}.total", f"s3.r_total.{parts[2]}")
    elif parts[0] == "s4":
        totals = (f"s4.{parts[1]}.total",)
    else:
        return False
    return all(t in confidence and report.semantic(t) != "blank" for t in totals)


def _page(where: str) -> str:
    m = re.match(r"第\d+页", where)
    return m.group(0) if m else ""


def cell_confidence(report: Report, lines: OcrLines) -> dict[str, float]:
    """Each cell → the confidence of what it was read from. A row is matched to the first line at or
    after its place — or at the line the previous row of the same place was matched to, when that is
    further (the rows of a section may all be given the place where it starts) — (within 12 lines) whose last cells hold exactly the row as read — a blank cell then
    gets the confidence that its cell on the page is empty; failing that, its printed cells are matched
    in order to a run of the line's values (its blank cells get none)."""
    order = list(lines)
    rows: dict[str, list[tuple[str, str]]] = {}
    for path, value in report.cells().items():
        raw = report.cells_meta[path].raw if path in report.cells_meta else str(value)
        rows.setdefault(_row_of(path), []).append((path, raw.strip()))
    out: dict[str, float] = {}
    last: dict[str, int] = {}  # a place → the line the previous row given it was matched to
    for cells in rows.values():
        where = report.where_of(cells[0][0])
        start = order.index(where) if where in order else _first_after(order, where)
        start = max(start, last.get(where, start))
        near = order[start : start + 12]
        raws = [raw for _, raw in cells]
        tail = next((w for w in near if [t for t, _ in lines[w][-len(raws) :]] == raws), None)
        if tail is not None:
            last[where] = order.index(tail)
            out.update(
                (path, round(conf, 3))
                for (path, _), (_, conf) in zip(cells, lines[tail][-len(raws) :], strict=True)
            )
            continue
        printed = [(path, raw) for path, raw in cells if raw]
        for w in near:
            values = [e for e in lines[w] if e[0]]
            found = _find_run([t for t, _ in values], [raw for _, raw in printed])
            if found is not None:
                last[where] = order.index(w)
                for (path, _), (_, conf) in zip(printed, values[found:], strict=False):
                    out[path] = round(conf, 3)
                break
    return out


def _row_of(path: str) -> str:
    """The printed row a cell belongs to: table 四 is one row of 15 cells."""
    return "s4" if path.startswith("s4.") else path.rsplit(".", 1)[0]


def _first_after(order: list[str], where: str) -> int:
    key = _place(where)
    return next((i for i, w in enumerate(order) if _place(w) >= key), len(order))


def _place(where: str) -> tuple[int, int]:
    m = re.match(r"第(\d+)页第(\d+)行", where)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def _find_run(texts: list[str], raws: list[str]) -> int | None:
    n = len(raws)
    for i in range(len(texts) - n + 1):
        if texts[i : i + n] == raws:
            return i
    return None


__all__ = ["MAX_OCR_PAGES", "MAX_PIXELS", "Piece", "read_image", "review"]
