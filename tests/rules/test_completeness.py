"""Completeness rules RC-1 … RC-4: empty parts and blank section 二 cells are findings, not zeros."""

from __future__ import annotations

from ogi.model import CellMeta, blank_report
from ogi.rules import check

BLANK = CellMeta(raw="", semantic="blank")


def filled(fmt: str = "2021"):
    r = blank_report(fmt, year=2024, organ="某市某局")
    r.sections.s1_text = "本年度，本局认真贯彻落实《条例》。"
    r.sections.s5_text = "主动公开的及时性有待提高。"
    r.sections.s6_text = "本年度未收取信息处理费。"
    return r


def rules(report) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.rule, f.severity, f.cells) for f in check(report) if f.rule.startswith("RC-")]


def test_a_report_with_every_part_and_cell_filled_is_complete():
    assert rules(filled()) == []
    assert rules(filled("2019")) == []


def test_empty_parts_one_and_five_are_errors_and_six_a_warning_in_2021():
    r = filled()
    r.sections.s1_text = "  \n"
    r.sections.s5_text = ""
    r.sections.s6_text = ""
    assert rules(r) == [("RC-1", "error", ()), ("RC-2", "error", ()), ("RC-3", "warning", ())]
    messages = [f.message for f in check(r) if f.rule == "RC-1"]
    assert messages == ["第一部分“一、总体情况”没有内容，请填写。"]


def test_an_empty_part_six_is_no_finding_in_the_2019_format():
    r = filled("2019")
    r.sections.s6_text = ""
    assert rules(r) == []


def test_a_blank_section_two_row_is_a_warning_naming_the_row():
    r = filled()
    for col in ("issued", "repealed", "in_force"):
        r.cells_meta[f"s2.art20_1.regulations.{col}"] = BLANK
    r.cells_meta["s2.art20_1.normative_documents.in_force"] = BLANK
    r.cells_meta["s2.art20_6.admin_coercion.decisions"] = BLANK
    found = [f for f in check(r) if f.rule == "RC-4"]
    assert [f.cells for f in found] == [
        ("s2.art20_1.regulations.issued", "s2.art20_1.regulations.repealed", "s2.art20_1.regulations.in_force"),
        ("s2.art20_1.normative_documents.in_force",),
        ("s2.art20_6.admin_coercion.decisions",),
    ]
    assert found[0].message == "第二部分 第二十条第（一）项·规章 未填写（整行）；没有的请填 0。"
    assert found[1].message == "第二部分 第二十条第（一）项·行政规范性文件 未填写（现行有效件数）；没有的请填 0。"
    assert found[2].message == "第二部分 第二十条第（六）项·行政强制 未填写（整行）；没有的请填 0。"


def test_a_printed_dash_or_zero_is_filled_not_blank():
    r = filled()
    r.cells_meta["s2.art20_1.regulations.issued"] = CellMeta(raw="—", semantic="dash")
    r.cells_meta["s2.art20_1.regulations.repealed"] = CellMeta(raw="无", semantic="none")
    assert rules(r) == []
