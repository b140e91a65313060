"""Background work of the letters: sending an issued letter by e-mail."""

from __future__ import annotations

from celery import shared_task

from ogi.web.tasks import is_eager

from . import mail
from .models import MailStatus


@shared_task(name="ogi.letters.send_letter_mail", bind=True, max_retries=None)
def send_letter_mail(self, mail_id: int) -> str:  # noqa: ANN001
    """One attempt; on a worker, a failed attempt is tried again when its row says (``mail.send``). In-process
    (no broker) the next attempts are ``ogi letters-mail``'s."""
    row = mail.send(mail_id)
    if row is not None and row.status == MailStatus.FAILED and not is_eager() and row.next_try_at:
        raise self.retry(eta=row.next_try_at)
    return row.status if row is not None else "skipped"


@shared_task(name="ogi.letters.retry_letter_mail")
def retry_letter_mail() -> dict:
    return mail.retry_due()
