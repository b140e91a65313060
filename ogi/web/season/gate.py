"""THE GATE: the one check every channel's report passes before it becomes a submission (定稿 in one
click, an upload, the portal's token API). ``require(entry, report, explanations)`` is all the services
call; the screens call ``examine`` to show the same findings before the clerk submits.

1. the report must be the entry's: the roster organ's report (the title's organ, compared without spaces,
   a shorter printed name such as “大渡口区人民防空办公室” for “重庆市大渡口区人民防空办公室” accepted) of the
   season's year, in a national format the checker knows — else one Chinese message, nothing else is done;
2. the core's checker (``ogi.rules.check``) runs on the server, with the cross-year rules against the
   organ's previous report (``previous_report``);
3. an ``error`` finding blocks: the message goes next to its cell (the finding's first cell, the total);
4. a ``warning`` needs a written explanation (keyed by ``reports.finalise.finding_key``), which the
   supervisor sees; ``info`` findings pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from ogi.model import Report
from ogi.rules import Finding
from ogi.rules import check as rules_check
from ogi.web.reports.finalise import finding_key
from ogi.web.reports.models import FinalReport

from .choices import ROLLED_UP
from .models import RosterEntry

_SPACE = re.compile(r"\s+")
MIN_SHORT_NAME = 4  # a printed organ name shorter than this is not taken for the roster organ's


@dataclass
class Verdict:
    """What the gate found: the findings by severity, the warnings still lacking an explanation, and the
    explanations as stored on the submission (rule, cells, message, explanation)."""

    report: Report
    findings: list[Finding]
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    missing: list[Finding] = field(default_factory=list)
    explanations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def passes(self) -> bool:
        return not self.errors and not self.missing

    def problems(self) -> dict[str, list[str]]:
        """Chinese messages by field: an error's first cell path, ``explain:<finding key>`` for a warning
        without explanation, and a summary under ``NON_FIELD_ERRORS``."""
        out: dict[str, list[str]] = {}
        for f in self.errors:
            out.setdefault(f.cells[0] if f.cells else NON_FIELD_ERRORS, []).append(f.message)
        for f in self.missing:
            out.setdefault(f"explain:{finding_key(f)}", []).append(f"请说明此警告：{f.message}")
        summary = []
        if self.errors:
            summary.append(f"校验发现 {len(self.errors)} 个错误，不能报送（见各单元格旁的说明）：{self.errors[0].message}")
        if self.missing:
            summary.append(f"还有 {len(self.missing)} 条警告未写说明，请逐条说明原因后再报送")
        if summary:
            out.setdefault(NON_FIELD_ERRORS, []).extend(summary)
        return out


def _name(text: str) -> str:
    return _SPACE.sub("", text or "")


def same_organ(printed: str, organ_name: str) -> bool:
    """Whether the organ printed in a report's title is the roster organ."""
    a, b = _name(printed), _name(organ_name)
    if not a:
        return False
    return a == b or (len(a) >= MIN_SHORT_NAME and b.endswith(a))


def identify(entry: RosterEntry, report: Report) -> None:
    """Refuse a report that is not the entry's (another organ or year, no format the checker knows)."""
    expected = entry.organ.name
    year = entry.season.year
    if report.spec is None:
        raise ValidationError(
            "未能识别报告的统计表格式（应为国办公开办函〔2019〕60号或〔2021〕30号格式），不能作为年度报告报送"
        )
    if not _name(report.organ):
        raise ValidationError(f"报告标题中没有找到机关名称（应为“{expected}{year}年政府信息公开工作年度报告”）")
    if not same_organ(report.organ, expected):
        raise ValidationError(f"这是“{report.organ}”的报告，不是{expected}的，不能报送到{expected}名下")
    if report.year != year:
        shown = f"{report.year}年度" if report.year else "未写明年度"
        raise ValidationError(f"这份报告是{shown}的，本次报送的是{year}年度报告")


def previous_report(entry: RosterEntry) -> Report | None:
    """The organ's report of the year before, for the cross-year rules: its accepted or published
    submission of last year's season; else its last 定稿 of that year; None when there is neither."""
    organ_id, year = entry.organ_id, entry.season.year - 1
    last = (
        RosterEntry.objects.filter(organ_id=organ_id, season__year=year, status__in=ROLLED_UP, current__isnull=False)
        .select_related("current").order_by("-accepted_at").first()
    )
    if last is not None:
        return Report.from_dict(last.current.document)
    final = FinalReport.objects.filter(organ_id=organ_id, year=year).order_by("-version").first()
    return Report.from_dict(final.document) if final else None


def examine(entry: RosterEntry, report: Report, explanations: dict[str, str] | None = None) -> Verdict:
    """Identify the report (raises ValidationError when it is not the entry's) and check it."""
    identify(entry, report)
    explanations = explanations or {}
    findings = rules_check(report, previous_report(entry))
    verdict = Verdict(report, findings)
    for f in findings:
        if f.severity == "error":
            verdict.errors.append(f)
        elif f.severity == "warning":
            verdict.warnings.append(f)
            text = (explanations.get(finding_key(f)) or "").strip()
            if text:
                verdict.explanations.append(
                    {"rule": f.rule, "cells": list(f.cells), "message": f.message, "explanation": text}
                )
            else:
                verdict.missing.append(f)
    return verdict


def require(entry: RosterEntry, report: Report, explanations: dict[str, str] | None = None) -> Verdict:
    """The gate: the verdict when the report may be submitted, else ValidationError (Chinese messages by
    cell, see ``Verdict.problems``)."""
    verdict = examine(entry, report, explanations)
    if not verdict.passes:
        raise ValidationError(verdict.problems())
    return verdict
