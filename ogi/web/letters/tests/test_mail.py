"""The issued letter reaches an applicant with an e-mail address: a real SMTP server (aiosmtpd) on loopback,
started by the test; a server that is down is retried until it is up, and every failure shows."""

from __future__ import annotations

import email
import hashlib
import socket
from datetime import date, timedelta

import pytest
from django.utils import timezone

from ogi.web.applications import services as steps
from ogi.web.letters import mail, services
from ogi.web.letters.models import Mail, MailStatus


class Inbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802 - aiosmtpd's hook
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """The SMTP settings pointing at a loopback port; ``start()`` brings a server up on it."""
    from aiosmtpd.controller import Controller

    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.DEFAULT_FROM_EMAIL = "gongkai@dadukou.example"
    inbox, controllers = Inbox(), []

    def start() -> Inbox:
        c = Controller(inbox, hostname="127.0.0.1", port=port)
        c.start()
        controllers.append(c)
        return inbox

    yield start
    for c in controllers:
        c.stop()


@pytest.fixture
def emailed(organs, people):
    return steps.register(
        people["clerk"], organs["rfb"], applicant_type="natural_person", applicant_name="赵六",
        applicant_email="zhaoliu@example.org", channel="online", received_on=date(2025, 3, 3),
        content="2024年度人防工程建设情况",
    )


def _answer(people, app, conf):
    return services.issue(people["clerk"], app, "answer", version=app.version, on=date(2025, 3, 10),
                          outcome="r_deny_state_secret", reason="该信息已被依法确定为秘密级")


def test_the_letter_arrives_with_its_pdf(emailed, people, conf, smtp, django_capture_on_commit_callbacks):
    inbox = smtp()
    with django_capture_on_commit_callbacks(execute=True):
        letter = _answer(people, emailed, conf)
    (rcpt, msg), = inbox.messages
    assert rcpt == ["zhaoliu@example.org"]
    assert "政府信息公开申请答复书" in str(email.header.make_header(email.header.decode_header(msg["Subject"])))
    pdf = next(p for p in msg.walk() if p.get_content_type() == "application/pdf")
    assert hashlib.sha256(pdf.get_payload(decode=True)).hexdigest() == letter.pdf_sha256
    row = Mail.objects.get(letter=letter)
    assert row.status == MailStatus.SENT and row.attempts == 1
    delivery = letter.deliveries.get()
    assert delivery.channel == "email" and delivery.on == timezone.localdate()


def test_a_server_down_then_up(emailed, people, conf, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        letter = _answer(people, emailed, conf)  # nobody listens on the port
    row = Mail.objects.get(letter=letter)
    assert row.status == MailStatus.FAILED and row.attempts == 1
    assert "ConnectionRefusedError" in row.last_error
    assert row.next_try_at > timezone.now()
    assert not letter.deliveries.exists()
    # the letter is issued all the same, and the case is answered
    emailed.refresh_from_db()
    assert emailed.status == "answered"

    assert mail.retry_due() == dict.fromkeys(MailStatus.values, 0)  # not due yet
    inbox = smtp()
    counts = mail.retry_due(now=timezone.now() + timedelta(minutes=3))
    assert counts[MailStatus.SENT] == 1
    assert len(inbox.messages) == 1
    row.refresh_from_db()
    assert row.status == MailStatus.SENT and row.attempts == 2 and row.sent_at is not None
    assert letter.deliveries.get().note == "邮件服务器已接收（第2次发送）"


def test_giving_up_after_the_limit_and_resending_by_hand(emailed, people, conf, smtp, settings,
                                                       django_capture_on_commit_callbacks):
    settings.OGI_MAIL_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        letter = _answer(people, emailed, conf)
    mail.retry_due(now=timezone.now() + timedelta(hours=1))
    row = Mail.objects.get(letter=letter)
    assert row.status == MailStatus.GAVE_UP and row.attempts == 2 and row.next_try_at is None
    inbox = smtp()
    mail.resend(people["clerk"], row)
    row.refresh_from_db()
    assert row.status == MailStatus.SENT and len(inbox.messages) == 1


def test_no_mail_without_an_address_or_to_a_third_party(application, people, conf, smtp,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.issue(people["clerk"], application, "receipt", version=1, on=date(2025, 3, 3))
    assert not Mail.objects.exists()


def test_unconfigured_smtp_is_a_failure_that_shows(emailed, people, conf, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = ""
    with django_capture_on_commit_callbacks(execute=True):
        letter = _answer(people, emailed, conf)
    row = Mail.objects.get(letter=letter)
    assert row.status == MailStatus.FAILED and row.last_error == "未配置邮件服务器（OGI_SMTP_HOST）"
