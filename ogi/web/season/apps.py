from __future__ import annotations

from django.apps import AppConfig


class SeasonConfig(AppConfig):
    name = "ogi.web.season"
    label = "season"
    verbose_name = "年报报送季"
    default_auto_field = "django.db.models.BigAutoField"
