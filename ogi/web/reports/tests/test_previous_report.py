"""Cross-year checks compare only what was recorded: counts never entered are not zeros."""

from __future__ import annotations

from ogi.web.reports import build as reporting
from ogi.web.reports import services as records


def test_it_leaves_out_section_two_of_a_year_without_counts(organs, people):
    rfb, clerk = organs["rfb"], people["clerk"]
    records.set_proactive_counts(clerk, rfb, 2025, {
        "s2.art20_1.normative_documents.issued": 3,
        "s2.art20_1.normative_documents.repealed": 2,
        "s2.art20_1.normative_documents.in_force": 25,
    })
    report = reporting.build_report(rfb, 2025)
    previous = reporting.previous_report(rfb, 2025)
    # 2024 was never entered: no RX-2 “25 ≠ 0 + 3 − 2” against invented zeros, but it is said
    assert previous.sections.s2 == {}
    assert [f for f in reporting.check(report, previous) if f.rule == "RX-2"] == []
    assert any(f.rule == "S-s2-not-entered" for f in reporting.check(previous))


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
