"""Section 三 rules (``annual-report.md`` §6.1): R3-1 … R3-5."""

from __future__ import annotations

from collections.abc import Iterator

from ogi.model import Report
from ogi.spec.common import S3_COLUMNS

from .equations import non_negative, sum_rule
from .labels import cell, s3_column, s3_row
from .registry import Context, Finding, finding, rule

COLUMNS = tuple(c.key for c in S3_COLUMNS)
APPLICANTS = COLUMNS[:-1]
HEAD = ("new_received", "carried_over", "r_total", "carry_forward")


def result_rows(report: Report) -> list[str]:
    """The result rows （一）…（六） the report actually has (2019 r_other or 2021 r_other_*)."""
    return [k for k in report.sections.s3 if k.startswith("r_") and k != "r_total"]


def blank_total(report: Report, path: str) -> bool:
    """A 总计 cell (column 总计 or row （七）总计) printed blank: “not filled in”, not 0."""
    _, row, col = path.split(".")
    return (col == "total" or row == "r_total") and report.semantic(path) == "blank"


def usable(report: Report, paths: list[str]) -> bool:
    """An equation is checked only when all its cells exist and none is a blank total."""
    return all(report.has(p) and not blank_total(report, p) for p in paths)


def _diff(a: int, b: int) -> str:
    return f"（差 {abs(a - b)}）"


@rule("R3-1", severity="error", basis="stated", title="每列：一 + 二 = （七）总计 + 四")
def r3_1(report: Report, ctx: Context) -> Iterator[Finding]:
    for c in COLUMNS:
        paths = [f"s3.{r}.{c}" for r in HEAD]
        if not usable(report, paths):
            continue
        new, carried, total, forward = (int(report.value(p)) for p in paths)
        if new + carried != total + forward:
            yield finding(
                "R3-1",
                paths,
                total + forward,
                new + carried,
                f"第三部分“{s3_column(c)}”列：一 + 二 = {new} + {carried} = {new + carried}，"
                f"（七）总计 + 四 = {total} + {forward} = {total + forward}{_diff(new + carried, total + forward)}。"
                "表中注明本列应满足“第一项加第二项之和，等于第三项加第四项之和”，请核对该列。",
            )


@rule("R3-2", severity="error", basis="implied", title="每列：（七）总计 = 各办理结果之和")
def r3_2(report: Report, ctx: Context) -> Iterator[Finding]:
    rows = result_rows(report)
    for c in COLUMNS:
        paths = [f"s3.r_total.{c}"] + [f"s3.{r}.{c}" for r in rows]
        if usable(report, paths):
            yield from sum_rule("R3-2", report, paths, lambda e, p, c=c: (
                f"（七）总计·{s3_column(c)} 应为 {e}（各办理结果之和），实为 {p}{_diff(e, p)}。"
            ))


@rule("R3-3", severity="error", basis="implied", title="每行：总计 = 自然人 + 五类法人或其他组织")
def r3_3(report: Report, ctx: Context) -> Iterator[Finding]:
    for r in report.sections.s3:
        paths = [f"s3.{r}.total"] + [f"s3.{r}.{c}" for c in APPLICANTS]
        if usable(report, paths):
            yield from sum_rule("R3-3", report, paths, lambda e, p, r=r: (
                f"第三部分“{s3_row(report.spec, r)}”行：总计应为 {e}（自然人与五类法人或其他组织之和），"
                f"实为 {p}{_diff(e, p)}。"
            ))


@rule("R3-4", severity="error", basis="implied", title="第三部分每个数值都是非负整数")
def r3_4(report: Report, ctx: Context) -> Iterator[Finding]:
    yield from non_negative("R3-4", report, "s3")


@rule("R3-5", severity="info", basis="heuristic", title="总计单元格空白：不作算术校验")
def r3_5(report: Report, ctx: Context) -> Iterator[Finding]:
    for r, cols in report.sections.s3.items():
        for c in cols:
            path = f"s3.{r}.{c}"
            if blank_total(report, path):
                yield finding(
                    "R3-5",
                    [path],
                    None,
                    "",
                    f"{cell(report.spec, path)} 为空白（未填写），含此单元格的勾稽关系无法校验；"
                    "空白不等于 0，请填写总计。",
                )
