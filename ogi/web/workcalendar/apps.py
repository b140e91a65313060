from __future__ import annotations

from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "ogi.web.workcalendar"
    label = "workcalendar"
    verbose_name = "工作日历"
    default_auto_field = "django.db.models.BigAutoField"
