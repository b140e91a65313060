from __future__ import annotations

from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "ogi.web.registers"
    label = "registers"
    verbose_name = "依申请公开台账"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import calendar  # noqa: F401  (connects the calendar-change signal)
