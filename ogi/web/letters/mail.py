"""The e-mail that carries an issued letter's PDF to the applicant (Django's e-mail, SMTP from the settings
``OGI_SMTP_*``), through an outbox: ``queue`` adds a ``Mail`` row in the issuing transaction and, once it
commits, starts the task; ``send`` makes one attempt and records it (an accepted mail also records the
letter's delivery by e-mail); ``retry_due`` (``ogi letters-mail``, or the task's own retries on a worker)
tries again the rows whose time has come, with a growing wait, until ``OGI_MAIL_MAX_ATTEMPTS``. A failure
is never lost: the row keeps the error and the case page shows it."""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from ogi import letters as law
from ogi.web.audit import services as audit

from .models import Delivery, DeliveryChannel, Letter, Mail, MailStatus

log = logging.getLogger("ogi.letters")
RETRY_BASE = timedelta(minutes=2)  # then 4, 8, 16 … minutes, at most a day
RETRY_MAX = timedelta(days=1)
LEASE = timedelta(minutes=5)  # a claimed row is not claimed again meanwhile


def configured() -> bool:
    return not settings.EMAIL_BACKEND.endswith("smtp.EmailBackend") or bool(settings.EMAIL_HOST)


def queue(letter: Letter) -> Mail | None:
    """In the issuing transaction: an outbox row for a letter to an applicant with an e-mail address."""
    app = letter.application
    address = (app.applicant_email or "").strip()
    if letter.to != law.APPLICANT or not address:
        return None
    mail = Mail.objects.create(letter=letter, to=address, next_try_at=timezone.now())
    from .tasks import send_letter_mail

    transaction.on_commit(lambda: send_letter_mail.delay(mail.pk))
    return mail


def message(letter: Letter, to: str) -> EmailMessage:
    organ = letter.organ.name
    body = (
        f"{letter.addressee}：\n\n"
        f"{organ}就您的政府信息公开申请（编号 {letter.application.number}）向您发出《{letter.title}》"
        f"（{letter.docno}），全文见附件 PDF。\n\n"
        f"本邮件由系统发送，请勿直接回复；如有疑问，请与{organ}联系。\n"
    )
    msg = EmailMessage(f"{organ}：{letter.title}（{letter.docno}）", body, settings.DEFAULT_FROM_EMAIL, [to])
    with letter.pdf.open("rb") as f:
        msg.attach(f"{letter.docno}.pdf", f.read(), "application/pdf")
    return msg


def _wait(attempts: int) -> timedelta:
    return min(RETRY_BASE * (2 ** max(0, attempts - 1)), RETRY_MAX)


def _claim(mail_id: int, now: datetime) -> Mail | None:
    """Take the row for one attempt (a concurrent run does not take it too)."""
    claimed = Mail.objects.filter(
        pk=mail_id, status__in=(MailStatus.PENDING, MailStatus.FAILED),
    ).exclude(next_try_at__gt=now).update(next_try_at=now + LEASE)
    return Mail.objects.select_related("letter", "letter__organ", "letter__application").get(pk=mail_id) if claimed else None


def send(mail_id: int, *, now: datetime | None = None, force: bool = False) -> Mail | None:
    """One attempt at sending; returns the row as it stands after (None: not due, or already done)."""
    now = now or timezone.now()
    if force:
        Mail.objects.filter(pk=mail_id, status__in=(MailStatus.FAILED, MailStatus.GAVE_UP)).update(
            next_try_at=now, status=MailStatus.FAILED,
        )
    mail = _claim(mail_id, now)
    if mail is None:
        return None
    before = audit.snapshot(mail)
    error, cause = "", ""
    if not configured():
        error, cause = "未配置邮件服务器（OGI_SMTP_HOST）", "not configured"
    else:
        try:
            message(mail.letter, mail.to).send()
        except (TimeoutError, smtplib.SMTPException, OSError, UnicodeError) as exc:
            error, cause = f"{type(exc).__name__}：{exc}"[:300], type(exc).__name__
    with transaction.atomic():
        mail.attempts += 1
        if error:
            mail.last_error = error
            gave_up = mail.attempts >= settings.OGI_MAIL_MAX_ATTEMPTS
            mail.status = MailStatus.GAVE_UP if gave_up else MailStatus.FAILED
            mail.next_try_at = None if gave_up else now + _wait(mail.attempts)
        else:
            mail.status, mail.sent_at, mail.next_try_at = MailStatus.SENT, now, None
            Delivery.objects.create(
                letter=mail.letter, channel=DeliveryChannel.EMAIL, on=timezone.localdate(now),
                note=f"邮件服务器已接收（第{mail.attempts}次发送）",
            )
        mail.save()
        audit.record(None, mail.letter.organ, "send_letter_mail", mail, before, audit.snapshot(mail))
    if error:
        log.warning("letter mail %s: attempt %d failed: %s", mail.pk, mail.attempts, cause)  # no address in logs
    else:
        log.info("letter mail %s sent (attempt %d)", mail.pk, mail.attempts)
    return mail


def retry_due(now: datetime | None = None) -> dict[str, int]:
    """Try every waiting row whose time has come; counts by the status each ended in."""
    now = now or timezone.now()
    due = Mail.objects.filter(status__in=(MailStatus.PENDING, MailStatus.FAILED), next_try_at__lte=now)
    counts = dict.fromkeys(MailStatus.values, 0)
    for pk in list(due.order_by("next_try_at", "id").values_list("pk", flat=True)[:500]):
        mail = send(pk, now=now)
        if mail is not None:
            counts[mail.status] += 1
    return counts


def resend(user, mail: Mail) -> Mail | None:
    """The clerk's 重新发送 of a failed mail (also after 停止重试): one attempt now."""
    from django.core.exceptions import ValidationError

    from ogi.web.organs.access import require_edit

    require_edit(user, mail.letter.organ, "发送该文书邮件")
    if mail.status == MailStatus.SENT:
        raise ValidationError("该邮件已发送")
    return send(mail.pk, force=True)
