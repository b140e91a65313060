"""The rule catalogue: every check ogi makes, registered once with its id, severity and basis.

A rule is a function ``(report, ctx) -> Iterable[Finding]`` registered with :func:`rule`. Its id is
the one of ``report-model.md`` §2 / ``annual-report.md`` §6; ``basis`` says where it comes from:
``stated`` (printed in the official table), ``implied`` (follows from the table design), ``heuristic``
(usually true; only warns).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from ogi.model import Number, Report

Severity = Literal["error", "warning", "info"]
Basis = Literal["stated", "implied", "heuristic", "structure"]


@dataclass(frozen=True)
class Finding:
    """One failing instance of a rule (``report-model.md`` §3). The total cell comes first in cells."""

    rule: str
    severity: Severity
    cells: tuple[str, ...]
    expected: Number | str | None
    actual: Number | str | None
    message: str
    basis: Basis = "implied"

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "cells": list(self.cells),
            "expected": _plain(self.expected),
            "actual": _plain(self.actual),
            "message": self.message,
            "basis": self.basis,
        }


def _plain(x: Any) -> Any:
    if isinstance(x, Decimal):
        return int(x) if x == x.to_integral_value() else float(x)
    return x


@dataclass
class Context:
    """What a rule may look at besides the report."""

    previous: Report | None = None
    severity: dict[str, Severity] = field(default_factory=dict)  # per-rule overrides


RuleFn = Callable[[Report, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    basis: Basis
    formats: tuple[str, ...] | None  # the formats it applies to; None: every format
    title: str
    fn: RuleFn
    needs_previous: bool = False

    def applies_to(self, format_name: str) -> bool:
        return self.formats is None or format_name in self.formats


RULES: dict[str, Rule] = {}


def rule(
    id: str,
    *,
    severity: Severity,
    basis: Basis,
    title: str,
    formats: tuple[str, ...] | None = None,
    needs_previous: bool = False,
) -> Callable[[RuleFn], RuleFn]:
    """Register a rule. Built-in rules use this exactly as a provincial variant would.

    ``formats``: the names of the national formats it applies to; by default every format, including
    one added later (a rule about cells a format lacks finds nothing there)."""

    def register(fn: RuleFn) -> RuleFn:
        if id in RULES:
            raise ValueError(f"rule {id} registered twice")
        RULES[id] = Rule(id, severity, basis, formats, title, fn, needs_previous)
        return fn

    return register


def finding(
    r: str,
    cells: Iterable[str],
    expected: Number | str | None,
    actual: Number | str | None,
    message: str,
    *,
    severity: Severity | None = None,
) -> Finding:
    """A finding of registered rule ``r`` with the rule's own severity and basis (unless overridden)."""
    spec = RULES[r]
    return Finding(r, severity or spec.severity, tuple(cells), expected, actual, f"{message}", spec.basis)
