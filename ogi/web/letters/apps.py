from __future__ import annotations

from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "ogi.web.letters"
    label = "letters"
    verbose_name = "告知书与答复书"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ogi.web.audit import guards as audit_guards
        from ogi.web.audit.actions import declare

        from . import guards

        audit_guards.register(guards.GUARDS)
        declare({
            "issue_letter": "发出文书",
            "record_letter_delivery": "登记文书送达",
            "send_letter_mail": "发送文书邮件",
            "save_letter_template": "修改文书模板",
            "reset_letter_template": "恢复默认文书模板",
            "save_letter_settings": "修改文书设置",
        })
