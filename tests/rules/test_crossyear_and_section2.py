from __future__ import annotations

from decimal import Decimal

from ogi.model import blank_report
from ogi.rules import check


def pair(fmt: str = "2021"):
    prev = blank_report(fmt, year=2023, organ="某区某局")
    cur = blank_report(fmt, year=2024, organ="某区某局")
    for r in (prev, cur):
        r.sections.s6_text = "未收取信息处理费。"
    return prev, cur


def test_it_compares_carried_over_with_last_years_carry_forward():
    prev, cur = pair()
    prev.sections.s3["new_received"].update(natural_person=5, total=5)
    prev.sections.s3["r_open"].update(natural_person=2, total=2)
    prev.sections.s3["r_total"].update(natural_person=2, total=2)
    prev.sections.s3["carry_forward"].update(natural_person=3, total=3)  # 5 = 2 + 3
    cur.sections.s3["carried_over"].update(natural_person=2, total=2)   # should be 3
    cur.sections.s3["r_open"].update(natural_person=2, total=2)
    cur.sections.s3["r_total"].update(natural_person=2, total=2)
    found = [(f.cells[0], f.expected, f.actual, f.severity) for f in check(cur, previous=prev) if f.rule == "RX-1"]
    assert found == [("s3.carried_over.natural_person", 3, 2, "warning"), ("s3.carried_over.total", 3, 2, "warning")]
    assert [f for f in check(cur) if f.rule.startswith("RX")] == []  # only with --previous
    strict = check(cur, previous=prev, severity={"RX-1": "error"})
    assert {f.severity for f in strict if f.rule == "RX-1"} == {"error"}


def test_it_chains_documents_in_force():
    prev, cur = pair()
    prev.sections.s2["art20_1"]["normative_documents"]["in_force"] = 698
    cur.sections.s2["art20_1"]["normative_documents"].update(issued=77, repealed=132, in_force=470)
    # 698 + 77 − 132 = 643 ≠ 470 (平潭 2022→2023 style)
    found = [(f.expected, f.actual) for f in check(cur, previous=prev) if f.rule == "RX-2"]
    assert found == [(643, 470)]


def test_it_chains_2019_item_counts():
    prev, cur = pair("2019")
    prev.year, cur.year = 2019, 2020
    prev.sections.s2["art20_5"]["admin_licensing"].update(prev_year_items=396, change=44)
    cur.sections.s2["art20_5"]["admin_licensing"]["prev_year_items"] = 440  # 396 + 44
    assert [f for f in check(cur, previous=prev) if f.rule == "RX-3"] == []
    cur.sections.s2["art20_5"]["admin_licensing"]["prev_year_items"] = 441
    assert [(f.expected, f.actual) for f in check(cur, previous=prev) if f.rule == "RX-3"] == [(440, 441)]


def test_it_allows_negative_change_but_not_negative_counts_in_2019():
    r = blank_report("2019", year=2020, organ="某区某局")
    r.sections.s2["art20_6"]["admin_penalty"].update(prev_year_items=2648, change=-18, decisions=538)
    assert [f for f in check(r) if f.rule == "R2-2"] == []
    r.sections.s2["art20_6"]["admin_penalty"]["decisions"] = -1
    assert [f.cells[0] for f in check(r) if f.rule == "R2-2"] == ["s2.art20_6.admin_penalty.decisions"]


def test_it_warns_when_published_total_is_below_new():
    r = blank_report("2019", year=2020, organ="某区某局")
    r.sections.s2["art20_1"]["regulations"].update(new_published=7, total_published=0)
    assert [(f.cells[0], f.actual) for f in check(r) if f.rule == "R2-3"] == [("s2.art20_1.regulations.total_published", 0)]


def test_it_warns_on_fees_that_look_like_yuan():
    r = blank_report("2021", year=2024, organ="某市某局")
    r.sections.s6_text = "未收取信息处理费。"
    r.sections.s2["art20_8"]["admin_fees"]["amount_wan_yuan"] = Decimal("9116.36")  # 平潭 2022: plausible 万元
    assert [f for f in check(r) if f.rule == "R2-4"] == []
    r.sections.s2["art20_8"]["admin_fees"]["amount_wan_yuan"] = Decimal("91163600")
    assert [f.rule for f in check(r) if f.rule.startswith("R2")] == ["R2-4"]
    r.sections.s2["art20_8"]["admin_fees"]["amount_wan_yuan"] = Decimal("-1")
    assert [f.rule for f in check(r) if f.rule.startswith("R2")] == ["R2-1"]


def test_it_warns_when_the_previous_report_is_another_organs_and_skips_the_comparison():
    prev, cur = pair()
    prev.organ = "某区另一局"
    prev.sections.s3["carry_forward"].update(natural_person=3, total=3)  # would be an RX-1 finding
    found = check(cur, previous=prev)
    assert [(f.rule, f.severity, f.message) for f in found if f.rule.startswith("RX")] == [
        ("RX-0", "warning", "上年报告是“某区另一局”的报告，本报告是“某区某局”的报告；跨年度校验（RX-1…RX-3）未作。")
    ]


def test_it_warns_when_the_previous_report_is_not_of_the_year_before():
    prev, cur = pair()
    prev.year = 2022  # 2024's previous report must be 2023's
    rx0 = [f for f in check(cur, previous=prev) if f.rule == "RX-0"]
    assert [(f.expected, f.actual) for f in rx0] == [("某区某局2023年度", "某区某局2022年度")]
    prev.year = 2024
    assert [f.rule for f in check(cur, previous=prev) if f.rule == "RX-0"] == ["RX-0"]


def test_it_takes_a_name_with_its_place_before_it_for_the_same_organ():
    # 洪泽 2023 prints “洪泽区人民政府”, 2024 “淮安市洪泽区人民政府”: the same organ, no RX-0
    prev, cur = pair()
    prev.organ, cur.organ = "洪泽区人民政府", "淮安市洪泽区人民政府"
    assert [f for f in check(cur, previous=prev) if f.rule == "RX-0"] == []
    cur.organ = "淮安市人民政府"  # its twin: the city is another organ
    assert [f.rule for f in check(cur, previous=prev) if f.rule == "RX-0"] == ["RX-0"]
