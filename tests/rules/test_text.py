"""Narrative-against-table rules, on sentences quoted from the real reports."""

from __future__ import annotations

from ogi.model import blank_report
from ogi.rules import check
from ogi.rules.text import organ_kind

from .test_section3 import tv1

# 上海市人民政府办公厅 2019, 一、总体情况 （二）依申请公开方面 (corpus/real/2019_shanghai_bgt.html)
SHANGHAI_2019 = (
    "市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件"
    "（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。"
    "予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；"
    "不予处理158件，占19.6%；其他处理0件。信息公开类行政复议7件，诉讼9件，均获维持。"
)


def test_it_finds_the_two_narrative_mismatches_of_shanghai_2019():
    r = tv1()
    r.sections.s1_text = SHANGHAI_2019
    for g, values in (("review", [5, 0, 0, 2, 7]), ("litigation_direct", [8, 0, 0, 1, 9])):
        r.sections.s4[g] = dict(zip(("upheld", "corrected", "other", "pending", "total"), values, strict=True))
    found = [(f.expected, f.actual) for f in check(r) if f.rule == "RT-1"]
    # NOTES.md §3: 予以公开 272 + 部分公开 3 = 275 (text 258); 无法提供 252+12+1 + 44+3 + 25 = 337 (text 265).
    # 不予公开 35, 不予处理 158, 答复 805, 结转 18 / 72, 复议 7, 诉讼 9 agree and must not be reported.
    assert found == [(275, 258), (337, 265)]


def test_it_accepts_a_received_count_that_includes_last_years_carry_over():
    # 沭阳县 2025: “共受理政府信息公开申请749件” = 本年新收 713 + 上年结转 36
    r = blank_report("2021", year=2025, organ="沭阳县人民政府")
    r.sections.s3["new_received"].update(natural_person=713, total=713)
    r.sections.s3["carried_over"].update(natural_person=36, total=36)
    r.sections.s1_text = "全县全年共受理政府信息公开申请749件，其中自然人申请741件"
    assert [f for f in check(r) if f.rule == "RT-1"] == []
    r.sections.s1_text = "全县全年共受理政府信息公开申请750件"
    assert [(f.expected, f.actual) for f in check(r) if f.rule == "RT-1"] == [(713, 750)]


def test_it_warns_when_a_2021_report_is_silent_on_fees():
    r = blank_report("2021", year=2024, organ="某市某局")
    r.sections.s6_text = "无。"
    assert [f.rule for f in check(r) if f.rule.startswith("RT")] == ["RT-3"]
    r.sections.s6_text = "2024年，本机关未收取信息处理费。"
    assert [f.rule for f in check(r) if f.rule.startswith("RT")] == []


def test_it_checks_the_publication_deadline_of_article_49():
    r = blank_report("2021", year=2024, organ="某市生态环境局")
    r.sections.s6_text = "未收取信息处理费。"
    r.published = "2025-02-03"  # a department: by 31 January
    assert [f.actual for f in check(r) if f.rule == "RT-5"] == ["2025-02-03"]
    r.organ = "某市人民政府"  # a government: by 31 March
    assert [f for f in check(r) if f.rule == "RT-5"] == []


def test_it_tells_governments_from_departments():
    assert organ_kind("淮安市洪泽区人民政府") == "government"
    assert organ_kind("重庆市大渡口区人民防空办公室") == "department"
    assert organ_kind("上海市科学技术委员会") == "department"
    assert organ_kind("平潭综合实验区") == "unknown"
