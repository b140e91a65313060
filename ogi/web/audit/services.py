"""Writing the audit trail: a snapshot of an object before and after each change."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from .models import AuditEntry


def snapshot(obj: models.Model | None) -> dict[str, Any] | None:
    """The object's concrete fields as JSON-ready values (foreign keys by id)."""
    if obj is None:
        return None
    return {f.attname: _plain(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "url"):  # FieldFile
        return value.name
    return value


def record(user, organ, action: str, obj: models.Model, before: dict | None, after: dict | None) -> AuditEntry:
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        organ=organ,
        action=action,
        object_type=obj._meta.model_name,
        object_id=str(obj.pk),
        before=before,
        after=after,
    )
