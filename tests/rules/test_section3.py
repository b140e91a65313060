"""Section 三 rules on hand-checked vectors (annual-report.md §11.1, NOTES.md)."""

from __future__ import annotations

from ogi.model import CellMeta
from ogi.rules import check

from .conftest import s3_report

_ = None
# TV-1: 上海市人民政府办公厅 2019 (annual-report.md §11.1); 总计 cells of the result rows printed blank.
TV1 = {
    "new_received": [821, 35, _, _, 2, 1, 859],
    "carried_over": [18, _, _, _, _, _, 18],
    "r_open": [258, 12, _, _, 1, 1, _],
    "r_partial": [3, _, _, _, _, _, _],
    "r_deny_state_secret": [14, _, _, _, _, _, _],
    "r_deny_internal_affairs": [5, _, _, _, _, _, _],
    "r_deny_process_info": [3, 1, _, _, _, _, _],
    "r_deny_admin_inquiry": [10, 2, _, _, _, _, _],
    "r_unable_not_held": [252, 12, _, _, 1, _, _],
    "r_unable_need_creation": [44, 3, _, _, _, _, _],
    "r_unable_unclear": [25, _, _, _, _, _, _],
    "r_noproc_petition": [148, 1, _, _, _, _, _],
    "r_noproc_duplicate": [5, 4, _, _, _, _, _],
    "r_total": [767, 35, _, _, 2, 1, 805],
    "carry_forward": [72, _, _, _, _, _, 72],
}
BLANK_ROWS = ("r_deny_law_prohibited", "r_deny_security_stability", "r_deny_third_party",
              "r_deny_enforcement_file", "r_noproc_publication", "r_noproc_mass_repeat",
              "r_noproc_confirm", "r_other")


def tv1():
    rows = dict(TV1)
    for k in BLANK_ROWS:
        rows[k] = [_] * 7
    return s3_report("2019", rows, year=2019, organ="上海市人民政府办公厅")


def rules(findings, severity=None):
    return sorted((f.rule, f.cells[0] if f.cells else "") for f in findings if severity in (None, f.severity))


def test_it_passes_tv1_arithmetic_and_reports_blank_totals_as_info():
    found = check(tv1())
    assert [f for f in found if f.severity == "error" and f.rule.startswith("R3")] == []
    blank = [f for f in found if f.rule == "R3-5"]
    # blank totals: the 总计 cell of the 19 result rows of the 2019 format, plus the two blank cells of
    # （七）总计 (科研机构, 社会公益组织) = 21
    assert len(blank) == 21
    assert all(f.severity == "info" for f in blank)


def test_it_flags_tv1_column_when_one_value_is_changed():
    r = tv1()
    r.sections.s3["r_total"]["natural_person"] = 766  # 821 + 18 = 839 ≠ 766 + 72 = 838
    found = {f.rule: f for f in check(r) if f.severity == "error" and f.rule.startswith("R3")}
    assert found["R3-1"].expected == 838 and found["R3-1"].actual == 839
    assert found["R3-1"].cells[0] == "s3.new_received.natural_person"
    assert found["R3-2"].expected == 767 and found["R3-2"].actual == 766
    assert found["R3-2"].cells[0] == "s3.r_total.natural_person"


# TV-2: 2021 structural fixture, totals column (annual-report.md §11.1); other columns set so rows sum.
def tv2():
    totals = {
        "new_received": 14069, "carried_over": 560, "r_open": 5548, "r_partial": 2168,
        "r_deny_state_secret": 13, "r_deny_law_prohibited": 30, "r_deny_security_stability": 11,
        "r_deny_third_party": 51, "r_deny_internal_affairs": 104, "r_deny_process_info": 85,
        "r_deny_enforcement_file": 286, "r_deny_admin_inquiry": 150, "r_unable_not_held": 3222,
        "r_unable_need_creation": 180, "r_unable_unclear": 19, "r_noproc_petition": 203,
        "r_noproc_duplicate": 148, "r_noproc_publication": 0, "r_noproc_mass_repeat": 101,
        "r_noproc_confirm": 5, "r_other_no_correction": 318, "r_other_fee_unpaid": 203,
        "r_other_other": 965, "r_total": 13810, "carry_forward": 819,
    }
    return s3_report("2021", {k: [v, 0, 0, 0, 0, 0, v] for k, v in totals.items()})


def test_it_passes_tv2():
    assert [f for f in check(tv2()) if f.rule.startswith("R3")] == []


def test_it_fails_tv2_with_one_result_row_changed():
    # （一）予以公开 5548 → 5549 in both columns: the detail rows sum to 13811 ≠ （七）总计 13810 (R3-2)
    r = tv2()
    r.sections.s3["r_open"].update(natural_person=5549, total=5549)
    assert sorted((f.rule, f.cells[0], f.expected, f.actual) for f in check(r) if f.rule.startswith("R3")) == [
        ("R3-2", "s3.r_total.natural_person", 13811, 13810),
        ("R3-2", "s3.r_total.total", 13811, 13810),
    ]


def test_it_reports_pingtan_2020_detail_rows_overstating_the_total():
    # NOTES.md §2: detail rows sum to 26 (自然人) and 27 (总计) but （七）总计 prints 20 and 21.
    zero = [0] * 7
    rows = {k: list(zero) for k in ("new_received", "carried_over", "carry_forward")}
    rows["new_received"] = [20, 0, 0, 0, 0, 1, 21]
    rows.update({
        "r_open": [6, 0, 0, 0, 0, 1, 7], "r_partial": [6, 0, 0, 0, 0, 0, 6],
        "r_unable_not_held": [4, 0, 0, 0, 0, 0, 4], "r_unable_unclear": [3, 0, 0, 0, 0, 0, 3],
        "r_noproc_duplicate": [3, 0, 0, 0, 0, 0, 3], "r_other": [4, 0, 0, 0, 0, 0, 4],
        "r_total": [20, 0, 0, 0, 0, 1, 21],
    })
    found = [f for f in check(s3_report("2019", rows, year=2020)) if f.severity == "error" and f.rule.startswith("R3")]
    assert [(f.rule, f.cells[0], f.expected, f.actual) for f in found] == [
        ("R3-2", "s3.r_total.natural_person", 26, 20),
        ("R3-2", "s3.r_total.total", 27, 21),
    ]


def test_it_reports_a_row_whose_total_is_not_the_sum():
    r = tv2()
    r.sections.s3["r_open"]["org_commercial"] = 2  # row now sums to 5550 but prints 5548
    found = [f for f in check(r) if f.rule == "R3-3"]
    assert [(f.cells[0], f.expected, f.actual) for f in found] == [("s3.r_open.total", 5550, 5548)]


def test_it_flags_negative_and_text_values():
    r = tv2()
    r.sections.s3["r_open"]["org_research"] = -1
    r.cells_meta["s3.r_partial.org_other"] = CellMeta(raw="若干", semantic="text")
    found = sorted(f.cells[0] for f in check(r) if f.rule == "R3-4")
    assert found == ["s3.r_open.org_research", "s3.r_partial.org_other"]
