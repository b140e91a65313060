"""Narrative against the tables, and publication date (``annual-report.md`` §6.5): RT-1 … RT-5.

RT-1 reads only sentences whose wording is unambiguous (“予以公开及部分公开258件”, “行政复议7件”…);
a number it cannot place is left alone rather than guessed, and so is a digit run too long to be a count
(more than 15 digits, ``ogi.values.MAX_DIGITS``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from ogi.model import Report
from ogi.text.normalise import fold

from .registry import Context, Finding, finding, rule
from .section3 import APPLICANTS, result_rows


def _sum(prefix: str) -> Callable[[Report], list[str]]:
    return lambda r: [f"s3.{k}.total" for k in result_rows(r) if k.startswith(prefix)]


def _one(path: str) -> Callable[[Report], list[str]]:
    return lambda r: [path]


@dataclass(frozen=True)
class Claim:
    """A kind of sentence in 一、总体情况 and the table cells whose sum it states."""

    name: str
    pattern: re.Pattern[str]
    cells: Callable[[Report], list[str]]


CLAIMS = (
    Claim("收到申请", re.compile(r"(?:受理|收到|接收|新收)(?:各类)?政府信息公开申请(?:共计|共)?(\d{1,15})件"), _one("s3.new_received.total")),
    Claim("上年结转", re.compile(r"含上年度?结转(?:申请)?(\d{1,15})件"), _one("s3.carried_over.total")),
    Claim("答复", re.compile(r"(?:答复|办结)(?:政府信息公开申请)?(\d{1,15})件\(含上年"), _one("s3.r_total.total")),
    Claim("结转下年度", re.compile(r"另有(\d{1,15})件[^。]{0,30}?(?:顺延|结转)到?下年度"), _one("s3.carry_forward.total")),
    Claim("予以公开及部分公开", re.compile(r"予以公开及部分公开(\d{1,15})件"), lambda r: ["s3.r_open.total", "s3.r_partial.total"]),
    Claim("不予公开", re.compile(r"(?<!及部分公开)(?<!予以公开,)不予公开(\d{1,15})件"), _sum("r_deny_")),
    Claim("无法提供", re.compile(r"无法提供(\d{1,15})件"), _sum("r_unable_")),
    Claim("不予处理", re.compile(r"不予处理(\d{1,15})件"), _sum("r_noproc_")),
    Claim("其他处理", re.compile(r"其他处理(\d{1,15})件"), _sum("r_other")),
    Claim("行政复议", re.compile(r"行政复议(\d{1,15})件"), _one("s4.review.total")),
    Claim("行政诉讼", re.compile(r"(?<!复议)诉讼(\d{1,15})件"), lambda r: ["s4.litigation_direct.total", "s4.litigation_after_review.total"]),
)


def _row_total(report: Report, path: str) -> int:
    """A row's 总计, or the sum of its applicant columns where the 总计 cell was left blank (上海 2019)."""
    if report.semantic(path) != "blank" or not path.startswith("s3."):
        return int(report.value(path))
    row = path.rsplit(".", 1)[0]
    return sum(int(report.value(f"{row}.{c}")) for c in APPLICANTS)


def _table(report: Report, claim: Claim) -> list[int]:
    """What the tables say for a claim; “收到” may count last year's carried-over applications too."""
    value = sum(_row_total(report, p) for p in claim.cells(report))
    if claim.name == "收到申请":
        return [value, value + _row_total(report, "s3.carried_over.total")]
    return [value]


SCOPE = re.compile(r"代表[^,。;]{0,12}$")  # “区政府办代表区政府受理…”: a narrower unit speaks; not comparable


@rule("RT-1", severity="warning", basis="heuristic", title="第一部分引用的数字与表格一致")
def rt_1(report: Report, ctx: Context) -> Iterator[Finding]:
    text = fold(report.sections.s1_text)
    for claim in CLAIMS:
        m = claim.pattern.search(text)
        cells = claim.cells(report)
        if not m or not cells or not all(report.has(p) for p in cells):
            continue
        if SCOPE.search(text[max(0, m.start() - 20) : m.start() + 4]):
            continue
        said, table = int(m.group(1)), _table(report, claim)
        if said not in table:
            yield finding(
                "RT-1",
                cells,
                table[0],
                said,
                f"第一部分称“{claim.name}{said}件”，但表格中为 {table[0]} 件。",
            )


FEE_WORDS = ("处理费", "收费", "收取")


@rule("RT-2", severity="warning", basis="heuristic", formats=("2021",), title="有逾期未缴费的申请时，第六部分应说明信息处理费")
def rt_2(report: Report, ctx: Context) -> Iterator[Finding]:
    path = "s3.r_other_fee_unpaid.total"
    if report.value(path) > 0 and "处理费" not in report.sections.s6_text:
        yield finding(
            "RT-2", [path], "说明信息处理费", report.value(path),
            f"第三部分有 {report.value(path)} 件因逾期未缴费不再处理，但第六部分未说明信息处理费收取情况。",
        )


@rule("RT-3", severity="warning", basis="heuristic", formats=("2021",), title="第六部分应说明信息处理费收取情况")
def rt_3(report: Report, ctx: Context) -> Iterator[Finding]:
    if not any(w in report.sections.s6_text for w in FEE_WORDS):
        yield finding(
            "RT-3", [], "说明信息处理费", "未提及",
            "第六部分未说明信息处理费收取情况（未收取的，也应写明“本年度未收取信息处理费”）。",
        )


GOVERNMENT = re.compile(r"(人民政府|政府|管委会|管理委员会)$")
DEPARTMENT = re.compile(r"(局|委|委员会|办公室|办公厅|厅|署|院|中心|处|站|所|部)$")


def organ_kind(organ: str) -> str:
    """government, department or unknown — from the organ's name as printed."""
    name = re.sub(r"[（(][^）)]*[）)]$", "", organ.strip())
    if GOVERNMENT.search(name):
        return "government"
    return "department" if DEPARTMENT.search(name) else "unknown"


@rule("RT-4", severity="info", basis="heuristic", title="人民政府的报告应说明工作考核、社会评议和责任追究结果")
def rt_4(report: Report, ctx: Context) -> Iterator[Finding]:
    text = report.sections.s1_text + report.sections.s5_text
    if organ_kind(report.organ) == "government" and not re.search("考核|评议|责任追究", text):
        yield finding(
            "RT-4", [], "考核、评议、责任追究", "未提及",
            "人民政府的年度报告应说明工作考核、社会评议和责任追究结果（条例第五十条第四项），正文未见相关内容。",
        )


@rule("RT-5", severity="warning", basis="heuristic", title="发布日期：部门不晚于次年1月31日，政府不晚于3月31日")
def rt_5(report: Report, ctx: Context) -> Iterator[Finding]:
    published = getattr(report, "published", None) or ""
    if not report.year or not date.min.year <= report.year < date.max.year:
        return
    try:
        day = date.fromisoformat(str(published)) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(published)) else None
    except ValueError:  # “2021-02-30”, year 0: no date
        day = None
    if day is None:
        return
    kind = organ_kind(report.organ)
    limit = date(report.year + 1, 1, 31) if kind == "department" else date(report.year + 1, 3, 31)
    if day > limit:
        who = "部门" if kind == "department" else "人民政府"
        yield finding(
            "RT-5", [], limit.isoformat(), day.isoformat(),
            f"发布日期 {day.isoformat()} 晚于{who}的法定期限 {limit.isoformat()}（条例第四十九条）。",
        )
