from __future__ import annotations

from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "ogi.web.security"
    label = "security"
    verbose_name = "安全"
    default_auto_field = "django.db.models.BigAutoField"
