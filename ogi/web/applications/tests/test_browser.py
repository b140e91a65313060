"""End to end in Debian's Chromium: a clerk registers an application, asks for 补正, receives it,
answers 予以公开 — and the annual report page's section 三 cell moves from 0 to 1.

Dates are fixed in November 2026 (all in the past when this runs, as the forms refuse future dates):
received Mon 2026-11-02, 补正 requested 11-04, corrected application received 11-09, answered 11-16.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.db import connection

from ogi.web.audit import guards
from ogi.web.conftest import PASSWORD

# Playwright's sync API runs an event loop; Django refuses ORM calls from it unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = Path("/tmp")
CELL = 'td[data-path="s3.r_open.natural_person"]'
NEW_CELL = 'td[data-path="s3.new_received.natural_person"]'

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian chromium is not installed"),
]


@pytest.fixture(scope="module")
def audit_triggers_restored(django_db_blocker):
    """The flush at the end of a transactional test deletes (SQLite) or truncates (PostgreSQL) every
    table, which the audit trail's guards refuse; ``page`` lifts them just before the flush, as the
    database's owner would, and this puts them back right after it."""
    yield
    with django_db_blocker.unblock():
        guards.restore(connection)


@pytest.fixture
def page(audit_triggers_restored, live_server, people):
    """A Chromium page. The cast is created first: inside Playwright's event loop Django would open a
    second, context-local database connection that nobody closes."""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        browser.close()
    guards.lift(connection)


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=工作台")


def act(page, action: str, fields: dict[str, str], select: dict[str, str] | None = None) -> None:
    """Open the action's panel, fill it, submit, and wait for the confirmation."""
    box = page.locator(f"#action-{action}")
    box.locator("summary").click()
    for name, value in fields.items():
        box.locator(f"[name={name}]").fill(value)
    for name, value in (select or {}).items():
        box.locator(f"select[name={name}]").select_option(value)
    box.locator("button[type=submit]").click()
    page.wait_for_selector(".messages .success")


def test_it_moves_the_report_count_when_a_clerk_answers(people, live_server, page):
    base = live_server.url
    report_url = f"{base}/organs/dadukou-rfb/2026/report/"
    log_in(page, base, "clerk")

    page.goto(report_url)
    assert page.inner_text(CELL).strip() == "0"
    assert page.inner_text(NEW_CELL).strip() == "0"

    page.goto(f"{base}/applications/new/")
    page.select_option("#id_applicant_type", "natural_person")
    page.fill("#id_applicant_name", "李四")
    page.fill("#id_applicant_contact", "13900000000")
    page.select_option("#id_channel", "online")
    page.fill("#id_received_on", "2026-11-02")
    page.fill("#id_content", "2025年度本区人防工程易地建设费收缴情况")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=已登记申请")
    assert "2026-0001" in page.inner_text("h1")

    act(page, "request_correction", {"on": "2026-11-04", "note": "请写明所需信息的年份和工程名称"})
    assert page.inner_text("#status") == "待补正"
    page.goto(f"{base}/")
    assert "2026-0001" in page.inner_text("#awaiting-correction + table")
    page.screenshot(path=str(SHOTS / "ogi-dashboard.png"), full_page=True)
    page.go_back()
    act(page, "receive_correction", {"on": "2026-11-09"})
    assert page.inner_text("#status") == "办理中"
    act(page, "answer", {"on": "2026-11-16"}, select={"outcome": "r_open"})
    assert page.inner_text("#status") == "已办结"
    timeline = page.inner_text("#timeline")
    for step in ("登记", "告知补正", "收到补正", "答复"):
        assert step in timeline

    page.goto(report_url)
    assert page.inner_text(CELL).strip() == "1"
    assert page.inner_text(NEW_CELL).strip() == "1"
    page.screenshot(path=str(SHOTS / "ogi-report.png"), full_page=True)

    page.click(f"{CELL} a")
    page.wait_for_selector("text=2026-0001")
    assert "予以公开" in page.inner_text("main")
