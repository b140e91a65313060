"""A page prepared for the engine (``ogi.parse.ocr``): a red seal taken out of the grey page, and the
walls of a ruled table found where a fine rule is broken. The images are drawn here, so what they
hold is known."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

from ogi.parse import ocr

FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
SEAL = (220, 30, 40)


def noisy(image: Image.Image, seed: int = 0) -> np.ndarray:
    pixels = np.asarray(image, dtype=np.int16)
    grain = np.random.default_rng(seed).normal(0, 10, pixels.shape[:2])[..., None]
    return np.clip(pixels + grain, 0, 255).astype(np.uint8)


def stamped_digits() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A white strip with “108” printed in black and a filled red disc inked over its right half (each
    channel multiplied, as ink over print); the masks of the print and of the seal alone."""
    page = Image.new("RGB", (240, 80), (255, 255, 255))
    ImageDraw.Draw(page).text((20, 10), "108", fill=(0, 0, 0), font=ImageFont.truetype(FONT, 48))
    seal = Image.new("RGB", page.size, (255, 255, 255))
    ImageDraw.Draw(seal).ellipse((60, -40, 220, 120), fill=SEAL)
    print_mask = np.asarray(page.convert("L")) < 60
    seal_mask = (np.asarray(seal.convert("L")) < 200) & ~(np.asarray(page.convert("L")) < 250)
    return noisy(ImageChops.multiply(page, seal)), print_mask, seal_mask


def test_a_red_seal_becomes_paper_and_the_print_under_it_stays_dark():
    rgb, print_mask, seal_mask = stamped_digits()
    gray = ocr.unsealed(rgb)
    assert np.median(rgb[:, :, 0][seal_mask]) < 230  # the red channel alone keeps the seal grey…
    assert np.median(gray[seal_mask]) >= 250  # …taken out, it is as white as the paper
    assert np.percentile(gray[print_mask], 90) < 60  # the digits, under the seal too, stay black


def test_a_page_without_red_ink_is_its_red_channel():
    page = Image.new("RGB", (120, 40), (255, 255, 255))
    ImageDraw.Draw(page).text((10, 4), "无", fill=(40, 40, 40), font=ImageFont.truetype(FONT, 28))
    rgb = noisy(page)
    assert np.array_equal(ocr.unsealed(rgb), rgb[:, :, 0])


def grid(*, faint_in_row: int | None = None, one_in_cell: bool = False) -> np.ndarray:
    """A grey table of three rows of 44 pixels and three cells (walls at x = 20, 120, 220, 320), its
    rules 1 pixel wide and mid-grey (fine print); the wall at 220 lighter in row ``faint_in_row`` (as
    a fine rule comes out under a seal); a digit-high stroke in the middle cell."""
    image = Image.new("L", (340, 3 * 44 + 41), 255)
    draw = ImageDraw.Draw(image)
    for y in range(20, 20 + 4 * 44, 44):
        draw.line((20, y, 320, y), fill=110)
    for x in (20, 120, 220, 320):
        draw.line((x, 20, x, 20 + 3 * 44), fill=110)
    if faint_in_row is not None:
        top = 20 + 44 * faint_in_row
        draw.line((220, top + 2, 220, top + 42), fill=180)
    if one_in_cell:
        draw.line((170, 20 + 44 + 10, 170, 20 + 44 + 33), fill=0, width=2)  # a “1”, half the row and more
    return np.asarray(image).copy()


def walls(band: ocr.Band) -> list[int]:
    return [round(band.cells[0][0])] + [round(right) for _, right in band.cells]


def test_a_wall_faint_in_one_row_is_kept_where_the_rows_beside_have_it_dark():
    bands = ocr.table_bands(grid(faint_in_row=1))
    assert [walls(b) for b in bands] == [[20, 120, 220, 320]] * 3


def test_a_digit_stroke_is_no_wall():
    bands = ocr.table_bands(grid(one_in_cell=True))
    assert [walls(b) for b in bands] == [[20, 120, 220, 320]] * 3


def test_a_faint_rule_is_a_wall_only_beside_a_dark_one():
    def inked(**at: float) -> np.ndarray:
        out = np.zeros(16)
        for k, v in at.items():
            out[int(k[1:])] = v
        return out

    rows = [(inked(c14=1.0), inked(c2=1.0, c14=1.0)), (inked(c14=1.0), inked(c14=1.0))]
    assert np.flatnonzero(ocr.wall_columns(rows, 0)).tolist() == [14]  # none dark beside the faint one
    rows[1] = (inked(c4=0.95, c14=1.0), inked(c4=1.0, c14=1.0))  # a dark wall below, two pixels over
    assert np.flatnonzero(ocr.wall_columns(rows, 0)).tolist() == [2, 14]
    rows[1] = (inked(c9=0.95, c14=1.0), inked(c9=1.0, c14=1.0))  # seven pixels over: another wall
    assert np.flatnonzero(ocr.wall_columns(rows, 0)).tolist() == [14]
    rows[0] = (inked(c14=1.0), inked(c2=0.6, c14=1.0))  # a faint stroke half a row high: no wall
    rows[1] = (inked(c2=1.0, c14=1.0), inked(c2=1.0, c14=1.0))
    assert np.flatnonzero(ocr.wall_columns(rows, 0)).tolist() == [14]
