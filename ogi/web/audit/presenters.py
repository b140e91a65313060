"""Showing the audit trail: each entry with the fields that changed, before → after."""

from __future__ import annotations

from functools import cache

from django.apps import apps

HIDDEN = "（已隐藏）"


@cache
def personal_fields() -> frozenset[str]:
    """Every field any model declares as personal data (``personal_fields`` on the model class)."""
    return frozenset(f for m in apps.get_models() for f in getattr(m, "personal_fields", ()))


def redact(snapshot: dict | None) -> dict | None:
    """An audit snapshot without personal data."""
    if snapshot is None:
        return None
    hidden = personal_fields()
    return {k: (HIDDEN if k in hidden and v else v) for k, v in snapshot.items()}


def audit_rows(entries, personal: bool) -> list[dict]:  # noqa: ANN001
    """Each entry with the fields that changed, before → after (personal data hidden unless allowed)."""
    rows = []
    for e in entries:
        before, after = (e.before, e.after) if personal else (redact(e.before), redact(e.after))
        before, after = before or {}, after or {}
        keys = sorted(set(before) | set(after))
        changes = [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
        rows.append({"entry": e, "changes": changes})
    return rows
