"""Scanned reports read by OCR (``ogi.parse.ocr``): a scan made from a printed random report reads
every table cell as printed or flags it; bad images get one clear line naming the file and page."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zlib

import pytest
from PIL import Image, ImageDraw

from ogi.errors import EmptyDocument, UnsupportedFormat
from ogi.fixtures import random_report
from ogi.model import Report
from ogi.parse import ocr, parse
from ogi.parse.pdf import Glyph, broken_text
from ogi.render import render
from ogi.scan_fixtures import scan_pages, score


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def tables_only(report: Report) -> Report:
    """The printed report with only its tables 三 and 四 (what one scanned table page holds)."""
    copy = report.model_copy(deep=True)
    copy.sections.s2 = {}
    return copy


@pytest.mark.slow
def test_it_reads_a_scanned_table_page_exactly_or_flagged(tmp_path):
    printed = random_report(7, "2021")
    page = scan_pages(render(printed, "pdf"), 7, dpi=170)[1]  # tables 三 and 四, stamped, turned
    path = tmp_path / "第2页.png"
    path.write_bytes(png(page))
    run = subprocess.run(
        [sys.executable, "-m", "ogi", "parse", "--json", str(path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    got = Report.model_validate(json.loads(run.stdout))
    notes = [d.message for d in got.diagnostics if d.code == "S-reader-note"]
    assert any("OCR" in n for n in notes), notes  # it says it used OCR
    right, flagged, wrong = score(got, tables_only(printed))
    assert wrong == []
    assert right >= 0.9 * (right + flagged), (right, flagged)  # one page; the benchmark measures more
    assert set(got.ocr["confidence"]) <= set(got.cells())  # type: ignore[attr-defined]
    assert all(0 <= c <= 1 for c in got.ocr["confidence"].values())  # type: ignore[attr-defined]


def test_it_flags_a_cell_the_sums_contradict_and_names_its_page():
    report = random_report(3, "2021")
    report.sections.s3["r_open"]["natural_person"] += 5  # a misread: row and column no longer add up
    confidence = dict.fromkeys(report.cells(), 0.99)
    confidence["s3.r_open.natural_person"] = 0.95
    flagged = ocr.contradicted_cells(report, confidence)
    assert set(flagged) == {"s3.r_open.natural_person"}  # the crossing of the failing row and column


def test_it_points_at_the_unsure_cells_of_a_failing_sum():
    report = random_report(3, "2021")
    report.sections.s3["r_open"]["natural_person"] += 5
    confidence = dict.fromkeys(report.cells(), 0.99)
    confidence["s3.r_partial.natural_person"] = 0.5  # unsure, in the failing column
    flagged = ocr.contradicted_cells(report, confidence)
    assert "s3.r_partial.natural_person" in flagged
    assert "s3.r_open.natural_person" in flagged  # still named: in the failing row and column


def test_it_reports_an_unsure_cell_no_sum_confirms():
    report = random_report(4, "2021")
    path = next(p for p in report.cells() if p.startswith("s2."))
    raw = report.cells_meta[path].raw if path in report.cells_meta else str(report.value(path))
    report.printed_at(path.rsplit(".", 1)[0], "第1页第12行")
    lines = {"第1页第12行": ((raw, 0.42),)} if raw else {}
    ocr.review(report, lines)
    said = [d for d in report.diagnostics if path in d.cells]
    assert said and said[0].code == "S-ocr-unsure" and "第1页" in said[0].message


def test_it_refuses_an_image_of_20000_by_20000_pixels_before_decoding_it():
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)  # a PNG that claims 20000×20000
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
    data += chunk(b"IEND", b"")
    with pytest.raises(UnsupportedFormat, match=r"第1页图片 20000×20000 像素，超过") as err:
        ocr.read_image(data, "巨图.png")
    assert err.value.where == "巨图.png"


def test_it_refuses_a_scan_of_300_pages_before_reading_any():
    pages = [Image.new("L", (60, 85), 255) for _ in range(300)]  # 300 page images, no text layer
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:])
    with pytest.raises(UnsupportedFormat, match="300 页没有文字层，超过 OCR 识别上限") as err:
        parse("扫描件.pdf", out.getvalue())
    assert err.value.where == "扫描件.pdf"


def test_it_says_a_photo_without_text_is_not_a_report():
    photo = Image.new("RGB", (640, 480), (90, 140, 200))
    draw = ImageDraw.Draw(photo)
    draw.ellipse((200, 120, 440, 360), fill=(240, 200, 40))
    with pytest.raises(EmptyDocument, match="图片中没有识别出文字（第1页）") as err:
        ocr.read_image(png(photo), "照片.jpg")
    assert err.value.where == "照片.jpg"


def test_it_says_a_broken_image_cannot_be_decoded():
    with pytest.raises(Exception, match="第1页图片无法解码") as err:
        parse("坏图.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    assert "坏图.png" in str(err.value)


def test_it_takes_a_text_layer_of_private_use_characters_for_garbage():
    garbage = [[Glyph(chr(0xE000 + i), i, 0, i + 1, 1) for i in range(40)]]
    text = [[Glyph(ch, i, 0, i + 1, 1) for i, ch in enumerate("一、总体情况" * 5)]]
    assert broken_text(garbage)
    assert not broken_text(text)


def test_it_does_not_load_the_ocr_engine_to_parse_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("一、总体情况\n", encoding="utf-8")
    code = (
        "import sys; from ogi.parse import parse\n"
        f"try: parse({str(path)!r})\nexcept Exception: pass\n"
        "print(sorted(m for m in ('onnxruntime', 'cv2', 'rapidocr_onnxruntime', 'numpy') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_each_row_of_a_section_given_one_place_gets_the_confidence_of_its_own_line():
    report = random_report(0, "2019")
    rows: dict[str, list[str]] = {}
    for path in report.cells():
        if path.startswith("s2."):
            rows.setdefault(path.rsplit(".", 1)[0], []).append(path)
    lines: dict[str, tuple[tuple[str, float], ...]] = {"第1页第12行": (("二、主动公开政府信息情况", 0.99),)}
    want = {}
    for k, (row, paths) in enumerate(rows.items()):
        report.printed_at(row, "第1页第12行")  # as the reader gives them: where the section starts
        n = 13 + 3 * k  # a block heading and its column headers before each row, as the 2019 form prints
        lines[f"第1页第{n}行"] = (("第二十条", 0.99),)
        lines[f"第1页第{n + 1}行"] = (("信息内容", 0.99), ("数量", 0.99))
        conf = round(0.5 + 0.01 * k, 3)  # each row its own confidence
        raws = [report.cells_meta[p].raw if p in report.cells_meta else str(report.value(p)) for p in paths]
        lines[f"第1页第{n + 2}行"] = (("事项", 0.99), *((raw, conf) for raw in raws))
        want.update(dict.fromkeys(paths, conf))
    assert 13 + 3 * len(rows) > 12 + 12  # the last rows lie beyond the first dozen lines of the section
    got = ocr.cell_confidence(report, lines)
    assert {p: got.get(p) for p in want} == want
