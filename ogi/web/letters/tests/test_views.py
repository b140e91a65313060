"""The letters' screens: the 文书 panel on the case page, a letter previewed then issued, downloads,
delivery, an organ's templates (a broken one refused with its message next to the field)."""

from __future__ import annotations

from datetime import date

import pytest

from ogi.web.conftest import as_user
from ogi.web.letters import services
from ogi.web.letters.models import Letter, LetterTemplate


def test_the_case_page_shows_the_panel_with_its_letters(client, application, people, conf, django_assert_max_num_queries):
    services.issue(people["clerk"], application, "receipt", version=1, on=date(2025, 3, 3))
    page = as_user(client, people["clerk"]).get(f"/applications/{application.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and 'id="letters"' in html and "渡人防依申受〔2025〕1号" in html
    assert 'id="new-correction"' in html and 'id="new-receipt"' not in html  # one receipt per case
    for i in range(5):
        services.issue(people["clerk"], application, "reasons", version=1, on=date(2025, 3, 4), question=f"第{i}问")
    with django_assert_max_num_queries(60):
        assert client.get(f"/applications/{application.pk}/").status_code == 200


def test_panel_queries_do_not_grow_with_letters(client, application, people, conf):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    as_user(client, people["clerk"])
    services.issue(people["clerk"], application, "reasons", version=1, on=date(2025, 3, 4), question="一问")
    with CaptureQueriesContext(connection) as one:
        client.get(f"/applications/{application.pk}/")
    for i in range(4):
        services.issue(people["clerk"], application, "reasons", version=1, on=date(2025, 3, 4), question=f"第{i}问")
    with CaptureQueriesContext(connection) as five:
        client.get(f"/applications/{application.pk}/")
    assert len(five) == len(one)


def test_preview_then_issue_a_correction(client, application, people, conf):
    as_user(client, people["clerk"])
    url = f"/applications/{application.pk}/letters/new/correction/"
    page = client.get(url)
    token = page.context["form"].initial["token"]
    data = {"version": 1, "token": token, "on": "2025-03-05", "what": "请写明所需信息的年度"}
    page = client.post(url, data | {"preview": "1"})
    html = page.content.decode()
    assert page.status_code == 200 and 'id="letter-preview"' in html and "（发文时编号）" in html
    assert not Letter.objects.exists()
    page = client.post(url, data | {"issue": "1", "token": page.context["form"].data["token"]})
    letter = Letter.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/letters/{letter.pk}/"
    page = client.get(page["Location"])
    assert "渡人防依申补〔2025〕1号" in page.content.decode()
    pdf = client.get(f"/letters/{letter.pk}/file.pdf")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content)[:5] == b"%PDF-"


def test_a_refused_issue_shows_the_reason_next_to_the_form(client, application, people, organs):
    as_user(client, people["clerk"])
    url = f"/applications/{application.pk}/letters/new/answer/"
    token = client.get(url).context["form"].initial["token"]
    page = client.post(url, {"version": 1, "token": token, "on": "2025-03-10", "outcome": "r_deny_state_secret",
                             "reason": "密级", "issue": "1"})
    assert page.status_code == 400
    assert "请先在本机关的文书设置中填写行政复议机关和管辖法院" in page.content.decode()
    application.refresh_from_db()
    assert application.status == "processing" and not Letter.objects.exists()


def test_the_same_form_posted_twice_issues_once(client, application, people, conf):
    as_user(client, people["clerk"])
    url = f"/applications/{application.pk}/letters/new/receipt/"
    token = client.get(url).context["form"].initial["token"]
    data = {"version": 1, "token": token, "on": "2025-03-03", "issue": "1"}
    assert client.post(url, data).status_code == 302
    page = client.post(url, data)
    assert page.status_code in (400, 409) and Letter.objects.count() == 1


def test_letters_are_not_shown_to_other_organs_or_the_auditor(client, application, people, conf):
    letter = services.issue(people["clerk"], application, "receipt", version=1, on=date(2025, 3, 3))
    assert as_user(client, people["other_clerk"]).get(f"/letters/{letter.pk}/").status_code == 404
    assert as_user(client, people["auditor"]).get(f"/letters/{letter.pk}/file.pdf").status_code == 404


def test_record_a_delivery(client, application, people, conf):
    letter = services.issue(people["clerk"], application, "receipt", version=1, on=date(2025, 3, 3))
    as_user(client, people["clerk"])
    page = client.post(f"/letters/{letter.pk}/delivery/", {"channel": "post", "on": "2025-03-02"})
    assert page.status_code == 400 and "送达日期不能早于发文日期（2025年3月3日）" in page.content.decode()
    page = client.post(f"/letters/{letter.pk}/delivery/", {"channel": "post", "on": "2025-03-04", "note": "挂号信"})
    assert page.status_code == 302
    assert letter.deliveries.get().channel == "post"


def test_the_head_edits_a_template_and_a_broken_one_is_refused(client, people, organs, conf):
    url = "/organs/dadukou-rfb/letters/answer_r_deny_state_secret/"
    assert as_user(client, people["clerk"]).get(url).status_code == 404
    as_user(client, people["head"])
    body = client.get(url).context["form"].initial["body"]
    page = client.post(url, {"body": body.replace("{{ remedy }}", ""), "save": "1"})
    assert page.status_code == 400 and "模板缺少必备部分：救济途径（行政复议、行政诉讼）" in page.content.decode()
    page = client.post(url, {"body": body + "{% for %}", "save": "1"})
    assert page.status_code == 400 and "有语法错误" in page.content.decode()
    assert not LetterTemplate.objects.exists()
    page = client.post(url, {"body": body.replace("特此告知。", "特此答复。"), "check": "1"})
    assert page.status_code == 200 and "特此答复。" in page.content.decode()
    assert client.post(url, {"body": body.replace("特此告知。", "特此答复。"), "save": "1"}).status_code == 302
    assert LetterTemplate.objects.get().version == 1


def test_settings_page(client, people, organs):
    as_user(client, people["head"])
    page = client.post("/organs/dadukou-rfb/letters/", {
        "docno_prefix": "渡人防", "review_body": "重庆市大渡口区人民政府", "court": "重庆市大渡口区人民法院",
        "review_first": ["r_deny_state_secret"],
    })
    assert page.status_code == 302
    assert services.settings_of(organs["rfb"]).review_first == ["r_deny_state_secret"]


@pytest.mark.parametrize("url", ["/applications/{pk}/letters/new/nothing/", "/letters/999/", "/organs/dadukou-rfb/letters/nothing/"])
def test_unknown_things_are_chinese_404s(client, application, people, url):
    page = as_user(client, people["head"]).get(url.format(pk=application.pk))
    assert page.status_code == 404
