"""``ogi deadline`` through Typer's CliRunner (on a Typer app of our own with the error boundary, as
``ogi.cli`` builds it)."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from ogi.cli.boundary import Group
from ogi.cli.deadline import register
from ogi.workdays import package_calendar


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer(cls=Group)
    register(app)

    @app.command()
    def version() -> None:  # a second command, so that "deadline" is a sub-command as in ogi.cli
        typer.echo("0")

    return app


def _run(app: typer.Typer, *args: str):
    return CliRunner().invoke(app, ["deadline", *args])


def test_it_prints_one_json_object(app: typer.Typer) -> None:
    # 2024-09-27: 补正告知期限 2024-10-12, 答复期限 2024-10-30 (hand count in test_deadline.py).
    result = _run(app, "--received", "2024-09-27", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"received", "correction_notice_due", "due", "provisional", "steps"}
    assert (data["received"], data["correction_notice_due"], data["due"]) == (
        "2024-09-27",
        "2024-10-12",
        "2024-10-30",
    )
    assert data["provisional"] is False


def test_it_takes_correction_pauses_and_extension(app: typer.Typer) -> None:
    # Hand count in test_deadline.py: corrected 4-14, paused 4-21..4-30 → 2025-05-26; extended 20 more:
    # 21: 5-27; 22: 5-28; 23: 5-29; 24: 5-30; 5-31..6-02 端午 off; 25: 6-03; 26: 6-04; 27: 6-05; 28: 6-06;
    # 29: 6-09; 30: 6-10; 31: 6-11; 32: 6-12; 33: 6-13; 34: 6-16; 35: 6-17; 36: 6-18; 37: 6-19; 38: 6-20;
    # 39: 6-23; 40: 6-24.
    result = _run(
        app,
        "--received",
        "2025-04-01",
        "--correction-received",
        "2025-04-14",
        "--pause",
        "2025-04-21:2025-04-30",
        "--extended",
        "--json",
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["due"] == "2025-06-24"


def test_it_accepts_several_pauses(app: typer.Typer) -> None:
    # 2024-11-04 with pauses 11-05..11-08 and 11-07..11-12 → 2024-12-09 (hand count in test_deadline.py).
    result = _run(
        app,
        "--received",
        "2024-11-04",
        "--pause",
        "2024-11-05:2024-11-08",
        "--pause",
        "2024-11-07:2024-11-12",
        "--json",
    )
    assert json.loads(result.stdout)["due"] == "2024-12-09"


def test_it_prints_the_deadline_and_steps_for_people(app: typer.Typer, monkeypatch) -> None:
    # 2026 the last published year (whatever the installed package carries): 2027 counts Monday–Friday.
    monkeypatch.setattr("ogi.deadline.package_calendar", lambda: package_calendar().up_to(2026))
    result = _run(app, "--received", "2026-12-10")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("答复期限：2027-01-07（星期四）") and "暂定" in first
    assert "第16个工作日 2027-01-01（星期五）" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--received", "2024-13-01"], "「2024-13-01」不是有效日期"),
        (["--received", "2024-09-27", "--correction-received", "2024-09-01"], "早于收到申请的日期"),
        (
            ["--received", "2024-09-27", "--pause", "2024-10-09:2024-10-08"],
            "暂停的结束日期 2024-10-08 早于开始日期",
        ),
        (
            ["--received", "2024-09-27", "--pause", "2024-09-01:2024-10-08"],
            "暂停开始日期 2024-09-01 早于收到申请的日期",
        ),
        (["--received", "2024-09-27", "--pause", "2024-10-08"], "开始日期:结束日期"),
        ([], "缺少 --received"),
    ],
)
def test_it_refuses_bad_input_with_status_2_and_one_line(
    app: typer.Typer, args: list[str], message: str
) -> None:
    result = _run(app, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_it_is_a_command_of_the_ogi_app() -> None:
    from ogi.cli import app as ogi_app

    result = CliRunner().invoke(ogi_app, ["deadline", "--received", "2024-09-27", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["due"] == "2024-10-30"  # hand count in test_deadline.py
