from __future__ import annotations

from django.apps import AppConfig


class OrgansConfig(AppConfig):
    name = "ogi.web.organs"
    label = "organs"
    verbose_name = "机关与人员"
    default_auto_field = "django.db.models.BigAutoField"
