"""End to end in Debian's Chromium: the clerk opens the 2025 report, fills parts 一 and 五, sees the
warnings, explains them, finalises; the version with its SHA-256 appears; a later answer in the
register makes the live report differ from the finalised version.

The open application is the cast's (received Mon 2025-03-03); it is answered 2025-03-20."""

from __future__ import annotations

import re
import shutil

import pytest

from ogi.web.applications.tests.test_browser import (  # noqa: F401  (fixtures)
    ARGS,
    CHROMIUM,
    SHOTS,
    act,
    audit_triggers_restored,
    log_in,
    page,
    sync_api,
)
from ogi.web.reports.models import FinalReport

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian chromium is not installed"),
]


def test_the_clerk_explains_the_warnings_and_finalises(people, application, live_server, page):  # noqa: F811
    base = live_server.url
    report_url = f"{base}/organs/dadukou-rfb/2025/report/"
    log_in(page, base, "clerk")
    page.goto(report_url)
    findings = page.inner_text("#findings")
    assert "错误：第一部分“总体情况”应有内容" in findings and "RC-1" not in findings
    assert page.locator("#finalise-form").count() == 0  # errors first

    page.fill("#id_s1", "2025年，本办认真贯彻落实《中华人民共和国政府信息公开条例》。")
    page.fill("#id_s5", "存在的主要问题：答复文书不够规范。改进措施：统一文书模板。")
    page.click("text=保存文字")
    page.wait_for_selector(".messages .success")
    assert "警告：第二部分每行都应填写（没有的填 0）" in page.inner_text("#findings")
    boxes = page.locator("#finalise-form textarea")
    assert boxes.count() == 6  # the six section 二 rows were never entered
    page.click("#finalise")
    page.wait_for_selector(".messages .error")
    assert "还有 6 条警告未写说明" in page.inner_text(".messages")
    page.screenshot(path=str(SHOTS / "ogi-finalise-warnings.png"), full_page=True)

    for i in range(boxes.count()):
        boxes.nth(i).fill("本机关无此项职能，本年度无相关数据。")
    page.click("#finalise")
    page.wait_for_selector(".messages .success")
    final = FinalReport.objects.get()
    assert f"已定稿：第 1 版，SHA-256 {final.sha256}" in page.inner_text(".messages")
    versions = page.inner_text("#versions")
    assert "第 1 版" in versions and final.sha256 in versions and "本机关无此项职能" in versions
    assert re.fullmatch(r"[0-9a-f]{64}", final.sha256)
    assert "与第 1 版定稿一致" in page.inner_text("#live-same")
    page.screenshot(path=str(SHOTS / "ogi-finalised.png"), full_page=True)

    page.goto(f"{base}/applications/{application.pk}/")
    act(page, "answer", {"on": "2025-03-20"}, select={"outcome": "r_open"})
    page.goto(report_url)
    differs = page.inner_text("#live-differs")
    assert "当前台账生成的报告与第 1 版定稿不同（6 处）" in differs
    assert "（一）予以公开·自然人：0 → 1" in page.inner_text("#final .changes")
    page.screenshot(path=str(SHOTS / "ogi-finalised-differs.png"), full_page=True)
