"""Hostile inputs on the command line: exit status 2 and one line in Chinese, at once.

The refusals themselves take well under a second (``tests/parse/test_guards.py`` times them
in-process); here the whole command runs, interpreter start-up included, under a timeout that a
blocking read (a FIFO without writer) or a read without end (``/dev/zero``) would hit.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import ogi
from ogi.fixtures import sample_report


def ogi_cli(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "ogi", *map(str, args)], capture_output=True, text=True, timeout=20
    )
    return run, time.perf_counter() - start


def merged_range_workbook(path: Path) -> Path:
    """The official workbook with one merged range over the whole grid on its first sheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(ogi.render(sample_report("2021"), "xlsx"))) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:  # fmt: skip
        for info in src.infolist():
            xml = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = xml.replace(
                    b"</sheetData>",
                    b'</sheetData><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>',
                )
            out.writestr(info, xml)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda tmp: Path("/dev/zero"),
            "ogi: zero：这是字符设备（如 /dev/zero），不是普通文件，拒绝读取",
        ),
        (
            lambda tmp: (os.mkfifo(tmp / "r.txt"), tmp / "r.txt")[1],
            "r.txt：这是命名管道（FIFO），不是普通文件，拒绝读取",
        ),
        (
            lambda tmp: (tmp / "r.pdf").mkdir() or tmp / "r.pdf",
            "r.pdf：这是一个目录，不是文件，拒绝读取",
        ),
        (
            lambda tmp: merged_range_workbook(tmp / "m.xlsx"),
            "m.xlsx：Excel 工作表“一、总体情况”的合并单元格 A1:XFD1048576 过大",
        ),
    ],
    ids=["dev-zero", "fifo", "directory", "merged-range-xlsx"],
)
@pytest.mark.parametrize("command", ["parse", "check"])
def test_it_refuses_a_hostile_input_with_exit_2_and_one_line(tmp_path, make, message, command):
    path = make(tmp_path)
    run, elapsed = ogi_cli(command, path)
    assert run.returncode == 2, run.stderr
    assert run.stdout == "" and len(run.stderr.splitlines()) == 1
    assert message in run.stderr and "Traceback" not in run.stderr
    assert elapsed < 10


def test_it_reads_the_same_workbook_without_the_merged_range(tmp_path):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(ogi.render(sample_report("2021"), "xlsx"))
    run, _ = ogi_cli("parse", path, "--json")
    assert run.returncode == 0, run.stderr
    assert '"organ": "某某市示例局"' in run.stdout


def test_it_prints_report_texts_that_look_like_markup_as_written(tmp_path):
    report = sample_report("2021")
    report.organ = "某局[/bold]（试行）[/]"
    data = report.to_dict()
    data["sections"]["s2"]["zz_block"] = {
        "row": {"col": 1}
    }  # a key of no format: shown by its path
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for command in ("parse", "check"):
        run, _ = ogi_cli(command, path)
        assert run.returncode == 0, run.stderr
        assert "某局[/bold]（试行）[/]" in run.stdout and "Traceback" not in run.stderr
    assert "s2.zz_block.row.col" in ogi_cli("parse", path)[0].stdout
