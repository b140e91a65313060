"""Calendar edits in the Django admin land in the audit trail and recompute due dates."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db(transaction=False)
def test_it_audits_a_holiday_added_in_the_admin(people):
    from ogi.web.audit.models import AuditEntry
    from ogi.web.workcalendar.models import CalendarDay

    admin = people["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    response = client.post("/admin/workcalendar/calendarday/add/", {"day": "2027-01-01", "is_workday": "", "name": "元旦"})
    assert response.status_code == 302, response.content[:500]
    day = CalendarDay.objects.get(day="2027-01-01")
    entry = AuditEntry.objects.get(object_type="calendarday", object_id=str(day.pk))
    assert entry.user == admin and entry.action == "admin.add" and entry.before is None
    assert entry.after["name"] == "元旦" and entry.after["is_workday"] is False

    response = client.post(f"/admin/workcalendar/calendarday/{day.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    deleted = AuditEntry.objects.get(object_type="calendarday", action="admin.delete")
    assert deleted.before["name"] == "元旦" and deleted.after is None
