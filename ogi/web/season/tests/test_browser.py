"""In Debian's Chromium: the department's clerk uploads a DOCX with an R3-1 error, is blocked with the
message at the cell, corrects two cells and submits; the supervisor sees it on the board, comments on a
cell, accepts it, and the roll-up counts it and names the organs missing."""

from __future__ import annotations

import shutil

import pytest

from ogi.model import Report
from ogi.render import render
from ogi.web.applications.tests.test_browser import (  # noqa: F401 - the fixtures and marks
    CHROMIUM,
    SHOTS,
    audit_triggers_restored,
    log_in,
    page,
)
from ogi.web.season import services

from .documents import r3_1_document

RFB = "重庆市大渡口区人民防空办公室"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian chromium is not installed"),
]


def test_a_season_in_the_browser(page, live_server, organs, people, tmp_path):  # noqa: F811
    season = services.open_season(people["supervisor"], organs["gov"], 2024)
    entry = season.entries.get(organ=organs["rfb"])
    docx = tmp_path / "人防办2024年报.docx"
    docx.write_bytes(render(Report.from_dict(r3_1_document(RFB)), "docx"))
    base = live_server.url

    log_in(page, base, "clerk")
    page.click("text=年报报送")
    page.click(f"#my-entries >> text={RFB}")
    page.set_input_files("#id_file", str(docx))
    page.click("#upload-button")
    page.wait_for_selector("#blocked")
    cell = page.locator('td[data-path="s3.new_received.natural_person"]')
    assert "一 + 二 = 5 + 1 = 6" in cell.inner_text()
    assert "│" in page.locator("#original").inner_text()  # the original's table rows beside the cells
    page.screenshot(path=str(SHOTS / "season-draft-blocked.png"), full_page=True)
    for path in ("s3.carried_over.natural_person", "s3.carried_over.total"):
        page.select_option("#id_path", path)
        page.fill("#id_value", "0")
        page.click("#correct-button")
        page.wait_for_selector(".messages .success")
    page.wait_for_selector("#submit-draft")
    assert "原为 1" in page.locator('td[data-path="s3.carried_over.total"]').inner_text()
    page.click("#submit-draft-button")
    page.wait_for_selector("text=已报送第 1 版")
    assert page.locator("#entry-status").inner_text() == "已报送"

    page.context.clear_cookies()
    log_in(page, base, "supervisor")
    page.goto(f"{base}/season/{season.pk}/")
    row = page.locator('tr[data-code="dadukou-rfb"]')
    assert "已报送" in row.inner_text()
    # fifteen columns on a 1280-pixel screen: the page never scrolls sideways (a wider board scrolls in its box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.screenshot(path=str(SHOTS / "season-board.png"), full_page=True)
    row.locator("text=第1版").click()
    page.select_option("#id_cpath", "s3.r_open.total")
    page.fill("#id_ctext", "予以公开数请与台账核对")
    page.click("#comment-button")
    page.wait_for_selector("text=已记录审核意见")
    assert "意见：予以公开数请与台账核对" in page.locator('td[data-path="s3.r_open.total"]').inner_text()
    page.screenshot(path=str(SHOTS / "season-review.png"), full_page=True)
    page.click("#accept-button")
    page.wait_for_selector("text=已审核通过")
    page.goto(f"{base}/season/{season.pk}/rollup/")
    assert RFB in page.locator("#included").inner_text()
    assert "重庆市大渡口区教育委员会" in page.locator("#missing").inner_text()
    page.screenshot(path=str(SHOTS / "season-rollup.png"), full_page=True)
    entry.refresh_from_db()
    assert entry.status == "accepted"
