"""The PDF: the HTML printed with embedded Noto CJK fonts; text extractable (poppler's tools)."""

from __future__ import annotations

import subprocess

import pytest

from ogi.fixtures import sample_report
from ogi.render import render
from ogi.spec import FORMATS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf_2019(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    path.write_bytes(render(sample_report("2019"), "pdf"))
    return path


def test_it_embeds_cjk_fonts(pdf_2019):
    out = subprocess.run(
        ["pdffonts", str(pdf_2019)], capture_output=True, text=True, check=True
    ).stdout
    fonts = out.splitlines()[2:]
    assert fonts and all("CJK" in f for f in fonts)
    assert all(line.split()[-5] == "yes" for line in fonts)  # the “emb” column


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


def test_it_is_a_pdf_whose_text_pdfium_reads(pdf_2019):
    import pypdfium2 as pdfium

    assert pdf_2019.read_bytes()[:5] == b"%PDF-"
    pdf = pdfium.PdfDocument(pdf_2019.read_bytes())
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    flat = "".join(text.split())
    # sample_report: 44 new = 40 + 3 + 0 + 0 + 1 + 0 in the 一、本年新收 row; （七）总计 43
    assert "某某市示例局2020年政府信息公开工作年度报告" in flat
    assert "一、本年新收政府信息公开申请数量" + "".join(["40", "3", "0", "0", "1", "0", "44"]) in flat
    assert "第二十条第（九）项" in flat and "251000元" in flat
