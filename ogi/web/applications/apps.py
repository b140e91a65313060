from __future__ import annotations

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "ogi.web.applications"
    label = "applications"
    verbose_name = "依申请公开申请"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ogi.web.audit.actions import declare

        from . import deadlines  # noqa: F401  (recomputes due dates when the calendar changes)
        from .lifecycle import ACTIONS

        declare({key: a.title for key, a in ACTIONS.items()} | {"register": "登记申请", "attach": "上传附件", "submit_online": "在线提交申请"})
