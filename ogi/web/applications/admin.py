from __future__ import annotations

from django.contrib import admin

from ogi.web.lib.frozen import ReadOnlyAdmin

from .models import Application


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("number", "organ", "applicant_type", "received_on", "status", "due_date", "outcome")
    list_filter = ("status", "organ", "applicant_type")
