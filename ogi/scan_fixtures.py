"""Scanned-looking copies of rendered reports, for the OCR tests and the scan benchmark.

``scan_pdf(pdf, seed)`` rasterises a PDF with Debian's ``pdftoppm`` (150–200 dpi), turns each page a
degree or two, puts a red stamp (a circle with a star) over the statistics table, adds grey noise and
returns the pages as one PDF of images, without a text layer (Pillow). ``scan_pages`` gives the page
images themselves (PNG bytes). Seeded: the same seed gives the same scan. ``score`` compares a report read from a scan with the
report it was printed from.
"""

from __future__ import annotations

import io
import math
import random
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

from .model import Report


def scan_pages(pdf: bytes, seed: int, *, dpi: int | None = None) -> list[Image.Image]:
    """The pages as noisy, slightly rotated, stamped RGB images."""
    rng = random.Random(seed)
    dpi = dpi or rng.choice((150, 170, 200))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(src), f"{tmp}/p"], check=True)
        files = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1]))
        pages = [Image.open(f).convert("RGB") for f in files]
    stamped = rng.randrange(len(pages)) if len(pages) < 2 else 1  # page 2 holds table 三
    return [_scanned(page, rng, dpi, stamp=i == stamped) for i, page in enumerate(pages)]


def scan_pdf(pdf: bytes, seed: int, *, dpi: int | None = None) -> bytes:
    """The scan as a PDF of page images (no text layer)."""
    pages = scan_pages(pdf, seed, dpi=dpi)
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi or 170)
    return out.getvalue()


def _scanned(page: Image.Image, rng: random.Random, dpi: int, *, stamp: bool) -> Image.Image:
    if stamp:
        page = _stamp(page, rng, dpi)
    angle = rng.uniform(1.0, 2.0) * rng.choice((-1, 1))
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    return _noisy(page, rng)


def _stamp(page: Image.Image, rng: random.Random, dpi: int) -> Image.Image:
    """A red seal about 4 cm wide over the right half of the table, inked over the print (multiplied)."""
    w, h = page.size
    r = int(2.0 / 2.54 * dpi)
    cx, cy = int(w * rng.uniform(0.55, 0.8)), int(h * rng.uniform(0.3, 0.6))
    red = (220, 30, 40)
    seal = Image.new("RGB", page.size, (255, 255, 255))
    draw = ImageDraw.Draw(seal)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=max(4, r // 18))
    star = [
        (cx + (r / 3 if i % 2 == 0 else r / 7.5) * math.sin(i * math.pi / 5),
         cy - (r / 3 if i % 2 == 0 else r / 7.5) * math.cos(i * math.pi / 5))
        for i in range(10)
    ]  # fmt: skip
    draw.polygon(star, fill=red)
    return ImageChops.multiply(page, seal)


def _noisy(page: Image.Image, rng: random.Random) -> Image.Image:
    """Grey speckle: 1 % of the pixels darkened at random, and a faint uniform grain."""
    import numpy as np

    gen = np.random.default_rng(rng.randrange(2**32))
    pixels = np.asarray(page, dtype=np.int16)
    grain = gen.normal(0, 12, pixels.shape[:2])[..., None]
    speckle = (gen.random(pixels.shape[:2]) < 0.01)[..., None] * gen.integers(60, 160)
    noisy = np.clip(pixels + grain - speckle, 0, 255).astype(np.uint8)
    return Image.fromarray(noisy, "RGB")


def score(got: Report, printed: Report) -> tuple[int, int, list[str]]:
    """(cells right, cells flagged, the paths read wrong without a flag). A cell is flagged when a
    diagnostic names it (``cells``) or when it was not read at all (the reader then says which row)."""
    flagged = {path for d in got.diagnostics for path in d.cells}
    have, want = got.cells(), printed.cells()
    right = sum(1 for p, v in want.items() if p not in flagged and have.get(p) == v)
    unread = sum(1 for p in want if p in flagged or p not in have)
    wrong = [p for p, v in want.items() if p not in flagged and p in have and have[p] != v]
    return right, unread, wrong
