"""Changes to the other registers: appeals (section 四), proactive counts (二), report texts (一/五/六).

Same contract as ``services``: access checked, one transaction, audit entry, Chinese ValidationError
keyed by field.
"""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from ogi.spec import FORMATS
from ogi.web.organs.models import Organ

from . import audit
from .choices import AppealKind, AppealResult
from .models import Appeal, Application, ProactiveCount, ReportText
from .services import _not_before, _refuse, _require_choice, _require_date, _require_edit

log = logging.getLogger("ogi.registers")


# ---------------------------------------------------------------- appeals


def record_appeal(
    user, organ: Organ, *, kind: str, filed_on: date, application: Application | None = None,
    case_number: str = "", body: str = "", note: str = "",
) -> Appeal:
    """Register a 行政复议 or 行政诉讼 about the organ's disclosure work."""
    _require_edit(user, organ)
    _require_choice("kind", kind, AppealKind, "类别")
    when = _require_date("filed_on", filed_on, "申请复议/起诉日期")
    if application is not None:
        if application.organ_id != organ.pk:
            _refuse("application", "关联的申请不属于本机关")
        _not_before("filed_on", when, application.received_on, "申请复议/起诉日期", "该申请的收到日期")
    with transaction.atomic():
        appeal = Appeal.objects.create(
            organ=organ, kind=kind, filed_on=when, application=application,
            case_number=case_number.strip(), body=body.strip(), note=note.strip(),
        )
        audit.record(user, organ, "record_appeal", appeal, None, audit.snapshot(appeal))
    log.info("appeal %s recorded at organ %s", appeal.pk, organ.pk)
    return appeal


def decide_appeal(user, appeal: Appeal, version: int, *, result: str, decided_on: date | None) -> Appeal:
    """Record the result of an appeal (维持 / 纠正 / 其他; 尚未审结 clears the decision date)."""
    with transaction.atomic():
        current = Appeal.objects.select_for_update().select_related("organ").get(pk=appeal.pk)
        _require_edit(user, current.organ)
        if int(version) != current.version:
            _refuse("version", "该复议/诉讼记录已被他人修改，请刷新后重试")
        _require_choice("result", result, AppealResult, "结果")
        before = audit.snapshot(current)
        if result == AppealResult.PENDING:
            current.decided_on = None
        else:
            when = _require_date("decided_on", decided_on, "审结日期")
            _not_before("decided_on", when, current.filed_on, "审结日期", "申请复议/起诉日期")
            current.decided_on = when
        current.result, current.version = result, current.version + 1
        current.save()
        audit.record(user, current.organ, "decide_appeal", current, before, audit.snapshot(current))
    return current


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
        _refuse(path, f"「{path}」不是第二部分的单元格")
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        _refuse(path, f"「{raw}」不是有效数字")
    if not value.is_finite():
        _refuse(path, f"「{raw}」不是有效数字")
    if kinds[path] != "money" and value != value.to_integral_value():
        _refuse(path, "件数应为整数")
    if kinds[path] != "signed" and value < 0:
        _refuse(path, "该数值不能为负数（只有“本年增/减”可为负）")
    return value


# ---------------------------------------------------------------- sections 一 五 六


def set_report_text(user, organ: Organ, year: int, section: str, text: str) -> ReportText:
    _require_edit(user, organ)
    _require_choice("section", section, ReportText.Section, "报告部分")
    with transaction.atomic():
        old = ReportText.objects.filter(organ=organ, year=year, section=section).first()
        before = audit.snapshot(old)
        obj, _ = ReportText.objects.update_or_create(
            organ=organ, year=year, section=section, defaults={"text": text.strip()}
        )
        audit.record(user, organ, "set_report_text", obj, before, audit.snapshot(obj))
    return obj
