"""定稿: the clerk freezes a year's report. The check must find no error; every warning needs a written
explanation. The version stores the report document of the contract, its SHA-256 (over the canonical
JSON served as the version's download), who and when, the explanations, and — from the second version
on — what changed cell by cell against the version before. Stored versions never change.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ogi.model import Report
from ogi.render.layout import cell_text
from ogi.rules import Finding
from ogi.rules.labels import cell as cell_label
from ogi.web.audit import services as audit
from ogi.web.lib import checks
from ogi.web.organs.access import require_edit
from ogi.web.organs.models import Organ

from . import build
from .models import FinalReport

TEXTS = {"s1": "第一部分“总体情况”", "s5": "第五部分", "s6": "第六部分"}


def canonical(document: dict[str, Any]) -> bytes:
    """The bytes the hash is taken over (and the version's download): sorted keys, no spaces, UTF-8."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def digest(document: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(document)).hexdigest()


def finding_key(f: Finding) -> str:
    """What identifies a finding across two checks of the same report (for its explanation)."""
    return f"{f.rule}:{'|'.join(f.cells)}"


def versions(organ: Organ, year: int) -> list[FinalReport]:
    return list(FinalReport.objects.filter(organ=organ, year=year).select_related("finalised_by").order_by("-version"))


def previous_for(organ: Organ, year: int, current: Report | None = None) -> Report | None:
    """Last year's report for the cross-year rules: its last 定稿 version if there is one (what was
    published), else from the registers (:func:`.build.previous_report`, given this year's report
    ``current`` when at hand); None for the first year a format covers."""
    if year - 1 not in checks.report_years():
        return None
    last = FinalReport.objects.filter(organ=organ, year=year - 1).order_by("-version").first()
    return Report.from_dict(last.document) if last else build.previous_report(organ, year, current=current)


def live(organ: Organ, year: int) -> tuple[Report, list[Finding]]:
    report = build.build_report(organ, year)
    return report, build.check(report, previous_for(organ, year, report))


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, str]]:
    """What changed from one document to the other: every cell and text, in table order, with its label."""
    old, new = Report.from_dict(before), Report.from_dict(after)
    spec = new.spec or old.spec
    out = []
    for key, label in TEXTS.items():
        a, b = getattr(old.sections, f"{key}_text"), getattr(new.sections, f"{key}_text")
        if a != b:
            out.append({"path": f"{key}_text", "label": f"{label}文字", "before": _short(a), "after": _short(b)})
    order = {p: i for i, p in enumerate(spec.paths())} if spec else {}  # PostgreSQL's jsonb sorts keys its own way
    paths = sorted(set(old.cells()) | set(new.cells()), key=lambda p: (order.get(p, len(order)), p))
    for path in paths:
        a, b = cell_text(old, path), cell_text(new, path)
        if a != b:
            out.append({"path": path, "label": cell_label(spec, path), "before": a or "（空白）", "after": b or "（空白）"})
    return out


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:60] + "…"


def finalise(user, organ: Organ, year: int, explanations: dict[str, str]) -> FinalReport:  # noqa: ANN001
    """Freeze the live report as the next version; ValidationError (Chinese) when it may not be."""
    require_edit(user, organ, "为{organ}定稿")
    report, findings = live(organ, year)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise ValidationError(f"校验发现 {len(errors)} 个错误，不能定稿：" + "；".join(f.message for f in errors[:3]))
    warnings = [f for f in findings if f.severity == "warning"]
    missing = [f for f in warnings if not explanations.get(finding_key(f), "").strip()]
    if missing:
        raise ValidationError(f"还有 {len(missing)} 条警告未写说明：请逐条说明原因后再定稿。")
    document = report.to_dict()
    with transaction.atomic():
        last = FinalReport.objects.select_for_update().filter(organ=organ, year=year).order_by("-version").first()
        sha = digest(document)
        if last is not None and last.sha256 == sha:
            raise ValidationError(f"当前报告与第 {last.version} 版定稿相同，无需再次定稿。")
        final = FinalReport.objects.create(
            organ=organ, year=year, version=last.version + 1 if last else 1, document=document, sha256=sha,
            finalised_by=user, finalised_at=timezone.now(),
            explanations=[
                {"rule": f.rule, "cells": list(f.cells), "message": f.message,
                 "explanation": explanations[finding_key(f)].strip()}
                for f in warnings
            ],
            change_note=changes(last.document, document) if last else [],
        )
        audit.record(user, organ, "finalise_report", final, None, {"version": final.version, "sha256": sha})
    return final
