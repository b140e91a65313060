"""A whole season in Debian's Chromium (issue 7): the education commission reports its register's 定稿;
the civil-defence office uploads a DOCX with an R3-1 error, is blocked with the message at the cell,
corrects it and submits; the supervisor returns that one with a comment, the office submits again, the
supervisor accepts both and publishes them. The public pages show both in the official layout, the
roll-up counts both and names the department missing (the development and reform commission, which never starts), and the API's report is what
``ogi parse --json`` reads from the portal's DOCX download."""

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
from ogi.web.organs.models import Organ
from ogi.web.portal.models import Publication
from ogi.web.reports.finalise import finalise, finding_key, live
from ogi.web.reports.models import ReportText
from ogi.web.season import services
from ogi.web.season.tests.documents import TEXTS, good_document, r3_1_document

from .test_api import ogi_parse_json

RFB = "重庆市大渡口区人民防空办公室"
EDU = "重庆市大渡口区教育委员会"
FGW = "重庆市大渡口区发展和改革委员会"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian chromium is not installed"),
]


def submit_upload(page, path) -> None:  # noqa: ANN001, F811
    page.set_input_files("#id_file", str(path))
    page.click("#upload-button")
    page.wait_for_selector("text=请核对读取的单元格")


def test_a_whole_season_from_submission_to_the_public_api(page, live_server, organs, people, tmp_path):  # noqa: F811
    Organ.objects.create(code="dadukou-fgw", name=FGW, kind="department", parent=organs["gov"])
    season = services.open_season(people["supervisor"], organs["gov"], 2024)
    for section, key in (("s1", "s1_text"), ("s5", "s5_text"), ("s6", "s6_text")):
        ReportText.objects.create(organ=organs["edu"], year=2024, section=section, text=TEXTS[key])
    _, findings = live(organs["edu"], 2024)  # an empty register: every warning explained, as a clerk would
    final = finalise(people["other_clerk"], organs["edu"], 2024,
                     {finding_key(f): "本年度未收到政府信息公开申请，相关数字为零属实。" for f in findings})
    wrong = tmp_path / "人防办2024年报.docx"
    wrong.write_bytes(render(Report.from_dict(r3_1_document(RFB)), "docx"))
    right = tmp_path / "人防办2024年报（修改）.docx"
    right.write_bytes(render(Report.from_dict(good_document(RFB, new=4)), "docx"))
    base = live_server.url
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    # The education commission reports its 定稿 in one click.
    log_in(page, base, "other")
    page.click("text=年报报送")
    page.click(f"#my-entries >> text={EDU}")
    assert f"第 {final.version} 版定稿" in page.locator("#submit-final").inner_text()
    for box in page.locator("#submit-final textarea").all():
        box.fill("本年度无依申请公开事项，相关数字为零属实。")
    page.click("#submit-final-button")
    page.wait_for_selector("text=已报送第 1 版")
    assert page.locator("#entry-status").inner_text() == "已报送"

    # The civil-defence office uploads a DOCX that R3-1 blocks, corrects it in the page and submits.
    page.context.clear_cookies()
    log_in(page, base, "clerk")
    page.click("text=年报报送")
    page.click(f"#my-entries >> text={RFB}")
    page.set_input_files("#id_file", str(wrong))
    page.click("#upload-button")
    page.wait_for_selector("#blocked")
    assert "一 + 二 = 5 + 1 = 6" in page.locator('td[data-path="s3.new_received.natural_person"]').inner_text()
    page.screenshot(path=str(SHOTS / "seasonplay-blocked.png"), full_page=True)
    for path in ("s3.carried_over.natural_person", "s3.carried_over.total"):
        page.select_option("#id_path", path)
        page.fill("#id_value", "0")
        page.click("#correct-button")
        page.wait_for_selector(".messages .success")
    page.click("#submit-draft-button")
    page.wait_for_selector("text=已报送第 1 版")

    # The supervisor returns it with a comment.
    page.context.clear_cookies()
    log_in(page, base, "supervisor")
    page.goto(f"{base}/season/{season.pk}/")
    page.locator('tr[data-code="dadukou-rfb"]').locator("text=第1版").click()
    page.fill("#id_rcomment", "申请数与台账不符：本年新收申请应为 4 件，请核对后重报")
    page.click("#return-button")
    page.wait_for_selector(f"text=已退回{RFB}")

    # The office sees the comment and submits again.
    page.context.clear_cookies()
    log_in(page, base, "clerk")
    page.click("text=年报报送")
    page.click(f"#my-entries >> text={RFB}")
    assert page.locator("#entry-status").inner_text() == "已退回"
    assert "本年新收申请应为 4 件" in page.locator("#comments").inner_text()
    submit_upload(page, right)
    page.click("#submit-draft-button")
    page.wait_for_selector("text=已报送第 2 版")

    # The supervisor accepts both and publishes them.
    page.context.clear_cookies()
    log_in(page, base, "supervisor")
    page.goto(f"{base}/season/{season.pk}/")
    page.screenshot(path=str(SHOTS / "seasonplay-board.png"), full_page=True)
    page.locator('tr[data-code="dadukou-rfb"]').locator("text=第2版").click()
    assert "与第 1 版相比" in page.locator("#changes").inner_text()
    page.click("#accept-button")
    page.wait_for_selector("text=已审核通过")
    page.goto(f"{base}/season/{season.pk}/")
    page.locator('tr[data-code="dadukou-edu"]').locator("text=第1版").click()
    page.click("#accept-button")
    page.wait_for_selector("text=已审核通过")
    for code in ("dadukou-rfb", "dadukou-edu"):
        page.goto(f"{base}/public/publish/")
        page.click(f'#to-publish button[data-organ="{code}"]')
        page.wait_for_selector(".messages .success")
    page.goto(f"{base}/public/publish/")
    assert page.locator("#nothing-to-publish").is_visible()

    # The roll-up counts both and names the organ missing.
    page.goto(f"{base}/season/{season.pk}/rollup/")
    included = page.locator("#included").inner_text()
    assert RFB in included and EDU in included
    assert FGW in page.locator("#missing").inner_text()
    page.screenshot(path=str(SHOTS / "seasonplay-rollup.png"), full_page=True)

    # Anyone reads both in the official layout.
    page.context.clear_cookies()
    page.goto(f"{base}/public/dadukou-edu/2024/")
    assert EDU in page.locator("#report").inner_text()
    assert page.locator("#report table.official").count() >= 3
    page.goto(f"{base}/public/dadukou-rfb/2024/")
    report = page.locator("#report")
    assert RFB in report.inner_text() and report.locator("table.official").count() >= 3
    assert page.locator('#report [data-path="s3.new_received.natural_person"]').inner_text().strip() == "4"
    page.screenshot(path=str(SHOTS / "seasonplay-public-report.png"), full_page=True)
    page.goto(f"{base}/public/dadukou-rfb/")
    page.wait_for_selector("#chart-organ canvas, #chart-organ svg")
    page.screenshot(path=str(SHOTS / "seasonplay-public-organ.png"), full_page=True)
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors

    # The API's report is what ``ogi parse --json`` reads from the DOCX download.
    api = page.request.get(f"{base}/api/reports/dadukou-rfb/2024").json()
    assert api["version"] == 1 and api["document"]["organ"] == RFB
    docx = page.request.get(base + next(f["url"] for f in api["files"] if f["kind"] == "docx"))
    assert docx.ok
    pub = Publication.objects.get(organ=organs["rfb"], year=2024)
    downloaded = tmp_path / pub.file_name("docx")  # the name the download gives, as the document records
    downloaded.write_bytes(docx.body())
    assert ogi_parse_json(downloaded) == api["document"]
    assert api["document"] == pub.document and api["sha256"] == pub.sha256
    assert pub.document["sections"]["s3"]["new_received"]["natural_person"] == 4
