from __future__ import annotations

from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "ogi.web.letters"
    label = "letters"
    verbose_name = "告知书与答复书"
    default_auto_field = "django.db.models.BigAutoField"
