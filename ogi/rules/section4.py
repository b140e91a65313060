"""Section 四 rules (``annual-report.md`` §6.2): R4-1, R4-2 (and blank totals)."""

from __future__ import annotations

from collections.abc import Iterator

from ogi.model import Report

from .labels import cell, s4_group
from .registry import Context, Finding, finding, rule

PARTS = ("upheld", "corrected", "other", "pending")


def _blank(report: Report, path: str) -> bool:
    return report.semantic(path) == "blank"


@rule("R4-1", severity="error", basis="implied", title="每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结")
def r4_1(report: Report, ctx: Context) -> Iterator[Finding]:
    for g in report.sections.s4:
        paths = [f"s4.{g}.total"] + [f"s4.{g}.{c}" for c in PARTS]
        if not all(report.has(p) for p in paths) or _blank(report, paths[0]):
            continue
        printed = int(report.value(paths[0]))
        expected = sum(int(report.value(p)) for p in paths[1:])
        if printed != expected:
            yield finding(
                "R4-1",
                paths,
                expected,
                printed,
                f"第四部分“{s4_group(g)}”：总计应为 {expected}（维持、纠正、其他、尚未审结之和），实为 {printed}。",
            )


@rule("R4-2", severity="error", basis="implied", title="第四部分每个数值都是非负整数")
def r4_2(report: Report, ctx: Context) -> Iterator[Finding]:
    for g, cols in report.sections.s4.items():
        for c, x in cols.items():
            path = f"s4.{g}.{c}"
            if x < 0 or report.semantic(path) == "text":
                raw = report.cells_meta[path].raw if path in report.cells_meta else str(x)
                yield finding("R4-2", [path], "非负整数", raw, f"{cell(report.spec, path)} 应为非负整数，实为“{raw}”。")


@rule("S-blank-total", severity="info", basis="structure", title="第四部分总计空白：不作算术校验")
def s4_blank_total(report: Report, ctx: Context) -> Iterator[Finding]:
    for g in report.sections.s4:
        path = f"s4.{g}.total"
        if report.has(path) and _blank(report, path):
            yield finding(
                "S-blank-total", [path], None, "", f"{cell(report.spec, path)} 为空白（未填写），该组无法校验。"
            )
