"""The PDF: the HTML printed with embedded Noto CJK fonts; text extractable (poppler's tools)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from ogi.fixtures import sample_report
from ogi.render import render
from ogi.spec import FORMATS

pytestmark = pytest.mark.slow
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils missing"
)


@pytest.fixture(scope="module")
def pdf_2019(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    path.write_bytes(render(sample_report("2019"), "pdf"))
    return path


@needs_poppler
def test_it_embeds_cjk_fonts(pdf_2019):
    out = subprocess.run(
        ["pdffonts", str(pdf_2019)], capture_output=True, text=True, check=True
    ).stdout
    fonts = out.splitlines()[2:]
    assert fonts and all("CJK" in f for f in fonts)
    assert all(line.split()[-5] == "yes" for line in fonts)  # the “emb” column


@needs_poppler
def test_it_has_extractable_labels_and_numbers(pdf_2019):
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_2019), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = text.replace(" ", "").replace("\n", "")
    assert "某某市示例局2020年政府信息公开工作年度报告" in flat
    for label in [h.label for h in FORMATS["2019"].headings] + [
        "第二十条第（九）项",
        "（七）总计",
        "复议后起诉",
    ]:
        assert label in flat, label
    new_row = next(line for line in text.splitlines() if line.startswith("一、本年新收"))
    assert new_row.split()[1:] == ["40", "3", "0", "0", "1", "0", "44"]
    assert "251000元" in flat


def test_it_starts_like_a_pdf(pdf_2019):
    assert pdf_2019.read_bytes()[:5] == b"%PDF-"
