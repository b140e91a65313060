"""Section 四 rules (``annual-report.md`` §6.2): R4-1, R4-2 (and blank totals)."""

from __future__ import annotations

from collections.abc import Iterator

from ogi.diagnostics import code
from ogi.model import Report

from .equations import non_negative, sum_rule
from .labels import cell, s4_group
from .registry import Context, Finding, finding, rule

PARTS = ("upheld", "corrected", "other", "pending")


def _blank(report: Report, path: str) -> bool:
    return report.semantic(path) == "blank"


@rule("R4-1", severity="error", basis="implied", title="每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结")
def r4_1(report: Report, ctx: Context) -> Iterator[Finding]:
    for g in report.sections.s4:
        paths = [f"s4.{g}.total"] + [f"s4.{g}.{c}" for c in PARTS]
        if all(report.has(p) for p in paths) and not _blank(report, paths[0]):
            yield from sum_rule("R4-1", report, paths, lambda e, p, g=g: (
                f"第四部分“{s4_group(g)}”：总计应为 {e}（维持、纠正、其他、尚未审结之和），实为 {p}。"
            ))


@rule("R4-2", severity="error", basis="implied", title="第四部分每个数值都是非负整数")
def r4_2(report: Report, ctx: Context) -> Iterator[Finding]:
    yield from non_negative("R4-2", report, "s4")


@rule("S-blank-total", severity=code("S-blank-total").level, basis="structure", title="第四部分总计空白：不作算术校验")
def s4_blank_total(report: Report, ctx: Context) -> Iterator[Finding]:
    for g in report.sections.s4:
        path = f"s4.{g}.total"
        if report.has(path) and _blank(report, path):
            yield finding(
                "S-blank-total", [path], None, "", f"{cell(report.spec, path)} 为空白（未填写），该组无法校验。"
            )
