"""End to end in Debian's Chromium: on the case page the clerk opens 补正告知书 from the 文书 panel, fills it,
previews the letter (no 文号 yet), issues it, sees it with its 文号 and SHA-256, downloads the PDF, and the
case page lists it; the head breaks a template and is told what is missing.

The case is the cast's (张三, received Mon 2025-03-03); the notice is dated 2025-03-05."""

from __future__ import annotations

import shutil

import pytest

from ogi.web.applications.tests.test_browser import (  # noqa: F401  (fixtures)
    CHROMIUM,
    SHOTS,
    audit_triggers_restored,
    log_in,
    page,
    sync_api,
)
from ogi.web.letters.models import Letter

from .conftest import pdf_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian chromium is not installed"),
]


def test_the_clerk_previews_and_issues_a_correction_notice(people, application, conf, live_server, page):  # noqa: F811
    base = live_server.url
    log_in(page, base, "clerk")
    page.goto(f"{base}/applications/{application.pk}/")
    assert "尚未发出文书" in page.inner_text("#letters")
    page.click("#new-correction")
    page.fill("[name=on]", "2025-03-05")
    page.fill("[name=what]", "请写明所需信息的年度和工程名称")
    page.click("#preview")
    preview = page.inner_text("#letter-preview")
    assert "（发文时编号）" in preview and "请您于2025年3月26日前" in preview
    assert "《中华人民共和国政府信息公开条例》第三十条" in preview
    page.screenshot(path=str(SHOTS / "letters-preview.png"), full_page=True)
    assert not Letter.objects.exists()

    page.click("#issue")
    page.wait_for_selector(".messages .success")
    assert "已发出《政府信息公开申请补正告知书》（渡人防依申补〔2025〕1号）" in page.inner_text(".messages")
    letter = Letter.objects.get()
    assert letter.pdf_sha256 in page.inner_text("main")
    page.screenshot(path=str(SHOTS / "letters-issued.png"), full_page=True)
    with page.expect_download() as info:
        page.click("#download-pdf")
    path = info.value.path()
    with open(path, "rb") as f:
        assert f.read()[:5] == b"%PDF-"
    assert "请写明所需信息的年度和工程名称" in pdf_text(letter)

    page.goto(f"{base}/applications/{application.pk}/")
    panel = page.inner_text("#letters")
    assert "渡人防依申补〔2025〕1号" in panel and "政府信息公开申请补正告知书" in panel
    assert "待补正" in page.inner_text("#status")
    page.screenshot(path=str(SHOTS / "letters-case.png"), full_page=True)


def test_the_head_is_told_a_template_lacks_its_remedy_clause(people, conf, live_server, page):  # noqa: F811
    base = live_server.url
    log_in(page, base, "head")
    page.goto(f"{base}/organs/dadukou-rfb/letters/")
    page.click("a[href$='/letters/answer_r_deny_state_secret/']")
    assert "政府信息公开申请答复书·不予公开（属于国家秘密）" in page.inner_text("h1")
    body = page.input_value("[name=body]")
    page.fill("[name=body]", body.replace("{{ remedy }}", ""))
    page.click("#save")
    error = page.inner_text("#template-form")
    assert "模板缺少必备部分：救济途径（行政复议、行政诉讼）" in error
    page.screenshot(path=str(SHOTS / "letters-template-refused.png"), full_page=True)
    from ogi.web.letters.models import LetterTemplate

    assert not LetterTemplate.objects.exists()
