"""``ogi check`` on the real corpus reports exactly the real errors of NOTES.md, and nothing else wrong.

Expected findings come from corpus/real/NOTES.md (checked by hand there) and from reading the documents.
Structure findings (S-…) are statements about the file, allowed only where they are true of it.
"""

from __future__ import annotations

import pytest

from ogi.parse import parse
from ogi.rules import check
from tests.shared import CORPUS as SHARED

# (rule, first cell, expected, actual) of every error, and of every warning that is not structural.
REAL_ERRORS = {
    "seed/2020_dadukou_renfang.txt": [],
    "real/2019_pingtan.txt": [],
    # NOTES §2: detail rows 26 (自然人) / 27 (总计) against （七）总计 printed 20 / 21
    "real/2020_pingtan.txt": [("R3-2", "s3.r_total.natural_person", 26, 20), ("R3-2", "s3.r_total.total", 27, 21)],
    "real/2021_pingtan.txt": [],
    "real/2022_pingtan.txt": [],
    "real/2023_pingtan.txt": [],
    "real/2024_pingtan.txt": [],
    "real/2025_pingtan.txt": [],
    "real/2025_shuyang_xian.txt": [],
    "real/2024_shanghai_kewei.md": [],
    "real/2025_shanghai_bgt.md": [],
    # NOTES §3: text 予以公开及部分公开 258 (table 272 + 3 = 275), 无法提供 265 (table 337)
    "real/2019_shanghai_bgt.html": [("RT-1", "s3.r_open.total", 275, 258), ("RT-1", "s3.r_unable_not_held.total", 337, 265)],
    # NOTES §1: 行政复议 10+1 printed 总计 0; 复议后起诉 5 printed 总计 0
    "real/2023_hongze_qu.pdf": [("R4-1", "s4.review.total", 11, 0), ("R4-1", "s4.litigation_after_review.total", 5, 0)],
    "real/2024_hongze_qu.pdf": [],
    "real/2024_huaian_shi.pdf": [],
}

# Structure warnings that are true of the file (and the only ones allowed).
STRUCTURE = {
    # section 二 rows are glued digit runs without sums: not splittable uniquely (never guessed)
    **{f"real/{y}_pingtan.txt": {"S-ambiguous-split"} for y in range(2019, 2026)},
    # 2021-format 二 with the 2019 single row （六）其他处理 (NOTES: mixed formats)
    "real/2023_hongze_qu.pdf": {"S-mixed-format"},
    "real/2024_hongze_qu.pdf": {"S-mixed-format"},
    # the report numbers its parts 一…六 differently and has no “五、存在的主要问题…” heading (line 205: 五、其他需要报告的事项)
    "real/2024_shanghai_kewei.md": {"S-missing-section"},
    # the extraction lost heading 五; 规章/规范性文件 rows carry 2 of 3 numbers (SOURCES.tsv)
    "real/2025_shanghai_bgt.md": {"S-missing-section", "S-row-values"},
}


@pytest.fixture(scope="module")
def checked():
    return {name: check(parse(SHARED / name)) for name in REAL_ERRORS}


@pytest.mark.parametrize("name", list(REAL_ERRORS))
def test_it_reports_exactly_the_real_errors(checked, name):
    found = [
        (f.rule, f.cells[0] if f.cells else "", f.expected, f.actual)
        for f in checked[name]
        if f.severity == "error" or (f.severity == "warning" and not f.rule.startswith("S-"))
    ]
    assert found == REAL_ERRORS[name]


@pytest.mark.parametrize("name", list(REAL_ERRORS))
def test_it_says_only_true_things_about_structure(checked, name):
    said = {f.rule for f in checked[name] if f.severity == "warning" and f.rule.startswith("S-")}
    assert said == STRUCTURE.get(name, set())


def test_it_tells_the_misprinted_label_of_hongze(checked):
    # NOTES §1: “2.其他法律行政止公开” in table 三 of both 洪泽 reports
    for name in ("real/2023_hongze_qu.pdf", "real/2024_hongze_qu.pdf"):
        labels = [f.message for f in checked[name] if f.rule == "S-label-variant"]
        assert len(labels) == 1 and "2.其他法律行政止公开" in labels[0]


def test_it_reports_the_blank_totals_of_shanghai_2019_as_info(checked):
    found = checked["real/2019_shanghai_bgt.html"]
    # 19 result rows of the 2019 format with blank 总计 + （七）总计 blank for 科研机构 and 社会公益组织
    assert sum(1 for f in found if f.rule == "R3-5" and f.severity == "info") == 21
    # table 四: 复议后起诉 all blank (annual-report.md §11.1 TV-1)
    assert [f.cells[0] for f in found if f.rule == "S-blank-total"] == ["s4.litigation_after_review.total"]


@pytest.mark.parametrize("name", ["real/2013_pingtan_dishuiju.txt", "real/2013_pingtan_xian.txt", "real/2017_pingtan.txt", "real/2018_pingtan.txt"])
def test_it_recognises_pre_2019_reports_and_does_not_check_them(name):
    report = parse(SHARED / name)
    assert report.format == "pre2019"
    assert [f.rule for f in check(report)] == ["S-pre2019"]


@pytest.mark.parametrize("year", range(2020, 2026))
def test_it_finds_the_pingtan_carry_over_chain_consistent(year):
    # 结转 rows by hand: 2021 四 = 1000001 → 2022 二 = 1000001; all other years 0000000
    found = check(parse(SHARED / f"real/{year}_pingtan.txt"), previous=parse(SHARED / f"real/{year - 1}_pingtan.txt"))
    assert [f for f in found if f.rule == "RX-1"] == []


def test_it_breaks_the_pingtan_carry_over_chain_when_last_year_is_changed():
    # the twin of the test above: 2021 四 = 1000001 by hand; printed 2 instead of 1 → RX-1 on 自然人 and 总计
    prev = parse(SHARED / "real/2021_pingtan.txt")
    prev.sections.s3["carry_forward"].update(natural_person=2, total=2)
    found = check(parse(SHARED / "real/2022_pingtan.txt"), previous=prev)
    assert [(f.cells[0], f.expected, f.actual) for f in found if f.rule == "RX-1"] == [
        ("s3.carried_over.natural_person", 2, 1),
        ("s3.carried_over.total", 2, 1),
    ]


def test_it_reads_the_publication_date_and_checks_article_49():
    # page header of the 平潭 2020 copy: “发布时间: 2021-03-05 08:58”; a district-level report: by 31 March
    report = parse(SHARED / "real/2020_pingtan.txt")
    assert report.published == "2021-03-05"
    assert [f for f in check(report) if f.rule == "RT-5"] == []
    report.published = "2021-04-01"  # one day after 31 March
    assert [(f.expected, f.actual) for f in check(report) if f.rule == "RT-5"] == [("2021-03-31", "2021-04-01")]
