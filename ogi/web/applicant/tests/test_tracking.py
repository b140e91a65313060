"""Tracking: the status page shows the steps to whoever holds the code and the secret, nothing else; a wrong
secret is an unknown code; more than N wrong tries from one address are refused; the public form's rate limits."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ogi.web.applicant import services
from ogi.web.applicant.models import Attempt
from ogi.web.applications import services as applications
from ogi.web.applications.models import Application

from .conftest import ID_NUMBER, codes_of

pytestmark = pytest.mark.django_db
TRACK = "/track/"


def test_the_status_page_shows_the_steps_and_nothing_personal(client, post_application, people):
    code, secret = codes_of(post_application())
    app = Application.objects.get()
    applications.confirm_receipt(people["clerk"], app, app.version, on=timezone.localdate())
    response = client.post(TRACK, {"code": code, "secret": secret})
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert app.number in html and "办理中" in html
    assert "在线提交申请" in html and "确认收到申请" in html
    for personal in (ID_NUMBER, "1101", "13912345678", "赵六", "zhao@example.com"):
        assert personal not in html
    # lower case and without the dashes is the same code
    again = client.post(TRACK, {"code": code.replace("-", "").lower(), "secret": secret.replace("-", " ")})
    assert app.number in again.content.decode()


def test_the_url_carries_no_code_and_no_personal_data(client, post_application):
    code, secret = codes_of(post_application())
    assert reverse("applicant:track") == TRACK  # the code and the secret travel in the POST body
    assert client.get(TRACK, {"code": code, "secret": secret}).content.decode().count(Application.objects.get().number) == 0


def test_a_wrong_secret_shows_the_same_as_an_unknown_code(client, post_application):
    code, secret = codes_of(post_application())
    wrong = client.post(TRACK, {"code": code, "secret": "ABCD-EFGH-JKMN-PQRS"})
    unknown = client.post(TRACK, {"code": "ZZZZ-ZZZZ-ZZZZ", "secret": secret})
    number = Application.objects.get().number
    assert wrong.status_code == unknown.status_code == 200
    for response in (wrong, unknown):
        html = response.content.decode()
        assert number not in html and "没有找到与该查询码和查询密码对应的申请" in html
    # byte for byte the same page, but for the CSRF token and the code typed back into its field
    def bare(response) -> str:  # noqa: ANN001
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        return re.sub(r'name="code" value="[^"]*"', "", html)

    assert bare(wrong) == bare(unknown)


@pytest.mark.parametrize("limit", [3])
def test_more_than_n_wrong_tries_from_one_address_are_refused(client, post_application, settings, limit):
    settings.OGI_TRACK_FAILURES = limit
    code, secret = codes_of(post_application())
    for _ in range(limit):
        r = client.post(TRACK, {"code": code, "secret": "WRONG"}, REMOTE_ADDR="198.51.100.9")
        assert r.status_code == 200 and "没有找到" in r.content.decode()
    refused = client.post(TRACK, {"code": code, "secret": secret}, REMOTE_ADDR="198.51.100.9")
    assert refused.status_code == 429
    assert f"15分钟内输错超过{limit}次" in refused.content.decode()
    assert Application.objects.get().number not in refused.content.decode()  # refused even with the right secret
    # another address is not refused
    other = client.post(TRACK, {"code": code, "secret": secret}, REMOTE_ADDR="198.51.100.10")
    assert other.status_code == 200 and Application.objects.get().number in other.content.decode()
    # once the window has passed, the address may try again
    Attempt.objects.update(at=timezone.now() - timedelta(minutes=16))
    later = client.post(TRACK, {"code": code, "secret": secret}, REMOTE_ADDR="198.51.100.9")
    assert later.status_code == 200 and Application.objects.get().number in later.content.decode()


def test_the_counters_hold_no_address_or_number_in_the_clear(post_application):
    post_application(address="203.0.113.77")
    keys = list(Attempt.objects.values_list("key", flat=True))
    assert len(keys) == 2 and not any("203.0.113.77" in k or ID_NUMBER in k for k in keys)


def test_the_form_is_limited_per_address_per_hour(post_application, settings):
    settings.OGI_APPLY_PER_ADDRESS_HOUR = 2
    for i in range(2):
        ok = post_application({"applicant_id_number": ID_NUMBER, "content": f"第{i}项信息"})
        assert ok.status_code == 200
    refused = post_application({"content": "第三项信息"})
    assert refused.status_code == 429
    assert "同一网络地址1小时内最多可在线提交2件申请" in refused.content.decode()
    assert Application.objects.count() == 2
    assert post_application({"content": "第三项信息"}, address="203.0.113.8").status_code == 200


def test_the_form_is_limited_per_applicant_per_day_across_addresses(post_application, settings):
    settings.OGI_APPLY_PER_APPLICANT_HOUR = 100
    settings.OGI_APPLY_PER_APPLICANT_DAY = 2
    for i in range(2):
        assert post_application({"content": f"第{i}项信息"}, address=f"203.0.113.{i + 1}").status_code == 200
    refused = post_application({"content": "又一项"}, address="203.0.113.50")
    assert refused.status_code == 429 and "同一申请人24小时内最多可在线提交2件申请" in refused.content.decode()
    # a day later the applicant may apply again
    Attempt.objects.update(at=timezone.now() - timedelta(hours=25))
    assert post_application({"content": "又一项"}, address="203.0.113.50").status_code == 200


def test_a_digest_is_compared_not_the_secret():
    stored = services.digest("ABCD-EFGH-JKMN-PQRS")
    assert services.secret_matches("abcdefghjkmnpqrs", stored)
    assert not services.secret_matches("ABCDEFGHJKMNPQRT", stored)
    assert services.digest("X", "salt") == services.digest("X", "salt") != services.digest("X", "other")


def test_no_personal_data_reaches_the_logs(client, post_application, people, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    code, secret = codes_of(post_application())
    post_application({"applicant_id_number": "110105194912310021"})  # refused: the wrong check character
    client.post(TRACK, {"code": code, "secret": "WRONG"})
    client.post(TRACK, {"code": code, "secret": secret})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "submitted online" in logged and "refused" in logged
    for personal in (ID_NUMBER, "110105194912310021", "赵六", "13912345678", "zhao@example.com", "203.0.113.7",
                     code, secret, code.replace("-", ""), secret.replace("-", "")):
        assert personal not in logged


def test_counted_events_older_than_two_days_are_forgotten(client, post_application):
    post_application()
    Attempt.objects.update(at=timezone.now() - timedelta(days=2, minutes=1))
    post_application({"content": "另一项信息"})
    assert Attempt.objects.count() == 2  # the two of the second application; the first's are gone
    Attempt.objects.update(at=timezone.now() - timedelta(days=3))
    client.post(TRACK, {"code": "XXXX", "secret": "YYYY"})
    assert Attempt.objects.count() == 1  # only the wrong try just made
