"""Cross-year rules against the previous year's report (``annual-report.md`` §6.4): RX-1 … RX-3, and
RX-0, which says when the report given as the previous one is not the same organ's report of the year
before (then RX-1 … RX-3 are not evaluated: another organ's or year's numbers prove nothing)."""

from __future__ import annotations

from collections.abc import Iterator

from ogi.model import Report

from .labels import cell, s3_column
from .registry import Context, Finding, finding, rule
from .section3 import COLUMNS, blank_total


def same_organ(a: str, b: str) -> bool:
    """The same organ as printed in two years: equal, or one name with the place before it
    (洪泽 2023 “洪泽区人民政府”, 2024 “淮安市洪泽区人民政府”). Unknown names are not contradicted."""
    a, b = "".join(a.split()), "".join(b.split())
    return not a or not b or a.endswith(b) or b.endswith(a)


def filled(report: Report, path: str) -> bool:
    """A section 二 cell with a number in it: present and not printed (or left) blank."""
    return report.has(path) and report.semantic(path) != "blank"


def _mismatch(report: Report, prev: Report) -> str | None:
    """What makes ``prev`` not the previous year's report of the same organ, or None."""
    if not same_organ(report.organ, prev.organ):
        return f"上年报告是“{prev.organ}”的报告，本报告是“{report.organ}”的报告"
    if prev.year is not None and report.year is not None and prev.year != report.year - 1:
        return f"上年报告是{prev.year}年度的报告，本报告是{report.year}年度的报告，应为{report.year - 1}年度"
    return None


def _comparable(report: Report, prev: Report | None) -> bool:
    """Both reports of a national format, the same organ, consecutive years (each rule then compares
    only the cells both reports have: 2019 section 二 and 2021 section 二 share none, RX-4)."""
    if prev is None or prev.spec is None or report.spec is None:
        return False
    return _mismatch(report, prev) is None


@rule("RX-0", severity="warning", basis="implied", title="上年报告应为同一机关上一年度的报告", needs_previous=True)
def rx_0(report: Report, ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous
    problem = None if prev is None else _mismatch(report, prev)
    if problem:
        yield finding(
            "RX-0",
            [],
            f"{report.organ}{'' if report.year is None else report.year - 1}年度",
            f"{prev.organ}{prev.year or ''}年度",  # type: ignore[union-attr]
            f"{problem}；跨年度校验（RX-1…RX-3）未作。",
        )


@rule("RX-1", severity="warning", basis="implied", title="本年“上年结转” = 上年“结转下年度继续办理”", needs_previous=True)
def rx_1(report: Report, ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous
    if not _comparable(report, prev):
        return
    assert prev is not None
    for c in COLUMNS:
        now, before = f"s3.carried_over.{c}", f"s3.carry_forward.{c}"
        if not (report.has(now) and prev.has(before)) or blank_total(report, now) or blank_total(prev, before):
            continue
        if report.value(now) != prev.value(before):
            yield finding(
                "RX-1",
                [now, f"previous:{before}"],
                prev.value(before),
                report.value(now),
                f"{report.year}年“二、上年结转”·{s3_column(c)} 为 {report.value(now)}，"
                f"但{prev.year}年报告“四、结转下年度继续办理”为 {prev.value(before)}。",
            )


@rule("RX-2", severity="warning", basis="heuristic", title="现行有效件数 = 上年现行有效 + 本年制发 − 本年废止", needs_previous=True)
def rx_2(report: Report, ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous
    if not _comparable(report, prev):
        return
    assert prev is not None
    for row in ("regulations", "normative_documents"):
        base = f"s2.art20_1.{row}"
        paths = [f"{base}.in_force", f"previous:{base}.in_force", f"{base}.issued", f"{base}.repealed"]
        if not (filled(report, paths[0]) and filled(prev, paths[0]) and filled(report, paths[2]) and filled(report, paths[3])):
            continue
        expected = prev.value(paths[0]) + report.value(paths[2]) - report.value(paths[3])
        if report.value(paths[0]) != expected:
            yield finding(
                "RX-2",
                paths,
                expected,
                report.value(paths[0]),
                f"{cell(report.spec, paths[0])} 为 {report.value(paths[0])}，按上年 {prev.value(paths[0])} + 制发 "
                f"{report.value(paths[2])} − 废止 {report.value(paths[3])} 应为 {expected}（失效、修改或清理可造成差异）。",
            )


@rule("RX-3", severity="warning", basis="heuristic", title="本年“上一年项目数量” = 上年“上一年项目数量” + 上年“本年增/减”", needs_previous=True)
def rx_3(report: Report, ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous
    if not _comparable(report, prev):
        return
    assert prev is not None and report.spec is not None
    for block in report.spec.s2:
        if not any(c.key == "change" for c in block.columns):
            continue
        for row in block.rows:
            base = f"s2.{block.key}.{row.key}"
            now, items, change = f"{base}.prev_year_items", f"{base}.prev_year_items", f"{base}.change"
            if not (filled(report, now) and filled(prev, items) and filled(prev, change)):
                continue
            expected = prev.value(items) + prev.value(change)
            if report.value(now) != expected:
                yield finding(
                    "RX-3",
                    [now, f"previous:{items}", f"previous:{change}"],
                    expected,
                    report.value(now),
                    f"{cell(report.spec, now)} 为 {report.value(now)}，按上年 {prev.value(items)} "
                    f"{prev.value(change):+} 应为 {expected}。",
                )
