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
        broken: list[str] = []  # what a page asked for and did not get, and what the CSP refused
        page.on("response", lambda r: broken.append(f"{r.status} {r.url}")
                if r.status >= 400 and r.request.resource_type != "document" else None)
        page.on("console", lambda m: broken.append(m.text)
                if m.type == "error" and "Content Security Policy" in m.text else None)
        yield page
        browser.close()
    guards.lift(connection)
    assert not broken, broken


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


def test_the_clerk_requests_an_extension_and_the_head_approves_it(people, live_server, page):
    """Received Mon 2026-11-16: due the 20th working day after, 2026-12-14 (11-17..20, 11-23..27,
    11-30..12-04, 12-07..11, 12-14; no holiday). The head approves 10 days: 12-15..18, 12-21..25, 12-28."""
    base = live_server.url
    log_in(page, base, "clerk")
    page.goto(f"{base}/applications/new/")
    page.select_option("#id_applicant_type", "natural_person")
    page.fill("#id_applicant_name", "王五")
    page.select_option("#id_channel", "in_person")
    page.fill("#id_received_on", "2026-11-16")
    page.fill("#id_content", "本区2025年度人防工程竣工验收资料")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=已登记申请")
    case_url = page.url
    assert "dadukou-rfb-2026-" in page.inner_text("h1")
    assert page.inner_text("#due-date").startswith("2026年12月14日")
    assert page.locator("#action-decide_extension").count() == 0  # a clerk does not decide
    act(page, "request_extension", {"on": "2026-11-20", "days": "10", "reason": "涉及多年档案，需调取核查"})
    assert "待审批" in page.inner_text("#extension-requests")
    assert "待负责人审批" in page.inner_text("#extension-pending")
    assert page.inner_text("#due-date").startswith("2026年12月14日")  # unchanged until the head decides
    page.screenshot(path=str(SHOTS / "ogi-extension-requested.png"), full_page=True)

    page.context.clear_cookies()
    log_in(page, base, "head")
    waiting = page.inner_text("#extensions-waiting + table")
    assert "10个工作日" in waiting and "涉及多年档案" in waiting
    page.screenshot(path=str(SHOTS / "ogi-head-dashboard.png"), full_page=True)
    page.click("#extensions-waiting + table a")
    page.wait_for_url(f"{case_url}#action-decide_extension")
    assert page.locator("#action-request_extension").count() == 0
    act(page, "decide_extension", {"on": "2026-11-23", "days": "10"})
    assert page.inner_text("#due-date").startswith("2026年12月28日")
    timeline = page.inner_text("#timeline")
    assert "申请延期" in timeline and "负责人同意延长10个工作日" in timeline
    assert "同意" in page.inner_text("#extension-requests")
    page.screenshot(path=str(SHOTS / "ogi-extension-approved.png"), full_page=True)
    page.goto(f"{base}/")
    assert page.locator("#extensions-waiting").count() == 0


def test_the_clerk_sees_the_109_fee_with_its_working_and_confirms_it(people, live_server, page):
    """250 pages 按量计收 (109号第五条): 31–100 → 70 × 10 = 700; 101–200 → 100 × 20 = 2000; 201–250 → 50 × 40
    = 2000; 4700 元. Notice Fri 2026-11-20: the 20 working days to pay are 11-23..27, 11-30..12-04,
    12-07..11, 12-14..18 → 2026-12-18."""
    base = live_server.url
    log_in(page, base, "clerk")
    page.goto(f"{base}/applications/new/")
    page.select_option("#id_applicant_type", "org_commercial")
    page.fill("#id_applicant_name", "重庆某某咨询有限公司")
    page.select_option("#id_channel", "online")
    page.fill("#id_received_on", "2026-11-16")
    page.fill("#id_content", "2020年至2025年全部人防工程审批文件复印件")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=已登记申请")
    box = page.locator("#action-fee_notice")
    box.locator("summary").click()
    box.locator("[name=on]").fill("2026-11-20")
    box.locator("input[name=method][value=per_page]").check()
    box.locator("[name=pages]").fill("250")
    box.locator("button[type=submit]").click()
    page.wait_for_selector("#fee-quote")
    quote = page.inner_text("#fee-quote")
    assert "4700 元" in quote and "第201–250页：50页×40元=2000元" in quote
    assert page.inner_text("#status") == "办理中"  # nothing sent before the clerk confirms
    page.screenshot(path=str(SHOTS / "ogi-fee-quote.png"), full_page=True)
    page.locator("#action-fee_notice button[type=submit]").click()
    page.wait_for_selector(".messages .success")
    assert page.inner_text("#status") == "待缴费"
    assert "至2026-12-18" in page.inner_text("#fee-period")
    assert "4700" in page.inner_text("#fee")
    page.screenshot(path=str(SHOTS / "ogi-fee-notice.png"), full_page=True)
