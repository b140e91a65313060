"""The report commands: ``ogi parse``, ``ogi check``, ``ogi render``, ``ogi dataset``.

Errors are not handled here: an :class:`~ogi.errors.OgiError` goes to the boundary
(:mod:`ogi.cli.boundary`). Only ``parse`` and ``check`` catch one per file, so that the other files
are still read (the exit status is then 2).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ogi.errors import OgiError, UsageError
from ogi.parse.readers import extensions_text

from .boundary import say_error

FILES = Annotated[list[Path], typer.Argument(help=f"年度报告文件（{extensions_text()}；“-”：标准输入）", show_default=False)]
JSON = Annotated[bool, typer.Option("--json", help="每个文件输出一行 JSON")]
STDOUT = STDIN = "-"


def register(app: typer.Typer) -> None:
    app.command()(parse)
    app.command()(check)
    app.command()(render)
    app.command()(dataset)


def _load(path: Path):  # -> Report
    """The report in a file, or on standard input for “-”."""
    from ogi.parse import parse as parse_file
    from ogi.parse import parse_stream

    return parse_stream(sys.stdin.buffer) if str(path) == STDIN else parse_file(path)


def _read(path: Path):  # -> Report | None
    """The report in a file (“-”: standard input), or None after one line on stderr saying why it
    could not be read."""
    try:
        return _load(path)
    except OgiError as exc:
        say_error(exc)
        return None


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


def check(
    files: FILES,
    previous: Annotated[Path | None, typer.Option("--previous", help="同一机关上一年度的报告（增加跨年度校验）")] = None,
    as_json: JSON = False,
) -> None:
    """校验年度报告的勾稽关系、结构和文字，输出问题清单。"""
    from ogi.rules import check as run_checks

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


def render(
    file: Annotated[Path, typer.Argument(help="年度报告文件（任何可读取的格式，或报告 JSON；“-”：标准输入）", show_default=False)],
    to: Annotated[str, typer.Option("--to", help="html | docx | pdf | txt | json | xlsx")],
    out: Annotated[
        str | None, typer.Option("-o", "--output", help="输出文件；“-”或不给：文本格式（html、txt、json）写到标准输出")
    ] = None,
) -> None:
    """按官方格式生成年度报告（HTML、Word、PDF、文本、JSON、Excel）。"""
    from ogi.render import renderer

    kind = renderer(to)
    to_stdout = out in (None, STDOUT)
    if to_stdout and not kind.text:
        raise UsageError(f"{to} 不是文本格式，不能写到标准输出，请用 -o 指定输出文件", where="-o")
    body = kind.load()(_load(file))
    if to_stdout:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
        return
    try:
        Path(out).write_bytes(body)  # type: ignore[arg-type]
    except OSError as exc:
        raise UsageError(f"无法写入（{exc.strerror}）", where=out) from exc


def dataset(
    inputs: Annotated[list[str], typer.Argument(help="年度报告文件或目录", show_default=False)],
    out: Annotated[Path, typer.Option("-o", "--output", help="输出 .csv、.xlsx、.parquet 或 .sqlite（--scheduler 时为目录）")],
    workers: Annotated[int, typer.Option("--workers", help="并行进程数（默认：全部核心）")] = 0,
    scheduler: Annotated[str, typer.Option("--scheduler", help="Dask 调度器地址（如 tcp://10.0.0.5:8786）：在集群上读取，按年度分区写 Parquet 目录")] = "",
) -> None:
    """把许多年度报告汇成一张表：每份报告一行，每个单元格一列（.sqlite：报告、单元格、问题三张表，可续跑）。"""
    from rich.progress import Progress

    from ogi import dataset as ds

    files = ds.collect(inputs)
    suffix = out.suffix.lower()
    if not scheduler and suffix not in ds.WIDE + ds.SQLITE:
        raise UsageError(f"不支持的输出格式：{out.name}（请用 .csv、.xlsx、.parquet 或 .sqlite）")
    skipped = 0
    with Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("读取报告", total=len(files))
        tick = lambda: progress.advance(task)  # noqa: E731
        if scheduler:
            table, skipped = ds.run_on_dask(files, out, scheduler, on_part=lambda n: progress.update(task, completed=n))
        elif suffix in ds.SQLITE:
            db = ds.open_store(out)
            try:
                same = ds.unchanged(db, files)
                skipped = len(same)
                todo = [f for f in files if f not in same]
                table = list(ds.store(db, ds.records(todo, workers=workers or None, tick=tick)))
            finally:
                db.close()
        else:
            table = list(ds.records(files, workers=workers or None, tick=tick))
            ds.write([r["row"] for r in table], out)
    bad = sum(1 for r in table if r["row"]["status"] != "ok")
    print(f"{len(table)} 份报告写入 {out}；其中 {bad} 份无法读取。\n" + ds.summary(table, skipped), file=sys.stderr)
    errors = any(r["row"].get("errors") for r in table)
    raise typer.Exit(2 if bad else 1 if errors else 0)
