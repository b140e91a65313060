"""Cross-year checks compare only what was recorded: counts never entered are blank, not zeros."""

from __future__ import annotations

from ogi.web.reports import build as reporting
from ogi.web.reports import services as records


def test_it_leaves_the_cells_of_a_year_without_counts_blank(organs, people):
    rfb, clerk = organs["rfb"], people["clerk"]
    records.set_proactive_counts(clerk, rfb, 2025, {
        "s2.art20_1.normative_documents.issued": 3,
        "s2.art20_1.normative_documents.repealed": 2,
        "s2.art20_1.normative_documents.in_force": 25,
    })
    report = reporting.build_report(rfb, 2025)
    previous = reporting.previous_report(rfb, 2025)
    # 2024 was never entered: no RX-2 “25 ≠ 0 + 3 − 2” against invented zeros, but it is said (RC-4)
    assert previous.semantic("s2.art20_1.normative_documents.in_force") == "blank"
    assert [f for f in reporting.check(report, previous) if f.rule == "RX-2"] == []
    unfilled = [f for f in reporting.check(previous) if f.rule == "RC-4"]
    assert len(unfilled) == 6  # every row of the 2021 section 二: 规章, 规范性文件, 许可, 处罚, 强制, 收费
    # this year: 规范性文件 is entered, the other five rows are not
    assert [f.cells[0] for f in reporting.check(report) if f.rule == "RC-4"] == [
        "s2.art20_1.regulations.issued", "s2.art20_5.admin_licensing.decisions", "s2.art20_6.admin_penalty.decisions",
        "s2.art20_6.admin_coercion.decisions", "s2.art20_8.admin_fees.amount_wan_yuan",
    ]


def test_it_chains_documents_in_force_when_both_years_were_entered(organs, people):
    rfb, clerk = organs["rfb"], people["clerk"]
    records.set_proactive_counts(clerk, rfb, 2024, {"s2.art20_1.normative_documents.in_force": 20})
    records.set_proactive_counts(clerk, rfb, 2025, {
        "s2.art20_1.normative_documents.issued": 3,
        "s2.art20_1.normative_documents.repealed": 2,
        "s2.art20_1.normative_documents.in_force": 25,  # 20 + 3 − 2 = 21
    })
    found = reporting.check(reporting.build_report(rfb, 2025), reporting.previous_report(rfb, 2025))
    assert [(f.expected, f.actual) for f in found if f.rule == "RX-2"] == [(21, 25)]


def test_a_row_never_entered_prints_blank_not_zero(client, organs, people):
    from ogi.render import render
    from ogi.web.conftest import as_user

    rfb = organs["rfb"]
    records.set_proactive_counts(people["clerk"], rfb, 2025, {"s2.art20_1.normative_documents.issued": 0})
    html = as_user(client, people["clerk"]).get("/organs/dadukou-rfb/2025/report/").content.decode()
    assert 'data-path="s2.art20_1.normative_documents.issued">0<' in html  # entered as 0
    assert 'data-path="s2.art20_1.regulations.issued"><' in html  # never entered: blank
    text = render(reporting.build_report(rfb, 2025), "txt").decode()
    lines = text.splitlines()  # one cell a line, each after a tab
    at = lines.index("\t规章")
    assert lines[at + 1 : at + 4] == ["\t", "\t", "\t"]
    at = lines.index("\t行政规范性文件")
    assert lines[at + 1 : at + 4] == ["\t0", "\t", "\t"]
