from __future__ import annotations

from django.apps import AppConfig


class SeasonConfig(AppConfig):
    name = "ogi.web.season"
    label = "season"
    verbose_name = "年报报送季"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ogi.web.audit import guards as audit_guards
        from ogi.web.audit.actions import declare

        from . import guards

        audit_guards.register(guards.GUARDS)

        declare({
            "season_open": "开启年报报送", "season_deadlines": "修改报送期限", "season_roster_add": "加入报送名单",
            "season_roster_remove": "移出报送名单", "season_entry_deadline": "修改机关报送期限",
            "season_upload": "上传年度报告", "season_correct_cell": "更正上传报告的单元格",
            "season_submit": "报送年度报告", "season_comment": "写审核意见", "season_return": "退回年度报告",
            "season_accept": "审核通过年度报告", "season_publish": "年度报告公开", "season_remind": "发送催报提醒",
        })
