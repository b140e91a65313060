from __future__ import annotations

from django.contrib import admin

from ogi.web.lib.frozen import ReadOnlyAdmin

from .models import Appeal


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("organ", "kind", "filed_on", "result", "decided_on")
    list_filter = ("kind", "result")
