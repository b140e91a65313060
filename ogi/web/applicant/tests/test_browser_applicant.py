"""End to end in Debian's Chromium, the applicant on a phone (390 × 844) and the clerk at a desk: the
applicant applies online, gets the code and the secret; the clerk confirms receipt (the 登记回执 is issued)
and sends a 补正告知书; the applicant's status page shows it and serves its PDF; the clerk records the
corrected application and issues the 答复书, which arrives by e-mail, PDF attached, at the test's SMTP
server on loopback (aiosmtpd). No page scrolls sideways on the phone."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ogi.web.applications.tests.test_browser import (  # noqa: F401  (fixtures)
    ARGS,
    CHROMIUM,
    SHOTS,
    audit_triggers_restored,
    log_in,
    page,
    pytestmark,
    sync_api,
)
from ogi.web.letters.tests.test_mail import smtp  # noqa: F401  (fixture: a real SMTP server on loopback)

PHONE = {"width": 390, "height": 844}
ID_NUMBER = "11010519491231002X"  # check character X (tests/test_idnumbers.py, by hand)


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 210, 220)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def phone(page):  # noqa: F811
    """A phone-sized page in the same browser."""
    context = page.context.browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True,
                                               device_scale_factor=2)
    p = context.new_page()
    p.set_default_timeout(15_000)
    yield p
    context.close()


def no_sideways_scroll(p) -> None:  # noqa: ANN001
    assert p.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), p.url


def apply_on_the_phone(phone, base: str) -> tuple[str, str, str]:  # noqa: ANN001
    phone.goto(f"{base}/apply/")
    no_sideways_scroll(phone)
    phone.fill("#id_q", "人防办")
    phone.click("form.search button[type=submit]")
    phone.click("#organs a:has-text('人民防空办公室')")
    phone.wait_for_selector("#apply-form")
    no_sideways_scroll(phone)
    phone.screenshot(path=str(SHOTS / "ogi-apply-phone.png"), full_page=True)
    phone.check("input[name=applicant_type][value=natural_person]")
    phone.fill("#id_applicant_name", "赵六")
    phone.select_option("#id_applicant_id_type", "resident_id")
    phone.fill("#id_applicant_id_number", "110105194912310021")  # a wrong check character first
    phone.set_input_files("#id_id_scan", files=[{"name": "身份证.png", "mimeType": "image/png", "buffer": png()}])
    phone.fill("#id_applicant_contact", "13912345678")
    phone.fill("#id_applicant_email", "zhao@example.com")
    phone.fill("#id_content", "2025年本区人防工程易地建设费的收缴和使用情况")
    phone.check("input[name=info_form][value=electronic]")
    phone.check("input[name=delivery][value=email]")
    phone.click("#apply-form button[type=submit]")
    phone.wait_for_selector(".has-error")
    assert "校验码不正确" in phone.inner_text(".has-error")
    assert "有1处需要修改" in phone.inner_text("#form-errors")  # said at the top too, where the eye is
    no_sideways_scroll(phone)
    phone.screenshot(path=str(SHOTS / "ogi-apply-phone-error.png"), full_page=True)
    phone.fill("#id_applicant_id_number", ID_NUMBER)
    # a refused form keeps what was typed but not the file: choose it again
    phone.set_input_files("#id_id_scan", files=[{"name": "身份证.png", "mimeType": "image/png", "buffer": png()}])
    phone.click("#apply-form button[type=submit]")
    phone.wait_for_selector("#tracking-code")
    no_sideways_scroll(phone)
    phone.screenshot(path=str(SHOTS / "ogi-applied-phone.png"), full_page=True)
    return phone.inner_text("#number"), phone.inner_text("#tracking-code"), phone.inner_text("#tracking-secret")


def status_on_the_phone(phone, base: str, code: str, secret: str) -> str:  # noqa: ANN001
    phone.goto(f"{base}/track/")
    phone.fill("#id_code", code)
    phone.fill("#id_secret", secret)
    phone.click("#track-form button[type=submit]")
    phone.wait_for_selector("#steps")
    no_sideways_scroll(phone)
    assert "/track/" in phone.url and code not in phone.url
    return phone.inner_text("main")


def test_an_applicant_applies_on_a_phone_and_follows_the_case(live_server, page, phone, people, smtp):  # noqa: F811
    import email
    import hashlib

    from ogi.web.letters.models import Letter

    inbox = smtp()
    base = live_server.url
    number, code, secret = apply_on_the_phone(phone, base)
    assert "dadukou-rfb-" in number

    shown = status_on_the_phone(phone, base, code, secret)
    assert "待确认" in shown and "在线提交申请" in shown
    for personal in (ID_NUMBER, "13912345678", "赵六", "zhao@example.com"):
        assert personal not in shown

    page.goto(f"{base}/apply/dadukou-rfb/")  # the same form at a desk
    no_sideways_scroll(page)
    page.screenshot(path=str(SHOTS / "ogi-apply-desktop.png"), full_page=True)

    log_in(page, base, "clerk")
    page.goto(f"{base}/applications/?status=awaiting_confirmation")
    page.screenshot(path=str(SHOTS / "ogi-register-awaiting.png"), full_page=True)
    page.click(f"text={number}")
    assert page.inner_text("#status") == "待确认"
    assert ID_NUMBER in page.inner_text("#id-number")  # the organ's clerk sees it in full
    page.screenshot(path=str(SHOTS / "ogi-clerk-awaiting.png"), full_page=True)
    box = page.locator("#action-confirm_receipt")
    box.locator("summary").click()
    box.locator("button[type=submit]").click()
    page.wait_for_selector(".messages .success")
    assert page.inner_text("#status") == "办理中"
    case_url = page.url.split("#")[0]
    assert "政府信息公开申请登记回执" in page.inner_text("#letters")
    page.click("#new-correction")
    page.fill("[name=what]", "请写明所需信息涉及的工程名称或年份")
    page.click("#preview")
    page.wait_for_selector("#letter-preview")
    page.click("#issue")
    page.wait_for_selector(".messages .success")
    page.goto(case_url)
    assert page.inner_text("#status") == "待补正"
    page.screenshot(path=str(SHOTS / "ogi-clerk-confirmed.png"), full_page=True)

    shown = status_on_the_phone(phone, base, code, secret)
    assert "待补正" in shown and "确认收到申请" in shown and "告知补正" in shown
    assert "补正告知书" in phone.inner_text("#letters") and "登记回执" in phone.inner_text("#letters")
    phone.screenshot(path=str(SHOTS / "ogi-status-phone.png"), full_page=True)
    with phone.expect_download() as download:
        phone.click("#letters a:has-text('补正告知书')")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")

    # the corrected application arrives; the answer goes out by e-mail with its PDF
    page.goto(case_url)
    box = page.locator("#action-receive_correction")
    box.locator("summary").click()
    box.locator("button[type=submit]").click()
    page.wait_for_selector(".messages .success")
    page.click("#new-answer")
    page.select_option("[name=outcome]", "r_open")
    page.fill("[name=where]", "所申请的信息随本答复书以电子文档形式发送至您的电子邮箱")
    page.click("#preview")
    page.wait_for_selector("#letter-preview")
    page.click("#issue")
    page.wait_for_selector(".messages .success")
    answer = Letter.objects.get(kind="answer")
    sent = [m for rcpt, m in inbox.messages if "答复书" in str(email.header.make_header(email.header.decode_header(m["Subject"])))]
    assert len(sent) == 1 and [r for r, m in inbox.messages if m is sent[0]] == [["zhao@example.com"]]
    pdf = next(part for part in sent[0].walk() if part.get_content_type() == "application/pdf")
    assert hashlib.sha256(pdf.get_payload(decode=True)).hexdigest() == answer.pdf_sha256
    shown = status_on_the_phone(phone, base, code, secret)
    assert "已办结" in shown and "政府信息公开申请答复书" in shown
    phone.screenshot(path=str(SHOTS / "ogi-status-answered-phone.png"), full_page=True)

    wrong = status_on_the_phone_wrong(phone, base, code)
    assert number not in wrong and "没有找到" in wrong


def status_on_the_phone_wrong(phone, base: str, code: str) -> str:  # noqa: ANN001
    phone.goto(f"{base}/track/")
    phone.fill("#id_code", code)
    phone.fill("#id_secret", "AAAA-BBBB-CCCC-DDDD")
    phone.click("#track-form button[type=submit]")
    phone.wait_for_selector(".errorlist")
    return phone.inner_text("main")
