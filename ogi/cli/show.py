"""Human-readable output of ``ogi parse`` and ``ogi check`` (Rich tables on a terminal).

Every text that comes from a report (organ, keys, messages, places) is escaped: a report is no Rich
markup, and “[/]” in an organ's name must print as written.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
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
    console.print(f"[bold]{escape(report.organ) or '（机关未识别）'}[/bold] {report.year or '？'} 年度 · "
                  f"{FORMAT_NAME[report.format]} · {escape(report.source.path)}")
    s = report.sections
    if s.s2 and report.spec:
        t = Table("第二部分", "数值", title="二、主动公开政府信息情况", title_justify="left")
        for path, v in report.cells().items():
            if path.startswith("s2."):
                t.add_row(escape(cell(report.spec, path)), str(v))
        console.print(t)
    s3_columns = report.spec.s3_columns if report.spec else S3_COLUMNS
    s4_columns = report.spec.s4_columns if report.spec else S4_COLUMNS
    if s.s3:
        t = Table("", *(c.label for c in s3_columns), title="三、收到和处理政府信息公开申请情况", title_justify="left")
        t.columns[0].min_width = 24
        for key, cols in s.s3.items():
            t.add_row(escape(s3_row(report.spec, key)), *(_shown(report, f"s3.{key}.{c.key}", cols) for c in s3_columns))
        console.print(t)
    if s.s4:
        t = Table("", *(c.label for c in s4_columns), title="四、政府信息公开行政复议、行政诉讼情况", title_justify="left")
        for key, cols in s.s4.items():
            t.add_row(escape(s4_group(key)), *(_shown(report, f"s4.{key}.{c.key}", cols) for c in s4_columns))
        console.print(t)
    for d in report.diagnostics:
        where = f"（{escape(d.where)}）" if d.where else ""
        console.print(f"{LEVEL[d.level]} {escape(d.code)} {escape(d.message)}{where}")


def _shown(report: Report, path: str, cols: dict[str, int]) -> str:
    key = path.rsplit(".", 1)[1]
    if key not in cols:
        return "?"
    sem = report.semantic(path)
    return "（空白）" if sem == "blank" else str(cols[key])


def show_findings(report: Report, findings: list[Finding], name: str) -> None:
    counts = {lv: sum(1 for f in findings if f.severity == lv) for lv in ("error", "warning", "info")}
    console.print(f"[bold]{escape(name)}[/bold]  {escape(report.organ)} {report.year or '？'} 年度 · {FORMAT_NAME[report.format]}："
                  f"{counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 个提示")
    for f in findings:
        console.print(f"  {LEVEL[f.severity]} {escape(f.rule)} {escape(f.message)}")
    if not findings:
        console.print("  未发现问题。")


__all__ = ["show_findings", "show_report", "s3_column", "s4_column"]
