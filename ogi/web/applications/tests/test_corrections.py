"""The clerk's corrections, each expected value counted by hand on the State Council calendar.

The cast's application: received Mon 2025-03-03, due Mon 2025-03-31 (the 20th working day after it; no
holiday in March 2025). Qingming 2025: 04-04 (Fri) to 04-06 off. National Day and Mid-Autumn 2025
(国办发明电〔2024〕12号): 10-01..10-08 off, Sun 09-28 and Sat 10-11 worked.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ogi.web.applications import lifecycle, services
from ogi.web.applications.models import Application, ExtensionRequest
from ogi.web.audit.models import AuditEntry
from ogi.web.conftest import as_user


def refused(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


def register(people, organ, received: date, content: str = "人防工程档案", name: str = "张三", **extra) -> Application:
    return services.register(
        people["clerk"], organ, applicant_type="natural_person", applicant_name=name, channel="online",
        received_on=received, content=content, **extra,
    )


def page(client, user, app) -> str:
    return as_user(client, user).get(reverse("applications:detail", args=[app.pk])).content.decode()


# ---------------------------------------------------------------- 逾期答复 (art. 33)


def test_it_flags_an_answer_one_working_day_late_and_not_one_on_the_due_date(organs, people, application, client):
    on_time = services.answer(people["clerk"], application, 1, on=date(2025, 3, 31), outcome="r_open")
    other = register(people, organs["rfb"], date(2025, 3, 3), content="另一件")
    late = services.answer(people["clerk"], other, 1, on=date(2025, 4, 1), outcome="r_open")  # Tue, one day late
    assert (on_time.answered_late, late.answered_late) == (False, True)
    assert list(Application.objects.answered_late()) == [late]
    assert list(Application.objects.answered_on_time()) == [on_time]
    assert '<span class="badge late" id="late">逾期答复</span>' in page(client, people["clerk"], late)
    assert 'id="late"' not in page(client, people["clerk"], on_time)
    listed = client.get(reverse("applications:register"), {"timeliness": "late"}).content.decode()
    assert late.number in listed and on_time.number not in listed
    assert "<th>答复日期</th>" in listed and "2025-04-01" in listed


def test_it_counts_late_answers_per_organ_and_year_of_the_answer(organs, people):
    rfb, edu = organs["rfb"], organs["edu"]
    # rfb: one answered late in 2025, one on time in 2025, one late answered in 2026 (received 2025-12-01,
    # due the 20th working day after: 12-02..05 (4), 12-08..12 (9), 12-15..19 (14), 12-22..26 (19), 12-29 (20))
    a = register(people, rfb, date(2025, 3, 3), content="甲")
    services.answer(people["clerk"], a, 1, on=date(2025, 4, 2), outcome="r_open")
    b = register(people, rfb, date(2025, 3, 3), content="乙")
    services.answer(people["clerk"], b, 1, on=date(2025, 3, 20), outcome="r_open")
    c = register(people, rfb, date(2025, 12, 1), content="丙")
    assert c.due_date == date(2025, 12, 29)
    services.answer(people["clerk"], c, 1, on=date(2026, 1, 5), outcome="r_open")
    other_clerk = people["other_clerk"]
    d = services.register(other_clerk, edu, applicant_type="natural_person", applicant_name="李四", channel="post",
                          received_on=date(2025, 3, 3), content="丁")
    services.answer(other_clerk, d, 1, on=date(2025, 3, 31), outcome="r_open")
    rows = {r["organ"]: (r["answered"], r["late"]) for r in Application.objects.late_answers_by_organ(2025)}
    assert rows == {rfb.pk: (2, 1), edu.pk: (1, 0)}
    assert list(Application.objects.late_answers_by_organ(2026)) == [{"organ": rfb.pk, "answered": 1, "late": 1}]


def test_it_says_an_overdue_open_case_is_overdue_on_its_page_and_marks_its_row(people, application, client):
    # received 2025-03-03, due 2025-03-31, still open: overdue today
    assert 'id="overdue">已超期' in page(client, people["clerk"], application)
    row = client.get(reverse("applications:register"), {"due": "overdue"}).content.decode()
    assert 'class="overdue-row"' in row and application.number in row
    answered = services.answer(people["clerk"], application, 1, on=date(2025, 3, 28), outcome="r_open")
    assert "已超期" not in page(client, people["clerk"], answered)


def test_the_dashboard_counts_late_answers_of_this_and_last_year(organs, people, client):
    from ogi.web.lib import checks
    from ogi.web.workcalendar.days import db_calendar

    last_year = checks.today().year - 1
    app = register(people, organs["rfb"], date(last_year, 6, 2))
    late_day = db_calendar().add_workdays(app.due_date, 1)  # one working day after the due date
    services.answer(people["clerk"], app, 1, on=late_day, outcome="r_open")
    html = as_user(client, people["clerk"]).get(reverse("home:dashboard")).content.decode()
    table = html.split('id="late"')[1].split("</table>")[0]
    assert "?timeliness=late&organ=dadukou-rfb" in table
    assert '<td class="num">1</td><td class="num">0</td>' in table  # last year 1, this year 0


# ---------------------------------------------------------------- 补正 stops the clock (art. 30)


def test_it_stops_the_clock_while_waiting_for_the_correction_and_restarts_on_receipt(organs, people, client):
    # received Thu 2025-09-25; 补正 notice Fri 09-26 with a 15-working-day period:
    # 09-28 (Sun, 调休) 1, 09-29 2, 09-30 3, 10-01..08 off, 10-09 4, 10-10 5, 10-11 (Sat, 调休) 6,
    # 10-13..17 7–11, 10-20..23 12–15 → the applicant's period ends 2025-10-23
    app = register(people, organs["rfb"], date(2025, 9, 25))
    app = services.request_correction(people["clerk"], app, 1, on=date(2025, 9, 26), note="请写明工程名称", period_days=15)
    assert (app.due_date, app.correction_due, app.correction_period_days) == (None, date(2025, 10, 23), 15)
    html = page(client, people["clerk"], app)
    assert "补正后重新计算" in html and "至2025-10-23（星期四）" in html
    assert "2025年10月" not in html.split('id="due-date"')[1].split("</p>")[0]  # no running due date
    listed = client.get(reverse("applications:register")).content.decode()
    assert "补正后重新计算" in listed
    # the corrected application arrives Tue 09-30: 20 working days from 10-01 — 10-01..08 off, 10-09 1,
    # 10-10 2, 10-11 (Sat, 调休) 3, 10-13..17 4–8, 10-20..24 9–13, 10-27..31 14–18, 11-03 19, 11-04 20
    app = services.receive_correction(people["clerk"], app, app.version, on=date(2025, 9, 30))
    assert (app.status, app.due_date) == ("processing", date(2025, 11, 4))
    assert "补正后重新计算" not in page(client, people["clerk"], app)


def test_it_takes_the_default_correction_period_from_the_setting(people, application, settings):
    settings.OGI_CORRECTION_PERIOD_WORKDAYS = 5
    app = services.request_correction(people["clerk"], application, 1, on=date(2025, 3, 5), note="请补充")
    assert (app.correction_period_days, app.correction_due) == (5, date(2025, 3, 12))  # 03-06, 07, 10, 11, 12


def test_it_refuses_a_correction_period_beyond_the_limit(people, application):
    err = refused(services.request_correction, people["clerk"], application, 1, on=date(2025, 3, 5), note="x",
                  period_days=61)
    assert "1到60之间" in err.message_dict["period_days"][0]


def test_it_shows_the_consultation_period_of_15_working_days(people, application, client):
    # third party asked Mon 2025-03-10: 03-11..14 1–4, 03-17..21 5–9, 03-24..28 10–14, 03-31 15
    app = services.start_pause(people["clerk"], application, 1, kind="third_party", on=date(2025, 3, 10))
    html = page(client, people["clerk"], app)
    table = html.split('id="pauses"')[1].split("</table>")[0]
    assert "2025-03-31" in table and "条例第三十二条" in table


# ---------------------------------------------------------------- extension: clerk requests, head decides (art. 33)


def test_an_extension_approved_by_the_head_moves_the_due_date_by_the_approved_days(people, application, client):
    clerk, head = people["clerk"], people["head"]
    assert [a.key for a in lifecycle.allowed(clerk, application) if "exten" in a.key] == ["request_extension"]
    app = services.request_extension(clerk, application, 1, on=date(2025, 3, 20), days=10, reason="需调阅档案")
    assert app.due_date == date(2025, 3, 31)  # nothing moves before the head decides
    assert [a.key for a in lifecycle.allowed(head, app) if "exten" in a.key] == ["decide_extension"]
    waiting = as_user(client, head).get(reverse("home:dashboard")).content.decode()
    assert 'id="extensions-waiting"' in waiting and app.number in waiting.split('id="extensions-waiting"')[1]
    assert 'id="extensions-waiting"' not in as_user(client, clerk).get(reverse("home:dashboard")).content.decode()
    with pytest.raises(PermissionDenied):
        services.decide_extension(clerk, app, app.version, on=date(2025, 3, 21), approve=True)
    # the head approves 7 of the 10 days: 04-01, 04-02, 04-03, (Qingming) 04-07, 04-08, 04-09, 04-10
    app = services.decide_extension(head, app, app.version, on=date(2025, 3, 21), approve=True, days=7)
    assert (app.extended, app.extension_days, app.due_date) == (True, 7, date(2025, 4, 10))
    assert app.extension_approved_by == head
    kinds = list(app.events.values_list("kind", flat=True))
    assert kinds[-2:] == ["extension_requested", "extended"]
    actions = list(AuditEntry.objects.filter(object_type="extensionrequest").order_by("id").values_list("action", flat=True))
    assert actions == ["request_extension", "decide_extension"]
    assert AuditEntry.objects.filter(object_type="application", action="decide_extension").count() == 1
    req = ExtensionRequest.objects.get()
    assert (req.decision, req.days, req.approved_days, req.decided_by) == ("approved", 10, 7, head)
    assert lifecycle.allowed(clerk, app) and not any("exten" in a.key for a in lifecycle.allowed(clerk, app))


def test_a_refused_extension_keeps_the_due_date_and_needs_a_note(people, application):
    clerk, head = people["clerk"], people["head"]
    app = services.request_extension(clerk, application, 1, on=date(2025, 3, 20), days=20, reason="材料多")
    err = refused(services.decide_extension, head, app, app.version, on=date(2025, 3, 21), approve=False, note="")
    assert "理由" in err.message_dict["note"][0]
    app = services.decide_extension(head, app, app.version, on=date(2025, 3, 21), approve=False, note="可按期答复")
    assert (app.extended, app.due_date) == (False, date(2025, 3, 31))
    assert app.events.last().kind == "extension_refused"
    # after a refusal the clerk may ask again
    assert lifecycle.may(clerk, "request_extension", app)


def test_a_second_request_waits_for_the_first_decision(people, application):
    app = services.request_extension(people["clerk"], application, 1, on=date(2025, 3, 20), days=5, reason="档案")
    assert not lifecycle.may(people["clerk"], "request_extension", app)
    assert not lifecycle.may(people["head"], "extend", app)  # the head decides the request instead
    with pytest.raises(ValidationError):
        services.request_extension(people["clerk"], app, app.version, on=date(2025, 3, 21), days=5, reason="档案")


def test_an_extension_cannot_be_approved_after_the_original_due_date(people, application):
    app = services.request_extension(people["clerk"], application, 1, on=date(2025, 3, 28), days=5, reason="档案")
    err = refused(services.decide_extension, people["head"], app, app.version, on=date(2025, 4, 1), approve=True)
    assert "原答复期限（2025-03-31）已过" in err.message_dict["on"][0]


def test_the_clerk_requests_and_the_head_approves_through_the_screens(people, application, client):
    detail = reverse("applications:detail", args=[application.pk])
    post = lambda user, action, **data: as_user(client, user).post(  # noqa: E731
        reverse("applications:action", args=[application.pk, action]),
        {"version": Application.objects.get().version, **data},
    )
    assert "申请延期" in as_user(client, people["clerk"]).get(detail).content.decode()
    assert post(people["clerk"], "request_extension", on="2025-03-20", days="21", reason="x").status_code == 400
    assert post(people["clerk"], "request_extension", on="2025-03-20", days="10", reason="需调阅档案").status_code == 302
    assert post(people["clerk"], "decide_extension", on="2025-03-21", approve="yes").status_code == 403
    html = as_user(client, people["head"]).get(detail).content.decode()
    assert 'id="action-decide_extension"' in html and 'name="days" value="10"' in html
    assert post(people["head"], "decide_extension", on="2025-03-21", approve="no").status_code == 400  # no note
    assert post(people["head"], "decide_extension", on="2025-03-21", approve="yes", days="10").status_code == 302
    assert Application.objects.get().due_date == date(2025, 4, 15)  # 04-01..03, 04-07..11, 04-14, 04-15


# ---------------------------------------------------------------- 信息处理费 from ogi/fees.py (109号)


def test_it_charges_per_item_by_the_applicants_count_in_the_natural_month(organs, people):
    rfb = organs["rfb"]
    apps = [register(people, rfb, date(2025, 3, 3 + i % 20), content=f"第{i}件") for i in range(12)]
    register(people, rfb, date(2025, 2, 28), content="二月的一件")  # another month: not counted
    register(people, rfb, date(2025, 3, 4), content="别人的", name="李四")  # another applicant
    services.register(people["other_clerk"], organs["edu"], applicant_type="natural_person", applicant_name="张三",
                      channel="online", received_on=date(2025, 3, 3), content="另一机关")  # another organ
    tenth, eleventh, twelfth = apps[9], apps[10], apps[11]
    assert "不收费" in refused(services.fee_quote, tenth, "per_item").message_dict["method"][0]
    q = services.fee_quote(twelfth, "per_item")
    assert (q.amount, q.lines[1]) == (100, "当月第11–30件每件100元，本件收费100元")
    assert "第12件" in q.lines[0]
    app = services.fee_notice(people["clerk"], eleventh, 1, on=date(2025, 3, 20), method="per_item", confirmed=100)
    assert (app.fee_amount, app.fee_method, app.status) == (100, "per_item", "awaiting_fee")
    assert "第11件" in app.fee_working


def test_it_refuses_a_fee_the_clerk_did_not_confirm(people, application):
    # 250 pages: 700 + 2000 + 2000 = 4700 元 (109号第五条)
    err = refused(services.fee_notice, people["clerk"], application, 1, on=date(2025, 3, 10), method="per_page",
                  pages=250, confirmed=4000)
    assert "4700元" in err.message_dict["confirmed"][0]
    app = services.fee_notice(people["clerk"], application, 1, on=date(2025, 3, 10), method="per_page", pages=250,
                              confirmed=4700)
    assert (app.fee_amount, app.fee_pages) == (4700, 250)


def test_it_tracks_the_20_working_days_to_pay_and_then_closes_as_unpaid(people, application, client):
    # notice Mon 2025-03-10: 03-11..14 1–4, 03-17..21 5–9, 03-24..28 10–14, 03-31..04-03 15–18,
    # Qingming 04-04..06 off, 04-07 19, 04-08 20 → the payment period ends 2025-04-08
    app = services.fee_notice(people["clerk"], application, 1, on=date(2025, 3, 10), method="per_page", pages=31,
                              confirmed=10)
    assert app.fee_due == date(2025, 4, 8)
    assert "缴费期限20个工作日" in page(client, people["clerk"], app) and "至2025-04-08" in page(client, people["clerk"], app)
    err = refused(services.answer, people["clerk"], app, app.version, on=date(2025, 4, 8), outcome="r_other_fee_unpaid")
    assert "缴费期限至2025-04-08" in err.message_dict["on"][0]
    app = services.answer(people["clerk"], app, app.version, on=date(2025, 4, 9), outcome="r_other_fee_unpaid")
    assert app.outcome == "r_other_fee_unpaid"


# ---------------------------------------------------------------- bounds: the form, the model, the page


def test_every_number_field_is_bounded_at_the_form(people, application, client):
    c = as_user(client, people["clerk"])

    def post(action, **data):
        return c.post(reverse("applications:action", args=[application.pk, action]), {"version": 1, **data})

    big = "9" * 20
    r = post("fee_notice", on="2025-03-10", method="per_page", pages=big)
    assert r.status_code == 400 and "最多为1000000页" in r.context["forms"]["fee_notice"].errors["pages"][0]
    r = post("request_extension", on="2025-03-20", days=big, reason="x")
    assert r.status_code == 400 and "最多20个工作日" in r.context["forms"]["request_extension"].errors["days"][0]
    r = post("request_correction", on="2025-03-05", note="x", period_days=big)
    assert r.status_code == 400 and "最多为60个工作日" in r.context["forms"]["request_correction"].errors["period_days"][0]
    assert Application.objects.get().version == 1


def test_every_number_field_is_bounded_at_the_model_and_the_database(application):
    from django.db import IntegrityError, transaction

    from ogi.web.lib.checks import MAX_AMOUNT

    application.fee_amount = MAX_AMOUNT + 1
    with pytest.raises(ValidationError) as info:
        application.full_clean()
    assert "fee_amount" in info.value.message_dict
    for field, value in (("fee_amount", MAX_AMOUNT + 1), ("fee_pages", 10**6 + 1), ("extension_days", 21),
                         ("correction_period_days", 61)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Application.objects.filter(pk=application.pk).update(**{field: value})


def test_a_page_shows_the_largest_stored_values(people, application, client):
    from ogi.web.lib.checks import MAX_AMOUNT

    Application.objects.filter(pk=application.pk).update(
        fee_amount=MAX_AMOUNT, fee_pages=10**6, fee_method="per_page", extended=True, extension_days=20,
    )
    response = as_user(client, people["clerk"]).get(reverse("applications:detail", args=[application.pk]))
    assert response.status_code == 200 and "1000000000" in response.content.decode()
    assert client.get(reverse("applications:register")).status_code == 200


# ---------------------------------------------------------------- numbers per organ and year


def test_numbers_carry_the_organ_code_and_restart_each_year(organs, people):
    a = register(people, organs["rfb"], date(2025, 3, 3), content="一")
    b = register(people, organs["rfb"], date(2025, 5, 6), content="二")
    c = register(people, organs["rfb"], date(2026, 1, 5), content="三")
    d = services.register(people["other_clerk"], organs["edu"], applicant_type="natural_person", applicant_name="李四",
                          channel="post", received_on=date(2025, 3, 3), content="四")
    assert [x.number for x in (a, b, c, d)] == [
        "dadukou-rfb-2025-0001", "dadukou-rfb-2025-0002", "dadukou-rfb-2026-0001", "dadukou-edu-2025-0001",
    ]


# ---------------------------------------------------------------- menus and export


def test_the_menu_offers_registering_only_to_those_who_may(people, client):
    for who, offered in (("clerk", True), ("head", True), ("admin", True), ("supervisor", False), ("auditor", False)):
        html = as_user(client, people[who]).get(reverse("applications:register")).content.decode()
        assert ('id="nav-new"' in html) is offered, who


def test_it_exports_the_filtered_register_to_xlsx_with_personal_data_only_for_the_organs_staff(
    organs, people, application, client,
):
    import io

    from openpyxl import load_workbook

    answered = register(people, organs["rfb"], date(2025, 3, 3), content="已答复的一件", name="王五")
    services.answer(people["clerk"], answered, 1, on=date(2025, 4, 1), outcome="r_open")

    def rows(user, **query):
        response = as_user(client, user).get(reverse("applications:export"), query)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(io.BytesIO(response.content)).active
        return [[c.value for c in r] for r in sheet.iter_rows()]

    everything = rows(people["clerk"])
    assert everything[0][:5] == ["编号", "机关", "收到申请日期", "申请人类型", "申请人"]
    assert everything[0][5] == "证件号码"  # full for the organ's staff, masked for others (test_online.py)
    assert everything[0][11:] == ["答复日期", "期限情况"]
    assert {r[0] for r in everything[1:]} == {application.number, answered.number}
    late = rows(people["clerk"], timeliness="late")
    assert len(late) == 2 and late[1][0] == answered.number and late[1][4] == "王五" and late[1][12] == "逾期答复"
    assert late[1][11].date() == date(2025, 4, 1)
    hidden = rows(people["supervisor"], timeliness="late")
    assert hidden[1][0] == answered.number and hidden[1][4] == "（不显示）"
    assert as_user(client, people["clerk"]).get(reverse("applications:export"), {"received_from": "x"}).status_code == 400


# ---------------------------------------------------------------- the lifecycle table is the one source


def test_every_action_of_the_lifecycle_table_has_its_service_and_form_and_nothing_else_does():
    from ogi.web.applications import forms

    keys = set(lifecycle.ACTIONS)
    assert {"request_extension", "decide_extension", "extend"} <= keys
    assert all(callable(getattr(services, key, None)) for key in keys)
    assert set(forms.ACTIONS) == keys - {"update_details"}  # details are edited on their own page
    assert {key: form.title for key, form in forms.ACTIONS.items()} == {
        key: lifecycle.ACTIONS[key].title for key in forms.ACTIONS
    }
    who = {key: a.who for key, a in lifecycle.ACTIONS.items() if "exten" in key}
    assert who == {"request_extension": lifecycle.STAFF, "decide_extension": lifecycle.HEAD, "extend": lifecycle.HEAD}


def test_the_applications_behind_a_report_cell_are_named_in_chinese_not_by_cell_path(people, application, client):
    services.answer(people["clerk"], application, 1, on=date(2025, 3, 20), outcome="r_open")
    url = reverse("reports:cell", args=["dadukou-rfb", 2025, "s3.r_open.natural_person"])
    html = as_user(client, people["clerk"]).get(url).content.decode()
    visible = re.sub(r'<[^>]*>', "", html)  # the text a clerk reads, without tags and their attributes
    assert "（一）予以公开" in visible and application.number in visible
    assert "s3." not in visible and "r_open" not in visible
