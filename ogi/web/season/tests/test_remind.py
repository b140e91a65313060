"""Reminders through a real SMTP server on loopback (aiosmtpd), started by the test."""

from __future__ import annotations

import email
import socket
from datetime import date
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller

from ogi.web.season import remind, services
from ogi.web.season.choices import Source
from ogi.web.season.models import Reminder, RosterEntry

from .documents import good_document


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802 - aiosmtpd's hook name
        msg = email.message_from_bytes(envelope.content)
        msg["X-Rcpt"] = ",".join(envelope.rcpt_tos)
        self.messages.append(msg)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "ogi@dadukou.example"
    yield inbox
    controller.stop()


def subject(msg) -> str:  # noqa: ANN001
    return str(make_header(decode_header(msg["Subject"])))


def body(msg) -> str:  # noqa: ANN001
    return msg.get_payload(decode=True).decode(msg.get_content_charset() or "utf-8")


@pytest.fixture
def season(organs, people):
    for name in ("clerk", "head", "other_clerk", "supervisor"):
        people[name].email = f"{name}@dadukou.example"
        people[name].save()
    return services.open_season(people["supervisor"], organs["gov"], 2024)


def test_organs_are_reminded_within_n_working_days_once_a_day(smtp, season, organs):
    # Monday 2025-01-20; rfb's and edu's deadline Friday 01-31: working days 01-21 … 01-24, 01-26 (a Sunday
    # worked for the Spring Festival), 01-27 — the festival 01-28 … 02-04 is not — six in all
    today = date(2025, 1, 20)
    assert remind.run(today, days=5).sent == 0
    assert smtp.messages == []
    outcome = remind.run(today, days=6)
    assert outcome.sent == 2  # rfb and edu; the government's own deadline (03-31) is far
    to = sorted(m["X-Rcpt"] for m in smtp.messages)
    assert to == ["clerk@dadukou.example,head@dadukou.example", "other_clerk@dadukou.example"]
    rfb = next(m for m in smtp.messages if "clerk@" in m["X-Rcpt"] and "head@" in m["X-Rcpt"])
    assert "重庆市大渡口区人民防空办公室2024年度报告须于2025年1月31日前报送" in subject(rfb)
    assert "还有 6 个工作日" in body(rfb)
    assert Reminder.objects.filter(day=today, kind="due").count() == 2
    again = remind.run(today, days=6)
    assert (again.sent, again.skipped) == (0, 2) and len(smtp.messages) == 2  # not twice a day


def test_a_submitted_organ_is_not_reminded(smtp, season, organs):
    entry = RosterEntry.objects.get(season=season, organ=organs["rfb"])
    services.submit_document(organs["rfb"], entry, good_document("重庆市大渡口区人民防空办公室"), {}, Source.API)
    remind.run(date(2025, 1, 27), days=5)
    assert [m["X-Rcpt"] for m in smtp.messages] == ["other_clerk@dadukou.example"]


def test_the_supervisor_hears_of_the_late_once_a_day(smtp, season, organs):
    entry = RosterEntry.objects.get(season=season, organ=organs["rfb"])
    services.submit_document(organs["rfb"], entry, good_document("重庆市大渡口区人民防空办公室"), {}, Source.API)
    today = date(2025, 2, 5)
    remind.run(today, days=5)
    (msg,) = smtp.messages  # edu is late; the government's own report is not due yet
    assert msg["X-Rcpt"] == "supervisor@dadukou.example"
    assert "1 个机关逾期未报送" in subject(msg)
    assert "重庆市大渡口区教育委员会：期限2025年1月31日，状态未开始" in body(msg)
    remind.run(today, days=5)
    assert len(smtp.messages) == 1
    remind.run(date(2025, 2, 6), days=5)
    assert len(smtp.messages) == 2  # the next day, again


def test_a_mail_that_cannot_be_sent_is_not_recorded_and_is_tried_again(settings, season):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2  # nobody listens
    outcome = remind.run(date(2025, 1, 27), days=5)
    assert outcome.sent == 0 and len(outcome.failed) == 2
    assert Reminder.objects.count() == 0


def test_without_an_smtp_server_nothing_is_sent_or_recorded_and_it_says_why(settings, season):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = ""
    outcome = remind.run(date(2025, 1, 27), days=5)
    assert outcome.sent == 0 and "未配置邮件服务器" in outcome.line()
    assert Reminder.objects.count() == 0
