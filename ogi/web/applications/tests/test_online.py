"""Online applications in the register: 待确认 until the clerk confirms receipt (条例第三十一条), ID numbers
masked for those who do not handle the case, the 重复申请 / 大量反复申请 signals."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ogi.web.applications import abuse, lifecycle, services
from ogi.web.applications.models import Application
from ogi.web.conftest import as_user

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
ID = "11010519491231002X"  # check character X, computed by hand in tests/test_idnumbers.py


def online(organ, *, on: date = date(2026, 11, 2), content: str = "2025年人防工程竣工验收资料", **over) -> Application:
    fields = {"applicant_type": "natural_person", "applicant_name": "赵六", "applicant_id_type": "resident_id",
              "applicant_id_number": ID, "applicant_contact": "13912345678", "content": content} | over
    app = services.submit_online(organ, id_scan=SimpleUploadedFile("id.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32), **fields)
    Application.objects.filter(pk=app.pk).update(submitted_at=datetime(on.year, on.month, on.day, 10, tzinfo=SHANGHAI))
    app.refresh_from_db()
    return app


def test_it_waits_for_confirmation_with_no_deadline_running(organs):
    app = online(organs["rfb"])
    assert app.status == "awaiting_confirmation" and app.received_on is None and app.due_date is None
    assert app.submitted_on == date(2026, 11, 2)
    assert not Application.objects.overdue(date(2027, 6, 1)).exists()  # never overdue before it is received
    assert [a.key for a in lifecycle.ACTIONS.values() if a.key != "confirm_receipt" and app.status in a.start] == []


def test_confirming_receipt_fixes_the_receipt_date_and_starts_the_deadline(organs, people):
    """Submitted Mon 2026-11-02, confirmed Wed 11-04: received 11-04 (双方确认之日); 20 working days from
    11-05: 11-05..06 (2), 11-09..13 (7), 11-16..20 (12), 11-23..27 (17), 11-30, 12-01, 12-02 (20)."""
    app = online(organs["rfb"])
    app = services.confirm_receipt(people["clerk"], app, app.version, on=date(2026, 11, 4))
    assert app.status == "processing" and app.received_on == date(2026, 11, 4)
    assert app.due_date == date(2026, 12, 2)
    assert app.correction_notice_due == date(2026, 11, 13)  # 7 working days: 11-05, 06, 09, 10, 11, 12, 13
    confirmed = app.events.get(kind="receipt_confirmed")
    assert confirmed.on == date(2026, 11, 4) and "双方确认之日" in confirmed.note
    with pytest.raises(ValidationError, match="当前状态为「办理中」，不能确认收到申请"):
        services.confirm_receipt(people["clerk"], app, app.version, on=date(2026, 11, 4))


def test_receipt_is_not_confirmed_before_it_was_submitted_nor_by_a_reader(organs, people):
    app = online(organs["rfb"])
    with pytest.raises(ValidationError, match="确认收到日期（2026-11-01）不能早于在线提交日期（2026-11-02）"):
        services.confirm_receipt(people["clerk"], app, app.version, on=date(2026, 11, 1))
    for reader in ("auditor", "supervisor", "other_clerk"):
        with pytest.raises(PermissionDenied):
            services.confirm_receipt(people[reader], app, app.version, on=date(2026, 11, 4))
    assert Application.objects.get(pk=app.pk).status == "awaiting_confirmation"


def test_the_clerk_confirms_on_the_case_page(client, organs, people):
    app = online(organs["rfb"])
    page = as_user(client, people["clerk"]).get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert 'id="action-confirm_receipt"' in page and "确认收到后计算" in page
    assert 'id="action-request_correction"' not in page and 'id="edit-details"' not in page
    r = client.post(reverse("applications:action", args=[app.pk, "confirm_receipt"]),
                    {"version": app.version, "on": "2026-11-04"})
    assert r.status_code == 302
    assert Application.objects.get(pk=app.pk).due_date == date(2026, 12, 2)


@pytest.mark.parametrize(("who", "shown"), [
    ("clerk", ID), ("head", ID), ("admin", ID),
    ("supervisor", "1101**********002X"), ("auditor", "1101**********002X"),
])
def test_id_numbers_are_masked_except_for_the_organs_clerk_and_head(client, organs, people, who, shown):
    app = online(organs["rfb"])
    page = as_user(client, people[who]).get(reverse("applications:detail", args=[app.pk])).content.decode()
    assert shown in page
    if shown != ID:
        assert ID not in page and "13912345678" not in page and "赵六" not in page
    export = client.get(reverse("applications:export"))
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(export.content)).active
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("证件号码") + 1).value == shown


# ---------------------------------------------------------------- signals


def registered(organ, user, on: date, content: str, name: str = "钱七", id_number: str = "") -> Application:
    return services.register(user, organ, applicant_type="natural_person", applicant_name=name,
                             applicant_id_number=id_number, channel="in_person", received_on=on, content=content)


def test_signals_on_a_hand_built_register(organs, people, settings):
    """重复申请 within 30 days, 大量反复申请 at 3 or more within 30 days (settings lowered for the test).

    钱七 (no ID number, known by name): 01-05 “A”, 01-20 “A” (repeat of 01-05, 15 days), 03-01 “A” (55 days
    after 01-20: no repeat), 03-10 “B”, 03-20 “C” (03-01, 03-10, 03-20 within 30 days: the third → volume).
    赵六 online with an ID number: 2026-11-02 and 11-03 “同一内容” (blanks differ) → repeat; 孙八 at another
    organ with the same content as 钱七's: nothing (another applicant, another organ).
    """
    settings.OGI_REPEAT_DAYS, settings.OGI_VOLUME_DAYS, settings.OGI_VOLUME_COUNT = 30, 30, 3
    clerk, rfb = people["clerk"], organs["rfb"]
    q = [registered(rfb, clerk, date(2025, m, d), c) for m, d, c in
         [(1, 5, "A"), (1, 20, "A"), (3, 1, "A"), (3, 10, "B"), (3, 20, "C")]]
    z1 = online(rfb, on=date(2026, 11, 2), content="同一 内容")
    z2 = online(rfb, on=date(2026, 11, 3), content="同一内容")
    other = registered(organs["edu"], people["other_clerk"], date(2025, 1, 21), "A", name="孙八")
    found = abuse.signals_for([*q, z1, z2, other])
    keys = {pk: [s.key for s in found.get(pk, [])] for pk in [a.pk for a in (*q, z1, z2, other)]}
    assert keys == {
        q[0].pk: [], q[1].pk: ["repeat"], q[2].pk: [], q[3].pk: [], q[4].pk: ["volume"],
        z1.pk: [], z2.pk: ["repeat"], other.pk: [],
    }
    assert "30日内已提出内容相同的申请1件（最早2025年1月5日）" in found[q[1].pk][0].detail
    assert "30日内共提出申请3件" in found[q[4].pk][0].detail


def test_the_register_shows_the_signals_in_a_constant_number_of_queries(
    client, organs, people, settings, django_assert_max_num_queries,
):
    settings.OGI_VOLUME_COUNT = 3
    client = as_user(client, people["clerk"])
    url = reverse("applications:register")

    def grow(n: int, start: int) -> None:
        for i in range(n):
            registered(organs["rfb"], people["clerk"], date(2025, 3, 3) + timedelta(days=start + i), f"事项{start + i}",
                       name=f"申请人{(start + i) % 4}")

    grow(4, 0)
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        page = client.get(url).content.decode()
    grow(40, 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "大量反复申请" in page


def test_the_case_page_shows_the_signal_to_the_clerk(client, organs, people):
    first = registered(organs["rfb"], people["clerk"], date(2025, 3, 3), "某项目批复")
    again = registered(organs["rfb"], people["clerk"], date(2025, 3, 10), "某项目批复")
    page = as_user(client, people["clerk"]).get(reverse("applications:detail", args=[again.pk])).content.decode()
    assert 'id="signals"' in page and "重复申请" in page and "条例第三十五条" in page
    assert 'id="signals"' not in client.get(reverse("applications:detail", args=[first.pk])).content.decode()


def test_a_calendar_change_leaves_an_unconfirmed_application_without_a_deadline(organs):
    from ogi.web.applications.deadlines import recompute_open_deadlines

    app = online(organs["rfb"])
    Application.objects.filter(pk=app.pk).update(due_date=date(2026, 12, 1))  # a stale value to be cleared
    assert recompute_open_deadlines() == 1
    app.refresh_from_db()
    assert app.due_date is None and "确认之日为收到申请之日" in app.deadline_steps["steps"][0]
