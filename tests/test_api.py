"""The public API ``ogi.parse`` / ``ogi.check`` / ``ogi.render``: callable any number of times, in a fresh
process, whatever was imported before (importing ``ogi.parse`` binds the name ``parse`` on ``ogi``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import ogi

SEED = Path(__file__).resolve().parents[1].parent / "shared/corpus/seed/2020_dadukou_renfang.txt"

# The seed's title: 重庆市大渡口区人民防空办公室2020年政府信息公开工作年度报告 (2019 format).
USE_THREE_TIMES = f"""
import ogi
for _ in range(3):
    r = ogi.parse({str(SEED)!r})
    assert (r.year, r.organ, r.format) == (2020, "重庆市大渡口区人民防空办公室", "2019"), (r.year, r.organ)
    assert ogi.check(r) == ogi.check(r)
    assert "重庆市大渡口区人民防空办公室" in ogi.render(r, "txt").decode()
    assert ogi.render(r, "json").startswith(b"{{")
print("ok")
"""

BEFORE = [
    "",
    "import ogi.parse",
    "import ogi.render",
    "import ogi.parse.safety, ogi.render.txt",
    "from ogi.parse import parse",
    "from ogi import parse, render, check",
    "import ogi.cli",
]


@pytest.mark.parametrize("before", BEFORE)
def test_it_parses_checks_and_renders_again_and_again_in_a_fresh_process(before):
    run = subprocess.run(
        [sys.executable, "-c", before + "\n" + USE_THREE_TIMES],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (run.returncode, run.stdout.strip()) == (0, "ok"), run.stderr


def test_it_keeps_the_packages_reachable_as_modules():
    import ogi.parse.safety

    assert ogi.parse.safety.MAX_FILE_BYTES == 100 * 1024 * 1024
    assert ogi.parse.sniff_kind("a.pdf", b"%PDF-1.7") == "pdf"
    assert "txt" in ogi.render.RENDERERS


def test_it_calls_the_functions_of_the_same_name():
    from ogi.parse import parse
    from ogi.render import render

    r = ogi.parse(SEED)
    assert r == parse(SEED)
    assert ogi.render(r, "txt") == render(r, "txt")


def test_it_refuses_an_unknown_name():
    with pytest.raises(AttributeError, match="no attribute 'parse_all'"):
        ogi.parse_all  # noqa: B018
