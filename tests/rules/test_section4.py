from __future__ import annotations

from ogi.model import blank_report
from ogi.rules import check


def s4(values: list[int]):
    r = blank_report("2021", year=2023, organ="淮安市洪泽区人民政府")
    for i, g in enumerate(("review", "litigation_direct", "litigation_after_review")):
        for j, c in enumerate(("upheld", "corrected", "other", "pending", "total")):
            r.sections.s4[g][c] = values[5 * i + j]
    return r


def test_it_reports_hongze_2023_totals_printed_as_zero():
    # NOTES.md §1: 10 1 0 0 0 | 0 0 0 0 0 | 5 0 0 0 0
    found = [f for f in check(s4([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0])) if f.rule == "R4-1"]
    assert [(f.cells[0], f.expected, f.actual, f.severity) for f in found] == [
        ("s4.review.total", 11, 0, "error"),
        ("s4.litigation_after_review.total", 5, 0, "error"),
    ]


def test_it_passes_pingtan_2024_table_four():
    # NOTES.md: 2|1|3|1|7, 0s, 13|2|4|0|19
    assert [f for f in check(s4([2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19])) if f.rule.startswith("R4")] == []
    # its twin: 复议后起诉 总计 printed 18 instead of 19 (13 + 2 + 4 + 0 = 19)
    found = check(s4([2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 18]))
    assert [(f.rule, f.cells[0], f.expected, f.actual) for f in found if f.rule.startswith("R4")] == [
        ("R4-1", "s4.litigation_after_review.total", 19, 18)
    ]


def test_it_flags_negative_counts():
    found = [f for f in check(s4([-1, 0, 0, 0, -1] + [0] * 10)) if f.rule == "R4-2"]
    assert [f.cells[0] for f in found] == ["s4.review.upheld", "s4.review.total"]
