"""Section 二 rules (``annual-report.md`` §6.3): R2-1 … R2-4."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from ogi.model import Report
from ogi.spec import Format

from .labels import cell
from .registry import Context, Finding, finding, rule

FEE_LOOKS_LIKE_YUAN = Decimal(1_000_000)  # 万元; §6.3 R2-4: more than 10⁶ 万元 is surely 元


def _cells(report: Report) -> Iterator[tuple[str, str, object]]:
    """The section 二 cells of the report's format (a report document may carry other keys: they are
    no cells of the format, and no rule of it applies to them)."""
    spec = report.spec
    if spec is None:
        return
    known = _s2_paths(spec)
    for path, value in report.cells().items():
        if path in known:
            yield path, spec.column_kind(path), value


@lru_cache(maxsize=4)
def _s2_paths(spec: Format) -> frozenset[str]:
    return frozenset(spec.s2_paths())


def _bad(report: Report, path: str, kind: str, value: object) -> bool:
    if report.semantic(path) == "text" and kind != "money":
        return True
    if kind == "count":
        return not isinstance(value, int) or value < 0
    if kind == "money":
        return not isinstance(value, int | Decimal) or value < 0
    return not isinstance(value, int)


def _value_rule(rid: str, report: Report) -> Iterator[Finding]:
    for path, kind, value in _cells(report):
        if _bad(report, path, kind, value):
            raw = report.cells_meta[path].raw if path in report.cells_meta else str(value)
            want = {"count": "非负整数", "money": "非负金额（万元）", "signed": "整数（减少用负数）"}[kind]
            yield finding(rid, [path], want, raw, f"{cell(report.spec, path)} 应为{want}，实为“{raw}”。")


@rule("R2-1", severity="error", basis="implied", formats=("2021",), title="第二部分：件数为非负整数，收费金额为非负万元数")
def r2_1(report: Report, ctx: Context) -> Iterator[Finding]:
    yield from _value_rule("R2-1", report)


@rule("R2-2", severity="error", basis="implied", formats=("2019",), title="第二部分：本年增/减为整数，其余为非负整数")
def r2_2(report: Report, ctx: Context) -> Iterator[Finding]:
    yield from _value_rule("R2-2", report)


@rule("R2-3", severity="warning", basis="heuristic", formats=("2019",), title="对外公开总数量 ≥ 本年新公开数量")
def r2_3(report: Report, ctx: Context) -> Iterator[Finding]:
    for row in ("regulations", "normative_documents"):
        total = f"s2.art20_1.{row}.total_published"
        new = f"s2.art20_1.{row}.new_published"
        if report.has(total) and report.has(new) and report.value(total) < report.value(new):
            yield finding(
                "R2-3",
                [total, new],
                f">= {report.value(new)}",
                report.value(total),
                f"{cell(report.spec, total)} 为 {report.value(total)}，小于本年新公开数量 {report.value(new)}。",
            )


@rule("R2-4", severity="warning", basis="heuristic", formats=("2021",), title="收费金额单位应为万元")
def r2_4(report: Report, ctx: Context) -> Iterator[Finding]:
    path = "s2.art20_8.admin_fees.amount_wan_yuan"
    value = report.value(path)
    if report.has(path) and value > FEE_LOOKS_LIKE_YUAN:
        yield finding(
            "R2-4",
            [path],
            "单位：万元",
            value,
            f"{cell(report.spec, path)} 为 {value} 万元（即 {value / 10000} 亿元），像是按“元”填写的，请核对单位。",
        )
