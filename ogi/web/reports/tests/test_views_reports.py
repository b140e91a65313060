"""The report screens: the report built from the register, its cells, exports, texts, section 二."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date

import pytest

from ogi.web.applications import services
from ogi.web.audit.models import AuditEntry
from ogi.web.conftest import as_user
from ogi.web.reports.models import ProactiveCount, ReportText

REPORT = "/organs/dadukou-rfb/2025/report/"


def cell(html: str, path: str) -> str:
    match = re.search(rf'data-path="{re.escape(path)}"><a [^>]*>([^<]*)</a>', html)
    assert match, path
    return match.group(1)


def answered(application, people, on=date(2025, 3, 20), outcome="r_open"):
    return services.answer(people["clerk"], application, application.version, on=on, outcome=outcome)



def test_it_counts_an_answered_application_in_section_three(client, people, application):
    c = as_user(client, people["clerk"])
    before = c.get(REPORT).content.decode()
    assert cell(before, "s3.r_open.natural_person") == "0"
    assert cell(before, "s3.new_received.natural_person") == "1"
    assert cell(before, "s3.carry_forward.natural_person") == "1"
    answered(application, people)
    after = c.get(REPORT).content.decode()
    assert cell(after, "s3.r_open.natural_person") == "1"
    assert cell(after, "s3.r_total.total") == "1"
    assert cell(after, "s3.carry_forward.natural_person") == "0"


def test_it_opens_the_applications_behind_a_cell(client, people, application):
    answered(application, people)
    c = as_user(client, people["clerk"])
    html = c.get(REPORT + "cells/s3.r_open.natural_person/").content.decode()
    assert application.number in html and "予以公开" in html
    empty = c.get(REPORT + "cells/s3.r_partial.natural_person/").content.decode()
    assert application.number not in empty
    assert c.get(REPORT + "cells/s9.nothing.here/").status_code == 404


def test_it_answers_404_for_another_organs_report(client, people):
    c = as_user(client, people["other_clerk"])
    assert c.get(REPORT).status_code == 404
    assert c.get(REPORT + "export/json/").status_code == 404
    assert c.get("/organs/dadukou-rfb/2025/proactive/").status_code == 404


@pytest.mark.parametrize("kind, magic", [("json", b"{"), ("xlsx", b"PK"), ("docx", b"PK"), ("html", b"<!DOCTYPE")])
def test_it_exports_the_report(client, people, application, kind, magic):
    answered(application, people)
    response = as_user(client, people["auditor"]).get(REPORT + f"export/{kind}/")
    assert response.status_code == 200
    assert response.content.startswith(magic)
    if kind == "json":
        assert json.loads(response.content)["sections"]["s3"]["r_open"]["natural_person"] == 1
    if kind in ("xlsx", "docx"):
        assert zipfile.ZipFile(io.BytesIO(response.content)).namelist()


def test_it_exports_a_pdf(client, people):
    response = as_user(client, people["clerk"]).get(REPORT + "export/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "attachment" in response.headers["Content-Disposition"]


def test_it_lets_the_clerk_write_the_texts_and_not_the_auditor(client, people):
    data = {"s1": "本年度，本办认真贯彻《条例》。", "s5": "人员不足。", "s6": ""}
    assert as_user(client, people["auditor"]).post(REPORT + "texts/", data).status_code == 404
    assert as_user(client, people["clerk"]).post(REPORT + "texts/", data).status_code == 302
    assert ReportText.objects.get(section="s1").text == "本年度，本办认真贯彻《条例》。"
    assert "本年度，本办认真贯彻《条例》。" in client.get(REPORT).content.decode()
    # 六 was left blank and was blank before: only 一 and 五 changed
    assert AuditEntry.objects.filter(action="set_report_text").count() == 2


def test_it_sums_the_departments_for_the_supervisor(client, people, application):
    answered(application, people)
    html = as_user(client, people["supervisor"]).get("/organs/dadukou/2025/report/?children=1").content.decode()
    assert cell(html, "s3.r_open.natural_person") == "1"
    own = client.get("/organs/dadukou/2025/report/").content.decode()
    assert cell(own, "s3.r_open.natural_person") == "0"


# ---------------------------------------------------------------- section 二


def test_it_stores_proactive_counts_from_the_format_fields(client, people):
    c = as_user(client, people["clerk"])
    page = c.get("/organs/dadukou-rfb/2025/proactive/").content.decode()
    assert "第二十条第（一）项" in page and "行政规范性文件" in page
    data = {"s2.art20_1.normative_documents.issued": "3", "s2.art20_8.admin_fees.amount_wan_yuan": "1.25"}
    assert c.post("/organs/dadukou-rfb/2025/proactive/", data).status_code == 302
    stored = dict(ProactiveCount.objects.values_list("path", "value"))
    assert stored["s2.art20_1.normative_documents.issued"] == 3
    report = c.get(REPORT).content.decode()
    assert 'data-path="s2.art20_1.normative_documents.issued">3<' in report


def test_it_refuses_a_proactive_count_that_is_not_a_number(client, people):
    c = as_user(client, people["clerk"])
    response = c.post("/organs/dadukou-rfb/2025/proactive/", {"s2.art20_1.normative_documents.issued": "三件"})
    assert response.status_code == 400
    assert "不是有效数字" in response.content.decode()
    assert ProactiveCount.objects.count() == 0


def test_it_uses_the_2019_format_fields_for_2020(client, people):
    page = as_user(client, people["clerk"]).get("/organs/dadukou-rfb/2020/proactive/").content.decode()
    assert "第二十条第（九）项" in page  # block E exists in the 2019 format only


def test_it_opens_the_appeals_behind_a_section_four_cell(client, people, organs):
    from ogi.web.appeals.models import Appeal

    Appeal.objects.create(organ=organs["rfb"], kind="review", case_number="渝复〔2025〕7号", filed_on=date(2025, 4, 1))
    Appeal.objects.create(organ=organs["rfb"], kind="review", case_number="渝复〔2025〕9号", filed_on=date(2025, 5, 1),
                          result="upheld", decided_on=date(2025, 6, 1))
    c = as_user(client, people["clerk"])
    report = c.get(REPORT).content.decode()
    assert cell(report, "s4.review.pending") == "1" and cell(report, "s4.review.total") == "2"
    pending = c.get(REPORT + "cells/s4.review.pending/").content.decode()
    assert "渝复〔2025〕7号" in pending and "渝复〔2025〕9号" not in pending
    assert "行政复议·尚未审结" in pending and "共 1 件" in pending
    both = c.get(REPORT + "cells/s4.review.total/").content.decode()
    assert "渝复〔2025〕7号" in both and "渝复〔2025〕9号" in both
    assert c.get(REPORT + "cells/s4.nothing.total/").status_code == 404
