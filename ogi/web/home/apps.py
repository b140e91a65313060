from __future__ import annotations

from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "ogi.web.home"
    label = "home"
    verbose_name = "工作台"
    default_auto_field = "django.db.models.BigAutoField"
