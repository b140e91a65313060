"""Human-readable output of ``ogi parse`` and ``ogi check`` (Rich tables on a terminal)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ogi.model import Report
from ogi.rules import Finding
from ogi.rules.labels import cell, s3_column, s3_row, s4_column, s4_group
from ogi.spec import FORMATS
from ogi.spec.common import S3_COLUMNS, S4_COLUMNS

console = Console(highlight=False, soft_wrap=True)
if not console.is_terminal:  # piped into a file or a pager: do not squeeze labels to 80 columns
    console = Console(highlight=False, soft_wrap=True, width=220)
LEVEL = {"error": "[red]错误[/red]", "warning": "[yellow]警告[/yellow]", "info": "[blue]提示[/blue]"}
FORMAT_NAME = {name: f"{name} 格式" for name in FORMATS} | {"pre2019": "2019年以前的旧格式", "unknown": "未识别的格式"}


def show_report(report: Report) -> None:
    console.print(f"[bold]{report.organ or '（机关未识别）'}[/bold] {report.year or '？'} 年度 · "
                  f"{FORMAT_NAME[report.format]} · {report.source.path}")
    s = report.sections
    if s.s2 and report.spec:
        t = Table("第二部分", "数值", title="二、主动公开政府信息情况", title_justify="left")
        for path, v in report.cells().items():
            if path.startswith("s2."):
                t.add_row(cell(report.spec, path), str(v))
        console.print(t)
    if s.s3:
        t = Table("", *(c.label for c in S3_COLUMNS), title="三、收到和处理政府信息公开申请情况", title_justify="left")
        t.columns[0].min_width = 24
        for key, cols in s.s3.items():
            t.add_row(s3_row(report.spec, key), *(_shown(report, f"s3.{key}.{c.key}", cols) for c in S3_COLUMNS))
        console.print(t)
    if s.s4:
        t = Table("", *(c.label for c in S4_COLUMNS), title="四、政府信息公开行政复议、行政诉讼情况", title_justify="left")
        for key, cols in s.s4.items():
            t.add_row(s4_group(key), *(_shown(report, f"s4.{key}.{c.key}", cols) for c in S4_COLUMNS))
        console.print(t)
    for d in report.diagnostics:
        console.print(f"{LEVEL[d.level]} {d.code} {d.message}" + (f"（{d.where}）" if d.where else ""), markup=True)


def _shown(report: Report, path: str, cols: dict[str, int]) -> str:
    key = path.rsplit(".", 1)[1]
    if key not in cols:
        return "?"
    sem = report.semantic(path)
    return "（空白）" if sem == "blank" else str(cols[key])


def show_findings(report: Report, findings: list[Finding], name: str) -> None:
    counts = {lv: sum(1 for f in findings if f.severity == lv) for lv in ("error", "warning", "info")}
    console.print(f"[bold]{name}[/bold]  {report.organ} {report.year or '？'} 年度 · {FORMAT_NAME[report.format]}："
                  f"{counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示")
    for f in findings:
        console.print(f"  {LEVEL[f.severity]} {f.rule} {f.message}")
    if not findings:
        console.print("  未发现问题。")


__all__ = ["show_findings", "show_report", "s3_column", "s4_column"]
