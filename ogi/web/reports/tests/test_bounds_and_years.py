"""Section 二 values a report can hold, and the years a report can be made for — on every report URL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ogi.web.conftest import as_user
from ogi.web.lib.checks import report_years, today
from ogi.web.reports.models import ProactiveCount
from ogi.web.reports.years import year_note

PROACTIVE = "/organs/dadukou-rfb/2025/proactive/"
ISSUED = "s2.art20_1.normative_documents.issued"
FEES = "s2.art20_8.admin_fees.amount_wan_yuan"


@pytest.mark.parametrize("typed, said", [
    ("12345678901234567890", "数值不能超过 999,999,999"),
    ("1000000000", "数值不能超过 999,999,999"),
    ("-1", "不能为负数"),
    ("2.5", "件数应为整数"),
    ("1e400", "数值不能超过"),
    ("NaN", "不是有效数字"),
])
def test_it_refuses_a_count_a_report_cannot_hold_at_the_form(client, people, typed, said):
    c = as_user(client, people["clerk"])
    response = c.post(PROACTIVE, {ISSUED: typed})
    assert response.status_code == 400
    assert said in response.content.decode()
    assert ProactiveCount.objects.count() == 0
    assert c.get(PROACTIVE).status_code == 200
    assert c.get("/organs/dadukou-rfb/2025/report/").status_code == 200


def test_it_takes_the_largest_count_and_amount_a_report_holds(client, people):
    c = as_user(client, people["clerk"])
    assert c.post(PROACTIVE, {ISSUED: "999999999", FEES: "1000000000"}).status_code == 302
    assert c.post(PROACTIVE, {FEES: "1000000000.0001"}).status_code == 400  # over 10⁹ 万元
    assert "最多保留 4 位小数" in c.post(PROACTIVE, {FEES: "1.00001"}).content.decode()
    stored = dict(ProactiveCount.objects.values_list("path", "value"))
    assert stored == {ISSUED: 999999999, FEES: Decimal("1000000000")}
    page = c.get("/organs/dadukou-rfb/2025/report/").content.decode()
    assert f'data-path="{ISSUED}">999999999<' in page


def test_a_signed_change_may_be_negative_in_the_2019_format(client, people):
    c = as_user(client, people["clerk"])
    path = "s2.art20_5.admin_licensing.change"
    assert c.post("/organs/dadukou-rfb/2020/proactive/", {path: "-3"}).status_code == 302
    assert ProactiveCount.objects.get(path=path).value == -3


def test_the_model_validates_and_the_database_refuses_too(organs):
    with pytest.raises(ValidationError) as caught:
        ProactiveCount(organ=organs["rfb"], year=2025, path=ISSUED, value=Decimal(10) ** 12).save()
    assert "数值不能超过" in str(caught.value)
    with pytest.raises(ValidationError):
        ProactiveCount(organ=organs["rfb"], year=2025, path="s2.nothing.here.x", value=1).save()
    with pytest.raises(IntegrityError), transaction.atomic():  # bulk_create skips save(): the constraint holds
        ProactiveCount.objects.bulk_create([ProactiveCount(organ=organs["rfb"], year=2025, path=ISSUED, value=10**10)])
    assert ProactiveCount.objects.count() == 0


# ---------------------------------------------------------------- years


def test_the_years_run_from_the_first_format_to_next_year():
    assert report_years() == range(2019, today().year + 2)  # 国办公开办函〔2019〕60号: the 2019 report on
    assert year_note(2026, date(2026, 12, 1)).startswith("2026年度尚未结束")
    assert year_note(2027, date(2026, 12, 1)).startswith("2027年度尚未开始")
    assert year_note(2025, date(2026, 12, 1)) is None


URLS = ["report/", "proactive/", "report/export/json/", "report/cells/s3.new_received.total/",
        "report/cells/s4.review.total/"]


@pytest.mark.parametrize("year", [0, 1999, 2018, today().year + 2, 99999, 10**20])  # not 4 digits: no URL
@pytest.mark.parametrize("url", URLS)
def test_every_report_url_refuses_a_year_outside_the_formats_in_chinese(client, people, year, url):
    response = as_user(client, people["clerk"]).get(f"/organs/dadukou-rfb/{year}/{url}")
    assert response.status_code == 404
    said = response.content.decode()
    first, last = report_years()[0], report_years()[-1]
    if len(str(year)) == 4:
        assert f"{year}年不在可编制年度报告的年度范围（{first}—{last}年）内" in said
    else:
        assert "页面不存在" in said


def test_posting_texts_or_counts_for_a_wrong_year_stores_nothing(client, people):
    c = as_user(client, people["clerk"])
    assert c.post("/organs/dadukou-rfb/1999/proactive/", {ISSUED: "3"}).status_code == 404
    assert c.post("/organs/dadukou-rfb/99999/report/texts/", {"s1": "x", "s5": "y", "s6": ""}).status_code == 404
    assert ProactiveCount.objects.count() == 0


def test_the_current_and_next_year_say_they_are_not_over(client, people):
    c = as_user(client, people["clerk"])
    now = today().year
    assert "尚未结束" in c.get(f"/organs/dadukou-rfb/{now}/report/").content.decode()
    assert "尚未开始" in c.get(f"/organs/dadukou-rfb/{now + 1}/report/").content.decode()
    assert 'id="year-note"' not in c.get(f"/organs/dadukou-rfb/{now - 1}/report/").content.decode()
    first = report_years()[0]
    page = c.get(f"/organs/dadukou-rfb/{first}/report/")
    assert page.status_code == 200 and "上一年</a>" not in page.content.decode()
