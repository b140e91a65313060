"""The ``ogi`` command: a thin shell over the library (``report-model.md`` §4).

Exit status: 0 when every file was read and no ``error`` finding was found; 1 when an ``error`` finding
was found; 2 when a file could not be read or the command was used wrongly (one line on stderr).
Heavy modules (pdfplumber, WeasyPrint, Django) are imported only by the commands that need them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .errors import OgiError

app = typer.Typer(
    name="ogi",
    help="政府信息公开工作年度报告：读取、校验、生成；依申请公开台账。",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

FILES = Annotated[list[Path], typer.Argument(help="年度报告文件（.txt .md .html .docx .pdf .xlsx .json）", show_default=False)]
JSON = Annotated[bool, typer.Option("--json", help="每个文件输出一行 JSON")]


def fail(what: str, message: str) -> None:
    """One line on stderr naming the file (or argument) and what is wrong."""
    print(f"ogi: {what}：{message}" if what else f"ogi: {message}", file=sys.stderr)


def _read(path: Path):  # -> Report | None
    from .parse import parse

    try:
        return parse(path)
    except OgiError as exc:
        fail(str(path), exc.message)
    except Exception as exc:  # noqa: BLE001 - a bug must still not print a traceback
        fail(str(path), f"内部错误（{type(exc).__name__}）：{exc}")
    return None


@app.command()
def parse(files: FILES, as_json: JSON = False) -> None:
    """读取年度报告并输出其数据。"""
    from .show import show_report

    status = 0
    for path in files:
        report = _read(path)
        if report is None:
            status = 2
            continue
        if as_json:
            print(report.to_json())
        else:
            show_report(report)
    raise typer.Exit(status)


@app.command()
def check(
    files: FILES,
    previous: Annotated[Path | None, typer.Option("--previous", help="同一机关上一年度的报告（增加跨年度校验）")] = None,
    as_json: JSON = False,
) -> None:
    """校验年度报告的勾稽关系、结构和文字，输出问题清单。"""
    from .rules import check as run_checks
    from .show import show_findings

    prev = None
    if previous is not None:
        prev = _read(previous)
        if prev is None:
            raise typer.Exit(2)
    status = 0
    for path in files:
        report = _read(path)
        if report is None:
            status = 2
            continue
        findings = run_checks(report, previous=prev)
        if any(f.severity == "error" for f in findings):
            status = max(status, 1)
        if as_json:
            doc = {"source": report.source.path or str(path), "format": report.format, "year": report.year,
                   "organ": report.organ, "findings": [f.to_dict() for f in findings]}
            print(json.dumps(doc, ensure_ascii=False))
        else:
            show_findings(report, findings, str(path))
    raise typer.Exit(status)


@app.command()
def render(
    file: Annotated[Path, typer.Argument(help="年度报告文件（任何可读取的格式，或报告 JSON）", show_default=False)],
    to: Annotated[str, typer.Option("--to", help="html | docx | pdf | txt | json | xlsx")],
    out: Annotated[Path, typer.Option("-o", "--output", help="输出文件")],
) -> None:
    """按官方格式生成年度报告（HTML、Word、PDF、文本、JSON、Excel）。"""
    from .render import RENDERERS
    from .render import render as do_render

    if to not in RENDERERS:
        fail("--to", f"不支持“{to}”，可选：{'、'.join(RENDERERS)}")
        raise typer.Exit(2)
    report = _read(file)
    if report is None:
        raise typer.Exit(2)
    try:
        out.write_bytes(do_render(report, to))
    except OgiError as exc:
        fail(str(file), exc.message)
        raise typer.Exit(2) from None
    except OSError as exc:
        fail(str(out), f"无法写入（{exc.strerror}）")
        raise typer.Exit(2) from None


@app.command()
def dataset(
    inputs: Annotated[list[str], typer.Argument(help="年度报告文件或目录", show_default=False)],
    out: Annotated[Path, typer.Option("-o", "--output", help="输出 .csv、.xlsx 或 .parquet")],
    workers: Annotated[int, typer.Option("--workers", help="并行进程数（默认：全部核心）")] = 0,
) -> None:
    """把许多年度报告汇成一张表：每份报告一行，每个单元格一列。"""
    from rich.progress import Progress

    from . import dataset as ds

    try:
        files = ds.collect(inputs)
        if out.suffix.lower() not in (".csv", ".xlsx", ".parquet"):
            raise OgiError(f"不支持的输出格式：{out.name}（请用 .csv、.xlsx 或 .parquet）")
        with Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
            task = progress.add_task("读取报告", total=len(files))
            table = list(ds.rows(files, workers=workers or None, tick=lambda: progress.advance(task)))
        ds.write(table, out)
    except OgiError as exc:
        fail("", exc.message)
        raise typer.Exit(2) from None
    bad = sum(1 for r in table if r["status"] != "ok")
    print(f"{len(table)} 份报告写入 {out}；其中 {bad} 份无法读取。", file=sys.stderr)
    raise typer.Exit(2 if bad else 1 if any(r.get("errors") for r in table) else 0)


def _register_optional() -> None:
    """Commands of the registers system and the deadline calculator (imported lazily inside)."""
    from . import cli_deadline

    cli_deadline.register(app)
    try:
        from .web import cli as web_cli
    except ImportError:  # pragma: no cover - the web package is part of ogi
        return
    web_cli.register(app)


_register_optional()


def main() -> None:
    try:
        app()
    except OgiError as exc:  # pragma: no cover - commands handle their own
        fail(exc.where or "", exc.message)
        sys.exit(2)
