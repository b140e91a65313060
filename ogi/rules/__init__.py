"""The checker: one rule catalogue evaluated over a report.

    findings = check(report, previous=last_years_report)

Rules live in one module per family (section2, section3, section4, crossyear, text, completeness) and register
themselves in :data:`RULES`; reader diagnostics with ``S-`` codes become structure findings.
"""

from __future__ import annotations

from ogi.model import Report

from . import completeness, crossyear, section2, section3, section4, text  # noqa: F401  (registers the rules)
from .registry import RULES, Context, Finding, Rule, Severity, rule
from .structure import structure_findings

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def check(
    report: Report,
    previous: Report | None = None,
    *,
    severity: dict[str, Severity] | None = None,
) -> list[Finding]:
    """Every finding of every rule that applies to the report's format, structure findings first.

    ``previous`` (the same organ's report of the year before) adds the cross-year rules RX-*;
    ``severity`` overrides a rule's default severity (e.g. ``{"RX-1": "error"}``).
    """
    ctx = Context(previous=previous, severity=dict(severity or {}))
    found = list(structure_findings(report))
    if report.spec is not None:
        for r in RULES.values():
            if r.applies_to(report.format) and (previous is not None or not r.needs_previous):
                found.extend(_with_severity(f, ctx) for f in r.fn(report, ctx))
    return found


def _with_severity(f: Finding, ctx: Context) -> Finding:
    wanted = ctx.severity.get(f.rule)
    if wanted is None or wanted == f.severity:
        return f
    return Finding(f.rule, wanted, f.cells, f.expected, f.actual, f.message, f.basis)


__all__ = ["RULES", "Context", "Finding", "Rule", "check", "rule"]
