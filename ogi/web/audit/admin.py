"""The audit trail in the admin (read only), and the base class that audits admin edits of other models."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from .models import AuditEntry
from .services import record, snapshot


class AuditedAdmin(admin.ModelAdmin):
    """Reference data edited in the admin is audited like everything else (who, when, before, after)."""

    def save_model(self, request, obj, form, change) -> None:  # noqa: ANN001
        before = snapshot(type(obj).objects.filter(pk=obj.pk).first()) if change else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            record(request.user, None, f"admin.{'change' if change else 'add'}", obj, before, snapshot(obj))

    def delete_model(self, request, obj) -> None:  # noqa: ANN001
        with transaction.atomic():
            record(request.user, None, "admin.delete", obj, snapshot(obj), None)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:  # noqa: ANN001
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Registers are shown in the admin but change only through their services (checked, audited)."""

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "organ", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
