from __future__ import annotations

from django.urls import reverse

from ogi.web.conftest import as_user


def test_it_shows_the_make_up_working_days_of_national_day_2024(client, people):
    html = as_user(client, people["clerk"]).get(reverse("workcalendar:calendar"), {"year": 2024}).content.decode()
    assert "2024-09-29" in html and "2024-10-12" in html and "调休上班" in html
    assert "放假安排已公布" in html


def test_it_marks_a_year_without_published_holidays_as_provisional(client, people):
    html = as_user(client, people["clerk"]).get(reverse("workcalendar:calendar"), {"year": 2031}).content.decode()
    assert "放假安排未公布" in html


def test_an_admin_sees_the_link_to_edit_the_calendar_in_the_admin(client, people):
    response = as_user(client, people["admin"]).get(reverse("workcalendar:calendar"), {"year": 2024})
    assert response.status_code == 200
    assert 'href="/admin/workcalendar/calendarday/"' in response.content.decode()
