from __future__ import annotations

from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "ogi.web.appeals"
    label = "appeals"
    verbose_name = "行政复议与诉讼"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ogi.web.audit.actions import declare

        declare({"record_appeal": "登记行政复议/诉讼", "decide_appeal": "登记复议/诉讼结果"})
