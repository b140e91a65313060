"""The dashboard.

The fixture application (conftest.py) is received Monday 2025-03-03 and due Monday 2025-03-31 (20 working
days, no holiday in March 2025). From Thursday 2025-03-27 the next three working days are 03-28, 03-31 and
04-01, so it is "due within 3 working days"; on 2025-04-01 it is overdue.
"""

from __future__ import annotations

import re
from datetime import date

from ogi.web.applications import services
from ogi.web.conftest import as_user
from ogi.web.lib import checks


def section(html: str, anchor: str) -> str:
    """The dashboard part from the heading with ``id=anchor`` to the next heading."""
    start = html.index(f'id="{anchor}"')
    end = html.find("<h2", start + 1)
    return html[start:end if end > 0 else None]



def test_it_lists_an_application_due_within_three_working_days(client, people, application, monkeypatch):
    monkeypatch.setattr(checks, "today", lambda: date(2025, 3, 27))
    html = as_user(client, people["clerk"]).get("/").content.decode()
    assert application.number in section(html, "due-soon")
    assert application.number not in section(html, "overdue")


def test_it_lists_an_overdue_application(client, people, application, monkeypatch):
    monkeypatch.setattr(checks, "today", lambda: date(2025, 4, 1))
    html = as_user(client, people["clerk"]).get("/").content.decode()
    assert application.number in section(html, "overdue")
    assert application.number not in section(html, "due-soon")


def test_it_lists_applications_waiting_for_correction_and_counts_by_status(client, people, application):
    services.request_correction(people["clerk"], application, 1, on=date(2025, 3, 5), note="请写明年份")
    html = as_user(client, people["clerk"]).get("/").content.decode()
    assert application.number in section(html, "awaiting-correction")
    assert re.search(r"待补正</a></td><td class=\"num\">1<", html)


def test_it_shows_another_organs_clerk_nothing_of_rfb(client, people, application, monkeypatch):
    monkeypatch.setattr(checks, "today", lambda: date(2025, 4, 1))
    html = as_user(client, people["other_clerk"]).get("/").content.decode()
    assert application.number not in html
    assert "重庆市大渡口区人民防空办公室" not in html
