"""``ogi deadline``: the statutory answer deadline of an application and its steps.

``ogi.cli`` calls :func:`register` on its Typer app; a wrong date or pause is a
:class:`~ogi.errors.UsageError` for the command's error boundary.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ogi.deadline import Deadline, compute_deadline, show
from ogi.errors import UsageError

HELP = "计算依申请公开的答复期限（条例第三十条、第三十三条），并列出每一步。"


def register(app: typer.Typer) -> None:
    """Add the ``deadline`` command to ``app``."""
    app.command("deadline", help=HELP)(deadline)


def deadline(
    received: Annotated[
        str | None,
        typer.Option(
            "--received", metavar="DATE", help="收到申请日期 YYYY-MM-DD（条例第三十一条）"
        ),
    ] = None,
    correction_received: Annotated[
        str | None,
        typer.Option("--correction-received", metavar="DATE", help="收到补正后申请的日期"),
    ] = None,
    pause: Annotated[
        list[str] | None,
        typer.Option(
            "--pause",
            metavar="START:END",
            help="征求第三方或其他机关意见的期间 START:END（可重复）",
        ),
    ] = None,
    extended: Annotated[
        bool, typer.Option("--extended", help="经负责人同意延长 20 个工作日")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="输出一个 JSON 对象")] = False,
) -> None:
    if received is None:
        raise UsageError("缺少 --received（收到申请日期，YYYY-MM-DD）")
    result = compute_deadline(
        received, correction_received=correction_received, pauses=pause or [], extended=extended
    )
    typer.echo(json.dumps(result.to_dict(), ensure_ascii=False) if as_json else _human(result))


def _human(result: Deadline) -> str:
    lines = [
        f"答复期限：{show(result.due)}"
        + ("（暂定：所涉年份节假日安排尚未公布）" if result.provisional else ""),
        f"补正告知期限：{show(result.correction_notice_due)}",
        "",
        "计算步骤：",
    ]
    lines += [f"  {i}. {step.text}" for i, step in enumerate(result.steps, 1)]
    return "\n".join(lines)
