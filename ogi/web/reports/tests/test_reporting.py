"""Report numbers from a small hand-built register; every expected number is counted by hand below.

Register of 人防办 (rfb):
  A1 自然人   received 2019-12-20, answered 2020-01-10 予以公开
  A2 商业企业 received 2020-03-01, answered 2020-03-20 逾期不补正   (2019 format: （六）其他处理)
  A3 自然人   received 2020-05-01, answered 2020-05-25 保护第三方合法权益
  A4 自然人   received 2020-12-20, answered 2021-01-15 部分公开
  A5 法律服务 received 2020-12-28, still open
  A6 自然人   received 2021-02-01, answered 2021-02-20 逾期未缴费
  A7 科研机构 received 2021-06-01, answered 2021-06-10 其他
  A8 自然人   received 2019-05-01, answered 2019-06-01 予以公开 (before both years)
Register of 区政府 (gov, parent of rfb): G1 自然人 received 2020-04-01, answered 2020-04-10 予以公开.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ogi.web.appeals.models import Appeal
from ogi.web.applications.models import Application
from ogi.web.reports import build as reporting
from ogi.web.reports.models import ProactiveCount, ReportText

REGISTER = [
    ("A1", "rfb", "natural_person", date(2019, 12, 20), date(2020, 1, 10), "r_open"),
    ("A2", "rfb", "org_commercial", date(2020, 3, 1), date(2020, 3, 20), "r_other_no_correction"),
    ("A3", "rfb", "natural_person", date(2020, 5, 1), date(2020, 5, 25), "r_deny_third_party"),
    ("A4", "rfb", "natural_person", date(2020, 12, 20), date(2021, 1, 15), "r_partial"),
    ("A5", "rfb", "org_legal_service", date(2020, 12, 28), None, ""),
    ("A6", "rfb", "natural_person", date(2021, 2, 1), date(2021, 2, 20), "r_other_fee_unpaid"),
    ("A7", "rfb", "org_research", date(2021, 6, 1), date(2021, 6, 10), "r_other_other"),
    ("A8", "rfb", "natural_person", date(2019, 5, 1), date(2019, 6, 1), "r_open"),
    ("G1", "gov", "natural_person", date(2020, 4, 1), date(2020, 4, 10), "r_open"),
]


@pytest.fixture
def register(organs):
    for number, organ, kind, received, answered, outcome in REGISTER:
        Application.objects.create(
            organ=organs[organ], number=number, applicant_type=kind, applicant_name="某", channel="online",
            received_on=received, content="…", answered_on=answered, outcome=outcome,
            status="answered" if answered else "processing",
        )
    return organs


def s3(report, row: str) -> dict[str, int]:
    return {k: v for k, v in report.sections.s3[row].items() if v}


def test_it_counts_2020_in_the_2019_format(register):
    report = reporting.build_report(register["rfb"], 2020)
    assert report.format == "2019"
    assert s3(report, "new_received") == {"natural_person": 2, "org_commercial": 1, "org_legal_service": 1, "total": 4}
    assert s3(report, "carried_over") == {"natural_person": 1, "total": 1}
    assert s3(report, "r_open") == {"natural_person": 1, "total": 1}
    assert s3(report, "r_deny_third_party") == {"natural_person": 1, "total": 1}
    assert s3(report, "r_other") == {"org_commercial": 1, "total": 1}
    assert s3(report, "r_total") == {"natural_person": 2, "org_commercial": 1, "total": 3}
    assert s3(report, "carry_forward") == {"natural_person": 1, "org_legal_service": 1, "total": 2}


def test_it_counts_2021_in_the_2021_format(register):
    report = reporting.build_report(register["rfb"], 2021)
    assert report.format == "2021"
    assert s3(report, "new_received") == {"natural_person": 1, "org_research": 1, "total": 2}
    assert s3(report, "r_partial") == {"natural_person": 1, "total": 1}
    assert s3(report, "r_other_fee_unpaid") == {"natural_person": 1, "total": 1}
    assert s3(report, "r_other_other") == {"org_research": 1, "total": 1}
    assert s3(report, "r_total") == {"natural_person": 2, "org_research": 1, "total": 3}
    assert s3(report, "carry_forward") == {"org_legal_service": 1, "total": 1}


def test_it_carries_over_last_years_carry_forward(register):
    last = reporting.build_report(register["rfb"], 2020)
    this = reporting.build_report(register["rfb"], 2021)
    assert this.sections.s3["carried_over"] == last.sections.s3["carry_forward"]
    assert s3(this, "carried_over") == {"natural_person": 1, "org_legal_service": 1, "total": 2}


def test_last_years_report_for_the_cross_year_rules(register):
    """What RX-1 … RX-3 read of 2020 (section 二 and 结转下年度: A4 and A5, open at 2020-12-31), counted
    alone and taken from 2021's 上年结转; the same findings as against the whole 2020 report."""
    rfb = register["rfb"]
    ProactiveCount.objects.create(organ=rfb, year=2020, path="s2.art20_1.normative_documents.total_published", value=20)
    this, whole = reporting.build_report(rfb, 2021), reporting.build_report(rfb, 2020)
    for previous in (reporting.previous_report(rfb, 2021), reporting.previous_report(rfb, 2021, current=this)):
        assert (previous.year, previous.format, previous.organ) == (2020, "2019", rfb.name)
        assert s3(previous, "carry_forward") == {"natural_person": 1, "org_legal_service": 1, "total": 2}
        assert list(previous.sections.s3) == ["carry_forward"]
        assert previous.value("s2.art20_1.normative_documents.total_published") == 20
        assert reporting.check(this, previous) == reporting.check(this, whole)


def test_the_built_reports_pass_the_checker(register):
    last = reporting.build_report(register["rfb"], 2020)
    this = reporting.build_report(register["rfb"], 2021)
    errors = [f.rule for f in reporting.check(this, last) if f.severity == "error"]
    assert errors == ["RC-1", "RC-2"]  # the tables balance; only the texts 一 and 五 are still empty


def test_it_sums_the_departments_for_a_government_on_request(register):
    own = reporting.build_report(register["gov"], 2020)
    assert s3(own, "new_received") == {"natural_person": 1, "total": 1}
    assert own.sections.s3["carried_over"]["total"] == 0
    both = reporting.build_report(register["gov"], 2020, include_children=True)
    assert s3(both, "new_received") == {"natural_person": 3, "org_commercial": 1, "org_legal_service": 1, "total": 5}
    assert s3(both, "r_open") == {"natural_person": 2, "total": 2}


def test_it_opens_the_applications_behind_a_cell(register):
    def numbers(path: str, year: int = 2020) -> list[str]:
        return list(reporting.cell_applications(register["rfb"], year, path).values_list("number", flat=True))

    assert numbers("s3.carry_forward.total") == ["A4", "A5"]
    assert numbers("s3.r_other.org_commercial") == ["A2"]
    assert numbers("s3.carried_over.total", 2021) == ["A4", "A5"]
    assert numbers("s3.r_total.natural_person") == ["A1", "A3"]
    with pytest.raises(ValueError):
        numbers("s3.r_other.total", 2021)  # no such row in the 2021 format


def test_it_counts_appeals_filed_in_the_year_with_the_result_known_at_its_end(register):
    rfb = register["rfb"]
    Appeal.objects.create(organ=rfb, kind="review", filed_on=date(2021, 3, 1), result="upheld", decided_on=date(2021, 5, 1))
    Appeal.objects.create(organ=rfb, kind="review", filed_on=date(2021, 11, 1), result="corrected", decided_on=date(2022, 1, 10))
    Appeal.objects.create(organ=rfb, kind="litigation_direct", filed_on=date(2021, 4, 1))
    Appeal.objects.create(
        organ=rfb, kind="litigation_after_review", filed_on=date(2020, 12, 1), result="other", decided_on=date(2021, 2, 1)
    )
    s4 = reporting.build_report(rfb, 2021).sections.s4
    assert s4["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert s4["litigation_direct"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}
    assert s4["litigation_after_review"]["total"] == 0
    s4_2020 = reporting.build_report(rfb, 2020).sections.s4
    assert s4_2020["litigation_after_review"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1}


def test_it_fills_section_two_and_the_texts(register):
    rfb = register["rfb"]
    ProactiveCount.objects.create(organ=rfb, year=2021, path="s2.art20_1.normative_documents.issued", value=5)
    ProactiveCount.objects.create(organ=rfb, year=2021, path="s2.art20_8.admin_fees.amount_wan_yuan", value=Decimal("1.5"))
    ProactiveCount.objects.create(organ=rfb, year=2021, path="s2.art20_9.gov_centralized_procurement.project_count", value=3)
    ReportText.objects.create(organ=rfb, year=2021, section="s1", text="总体情况……")
    report = reporting.build_report(rfb, 2021)
    assert report.value("s2.art20_1.normative_documents.issued") == 5
    assert report.value("s2.art20_8.admin_fees.amount_wan_yuan") == Decimal("1.5")
    assert not report.has("s2.art20_9.gov_centralized_procurement.project_count")  # 2019 format only
    assert report.sections.s1_text == "总体情况……"
    assert report.sections.s6_text == "2021年度本机关未收取政府信息公开信息处理费。"


def test_it_states_the_fees_collected_in_section_six(register):
    Application.objects.filter(number="A7").update(fee_amount=Decimal("300"), fee_paid_on=date(2021, 6, 5))
    report = reporting.build_report(register["rfb"], 2021)
    assert "收取信息处理费1件，共计300.00元" in report.sections.s6_text


def test_it_builds_all_organs_with_grouped_queries(register, django_assert_max_num_queries):
    # one query per slice of the counting basis (三: 新收, 上年结转 ×2, results, 结转下年度 ×2; 四: ×2) and
    # the organs: the same for three organs as for a thousand
    with django_assert_max_num_queries(9):
        reports = reporting.build_all(2020)
    assert reports[register["rfb"].pk].sections.s3["new_received"]["total"] == 4
    assert reports[register["gov"].pk].sections.s3["new_received"]["total"] == 1
    assert reports[register["edu"].pk].sections.s3["r_total"]["total"] == 0


# ---------------------------------------------------------------- year boundaries, by hand


def one_application(organs, received: date, answered: date | None, outcome: str = "r_open"):
    return Application.objects.create(
        organ=organs["edu"], number="B1", applicant_type="natural_person", applicant_name="某", channel="online",
        received_on=received, content="…", answered_on=answered, outcome=outcome if answered else "",
        status="answered" if answered else "processing",
    )


def totals(organ, year: int) -> dict[str, int]:
    s3 = reporting.build_report(organ, year).sections.s3
    return {row: s3[row]["total"] for row in ("new_received", "carried_over", "r_total", "carry_forward")}


def test_an_application_received_on_1_january_is_new_that_year_not_carried_over(organs):
    one_application(organs, date(2021, 1, 1), None)  # still open at the end of 2022
    edu = organs["edu"]
    assert totals(edu, 2020) == {"new_received": 0, "carried_over": 0, "r_total": 0, "carry_forward": 0}
    assert totals(edu, 2021) == {"new_received": 1, "carried_over": 0, "r_total": 0, "carry_forward": 1}
    assert totals(edu, 2022) == {"new_received": 0, "carried_over": 1, "r_total": 0, "carry_forward": 1}
    assert not reporting.cell_applications(edu, 2021, "s3.carried_over.total").exists()


def test_an_application_answered_on_31_december_is_not_carried_forward(organs):
    one_application(organs, date(2021, 6, 1), date(2021, 12, 31))
    edu = organs["edu"]
    assert totals(edu, 2021) == {"new_received": 1, "carried_over": 0, "r_total": 1, "carry_forward": 0}
    assert totals(edu, 2022) == {"new_received": 0, "carried_over": 0, "r_total": 0, "carry_forward": 0}
    assert not reporting.cell_applications(edu, 2022, "s3.carried_over.total").exists()


def test_an_application_received_on_31_december_and_answered_on_1_january_is_carried_once(organs):
    one_application(organs, date(2020, 12, 31), date(2021, 1, 1))
    edu = organs["edu"]
    assert totals(edu, 2020) == {"new_received": 1, "carried_over": 0, "r_total": 0, "carry_forward": 1}
    assert totals(edu, 2021) == {"new_received": 0, "carried_over": 1, "r_total": 1, "carry_forward": 0}
