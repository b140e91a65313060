"""Completeness (RC-1 … RC-4): what the report must say is said, not left empty or read as zeros.

条例第五十条 lists what an annual report contains; the national formats print it as parts 一 … 六
and the section 二 table. An empty narrative part, or a section 二 cell left blank (never entered in a
register, printed blank in a published report), is a finding — a blank is not a 0.
"""

from __future__ import annotations

from collections.abc import Iterator

from ogi.model import Report

from .labels import cell
from .registry import Context, Finding, finding, rule


def _empty_text(report: Report, rid: str, section: str) -> Iterator[Finding]:
    text = getattr(report.sections, f"{section}_text")
    if not text.strip() and report.spec is not None:
        label = report.spec.heading(section).label
        yield finding(rid, [], "已填写", "空白", f"第{label[0]}部分“{label}”没有内容，请填写。")


@rule("RC-1", severity="error", basis="implied", title="第一部分“总体情况”应有内容")
def rc_1(report: Report, ctx: Context) -> Iterator[Finding]:
    yield from _empty_text(report, "RC-1", "s1")


@rule("RC-2", severity="error", basis="implied", title="第五部分“存在的主要问题及改进情况”应有内容")
def rc_2(report: Report, ctx: Context) -> Iterator[Finding]:
    yield from _empty_text(report, "RC-2", "s5")


@rule("RC-3", severity="warning", basis="implied", formats=("2021",), title="第六部分“其他需要报告的事项”应有内容（至少说明信息处理费收取情况）")
def rc_3(report: Report, ctx: Context) -> Iterator[Finding]:
    yield from _empty_text(report, "RC-3", "s6")


@rule("RC-4", severity="warning", basis="implied", title="第二部分每行都应填写（没有的填 0）")
def rc_4(report: Report, ctx: Context) -> Iterator[Finding]:
    spec = report.spec
    if spec is None:
        return
    for block in spec.s2:
        for row in block.rows:
            paths = [f"s2.{block.key}.{row.key}.{c.key}" for c in block.columns]
            blank = [p for p in paths if report.has(p) and report.semantic(p) == "blank"]
            if not blank:
                continue
            what = "整行" if len(blank) == len(paths) else "、".join(cell(spec, p).rsplit("·", 1)[-1] for p in blank)
            yield finding(
                "RC-4", blank, "已填写", "空白",
                f"第二部分 {block.label}·{row.label} 未填写（{what}）；没有的请填 0。",
            )
