from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ogi.web.reports"
    label = "reports"
    verbose_name = "年度报告"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ogi.web.audit import guards as audit_guards
        from ogi.web.audit.actions import declare

        from . import guards

        audit_guards.register(guards.GUARDS)

        declare({"set_proactive": "填报主动公开数量", "delete_proactive": "删除主动公开数量", "set_report_text": "填写年度报告文字部分",
                 "finalise_report": "年度报告定稿"})
