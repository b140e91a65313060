"""A calendar change recomputes open cases. Hand count: received Fri 2026-11-27, 20 working days end
Fri 2026-12-25, 20 more (extension) run 12-28..31 (24), then 2027 without published data counts
Mon–Fri: 01-01 (25), 01-04..08 (30), 01-11..15 (35), 01-18..22 (40). With 2027-01-01 declared a
holiday and 2027 published: 01-04..08 (29), 01-11..15 (34), 01-18..22 (39), 01-25 (40)."""

from __future__ import annotations

from datetime import date

from ogi.web.applications import services
from ogi.web.applications.models import Application
from ogi.web.workcalendar.models import CalendarDay, CalendarYear


def test_it_marks_a_deadline_in_an_unpublished_year_provisional_and_recomputes_on_change(
    organs, people, django_capture_on_commit_callbacks
):
    app = services.register(
        people["clerk"], organs["rfb"], applicant_type="org_other", applicant_name="某协会", channel="post",
        received_on=date(2026, 11, 27), content="2026年人防演练方案",
    )
    assert (app.due_date, app.due_provisional) == (date(2026, 12, 25), False)
    app = services.extend(
        people["head"], app, app.version, on=date(2026, 11, 27), days=20, reason="需协调"
    )
    assert (app.due_date, app.due_provisional) == (date(2027, 1, 22), True)
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(day=date(2027, 1, 1), is_workday=False, name="元旦")
        CalendarYear.objects.create(year=2027, published=True)
    app = Application.objects.get(pk=app.pk)
    assert (app.due_date, app.due_provisional) == (date(2027, 1, 25), False)


def test_the_calendar_is_seeded_from_chinesecalendar(db):
    assert CalendarDay.objects.get(day=date(2024, 9, 29)).is_workday  # National Day 2024 make-up Sunday
    assert not CalendarDay.objects.get(day=date(2024, 10, 1)).is_workday
    assert CalendarYear.objects.filter(year=2026, published=True).exists()
    assert not CalendarYear.objects.filter(year=2027).exists()
