"""Changes to what the report needs beyond the registers: section 二 counts and the texts 一, 五, 六.

Access checked, one transaction, an audit entry, a Chinese ValidationError keyed by field.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from ogi.web.audit import services as audit
from ogi.web.lib.checks import require_choice
from ogi.web.organs.access import require_edit
from ogi.web.organs.models import Organ

from .models import ProactiveCount, ReportText, proactive_value

EDITING = "修改{organ}的年度报告"  # what require_edit refuses: 无权…


# ---------------------------------------------------------------- section 二


def set_proactive_counts(user, organ: Organ, year: int, values: dict[str, object]) -> None:
    """Store section 二 numbers for an organ and year; a blank value deletes the cell."""
    require_edit(user, organ, EDITING)
    clean = {path: proactive_value(path, raw) for path, raw in values.items()}
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


# ---------------------------------------------------------------- sections 一 五 六


def set_report_text(user, organ: Organ, year: int, section: str, text: str) -> ReportText:
    require_edit(user, organ, EDITING)
    require_choice("section", section, ReportText.Section, "报告部分")
    with transaction.atomic():
        old = ReportText.objects.filter(organ=organ, year=year, section=section).first()
        before = audit.snapshot(old)
        obj, _ = ReportText.objects.update_or_create(
            organ=organ, year=year, section=section, defaults={"text": text.strip()}
        )
        audit.record(user, organ, "set_report_text", obj, before, audit.snapshot(obj))
    return obj
