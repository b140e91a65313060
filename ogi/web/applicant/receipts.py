"""The 登记回执 of an online application, issued when the clerk confirms its receipt (条例第三十一条): in
the same transaction as the confirmation (``applications.services.receipt_confirmed``), so a receipt that
cannot be issued (a broken template, say) leaves the application 待确认, with the letters' Chinese message."""

from __future__ import annotations

from ogi.web.applications.models import Application
from ogi.web.letters import services as letters


def issue_receipt(sender, application: Application, user, **kwargs) -> None:  # noqa: ANN001, ANN003
    letters.issue(user, application, "receipt", version=application.version, on=application.received_on)
