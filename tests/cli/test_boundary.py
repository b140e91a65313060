"""The one error boundary of ``ogi``: usage errors in Chinese, library errors and bugs as one line, exit 2.

Run in-process with Typer's CliRunner on the real ``ogi`` app (``prog_name="ogi"`` as the console script).
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ogi.cli import app
from tests.shared import SEED


def ogi(*args: str):
    return CliRunner().invoke(app, list(args), prog_name="ogi")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["check", "--nope", str(SEED)], "ogi: 没有“--nope”这个选项（用法见 ogi check --help）"),
        (["check", "--previou", "x", str(SEED)], "ogi: 没有“--previou”这个选项，是否想用 --previous（用法见 ogi check --help）"),
        (["render", str(SEED)], "ogi: 缺少选项 --to（用法见 ogi render --help）"),
        (["render", str(SEED), "--to"], "ogi: 选项 --to 缺少取值（用法见 ogi render --help）"),
        (["check"], "ogi: 缺少参数 FILES（用法见 ogi check --help）"),
        (["dataset", str(SEED), "-o", "x.csv", "--workers", "两个"], "ogi: 选项 --workers 的取值无效：应为整数（用法见 ogi dataset --help）"),
        (["chek", str(SEED)], "ogi: 没有“chek”这个命令，是否想用 check（用法见 ogi --help）"),
        (["deadline", "--received", "2024-09-27", "extra"], "ogi: 多余的参数：extra（用法见 ogi deadline --help）"),
    ],
)
def test_it_says_usage_errors_in_one_chinese_line_with_status_2(args, line):
    run = ogi(*args)
    assert run.exit_code == 2
    assert run.stderr.splitlines() == [line]
    assert run.stdout == ""


def test_it_turns_a_library_error_into_one_line(tmp_path):
    run = ogi("render", str(SEED), "--to", "odt", "-o", str(tmp_path / "x.odt"))
    assert run.exit_code == 2
    assert run.stderr.splitlines() == ["ogi: 不支持的输出格式“odt”，可选：html、docx、pdf、txt、json、xlsx"]


def test_it_turns_a_bug_into_one_internal_error_line(monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("r_total")

    monkeypatch.setattr("ogi.rules.check", broken)
    run = ogi("check", str(SEED))
    assert run.exit_code == 2
    assert run.stderr.splitlines() == [
        "ogi: 内部错误（KeyError：'r_total'），请把这一行和所用的命令报告给开发者"
    ]
    assert "Traceback" not in run.output


def test_it_still_runs_a_correct_command_with_status_0():
    run = ogi("check", str(SEED), "--json")
    assert run.exit_code == 0 and run.stderr == ""
    assert '"organ": "重庆市大渡口区人民防空办公室"' in run.stdout
