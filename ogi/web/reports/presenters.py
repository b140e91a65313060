"""Findings as a clerk reads them: the rule's Chinese title and the cells' Chinese row/column labels;
the rule id and the cell paths stay for a tooltip."""

from __future__ import annotations

from ogi.diagnostics import CODES
from ogi.rules import RULES, Finding
from ogi.rules.labels import cell as cell_label
from ogi.spec import Format

from .finalise import finding_key

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def title(rule: str) -> str:
    if rule in RULES:
        return RULES[rule].title
    return "报告结构" if rule in CODES else rule


def present(findings: list[Finding], spec: Format | None, explained: dict[str, str]) -> list[dict[str, str]]:
    out = []
    for f in findings:
        key = finding_key(f)
        cells = [cell_label(spec, p.removeprefix("previous:")) + ("（上年）" if p.startswith("previous:") else "")
                 for p in f.cells if "." in p]
        out.append({
            "key": key, "severity": f.severity, "severity_label": SEVERITY[f.severity], "title": title(f.rule),
            "message": f.message, "cells": "、".join(cells), "detail": " ".join([f.rule, *f.cells]),
            "explanation": explained.get(key, ""),
        })
    return out
