"""The appeals register screens (section 四): list, new, result; access per organ."""

from __future__ import annotations

from django.urls import reverse

from ogi.web.appeals.models import Appeal


def as_user(client, user):
    client.force_login(user)
    return client


def new_appeal(client, application, **overrides):
    token = client.get(reverse("appeals:new")).context["form"]["token"].value()
    data = {"kind": "review", "application": application.pk, "filed_on": "2025-05-06",
            "case_number": "渝大府复〔2025〕3号", "body": "重庆市大渡口区人民政府", "token": token}
    data.update(overrides)
    return client.post(reverse("appeals:new"), data)


def test_it_registers_an_appeal_linked_to_the_application(client, people, application):
    c = as_user(client, people["clerk"])
    assert new_appeal(c, application).status_code == 302
    appeal = Appeal.objects.get()
    assert (appeal.application_id, appeal.result) == (application.pk, "pending")
    html = c.get(reverse("appeals:list")).content.decode()
    assert "渝大府复〔2025〕3号" in html and "尚未审结" in html


def test_it_refuses_an_appeal_filed_before_the_application_was_received(client, people, application):
    response = new_appeal(as_user(client, people["clerk"]), application, filed_on="2025-02-01")
    assert response.status_code == 400
    assert "不能早于" in response.context["form"].errors["filed_on"][0]
    assert Appeal.objects.count() == 0


def test_it_refuses_linking_another_organs_application(client, people, application):
    response = new_appeal(as_user(client, people["other_clerk"]), application)
    assert response.status_code == 400
    assert "请选择本机关的申请" in response.context["form"].errors["application"][0]
    assert Appeal.objects.count() == 0


def test_it_records_the_result_and_refuses_a_stale_version(client, people, application):
    c = as_user(client, people["clerk"])
    new_appeal(c, application)
    appeal = Appeal.objects.get()
    page = reverse("appeals:detail", args=[appeal.pk])
    missing = c.post(page, {"version": 1, "result": "upheld", "decided_on": ""})
    assert "请填写审结日期" in missing.context["form"].errors["decided_on"][0]
    assert c.post(page, {"version": 1, "result": "upheld", "decided_on": "2025-07-01"}).status_code == 302
    stale = c.post(page, {"version": 1, "result": "corrected", "decided_on": "2025-07-02"})
    assert stale.status_code == 409 and "已被他人修改" in stale.content.decode()
    assert Appeal.objects.get().result == "upheld"


def test_it_hides_an_appeal_from_another_organ(client, people, application):
    new_appeal(as_user(client, people["clerk"]), application)
    appeal = Appeal.objects.get()
    other = as_user(client, people["other_clerk"])
    assert other.get(reverse("appeals:detail", args=[appeal.pk])).status_code == 404
    assert "渝大府复" not in other.get(reverse("appeals:list")).content.decode()


def test_it_shows_the_auditor_the_appeal_without_a_form(client, people, application):
    new_appeal(as_user(client, people["clerk"]), application)
    appeal = Appeal.objects.get()
    c = as_user(client, people["auditor"])
    html = c.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert "渝大府复〔2025〕3号" in html and "登记结果" not in html
    assert c.post(reverse("appeals:detail", args=[appeal.pk]), {"version": 1, "result": "upheld"}).status_code == 404


def test_it_refuses_an_appeal_form_posted_twice(client, people, application):
    c = as_user(client, people["clerk"])
    token = c.get(reverse("appeals:new")).context["form"]["token"].value()
    data = {"kind": "litigation_direct", "filed_on": "2025-05-06", "token": token}
    assert c.post(reverse("appeals:new"), data).status_code == 302
    twice = c.post(reverse("appeals:new"), data)
    assert twice.status_code == 409 and "请勿重复提交" in twice.content.decode()
    assert Appeal.objects.count() == 1
