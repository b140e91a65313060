"""The ``ogi`` command: a thin shell over the library (``report-model.md`` §4).

One Typer app, one error boundary (:mod:`ogi.cli.boundary`), commands registered by topic: the report
commands (:mod:`ogi.cli.report`: parse, check, render, dataset), the deadline calculator
(:mod:`ogi.cli.deadline`) and the registers system's commands (``ogi/web/cli.py``: demo, serve, report,
organs, passwd). Exit status: 0 when every file was read and no ``error`` finding was found; 1 when an
``error`` finding was found; 2 when a file could not be read or the command was used wrongly (one line on
stderr). Heavy modules (pdfium, WeasyPrint, Django) are imported only by the commands that need them.
"""

from __future__ import annotations

import typer

from . import deadline, report
from .boundary import Group

app = typer.Typer(
    name="ogi",
    cls=Group,
    help="政府信息公开工作年度报告：读取、校验、生成；依申请公开台账。",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

report.register(app)
deadline.register(app)


def _register_web() -> None:
    try:
        from ogi.web import cli as web_cli
    except ImportError:  # pragma: no cover - the web package is part of ogi
        return
    web_cli.register(app)


_register_web()


def main() -> None:
    app(prog_name="ogi")


__all__ = ["app", "main"]
