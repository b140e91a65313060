"""Table cells checked one by one on their own ink (``ogi.parse.ocr.checked_cells``): the thin “/”
of a slash cell that the engine reads as “1” or “7” or misses, specks read as “1” or “，”, and the
reading order of a wrapped label. The images are drawn here, so what each cell holds is known."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ogi.parse import ocr
from ogi.parse.ocr import Band, Box
from ogi.parse.pdf import COLUMN_GAP, in_reading_order, split_columns

FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"


def cell(draw_it, *, w: int = 96, h: int = 40, seed: int = 0) -> np.ndarray:
    """A grey cell image (white, a little noise) with whatever ``draw_it`` draws on it."""
    image = Image.new("L", (w, h), 255)
    draw_it(ImageDraw.Draw(image))
    pixels = np.asarray(image, dtype=np.int16)
    noise = np.random.default_rng(seed).normal(0, 8, pixels.shape)
    return np.clip(pixels + noise, 0, 255).astype(np.uint8)


def slash(draw: ImageDraw.ImageDraw, grey: int = 150) -> None:
    draw.line((44, 31, 52, 9), fill=grey, width=2)  # a fine stroke, lower left to upper right


def glyph(text: str):
    font = ImageFont.truetype(FONT, 24)
    return lambda draw: draw.text((40, 4), text, fill=0, font=font)


def test_a_thin_stroke_leaning_right_is_a_slash():
    box = ocr.slash_stroke(cell(slash))
    assert box is not None
    x0, y0, x1, y1 = box
    assert 40 <= x0 <= 46 and 50 <= x1 <= 56 and 6 <= y0 <= 12 and 28 <= y1 <= 34  # where it was drawn


@pytest.mark.parametrize("text", ["1", "7", "0", "4", "11", "无", "-"])
def test_digits_and_other_marks_are_no_slash(text):
    assert ocr.slash_stroke(cell(glyph(text))) is None


def test_a_slash_under_the_faint_ring_of_a_washed_out_seal_is_still_a_slash():
    def with_ring(draw):
        slash(draw)
        draw.arc((-55, 12, 38, 105), 0, 360, fill=200, width=4)  # the seal, bigger and lighter than the print

    assert ocr.slash_stroke(cell(with_ring)) is not None


def test_a_slash_beside_a_second_dark_glyph_is_no_slash():
    def two(draw):
        slash(draw)
        glyph("1")(draw)

    assert ocr.slash_stroke(cell(two)) is None


def page_with(cells: list) -> tuple[np.ndarray, Band]:
    """A one-row table strip: each cell image side by side; the band's walls between them."""
    gray = np.concatenate(cells, axis=1)
    walls = np.cumsum([0] + [c.shape[1] for c in cells]).astype(float)
    return gray, Band(0.0, float(gray.shape[0]), tuple(zip(walls[:-1], walls[1:], strict=True)))


def test_a_slash_read_as_seven_or_missed_becomes_a_slash_and_a_real_seven_stays():
    gray, band = page_with([cell(slash), cell(slash, seed=1), cell(glyph("7"))])
    boxes = [Box("7", 0.98, 40, 8, 56, 32), Box("7", 0.97, 232, 6, 250, 32)]  # the first is the “/”
    got = sorted(ocr.checked_cells(boxes, [band], gray), key=lambda b: b.x0)
    assert [(b.text, b.confidence) for b in got] == [("/", ocr.SLASH_CONFIDENCE), ("/", ocr.SLASH_CONFIDENCE), ("7", 0.97)]


def test_specks_read_as_a_comma_or_a_small_one_are_dropped():
    gray, band = page_with([cell(lambda d: None), cell(glyph("36"))])
    boxes = [Box("，", 0.41, 40, 20, 48, 28), Box("1", 0.49, 130, 16, 136, 22), Box("36", 0.99, 138, 6, 170, 34)]
    got = ocr.checked_cells(boxes, [band], gray)
    assert [b.text for b in got] == ["36"]


def test_a_number_beside_a_wrapped_label_is_read_at_the_start_of_its_line():
    first = Box("部分公开（区分处理的，只计这一", 0.95, 60, 100, 300, 124)
    number = Box("（二）", 0.99, 10, 106, 56, 130)  # its middle a little below the first line's
    second = Box("情形，不计其他情形）", 0.98, 60, 126, 260, 150)
    assert ocr._reading_order([first, second, number])[0] is number
    assert [b.text for b in ocr._reading_order([first, second, number])] == [
        "（二）", "部分公开（区分处理的，只计这一", "情形，不计其他情形）"
    ]


def test_a_value_read_unsure_among_its_neighbours_and_surely_alone_gets_the_surer_confidence():
    gray, band = page_with([cell(glyph("0")), cell(glyph("3"))])
    boxes = [Box("0", 0.7, 38, 6, 56, 34), Box("8", 0.6, 134, 6, 152, 34)]  # the second is a misread “3”
    got = {b.x0: b for b in ocr.checked_cells(boxes, [band], gray)}
    assert got[38].text == "0" and got[38].confidence >= ocr.MIN_CONFIDENCE  # read again alone: “0”
    assert (got[134].text, got[134].confidence) == ("8", 0.6)  # alone it reads otherwise: stays unsure


def test_a_label_read_a_character_off_is_taken_for_the_official_label_it_resembles():
    def line(text: str) -> list[list[Box]]:
        return [[Box(text, 0.97, 10, 6, 400, 30)], [Box("96", 0.99, 500, 6, 530, 30)]]

    def label(text: str) -> str:
        return ocr.snapped_labels(line(text))[0][0].text

    assert label("三、上年结转政府信息公开申请数量") == "二、上年结转政府信息公开申请数量"  # “二” read “三”
    assert label("上年结转政府信息公开申请数量") == "二、上年结转政府信息公开申请数量"  # “二、” lost
    assert label("2.其他法律行政止公开") == "2.其他法律行政法规禁止公开"
    assert label("1.属于国家秘密") == "1.属于国家秘密"  # an official label stays itself
    assert label("予公开") == "予公开"  # too short to tell
    assert label("本年新收和上年结转数量") == "本年新收和上年结转数量"  # like none of them enough
    assert ocr.snapped_labels(line("l.属于国家秘密"))[1][0].text == "96"  # the values are untouched


def test_a_label_wrapped_over_two_boxes_is_read_as_one_text():
    def wrapped(second: str) -> list[list[Box]]:
        return [[Box("5.要求行政机关确认或重新出", 0.98, 10, 6, 300, 30), Box(second, 0.96, 10, 32, 140, 56)]]

    got = ocr.snapped_labels(wrapped("真已获取信息"))[0]  # “具” read “真”
    assert [(b.text, b.confidence, b.x0, b.y0, b.x1, b.y1) for b in got] == [
        ("5.要求行政机关确认或重新出具已获取信息", 0.96, 10, 6, 300, 30)
    ]
    as_printed = wrapped("具已获取信息")
    assert ocr.snapped_labels(as_printed) == as_printed  # the official label read right: left as read


def test_a_cell_read_as_the_ideograph_one_alone_holds_a_dash():
    gray, band = page_with([cell(glyph("—")), cell(glyph("0"))])
    boxes = [Box("一", 0.97, 38, 8, 64, 32), Box("0", 0.99, 134, 6, 152, 34)]  # boxes are padded
    got = sorted(ocr.checked_cells(boxes, [band], gray), key=lambda b: b.x0)
    assert [b.text for b in got] == ["—", "0"]
    outside = Box("一", 0.97, 38, 200, 60, 204)  # a “一” outside any table row is left alone
    assert [b.text for b in ocr.checked_cells([outside], [band], gray) if b.y0 == 200] == ["一"]


def test_texts_of_two_narrow_cells_are_kept_a_column_gap_apart():
    band = Band(0.0, 60.0, ((0.0, 70.0), (70.0, 160.0), (160.0, 240.0)))
    total = Box("总计", 0.99, 12, 20, 66, 50)  # the engine's padded boxes, 7 pixels apart
    first = [Box("结果维", 0.99, 73, 8, 150, 36), Box("持", 0.99, 95, 36, 125, 56)]
    again = Box("结果纠正", 0.99, 200, 8, 236, 36)  # far enough already
    got = ocr.cells_apart([[total], first, [again]], band)
    gap = got[1][0].x0 - got[0][0].x1
    assert gap > COLUMN_GAP * (1 - 2 * ocr.INK) * 30  # now wider than a column gap of the taller box
    assert got[0][0].x0 == 12 and got[1][0].x1 == 150 and got[1][1] == first[1]  # only facing ends move
    assert got[2] == [again]
    pieces = [seg.text for seg in split(ocr.box_glyphs(got, 100))]
    assert pieces[0] == "总计" and pieces[1].startswith("结果维")


def test_two_boxes_of_one_cell_are_not_drawn_apart():
    band = Band(0.0, 60.0, ((0.0, 200.0),))
    line = [[Box("12", 0.99, 40, 10, 70, 40)], [Box("3", 0.99, 74, 10, 90, 40)]]
    assert ocr.cells_apart(line, band) == line


def split(glyphs):
    return split_columns(in_reading_order(glyphs))


def test_a_speck_read_as_a_degree_sign_after_a_digit_is_dropped_and_the_value_stays_unsure():
    line = [[Box("2.没有现成信息需要另行制作", 0.99, 10, 6, 300, 30)], [Box("8°", 0.75, 330, 6, 352, 30)], [Box("0", 0.97, 420, 6, 436, 30)]]
    got = ocr._values_cleaned(line)
    assert [(g[0].text, g[0].confidence) for g in got] == [
        ("2.没有现成信息需要另行制作", 0.99), ("8", 0.75), ("0", 0.97)
    ]
    assert [g[0].text for g in ocr._values_cleaned([[Box("无°", 0.7, 0, 0, 20, 20)]])] == ["无°"]  # no digit: as read
