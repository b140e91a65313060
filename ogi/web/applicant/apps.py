from __future__ import annotations

from django.apps import AppConfig


class ApplicantConfig(AppConfig):
    name = "ogi.web.applicant"
    label = "applicant"
    verbose_name = "在线申请与进度查询"
    default_auto_field = "django.db.models.BigAutoField"
