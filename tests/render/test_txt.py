"""The text rendering reproduces the Word-extraction layout of the seed report (2020 大渡口 人防办)."""

from __future__ import annotations

from decimal import Decimal

from ogi.model import CellMeta, blank_report, set_value
from ogi.render import render
from ogi.spec import FORMATS
from tests.shared import SEED

HEADINGS = [h.label for h in FORMATS["2019"].headings]


def seed_report():
    """The seed's tables as a report: every cell 0 except those the seed prints otherwise."""
    report = blank_report("2019", year=2020, organ="重庆市大渡口区人民防空办公室")
    set_value(report, "s2.art20_5.admin_licensing.prev_year_items", 4)
    set_value(report, "s2.art20_6.admin_penalty.prev_year_items", 4)
    path = "s2.art20_9.gov_centralized_procurement.total_amount_wan_yuan"
    set_value(report, path, Decimal(0))
    report.cells_meta[path] = CellMeta(raw="0万元", semantic="text")
    return report


def table_region(text: str, start: str, end: str) -> list[str]:
    """The lines between two headings, a cell's second line joined to it, spaces and trailing blanks dropped."""
    lines = text.split("\n")
    region = lines[
        lines.index(start) + 1 : next(i for i, s in enumerate(lines) if s.startswith(end))
    ]
    out: list[str] = []
    for line in region:
        line = line.replace(" ", "").replace("\u00a0", "")
        if line and not line.startswith("\t") and out and out[-1].startswith("\t"):
            out[-1] += line  # “本年新\n制作数量”: one Word cell printed on two lines
        else:
            out.append(line)
    while out and out[-1] == "":
        out.pop()
    return out


def test_it_prints_the_tables_exactly_like_the_seeds_word_extraction():
    ours = render(seed_report(), "txt").decode("utf-8")
    seed = SEED.read_text(encoding="utf-8")
    for start, end in zip(HEADINGS[1:4], ["三、", "四、", "五、"], strict=True):
        assert table_region(ours, start, end) == table_region(seed, start, end), start


def test_it_prints_title_headings_and_paragraphs_as_plain_lines():
    report = seed_report()
    report.sections.s1_text = "第一段。\n第二段。"
    lines = render(report, "txt").decode("utf-8").split("\n")
    assert lines[0] == "重庆市大渡口区人民防空办公室2020年政府信息公开工作年度报告"
    assert lines[lines.index("一、总体情况") + 1 : lines.index("一、总体情况") + 3] == [
        "第一段。",
        "第二段。",
    ]
    assert [h for h in HEADINGS if h in lines] == HEADINGS


def test_it_prints_raw_blank_and_dash_cells_as_printed():
    report = seed_report()
    report.cells_meta["s3.r_open.org_research"] = CellMeta(raw="", semantic="blank")
    report.cells_meta["s3.r_open.total"] = CellMeta(raw="—", semantic="dash")
    lines = render(report, "txt").decode("utf-8").split("\n")
    at = lines.index("\t（一）予以公开")
    assert lines[at + 1 : at + 8] == ["\t0", "\t0", "\t", "\t0", "\t0", "\t0", "\t—"]
