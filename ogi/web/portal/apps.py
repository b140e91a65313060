from __future__ import annotations

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ogi.web.portal"
    label = "portal"
    verbose_name = "年报公开平台与开放数据"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ogi.web.audit import guards as audit_guards
        from ogi.web.audit.actions import declare

        from . import guards

        audit_guards.register(guards.GUARDS)
        declare({
            "publish_report": "公开年度报告",
            "issue_submit_token": "签发报送接口令牌",
            "revoke_submit_token": "吊销报送接口令牌",
        })
