from __future__ import annotations

from django.apps import AppConfig


class ApplicantConfig(AppConfig):
    name = "ogi.web.applicant"
    label = "applicant"
    verbose_name = "在线申请与进度查询"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ogi.web.applications.services import receipt_confirmed

        from .receipts import issue_receipt

        receipt_confirmed.connect(issue_receipt, dispatch_uid="applicant.receipt")
