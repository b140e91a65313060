from __future__ import annotations

from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "ogi.web.appeals"
    label = "appeals"
    verbose_name = "行政复议与诉讼"
    default_auto_field = "django.db.models.BigAutoField"
