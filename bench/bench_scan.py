"""Scanned reports read by OCR: time per page and cells right / flagged / wrong.

    python bench/bench_scan.py [--reports 20] [--seed 0]

Each report is a random report (``ogi.fixtures.random_report``, the two formats in turn) printed to
PDF by the official renderer, then scanned (``ogi.scan_fixtures.scan_pdf``: pdftoppm at 150, 170 or
200 dpi, turned 1–2°, a red seal over table 三, grey noise) into a PDF of page images without a text
layer, and read back with ``ogi.parse.parse``. Every table cell of the printed report is counted:
right (read as printed, no diagnostic), flagged (a diagnostic names it, or its row was not read and
the reader said so), wrong (read otherwise, no diagnostic). Targets: 0 wrong, ≥ 99 % right.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from ogi.fixtures import random_report
from ogi.parse import parse
from ogi.render import render
from ogi.scan_fixtures import scan_pdf, score


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    totals = [0, 0, 0]
    pages = seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.reports):
            seed = args.seed + k
            fmt = ("2019", "2021")[k % 2]
            printed = random_report(seed, fmt)
            path = Path(tmp) / f"scan-{seed}.pdf"
            path.write_bytes(scan_pdf(render(printed, "pdf"), seed))
            start = time.process_time(), time.perf_counter()
            got = parse(path)
            cpu, wall = time.process_time() - start[0], time.perf_counter() - start[1]
            n = _pages(path)
            right, flagged, wrong = score(got, printed)
            totals = [totals[0] + right, totals[1] + flagged, totals[2] + len(wrong)]
            pages, seconds = pages + n, seconds + wall
            print(f"seed {seed} ({fmt}): {n} pages, {wall / n:.1f} s/page wall ({cpu / n:.1f} CPU s), "
                  f"cells right {right}, flagged {flagged}, wrong {len(wrong)} {' '.join(wrong)}",
                  flush=True)  # fmt: skip
    cells = sum(totals)
    print(f"\n{args.reports} reports, {pages:.0f} pages: {seconds / pages:.1f} s a page (wall clock)")
    print(f"cells: {cells}; right {totals[0]} ({100 * totals[0] / cells:.2f} %), "
          f"flagged {totals[1]} ({100 * totals[1] / cells:.2f} %), wrong and unflagged {totals[2]}")  # fmt: skip


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


if __name__ == "__main__":
    main()
