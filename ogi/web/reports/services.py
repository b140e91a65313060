"""Changes to what the report needs beyond the registers: section 二 counts and the texts 一, 五, 六.

Access checked, one transaction, an audit entry, a Chinese ValidationError keyed by field.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ogi.spec import FORMATS
from ogi.web.audit import services as audit
from ogi.web.lib.checks import refuse, require_choice
from ogi.web.organs.access import can_edit
from ogi.web.organs.models import Organ

from .models import ProactiveCount, ReportText


def _require_edit(user, organ: Organ) -> None:
    if not can_edit(user, organ):
        raise PermissionDenied(f"无权修改{organ.name}的年度报告")


# ---------------------------------------------------------------- section 二


def proactive_paths(year: int) -> dict[str, str]:
    """Cell path → kind (count/signed/money) of section 二 in either national format."""
    out: dict[str, str] = {}
    for fmt in FORMATS.values():
        for path in fmt.s2_paths():
            out.setdefault(path, fmt.column_kind(path))
    return out


def set_proactive_counts(user, organ: Organ, year: int, values: dict[str, object]) -> None:
    """Store section 二 numbers for an organ and year; a blank value deletes the cell."""
    _require_edit(user, organ)
    kinds = proactive_paths(year)
    clean = {path: _proactive_value(path, raw, kinds) for path, raw in values.items()}
    with transaction.atomic():
        for path, value in clean.items():
            old = ProactiveCount.objects.filter(organ=organ, year=year, path=path).first()
            before = audit.snapshot(old)
            if value is None:
                if old is not None:
                    old.delete()
                    audit.record(user, organ, "delete_proactive", old, before, None)
                continue
            obj, _ = ProactiveCount.objects.update_or_create(organ=organ, year=year, path=path, defaults={"value": value})
            if before is None or Decimal(before["value"]) != value:
                audit.record(user, organ, "set_proactive", obj, before, audit.snapshot(obj))


def _proactive_value(path: str, raw: object, kinds: dict[str, str]) -> Decimal | None:
    if path not in kinds:
        refuse(path, f"「{path}」不是第二部分的单元格")
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        refuse(path, f"「{raw}」不是有效数字")
    if not value.is_finite():
        refuse(path, f"「{raw}」不是有效数字")
    if kinds[path] != "money" and value != value.to_integral_value():
        refuse(path, "件数应为整数")
    if kinds[path] != "signed" and value < 0:
        refuse(path, "该数值不能为负数（只有“本年增/减”可为负）")
    return value


# ---------------------------------------------------------------- sections 一 五 六


def set_report_text(user, organ: Organ, year: int, section: str, text: str) -> ReportText:
    _require_edit(user, organ)
    require_choice("section", section, ReportText.Section, "报告部分")
    with transaction.atomic():
        old = ReportText.objects.filter(organ=organ, year=year, section=section).first()
        before = audit.snapshot(old)
        obj, _ = ReportText.objects.update_or_create(
            organ=organ, year=year, section=section, defaults={"text": text.strip()}
        )
        audit.record(user, organ, "set_report_text", obj, before, audit.snapshot(obj))
    return obj
