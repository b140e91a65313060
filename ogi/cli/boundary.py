"""The one error boundary of the ``ogi`` command.

Every command runs inside :meth:`Group.main`: an :class:`~ogi.errors.OgiError` becomes one Chinese line
on standard error and exit status 2; a mistake in the command line itself (an unknown option, a missing
argument, a value of the wrong type — Click's English “Usage: … Error: …”) becomes one Chinese line and
exit status 2; any other exception is a bug and becomes one line “内部错误” (exit status 2), never a
traceback. :func:`say` is the one way a command writes such a line.
"""

from __future__ import annotations

import re
import sys

import typer
from typer.core import TyperGroup

from ogi.errors import OgiError

# Click's exceptions, where this Typer has them (its own copy of Click since 0.20-something, Click before).
click = sys.modules[typer.BadParameter.__module__]

INTERNAL = 2  # the command could not do its work; no finding of the reports is implied


def say(message: str, where: str | None = None) -> None:
    """One line on standard error: ``ogi: <where>：<message>``."""
    print(f"ogi: {where}：{message}" if where else f"ogi: {message}", file=sys.stderr)


def say_error(exc: OgiError) -> None:
    say(exc.message, exc.where)


class Group(TyperGroup):
    """The ``ogi`` command group, with the error boundary around every command."""

    def main(self, args=None, *rest, standalone_mode: bool = True, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
        words = list(sys.argv[1:] if args is None else args)
        try:
            result = super().main(words, *rest, standalone_mode=False, **kwargs)
            code = result if isinstance(result, int) else 0
        except click.NoArgsIsHelpError as exc:  # plain “ogi”: the help, on stderr
            click.echo(exc.ctx.get_help(), err=True)
            code = 2
        except click.UsageError as exc:
            say(usage_message(exc, self._command_path(words)))
            code = 2
        except click.ClickException as exc:
            say(exc.format_message())
            code = exc.exit_code
        except typer.Abort:
            say("已取消")
            code = 1
        except OgiError as exc:
            say_error(exc)
            code = 2
        except Exception as exc:  # noqa: BLE001 - a bug still gets one line, never a traceback
            say(f"内部错误（{type(exc).__name__}：{exc}），请把这一行和所用的命令报告给开发者")
            code = INTERNAL
        if not standalone_mode:
            return code
        sys.exit(code)

    def _command_path(self, words: list[str]) -> str:
        """“ogi check” for the words of a command line (where Click's error does not say it)."""
        command = next((w for w in words if w in self.commands), None)
        return f"ogi {command}" if command else "ogi"


# -- Click's usage errors in Chinese ----------------------------------------------------------


def usage_message(exc: click.UsageError, command: str = "ogi") -> str:
    """One Chinese line for a command-line mistake, with where to find the usage."""
    if exc.ctx is not None:
        command = exc.ctx.command_path
    return f"{_what(exc)}（用法见 {command} --help）"


def _what(exc: click.UsageError) -> str:
    if isinstance(exc, click.NoSuchOption):
        near = f"，是否想用 {'、'.join(sorted(exc.possibilities))}" if exc.possibilities else ""
        return f"没有“{exc.option_name}”这个选项{near}"
    if isinstance(exc, click.BadOptionUsage):
        if "requires" in exc.message:
            return f"选项 {exc.option_name} 缺少取值"
        return f"选项 {exc.option_name} 的用法不对"
    if isinstance(exc, click.MissingParameter):
        return f"缺少{_param_name(exc.param, exc.param_type)}"
    if isinstance(exc, click.BadParameter):
        return f"{_param_name(exc.param, None)} 的取值无效：{_bad_value(exc)}"
    return _plain(exc.message)


def _param_name(param, kind: str | None) -> str:  # noqa: ANN001 - Click's Parameter
    if param is None:
        return "参数" if kind != "option" else "选项"
    if param.param_type_name == "option":
        return f"选项 {'/'.join(param.opts)}"
    return f"参数 {param.metavar or (param.name or '').upper()}"


_BAD_VALUES = (
    (re.compile(r"'(.*)' is not a valid integer"), "“{0}”不是整数"),
    (re.compile(r"'(.*)' is not a valid float"), "“{0}”不是数字"),
    (re.compile(r"Input should be a valid integer"), "应为整数"),
    (re.compile(r"Input should be a valid number"), "应为数字"),
    (re.compile(r"(?:File|Path|Directory) '(.*)' does not exist"), "“{0}”不存在"),
    (re.compile(r"'(.*)' is not one of (.*)\."), "“{0}”不是可选的值（{1}）"),
    (re.compile(r"'(.*)' is not a valid boolean"), "“{0}”不是是/否"),
)


def _bad_value(exc: click.BadParameter) -> str:
    for pattern, chinese in _BAD_VALUES:
        m = pattern.search(exc.message)
        if m:
            return chinese.format(*m.groups())
    return "请按帮助中的说明填写"


_PLAIN = (
    (re.compile(r"No such command '([^']*)'\. Did you mean '([^']*)'"), "没有“{0}”这个命令，是否想用 {1}"),
    (re.compile(r"No such command '([^']*)'"), "没有“{0}”这个命令"),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)"), "多余的参数：{0}"),
)


def _plain(message: str) -> str:
    for pattern, chinese in _PLAIN:
        m = pattern.search(message)
        if m:
            return chinese.format(*m.groups())
    return "命令用法不对"
