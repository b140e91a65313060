"""Each main page makes the same number of queries with N and with 10·N cases and organs.

The data grows by bulk inserts: applications at rfb in every state the pages list (overdue, due soon,
awaiting correction, answered in the report year), new departments under the district government
(the supervisor's and the admin's subtree) with cases of their own, appeals and audit entries.
Each page is fetched once before counting, so that per-process caches do not count.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ogi.web.conftest import as_user
from ogi.web.lib import checks

TODAY = date(2025, 4, 1)  # a Tuesday: the cases due 04-02 are due within three working days
N = 3


def grow(organs, application, n: int, start: int) -> None:
    from ogi.web.appeals.models import Appeal
    from ogi.web.applications.models import Application, ApplicationEvent
    from ogi.web.audit.services import record, snapshot
    from ogi.web.organs.models import Organ

    new = Organ.objects.bulk_create([
        Organ(code=f"dep-{start + i}", name=f"某局{start + i}", kind="department", parent=organs["gov"])
        for i in range(n)
    ])
    rows = []
    for i in range(n):
        k = start + i
        for organ in (organs["rfb"], new[i]):
            base = {"organ": organ, "applicant_type": "natural_person", "applicant_name": "李四", "channel": "online",
                        "content": "某项目批复文件"}
            rows += [
                Application(number=f"Q-{k}-o", received_on=date(2025, 2, 3), status="processing",
                            due_date=TODAY - timedelta(days=1), **base),
                Application(number=f"Q-{k}-s", received_on=date(2025, 3, 10), status="processing",
                            due_date=TODAY + timedelta(days=1), **base),
                Application(number=f"Q-{k}-c", received_on=date(2025, 3, 20), status="awaiting_correction",
                            correction_requested_on=date(2025, 3, 21), **base),
                Application(number=f"Q-{k}-a", received_on=date(2025, 1, 6), status="answered",
                            answered_on=date(2025, 1, 20), outcome="r_open", **base),
            ]
    created = Application.objects.bulk_create(rows)
    ApplicationEvent.objects.bulk_create(
        [ApplicationEvent(application=application, kind="note", on=TODAY, note=f"第{start + i}次") for i in range(n)]
    )
    Appeal.objects.bulk_create([
        Appeal(organ=organs["rfb"], application=created[i], kind="review", filed_on=date(2025, 2, 1)) for i in range(n)
    ])
    for _ in range(n):
        # entries that name the objects the registration's does (organ, user): the audit page looks each
        # kind up once, however many entries name it
        record(None, organs["rfb"], "update_details", application, None, snapshot(application))


PAGES = {
    "clerk": [
        "/", "/applications/", "/applications/?due=overdue", "/applications/?due=soon",
        "/applications/?status=awaiting_correction", "/applications/?q=Q-1", "/applications/{app}/",
        "/applications/{app}/audit/", "/organs/dadukou-rfb/2025/report/", "/organs/dadukou-rfb/audit/",
        "/organs/dadukou-rfb/2025/report/cells/s3.new_received.total/", "/appeals/", "/organs/", "/calendar/",
    ],
    "supervisor": [
        "/", "/applications/?due=overdue", "/applications/?q=Q-1", "/organs/dadukou/2025/report/?children=1",
        "/organs/", "/appeals/",
    ],
    "admin": ["/", "/applications/?due=soon", "/organs/"],
}
# the report page is the most: this year's report and last year's (the cross-year rules), each 11
# grouped queries (三 6 slices, 四 2, 二, texts, fees), besides the session, the user and the organ
MAX_QUERIES = 36


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx)


@pytest.mark.parametrize("who", list(PAGES))
def test_it_makes_as_many_queries_for_ten_times_the_cases_and_organs(
    client, organs, people, application, monkeypatch, who, django_assert_max_num_queries,
):
    monkeypatch.setattr(checks, "today", lambda: TODAY)
    as_user(client, people[who])
    urls = [u.format(app=application.pk) for u in PAGES[who]]
    grow(organs, application, N, 0)
    for url in urls:
        count_queries(client, url)  # warm the per-process caches
    small = {url: count_queries(client, url) for url in urls}
    grow(organs, application, 9 * N, N)
    big = {}
    for url in urls:
        with django_assert_max_num_queries(MAX_QUERIES):
            big[url] = count_queries(client, url)
    assert big == small


def test_the_dashboard_caps_its_lists_and_links_to_the_filtered_register(client, organs, people, application, monkeypatch):
    monkeypatch.setattr(checks, "today", lambda: TODAY)
    grow(organs, application, 4 * N, 0)  # 12 more overdue at rfb, 13 with the fixture's (due 03-31)
    html = as_user(client, people["clerk"]).get("/").content.decode()
    overdue = html[html.index('id="overdue"'):html.index('id="due-soon"')]
    assert "已超期（13）" in overdue
    assert overdue.count("/applications/") - 1 == 10  # ten rows, then the link
    assert application.number in overdue  # the earliest deadline first
    assert 'href="/applications/?due=overdue"' in overdue and "共 13 件" in overdue
    register = client.get("/applications/?due=overdue").content.decode()
    assert register.count("-o</a>") == 12 and application.number in register and "共 13 条" in register


def test_the_register_lists_the_cases_due_soon_earliest_first(client, organs, people, application, monkeypatch):
    monkeypatch.setattr(checks, "today", lambda: TODAY)
    grow(organs, application, N, 0)
    html = as_user(client, people["clerk"]).get("/applications/?due=soon").content.decode()
    assert html.count("-s</a>") == N and "-o</a>" not in html and "共 3 条" in html


def test_the_dashboard_shows_ten_organs_and_links_to_all_of_them(client, organs, people, application):
    grow(organs, application, 4 * N, 0)  # 12 new departments: 15 organs under the supervisor
    html = as_user(client, people["supervisor"]).get("/").content.decode()
    card = html[html.index('id="organs"'):html.index('id="overdue"')]
    assert card.count("审计记录") == 10 and 'href="/organs/"' in card
    listed = client.get("/organs/").content.decode()
    assert listed.count("审计记录") == 15 and "共 15 条" in listed
