"""Run-together text reports (the 平潭 shape: the body on one line, a row's values glued together), in
each of the shapes that unseen real reports print, read exactly — and a table that does not add up is
read as printed, its errors left to the rules.

Every document is written from the small report below (``small_report``), whose numbers are chosen by
hand so that they add up (R3-1, R3-2, R3-3, R4-1); a test then changes what one row prints and says,
by hand, what must be read.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ogi.model import CellMeta, Report, blank_report, set_value
from ogi.parse import parse
from ogi.rules import check
from ogi.spec import FORMATS
from tests.parse.glued import glued_text

COLUMNS = [c.key for c in FORMATS["2021"].s3_columns]
# 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
S3 = {
    "new_received": [4, 1, 0, 1, 0, 0, 6],
    "carried_over": [1, 0, 0, 0, 0, 0, 1],
    "r_open": [2, 1, 0, 0, 0, 0, 3],
    "r_partial": [1, 0, 0, 1, 0, 0, 2],
    "r_unable_not_held": [1, 0, 0, 0, 0, 0, 1],
    "r_total": [4, 1, 0, 1, 0, 0, 6],
    "carry_forward": [1, 0, 0, 0, 0, 0, 1],
}
S4 = {"review": [1, 0, 0, 0, 1], "litigation_direct": [0, 1, 0, 0, 1], "litigation_after_review": [0] * 5}
S4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
S2 = {
    "art20_1.regulations": {"issued": 0, "repealed": 0, "in_force": 0},
    "art20_1.normative_documents": {"issued": 5, "repealed": 1, "in_force": 9},
    "art20_5.admin_licensing": {"decisions": 120},
    "art20_6.admin_penalty": {"decisions": 36},
    "art20_6.admin_coercion": {"decisions": 2},
    "art20_8.admin_fees": {"amount_wan_yuan": Decimal("0.5")},
}


def small_report() -> Report:
    report = blank_report("2021", year=2022, organ="某某市自然资源局")
    for row, values in S3.items():
        put_row(report, row, values)
    for group, values in S4.items():
        for col, v in zip(S4_COLUMNS, values, strict=True):
            set_value(report, f"s4.{group}.{col}", v)
    for row, cells in S2.items():
        for col, v in cells.items():
            set_value(report, f"s2.{row}.{col}", v)
    report.sections.s1_text = "本年度共主动公开政府信息300条。"
    report.sections.s5_text = "一是政策解读形式单一；二是答复规范化水平有待提升。"
    report.sections.s6_text = "本年度未收取信息处理费。"
    return report


def put_row(report: Report, row: str, values: list[int]) -> None:
    for col, v in zip(COLUMNS, values, strict=True):
        set_value(report, f"s3.{row}.{col}", v)


def blank(report: Report, path: str) -> None:
    report.cells_meta[path] = CellMeta(raw="", semantic="blank")


def read(text: str, tmp_path) -> Report:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return parse(path)


def s3_row(report: Report, key: str) -> list[int | None]:
    return [report.sections.s3.get(key, {}).get(c) for c in COLUMNS]


def unread(report: Report, want: Report) -> list[str]:
    """Cells of ``want`` not read back as they are."""
    got = report.cells()
    return [p for p, v in want.cells().items() if got.get(p) != v]


def codes(report: Report) -> set[str]:
    return {d.code for d in report.diagnostics}


def errors(report: Report) -> set[tuple[str, str]]:
    return {(f.rule, f.cells[0]) for f in check(report) if f.severity == "error" and f.cells}


def test_the_small_report_reads_back_exactly(tmp_path):
    want = small_report()
    got = read(glued_text(want), tmp_path)
    assert (got.organ, got.year) == ("某某市自然资源局", 2022)
    assert unread(got, want) == []
    assert errors(got) == set()
    assert got.sections.s5_text == want.sections.s5_text


# -- what the page prints decides; the rules report what does not add up ------------------------


def test_a_row_of_one_digit_per_cell_is_read_as_printed_when_it_does_not_add_up(tmp_path):
    want = small_report()
    put_row(want, "r_partial", [1, 0, 0, 1, 0, 0, 3])  # printed 1001003: 2 ≠ 3
    text = glued_text(want)
    assert "1001003" in text
    got = read(text, tmp_path)
    assert s3_row(got, "r_partial") == [1, 0, 0, 1, 0, 0, 3]
    assert unread(got, want) == []
    assert ("R3-3", "s3.r_partial.total") in errors(got)


def test_a_split_the_spaces_force_is_read_as_printed_when_it_does_not_add_up(tmp_path):
    want = small_report()
    text = glued_text(want).replace("保护第三方合法权益 0000000", "保护第三方合法权益 20 00000 23")
    got = read(text, tmp_path)
    # 20 and 23 cannot be cut (the five zeros take five cells): 20|0|0|0|0|0|23, and 20 ≠ 23
    assert s3_row(got, "r_deny_third_party") == [20, 0, 0, 0, 0, 0, 23]
    assert ("R3-3", "s3.r_deny_third_party.total") in errors(got)


def test_table_four_of_one_digit_per_cell_is_read_when_a_group_does_not_add_up(tmp_path):
    want = small_report()
    set_value(want, "s4.review.total", 2)  # 1 0 0 0 | 2
    text = glued_text(want, s4_gap="")
    assert "100020100100000" in text
    got = read(text, tmp_path)
    assert unread(got, want) == []
    assert ("R4-1", "s4.review.total") in errors(got)


def test_a_long_run_of_table_four_takes_its_one_split_under_the_group_sums(tmp_path):
    want = small_report()
    for group, values in {"review": [3, 10, 0, 0, 13], "litigation_direct": [1, 0, 0, 0, 1]}.items():
        for col, v in zip(S4_COLUMNS, values, strict=True):
            set_value(want, f"s4.{group}.{col}", v)
    text = glued_text(want, s4_gap="")
    assert " 31000131000100000 五、" in text  # 17 digits for 15 cells
    got = read(text, tmp_path)
    assert unread(got, want) == []
    # the same run glued to a narrative that quotes numbers and the header's words
    after = {"s4": "本年度复议案件13件，总计14件均已审结。"}
    got = read(glued_text(want, s4_gap="", after=after), tmp_path)
    assert unread(got, want) == []


# -- blanks --------------------------------------------------------------------------------------


def test_rows_printed_with_no_values_are_blank_cells(tmp_path):
    want = small_report()
    for col in COLUMNS:
        blank(want, f"s3.r_deny_admin_inquiry.{col}")
    for col in ("issued", "repealed", "in_force"):
        blank(want, f"s2.art20_1.regulations.{col}")
    text = glued_text(want)
    assert "8.属于行政查询事项 （四）无法提供" in text and "规章 行政规范性文件" in text
    got = read(text, tmp_path)
    assert unread(got, want) == []
    assert got.semantic("s3.r_deny_admin_inquiry.total") == "blank"
    assert got.semantic("s2.art20_1.regulations.in_force") == "blank"
    assert not codes(got) & {"S-row-values", "S-missing-row"}


def test_a_blank_among_the_digits_is_placed_by_the_sums(tmp_path):
    want = small_report()
    blank(want, "s3.new_received.org_research")  # 4 1 _ 1 0 0 6 printed 411006: 6 digits, 7 cells
    text = glued_text(want)
    assert "申请数量 411006二、" in text
    got = read(text, tmp_path)
    # the row's sum holds wherever the blank goes; the column sums (R3-1) put it under 科研机构
    assert s3_row(got, "new_received") == [4, 1, 0, 1, 0, 0, 6]
    assert got.semantic("s3.new_received.org_research") == "blank"
    assert unread(got, want) == []


def test_a_blank_in_table_four_the_sums_cannot_place_keeps_the_candidates(tmp_path):
    want = small_report()
    for col, v in zip(S4_COLUMNS, [2, 1, 0, 0, 3], strict=True):
        set_value(want, f"s4.review.{col}", v)
    blank(want, "s4.review.other")  # 2 1 _ 0 3 | 0 1 0 0 1 | 0 0 0 0 0: 14 digits for 15 cells
    got = read(glued_text(want, s4_gap=""), tmp_path)
    # 2|1|_|0|3, _|2|1|0|3 and 2|_|1|0|3 all add up: 维持, 纠正 and 其他 stay unread, nothing is guessed
    assert "S-ambiguous-split" in codes(got)
    assert [got.sections.s4["review"].get(c) for c in S4_COLUMNS] == [None, None, None, 0, 3]
    assert [got.value(f"s4.litigation_direct.{c}") for c in S4_COLUMNS] == [0, 1, 0, 0, 1]


# -- labels, headings, the narrative around the tables --------------------------------------------


def test_a_row_label_printed_without_its_number_keeps_its_values(tmp_path):
    want = small_report()
    put_row(want, "r_other_other", [0, 2, 0, 0, 0, 0, 2])
    put_row(want, "r_total", [4, 3, 0, 1, 0, 0, 8])
    put_row(want, "new_received", [4, 3, 0, 1, 0, 0, 8])
    text = glued_text(want)
    assert "3.其他 0200002" in text
    got = read(text.replace("3.其他 0200002", "其他0200002"), tmp_path)
    assert s3_row(got, "r_other_other") == [0, 2, 0, 0, 0, 0, 2]
    assert s3_row(got, "r_other_fee_unpaid") == [0] * 7
    assert unread(got, want) == []
    assert "S-label-variant" in codes(got)


def test_the_narrative_glued_to_the_last_row_of_a_table_is_not_read_into_it(tmp_path):
    want = small_report()
    put_row(want, "carry_forward", [2, 0, 0, 0, 0, 0, 2])
    put_row(want, "carried_over", [2, 0, 0, 0, 0, 0, 2])
    after = {"s3": "2025年，本机关将继续依法办理申请。", "s4": "2025年共办结复议案件1件。"}
    text = glued_text(want, after=after)
    assert "继续办理 20000022025年" in text
    got = read(text, tmp_path)
    assert s3_row(got, "carry_forward") == [2, 0, 0, 0, 0, 0, 2]
    assert unread(got, want) == []


def test_an_amount_of_section_two_followed_by_narrative_numbers(tmp_path):
    want = small_report()
    after = {"s2": " 本年度共收取费用3笔，涉及12个单位。"}
    got = read(glued_text(want, after=after), tmp_path)
    assert got.value("s2.art20_8.admin_fees.amount_wan_yuan") == Decimal("0.5")
    assert unread(got, want) == []


@pytest.mark.parametrize(
    "heading",
    ["五、存在的主要问题及明年工作计划", "五、政府信息公开工作存在的主要问题和下一步工作打算"],
)
def test_a_variant_heading_of_part_five_ends_table_four(heading, tmp_path):
    want = small_report()
    want.sections.s5_text = "2022年存在3个问题：一是政策解读形式单一。"
    got = read(glued_text(want, headings={"s5": heading}), tmp_path)
    assert unread(got, want) == []
    assert got.sections.s5_text == want.sections.s5_text
    assert "S-missing-section" not in codes(got)


def test_the_organ_is_not_read_with_the_start_of_the_title_sentence(tmp_path):
    want = small_report()
    text = glued_text(want).replace(
        "标题: 某某市自然资源局2022年", "标题: 某某市自然资源局关于2022年度"
    )
    got = read(text, tmp_path)
    assert (got.organ, got.year) == ("某某市自然资源局", 2022)
