"""Showing the audit trail in Chinese: the action's name from the catalogue, field names from the models'
``verbose_name``, values by their labels (choices, yes/no, the object a foreign key points to, local
time), before → after per changed field; 20 entries a page, filtered by who, what and when. Personal
data (the models' ``personal_fields``) is hidden from those who may not see it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import cache
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone

from ogi.web.lib.forms import DATE

from . import actions
from .models import AuditEntry
from .services import SECRET_FIELDS

HIDDEN = "（已隐藏）"
EMPTY = "（空）"
CHANGED = "（已更改）"  # a secret that changed: that it did is all the trail says
PAGE_SIZE = 20
DATE_ERRORS = {"invalid": "日期格式应为 YYYY-MM-DD，例如 2024-09-27"}


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


# ---------------------------------------------------------------- one entry as a row


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Row:
    entry: AuditEntry
    action: str
    subject: str  # 申请 2025-001, 机关 重庆市…
    changes: list[Change] = field(default_factory=list)  # before → after, for a change
    fields: list[Change] = field(default_factory=list)  # the values, for an addition or a deletion


@cache
def models_by_type() -> dict[str, type[models.Model]]:
    return {m._meta.model_name: m for m in apps.get_models()}


@cache
def fields_of(model: type[models.Model]) -> dict[str, models.Field]:
    """The fields a snapshot has, by key (``attname``; many-to-many by name). Left out: bookkeeping (the
    id, the version counter, update times) and JSON working data (e.g. how a due date was computed),
    which is kept in the entry but says nothing a person reads here."""
    shown = {}
    for f in model._meta.concrete_fields:
        bookkeeping = f.primary_key or f.name == "version" or getattr(f, "auto_now", False)
        if not (bookkeeping or isinstance(f, models.JSONField)):
            shown[f.attname] = f
    for f in model._meta.many_to_many:
        shown[f.name] = f
    return shown


def audit_rows(entries, personal: bool) -> list[Row]:  # noqa: ANN001
    """Each entry in words (personal data hidden unless ``personal``); one query per kind of object named."""
    entries = list(entries)
    names = _Names()
    for e in entries:
        model = models_by_type().get(e.object_type)
        if model is not None:
            names.want(model, e.object_id)
            for key, f in fields_of(model).items():
                if f.is_relation:
                    for snap in (e.before, e.after):
                        value = (snap or {}).get(key)
                        for pk in value if isinstance(value, list) else [value]:
                            names.want(f.related_model, pk)
    return [_row(e, personal, names) for e in entries]


def _row(e: AuditEntry, personal: bool, names: _Names) -> Row:
    model = models_by_type().get(e.object_type)
    shown = fields_of(model) if model else {}
    before, after = (e.before, e.after) if personal else (redact(e.before), redact(e.after))
    kind = model._meta.verbose_name if model else e.object_type
    row = Row(e, actions.label(e.action), f"{kind} {names.of(model, e.object_id) if model else '#' + e.object_id}")
    if before is not None and after is not None:
        for key in [k for k in shown if k in before or k in after] + sorted((set(before) | set(after)) - set(shown)):
            if before.get(key) != after.get(key) and (key in shown or model is None):
                f = shown.get(key)
                new = CHANGED if key in SECRET_FIELDS else _show(f, after.get(key), names)
                row.changes.append(Change(_label(key, f), _show(f, before.get(key), names), new))
    else:
        values = after if after is not None else (before or {})
        for key, f in shown.items():
            if values.get(key) not in (None, "", []):
                row.fields.append(Change(_label(key, f), "", _show(f, values[key], names)))
    return row


def _label(key: str, f: models.Field | None) -> str:
    return str(f.verbose_name) if f is not None else key


def _show(f: models.Field | None, value: Any, names: _Names) -> str:
    """A stored value as a person reads it."""
    if value is None or value == "" or value == []:
        return EMPTY
    if value == HIDDEN or (f is not None and f.attname in SECRET_FIELDS):
        return HIDDEN
    if f is None:
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return "是" if value else "否"
    if f.many_to_many:
        return "、".join(names.of(f.related_model, pk) for pk in value)
    if f.is_relation:
        return names.of(f.related_model, value)
    if isinstance(f, models.DateTimeField) and isinstance(value, str):
        try:
            return timezone.localtime(datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return value
    return str(value)


class _Names:
    """What objects are called (``str``), fetched once per model for all the ids a page names."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set] = {}
        self.found: dict[type[models.Model], dict] = {}

    def want(self, model: type[models.Model], pk: Any) -> None:
        try:
            key = model._meta.pk.to_python(pk)
        except Exception:  # noqa: BLE001 - a stored id that is not one: shown as it is
            return
        if key is not None:
            self.wanted.setdefault(model, set()).add(key)

    def of(self, model: type[models.Model], pk: Any) -> str:
        if model not in self.found:
            self.found[model] = model._default_manager.in_bulk(self.wanted.get(model, ()))
        try:
            obj = self.found[model].get(model._meta.pk.to_python(pk))
        except Exception:  # noqa: BLE001
            obj = None
        if obj is None:
            return f"#{pk}（已删除）"
        return f"#{pk}" if type(obj).__str__ is models.Model.__str__ else str(obj)


# ---------------------------------------------------------------- the page: filters and paging


class AuditFilter(forms.Form):
    user = forms.ChoiceField(label="用户", required=False)
    action = forms.ChoiceField(label="操作", required=False)
    since = forms.DateField(label="起始日期", required=False, widget=DATE, error_messages=DATE_ERRORS)
    until = forms.DateField(label="截止日期", required=False, widget=DATE, error_messages=DATE_ERRORS)

    def __init__(self, data, entries) -> None:  # noqa: ANN001
        super().__init__(data)
        users = get_user_model().objects.filter(pk__in=entries.order_by().values("user_id")).order_by("username")
        self.fields["user"].choices = [("", "全部"), ("system", "系统")] + [(str(u.pk), u.username) for u in users]
        self.fields["action"].choices = [("", "全部")] + sorted(actions.LABELS.items(), key=lambda kv: kv[1])

    def clean(self) -> dict:
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError("起始日期不能晚于截止日期")
        return data

    def apply(self, entries):  # noqa: ANN001, ANN201
        """The entries that pass the filters (Asia/Shanghai days, both ends included)."""
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["user"] == "system":
            entries = entries.filter(user__isnull=True)
        elif data["user"]:
            entries = entries.filter(user_id=int(data["user"]))
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["since"]:
            entries = entries.filter(at__gte=_day_start(data["since"]))
        if data["until"]:
            entries = entries.filter(at__lt=_day_start(data["until"] + timedelta(days=1)))
        return entries


def _day_start(day) -> datetime:  # noqa: ANN001
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_page(request, entries, personal: bool) -> dict:  # noqa: ANN001
    """The context of an audit page: the filter form, the page of entries in words, the query to keep."""
    form = AuditFilter(request.GET or None, entries)
    page = Paginator(form.apply(entries).select_related("user"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and k in form.fields and v])
    return {"form": form, "page": page, "entries": audit_rows(page.object_list, personal), "query": query}
