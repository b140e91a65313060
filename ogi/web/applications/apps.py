from __future__ import annotations

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "ogi.web.applications"
    label = "applications"
    verbose_name = "依申请公开申请"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import deadlines  # noqa: F401  (recomputes due dates when the calendar changes)
