"""The application screens, phrased with the cast of conftest.py.

Hand-computed dates: 2025-03-03 is a Monday and no holiday falls in March 2025, so the answer is due on
the 20th working day after it, Monday 2025-03-31. After a correction received on Monday 2025-03-10 the
20 working days run again from 03-11: 03-11..14 (4), 03-17..21 (9), 03-24..28 (14), 03-31..04-03 (18),
Qingming 04-04..06 off, then 04-07 (19) and 04-08 (20): due 2025-04-08.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from ogi.web.applications import services
from ogi.web.applications.models import Application, ApplicationEvent
from ogi.web.audit.models import AuditEntry

NAME, PHONE = "张三", "13800000000"


NAMES = {"application": "detail", "application_new": "new", "application_edit": "edit"}


def url(name: str, *args) -> str:
    return reverse(f"applications:{NAMES.get(name, name)}", args=args)


def as_user(client, user):
    client.force_login(user)
    return client


def new_application_data(client, **overrides) -> dict:
    """The registration form as a browser would post it, with the one-time token from the GET."""
    page = client.get(url("application_new"))
    data = {
        "applicant_type": "org_commercial", "applicant_name": "重庆某某建筑有限公司",
        "applicant_contact": "023-68888888", "channel": "post", "received_on": "2025-03-03",
        "content": "2024年度人防工程易地建设费收缴情况", "form_requested": "电子邮件",
        "token": page.context["form"]["token"].value(),
    }
    data.update(overrides)
    return data


# ---------------------------------------------------------------- who sees what


def test_it_sends_anonymous_visitors_to_the_login_page(client, application):
    response = client.get(url("application", application.pk))
    assert response.status_code == 302
    assert response.url.startswith("/login/")
    login = client.get("/login/")
    assert "登录" in login.content.decode()


def test_it_shows_the_clerk_the_application_with_personal_data(client, people, application):
    response = as_user(client, people["clerk"]).get(url("application", application.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert NAME in html and PHONE in html
    assert "2025年3月31日" in html  # the due date computed by hand (module docstring)


@pytest.mark.parametrize("view", ["application", "audit"])
def test_it_answers_404_to_a_clerk_of_another_organ(client, people, application, view):
    response = as_user(client, people["other_clerk"]).get(url(view, application.pk))
    assert response.status_code == 404


def test_it_refuses_another_organs_clerk_an_action_by_url(client, people, application):
    data = {"version": application.version, "on": "2025-03-05", "note": "请补正"}
    response = as_user(client, people["other_clerk"]).post(url("action", application.pk, "request_correction"), data)
    assert response.status_code == 404
    assert Application.objects.get().status == "processing"


@pytest.mark.parametrize("persona", ["auditor", "supervisor"])
def test_it_hides_personal_data_from_those_who_do_not_need_it(client, people, application, persona):
    c = as_user(client, people[persona])
    for page in (url("application", application.pk), url("register"), url("audit", application.pk)):
        html = c.get(page).content.decode()
        assert NAME not in html and PHONE not in html, page
    assert application.number in c.get(url("register")).content.decode()


def test_it_does_not_let_the_auditor_search_by_applicant_name(client, people, application):
    html = as_user(client, people["auditor"]).get(url("register"), {"q": NAME}).content.decode()
    assert application.number not in html
    html = as_user(client, people["clerk"]).get(url("register"), {"q": NAME}).content.decode()
    assert application.number in html


def test_it_gives_the_auditor_no_action_forms_and_refuses_their_posts(client, people, application):
    c = as_user(client, people["auditor"])
    assert "办理操作" not in c.get(url("application", application.pk)).content.decode()
    data = {"version": application.version, "on": "2025-03-05", "note": "请补正"}
    assert c.post(url("action", application.pk, "request_correction"), data).status_code == 404


# ---------------------------------------------------------------- the register


def test_it_filters_the_register_by_status_and_date(client, people, application):
    c = as_user(client, people["clerk"])
    assert application.number in c.get(url("register"), {"status": "processing"}).content.decode()
    assert application.number not in c.get(url("register"), {"status": "answered"}).content.decode()
    assert application.number not in c.get(url("register"), {"received_from": "2025-03-04"}).content.decode()
    bad = c.get(url("register"), {"received_from": "2025-03-04", "received_to": "2025-03-01"})
    assert "结束日期不能早于开始日期" in bad.content.decode()
    # a filter in error filters nothing, and the page says so above the list (the case is listed)
    assert 'id="filter-invalid"' in bad.content.decode() and application.number in bad.content.decode()
    assert 'id="filter-invalid"' not in c.get(url("register"), {"status": "processing"}).content.decode()


def test_it_bounds_the_search_in_one_chinese_line(client, people, application):
    c = as_user(client, people["clerk"])
    fits = c.get(url("register"), {"q": "人" * 100})
    assert fits.status_code == 200 and "搜索词不能超过" not in fits.content.decode()
    long = c.get(url("register"), {"q": "人" * 101})
    assert long.status_code == 200 and "搜索词不能超过 100 个字（现有 101 个）" in long.content.decode()
    export = c.get(url("export"), {"q": "人" * 101})
    assert (export.status_code, export.content.decode()) == (400, "筛选条件有误：搜索词不能超过 100 个字（现有 101 个）")


# ---------------------------------------------------------------- registering


def test_it_registers_an_application_from_the_form(client, people):
    c = as_user(client, people["clerk"])
    response = c.post(url("application_new"), new_application_data(c))
    app = Application.objects.get()
    assert response.status_code == 302 and response.url == url("application", app.pk)
    assert (app.organ.code, app.applicant_type, app.channel) == ("dadukou-rfb", "org_commercial", "post")
    assert app.due_date == date(2025, 3, 31)


def test_it_refuses_a_form_posted_twice(client, people):
    c = as_user(client, people["clerk"])
    data = new_application_data(c)
    assert c.post(url("application_new"), data).status_code == 302
    second = c.post(url("application_new"), data)
    assert second.status_code == 409
    assert "请勿重复提交" in second.content.decode()
    assert Application.objects.count() == 1


def test_it_refuses_the_same_application_even_with_a_fresh_form(client, people):
    c = as_user(client, people["clerk"])
    assert c.post(url("application_new"), new_application_data(c)).status_code == 302
    again = c.post(url("application_new"), new_application_data(c))
    assert again.status_code == 400
    assert "请勿重复提交" in again.content.decode()
    assert Application.objects.count() == 1


def test_it_refuses_a_receipt_date_in_the_future_next_to_the_field(client, people):
    c = as_user(client, people["clerk"])
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    response = c.post(url("application_new"), new_application_data(c, received_on=tomorrow))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "不能晚于今天" in errors["received_on"][0]
    assert "不能晚于今天" in response.content.decode()
    assert Application.objects.count() == 0


@pytest.mark.parametrize("field, value, message", [
    ("received_on", "2025-13-40", "日期格式应为 YYYY-MM-DD"),
    ("channel", "pigeon", "有效"),
    ("applicant_name", "", "请填写申请人姓名或名称"),
    ("applicant_email", "not-an-email", "有效的电子邮箱"),
])
def test_it_refuses_bad_fields_with_a_chinese_message(client, people, field, value, message):
    c = as_user(client, people["clerk"])
    response = c.post(url("application_new"), new_application_data(c, **{field: value}))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert Application.objects.count() == 0


# ---------------------------------------------------------------- actions


def act(c, app, action: str, **data):
    data.setdefault("version", Application.objects.get(pk=app.pk).version)
    return c.post(url("action", app.pk, action), data)


def test_it_walks_correction_and_answer_and_moves_the_due_date(client, people, application):
    c = as_user(client, people["clerk"])
    assert act(c, application, "request_correction", on="2025-03-05", note="请写明工程名称").status_code == 302
    assert Application.objects.get().status == "awaiting_correction"
    assert act(c, application, "receive_correction", on="2025-03-10").status_code == 302
    app = Application.objects.get()
    assert (app.status, app.due_date) == ("processing", date(2025, 4, 8))
    assert act(c, application, "answer", on="2025-03-20", outcome="r_open").status_code == 302
    app = Application.objects.get()
    assert (app.status, app.outcome, app.answered_on) == ("answered", "r_open", date(2025, 3, 20))
    html = c.get(url("application", app.pk)).content.decode()
    for step in ("登记", "告知补正", "收到补正", "答复"):
        assert step in html
    assert "当前状态下没有可办理的操作" in html


def test_it_refuses_a_stale_version_and_saves_nothing(client, people, application):
    c = as_user(client, people["clerk"])
    seen = application.version
    services.request_correction(people["head"], application, seen, on=date(2025, 3, 5), note="请写明年份")
    before = (ApplicationEvent.objects.count(), AuditEntry.objects.count())
    response = act(c, application, "answer", version=seen, on="2025-03-06", outcome="r_open")
    assert response.status_code == 409
    assert "已被他人修改" in response.content.decode()
    assert Application.objects.get().status == "awaiting_correction"
    assert (ApplicationEvent.objects.count(), AuditEntry.objects.count()) == before


def test_it_refuses_an_answer_without_the_reason_it_needs(client, people, application):
    c = as_user(client, people["clerk"])
    response = act(c, application, "answer", on="2025-03-20", outcome="r_deny_third_party", reason="")
    assert response.status_code == 400
    assert "须写明理由" in response.context["forms"]["answer"].errors["reason"][0]
    assert Application.objects.get().status == "processing"


def test_it_refuses_an_action_dated_before_receipt(client, people, application):
    c = as_user(client, people["clerk"])
    response = act(c, application, "request_correction", on="2025-03-01", note="请补正")
    assert response.status_code == 400
    assert "不能早于" in response.context["forms"]["request_correction"].errors["on"][0]


def test_it_offers_the_extension_to_the_head_only(client, people, application):
    assert "延长答复期限" not in as_user(client, people["clerk"]).get(url("application", application.pk)).content.decode()
    c = as_user(client, people["head"])
    assert "延长答复期限" in c.get(url("application", application.pk)).content.decode()
    too_long = act(c, application, "extend", on="2025-03-20", days="25", reason="需调阅档案")
    assert too_long.status_code == 400
    assert "最多20个工作日" in too_long.context["forms"]["extend"].errors["days"][0]
    no_reason = act(c, application, "extend", on="2025-03-20", days="20", reason="")
    assert "请填写延期理由" in no_reason.context["forms"]["extend"].errors["reason"][0]
    assert act(c, application, "extend", on="2025-03-20", days="20", reason="需调阅档案").status_code == 302
    assert Application.objects.get().extended


def test_it_refuses_the_clerk_an_extension_posted_by_hand(client, people, application):
    c = as_user(client, people["clerk"])
    response = act(c, application, "extend", on="2025-03-20", days="10", reason="需调阅档案")
    assert response.status_code == 403
    assert not Application.objects.get().extended


def test_it_pauses_for_a_third_party_and_resumes(client, people, application):
    c = as_user(client, people["clerk"])
    assert act(c, application, "start_pause", kind="third_party", on="2025-03-10", note="征求某公司意见").status_code == 302
    assert Application.objects.get().status == "paused"
    assert act(c, application, "end_pause", on="2025-03-14").status_code == 302
    # 03-11..03-14 (4 working days) are not counted: 2025-03-31 moves 4 working days to 2025-04-07
    # (04-01, 04-02, 04-03, then 04-04..06 Qingming, 04-07)
    assert Application.objects.get().due_date == date(2025, 4, 7)


def test_it_records_a_fee_notice_and_payment(client, people, application):
    c = as_user(client, people["clerk"])
    bad = act(c, application, "fee_notice", on="2025-03-10", method="per_page", pages="abc")
    assert "应为整数" in bad.context["forms"]["fee_notice"].errors["pages"][0]
    # 40 pages 按量: the first post shows 109号's amount (pages 31–40 at 10 元 = 100 元) and saves nothing
    shown = act(c, application, "fee_notice", on="2025-03-10", method="per_page", pages="40")
    assert shown.status_code == 200 and Application.objects.get().fee_notice_on is None
    assert "第31–40页：10页×10元=100元" in shown.content.decode()
    assert 'name="confirmed" value="100"' in shown.content.decode()
    assert act(c, application, "fee_notice", on="2025-03-10", method="per_page", pages="40", confirmed="100").status_code == 302
    assert act(c, application, "fee_paid", on="2025-03-12").status_code == 302
    app = Application.objects.get()
    assert (app.status, app.fee_paid_on) == ("processing", date(2025, 3, 12))


def test_it_shows_the_audit_trail_with_before_and_after(client, people, application):
    c = as_user(client, people["clerk"])
    act(c, application, "request_correction", on="2025-03-05", note="请写明工程名称")
    html = c.get(url("audit", application.pk)).content.decode().split('id="audit"')[1]  # the table
    assert "<td>告知补正</td>" in html and "request_correction" not in html
    assert '<span class="field">状态</span>：<del>办理中</del> → <ins>待补正</ins>' in html
    assert '<span class="field">告知补正日期</span>：<del>（空）</del> → <ins>2025-03-05</ins>' in html
    hidden = as_user(client, people["auditor"]).get(url("audit", application.pk)).content.decode()
    assert "（已隐藏）" in hidden and NAME not in hidden


# ---------------------------------------------------------------- safety


def test_it_refuses_a_post_without_the_csrf_token(people, application):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(people["clerk"])
    response = act(c, application, "answer", on="2025-03-20", outcome="r_open")
    assert response.status_code == 403
    assert "没有保存任何内容" in response.content.decode()
    assert Application.objects.get().status == "processing"


def test_it_explains_a_404_in_chinese(client, people, application):
    response = as_user(client, people["other_clerk"]).get(url("application", application.pk))
    assert "页面不存在" in response.content.decode()


def test_it_logs_a_refusal_without_personal_data(client, people, caplog):
    c = as_user(client, people["clerk"])
    future = (date.today() + timedelta(days=3)).isoformat()
    with caplog.at_level("INFO", logger="ogi"):
        c.post(url("application_new"), new_application_data(c, applicant_name="王五", applicant_contact="13912345678", received_on=future))
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "refused register" in logged and "received_on" in logged
    assert "王五" not in logged and "13912345678" not in logged


def test_it_attaches_a_document_and_shows_it_to_the_clerk_only(client, people, application):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = as_user(client, people["clerk"])
    upload = SimpleUploadedFile("答复书.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = c.post(url("attach", application.pk), {"title": "政府信息公开申请答复书", "file": upload})
    assert response.status_code == 302
    attachment = application.attachments.get()
    assert "政府信息公开申请答复书" in c.get(url("application", application.pk)).content.decode()
    download = c.get(url("attachment", application.pk, attachment.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"
    auditor = as_user(client, people["auditor"])
    assert auditor.get(url("attachment", application.pk, attachment.pk)).status_code == 404


def test_it_refuses_an_upload_without_a_file(client, people, application):
    c = as_user(client, people["clerk"])
    response = c.post(url("attach", application.pk), {"title": "答复书"})
    assert response.status_code == 400
    assert "请选择要上传的文件" in response.content.decode()


# ---------------------------------------------------------------- editing the details


def edit_data(app, **overrides) -> dict:
    data = {k: getattr(app, k) for k in services.DETAIL_FIELDS} | {"version": app.version}
    data["received_on"] = app.received_on.isoformat()
    data.update(overrides)
    return data


def test_it_edits_the_details_and_records_before_and_after(client, people, application):
    c = as_user(client, people["clerk"])
    assert c.get(url("application_edit", application.pk)).status_code == 200
    response = c.post(url("application_edit", application.pk), edit_data(application, content="2024年度人防工程竣工验收情况"))
    assert response.status_code == 302
    assert Application.objects.get().content == "2024年度人防工程竣工验收情况"
    entry = AuditEntry.objects.filter(action="update_details").get()
    assert (entry.before["content"], entry.after["content"]) == ("2024年度人防工程建设情况", "2024年度人防工程竣工验收情况")


def test_it_refuses_an_edit_over_someone_elses_change(client, people, application):
    c = as_user(client, people["clerk"])
    stale = edit_data(application, content="我的修改")
    services.update_details(people["head"], application, application.version, content="负责人的修改")
    response = c.post(url("application_edit", application.pk), stale)
    assert response.status_code == 409
    assert "已被他人修改" in response.content.decode()
    assert Application.objects.get().content == "负责人的修改"


def test_it_refuses_the_auditor_the_edit_page(client, people, application):
    assert as_user(client, people["auditor"]).get(url("application_edit", application.pk)).status_code == 404


def test_it_shows_every_refused_field_at_once(client, people):
    c = as_user(client, people["clerk"])
    future = (date.today() + timedelta(days=3)).isoformat()
    response = c.post(url("application_new"), new_application_data(c, applicant_name="", received_on=future))
    errors = response.context["form"].errors
    assert "请填写申请人姓名或名称" in errors["applicant_name"][0]
    assert "不能晚于今天" in errors["received_on"][0]


def test_it_shows_both_extension_mistakes_at_once(client, people, application):
    response = act(as_user(client, people["head"]), application, "extend", on="2025-03-20", days="30", reason="")
    errors = response.context["forms"]["extend"].errors
    assert "最多20个工作日" in errors["days"][0] and "请填写延期理由" in errors["reason"][0]
