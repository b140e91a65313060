"""Published reports and their files are shown in the admin read only (no add, change or delete: they
never change); tokens are issued and revoked on the portal's token screen, through its services."""

from __future__ import annotations

from django.contrib import admin

from ogi.web.lib.frozen import ReadOnlyAdmin

from .models import Publication, PublishedFile, SubmitToken


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ("organ_name", "year", "version", "published_on", "late_workdays", "sha256")
    list_filter = ("year", "organ_kind")
    search_fields = ("organ_name",)
    exclude = ("document",)


@admin.register(PublishedFile)
class PublishedFileAdmin(ReadOnlyAdmin):
    list_display = ("publication", "kind", "size", "sha256", "rendered_at")
    exclude = ("body",)


@admin.register(SubmitToken)
class SubmitTokenAdmin(ReadOnlyAdmin):
    list_display = ("organ", "name", "hint", "created_by", "created_at", "expires_at", "revoked_at", "last_used_at")
    exclude = ("key_hash",)
