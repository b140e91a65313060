"""The state transitions. Due dates are computed by hand from the State Council calendar:
2025-03-03 is a Monday; Qingming 2025 is 04-04 (Fri) to 04-06 off; Labour Day 2025 is 05-01 to 05-05
off with Sunday 04-27 a make-up working day."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ogi.web.applications import services
from ogi.web.applications.models import Application, ApplicationEvent, Pause
from ogi.web.audit.models import AuditEntry


def counts() -> tuple[int, int, int]:
    return ApplicationEvent.objects.count(), AuditEntry.objects.count(), Pause.objects.count()


def refused(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


def test_it_registers_with_the_statutory_due_dates(application):
    assert application.number == "dadukou-rfb-2025-0001"
    assert application.due_date == date(2025, 3, 31)  # 20th working day after Mon 03-03
    assert application.correction_notice_due == date(2025, 3, 12)  # 7th working day
    assert application.due_provisional is False
    assert application.deadline_steps["due"] == "2025-03-31"
    assert list(application.events.values_list("kind", flat=True)) == ["registered"]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.before, entry.after["received_on"]) == ("register", None, "2025-03-03")


def test_it_restarts_the_clock_when_the_correction_arrives(application, people):
    clerk = people["clerk"]
    app = services.request_correction(clerk, application, 1, on=date(2025, 3, 5), note="请写明具体年份")
    assert app.status == "awaiting_correction"
    app = services.receive_correction(clerk, app, app.version, on=date(2025, 3, 10))
    # from Tue 03-11: 15 days to 03-31, 04-01..03 → 18, Qingming off, 04-07 → 19, 04-08 → 20
    assert (app.status, app.due_date) == ("processing", date(2025, 4, 8))


def test_it_does_not_count_consultation_days(application, people):
    clerk = people["clerk"]
    app = services.start_pause(clerk, application, 1, kind="third_party", on=date(2025, 3, 10))
    assert app.status == "paused"
    app = services.end_pause(clerk, app, app.version, on=date(2025, 3, 14))
    # 03-11..03-14 (4 working days) not counted: 03-31 is the 16th, 04-03 the 19th, 04-07 the 20th
    assert app.due_date == date(2025, 4, 7)


def test_it_does_not_count_the_fee_period(application, people):
    clerk = people["clerk"]
    # 40 pages 按量: pages 31–40 at 10 元 = 100 元
    app = services.fee_notice(clerk, application, 1, on=date(2025, 3, 10), method="per_page", pages=40, confirmed=100)
    assert app.status == "awaiting_fee"
    app = services.fee_paid(clerk, app, app.version, on=date(2025, 3, 14))
    assert (app.status, app.due_date, app.fee_amount) == ("processing", date(2025, 4, 7), 100)


def test_it_extends_by_the_days_the_head_approved(application, people):
    app = services.extend(
        people["head"], application, 1, on=date(2025, 3, 20), days=10, reason="涉及档案查找"
    )
    assert app.due_date == date(2025, 4, 15)  # 04-01..03, 04-07..11, 04-14, 04-15


def test_it_counts_a_makeup_sunday_in_a_20_day_extension(application, people):
    app = services.extend(
        people["head"], application, 1, on=date(2025, 3, 20), days=20, reason="需要调取档案"
    )
    assert app.due_date == date(2025, 4, 28)  # 04-25 is the 18th extra day, Sun 04-27 the 19th, 04-28 the 20th


def test_it_refuses_an_extension_over_20_working_days_and_saves_nothing(application, people):
    before = counts()
    err = refused(
        services.extend, people["head"], application, 1, on=date(2025, 3, 20), days=21, reason="材料多",
    )
    assert "20" in err.message_dict["days"][0]
    app = Application.objects.get(pk=application.pk)
    assert (app.version, app.extended, app.due_date) == (1, False, date(2025, 3, 31))
    assert counts() == before


def test_it_refuses_a_direct_extension_by_a_clerk(application, people):
    with pytest.raises(PermissionDenied, match="负责人"):
        services.extend(people["clerk"], application, 1, on=date(2025, 3, 20), days=5, reason="材料多")
    assert Application.objects.get(pk=application.pk).extended is False


def test_it_refuses_an_extension_without_reason(application, people):
    err = refused(
        services.extend, people["head"], application, 1, on=date(2025, 3, 20), days=5, reason=" ",
    )
    assert "理由" in err.message_dict["reason"][0]


def test_it_refuses_dates_out_of_order(application, people):
    clerk = people["clerk"]
    err = refused(services.answer, clerk, application, 1, on=date(2025, 3, 1), outcome="r_open")
    assert "不能早于收到申请日期" in err.message_dict["on"][0]
    app = services.request_correction(clerk, application, 1, on=date(2025, 3, 6), note="请补充")
    err = refused(services.receive_correction, clerk, app, app.version, on=date(2025, 3, 5))
    assert "不能早于告知补正日期" in err.message_dict["on"][0]


def test_it_refuses_a_date_in_the_future(application, people):
    err = refused(services.answer, people["clerk"], application, 1, on=date(2999, 1, 1), outcome="r_open")
    assert "不能晚于今天" in err.message_dict["on"][0]


def test_it_refuses_an_outcome_that_needs_a_reason_without_one(application, people):
    err = refused(services.answer, people["clerk"], application, 1, on=date(2025, 3, 20), outcome="r_deny_third_party")
    assert "理由" in err.message_dict["reason"][0]
    assert Application.objects.get(pk=application.pk).status == "processing"


def test_it_answers_and_records_the_step(application, people):
    app = services.answer(people["clerk"], application, 1, on=date(2025, 3, 20), outcome="r_open")
    assert (app.status, app.outcome, app.answered_on, app.version) == ("answered", "r_open", date(2025, 3, 20), 2)
    assert app.events.last().data == {"outcome": "r_open", "on_time": True}
    assert refused(services.answer, people["clerk"], app, 2, on=date(2025, 3, 21), outcome="r_open")


def test_it_refuses_a_stale_version(application, people):
    services.update_details(people["head"], application, 1, applicant_contact="13900000000")
    before = counts()
    err = refused(services.answer, people["clerk"], application, 1, on=date(2025, 3, 20), outcome="r_open")
    assert "已被他人修改" in err.message_dict["version"][0]
    assert Application.objects.get(pk=application.pk).status == "processing"
    assert counts() == before


def test_it_saves_nothing_when_a_step_fails_halfway(application, people, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    before = counts()
    monkeypatch.setattr(services.audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.start_pause(people["clerk"], application, 1, kind="other_organ", on=date(2025, 3, 10))
    app = Application.objects.get(pk=application.pk)
    assert (app.status, app.version) == ("processing", 1)
    assert counts() == before  # the Pause row created inside the step is gone too


def test_it_refuses_a_clerk_of_another_organ(application, people):
    with pytest.raises(PermissionDenied):
        services.answer(people["other_clerk"], application, 1, on=date(2025, 3, 20), outcome="r_open")
    with pytest.raises(PermissionDenied):
        services.answer(people["auditor"], application, 1, on=date(2025, 3, 20), outcome="r_open")


def test_it_refuses_the_same_application_posted_twice(application, people, organs):
    err = refused(
        services.register, people["clerk"], organs["rfb"], applicant_type="natural_person", applicant_name="张三",
        channel="online", received_on=date(2025, 3, 3), content="2024年度人防工程建设情况",
    )
    assert "请勿重复提交" in err.messages[0]
    assert Application.objects.count() == 1


def test_it_refuses_bad_registration_fields(people, organs):
    err = refused(
        services.register, people["clerk"], organs["rfb"], applicant_type="robot", applicant_name="",
        channel="online", received_on=date(2025, 3, 3), content="x",
    )
    assert "申请人类型" in err.message_dict["applicant_type"][0]


def test_it_closes_for_no_correction_only_after_a_correction_notice(application, people):
    clerk = people["clerk"]
    err = refused(services.answer, clerk, application, 1, on=date(2025, 3, 20), outcome="r_other_no_correction")
    assert "outcome" in err.message_dict
    app = services.request_correction(clerk, application, 1, on=date(2025, 3, 5), note="请写明具体内容")
    # the default 补正 period, 15 working days from Thu 03-06: 03-06, 03-07, 03-10..14, 03-17..21, 03-24..26
    assert app.correction_due == date(2025, 3, 26)
    err = refused(services.answer, clerk, app, app.version, on=date(2025, 3, 26), outcome="r_other_no_correction")
    assert "补正期限至2025-03-26" in err.message_dict["on"][0]
    app = services.answer(clerk, app, app.version, on=date(2025, 3, 27), outcome="r_other_no_correction")
    assert (app.status, app.due_date, app.answered_late) == ("answered", None, False)  # the clock never restarted


def test_it_refuses_answering_while_consulting(application, people):
    app = services.start_pause(people["clerk"], application, 1, kind="third_party", on=date(2025, 3, 10))
    err = refused(services.answer, people["clerk"], app, app.version, on=date(2025, 3, 20), outcome="r_open")
    assert "征求意见" in err.messages[0]


def test_it_attaches_a_document_with_a_timeline_step(application, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = SimpleUploadedFile("答复书.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    attachment = services.attach(people["clerk"], application, title="答复告知书", file=doc)
    assert attachment.file.read() == b"%PDF-1.4 ..."
    assert application.events.last().kind == "attached"
    assert AuditEntry.objects.filter(action="attach").count() == 1
    with pytest.raises(PermissionDenied):
        services.attach(people["other_clerk"], application, title="x", file=doc)
    assert "title" in refused(services.attach, people["clerk"], application, title="", file=doc).message_dict


def test_it_extends_only_once(application, people):
    app = services.extend(people["head"], application, 1, on=date(2025, 3, 20), days=5, reason="档案")
    err = refused(services.extend, people["head"], app, app.version, on=date(2025, 3, 21), days=5, reason="档案")
    assert "只能一次" in err.messages[0]


def test_it_recomputes_the_due_date_when_the_receipt_date_is_corrected(application, people):
    app = services.update_details(people["clerk"], application, 1, received_on=date(2025, 3, 4))
    assert app.due_date == date(2025, 4, 1)  # one working day later
    assert app.events.last().data == {"fields": ["received_on"]}
    assert AuditEntry.objects.filter(action="update_details").get().before["received_on"] == "2025-03-03"


def test_it_refuses_a_missing_version(application, people):
    err = refused(services.answer, people["clerk"], application, None, on=date(2025, 3, 20), outcome="r_open")
    assert "version" in err.message_dict


def test_every_lifecycle_action_has_its_name_in_the_audit_catalogue():
    from ogi.web.applications.lifecycle import ACTIONS
    from ogi.web.audit.actions import LABELS

    assert {key: LABELS.get(key) for key in ACTIONS} == {key: a.title for key, a in ACTIONS.items()}
