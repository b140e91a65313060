"""A national format is one file: a toy third format, added by this test alone, is detected, read,
rendered, checked and put in the dataset — with no change anywhere else.

The test copies the ``ogi`` package (without the web system) into a temporary folder, adds one module
``ogi/spec/format_2031.py`` there, and runs the ``ogi`` command on that copy in fresh processes. The toy
format is the 2021 one with a changed section 五 heading, one more section 二 block (第二十条第（七）项
行政检查 · 本年检查次数) and one more section 三 row (（六）4.申请人撤回申请). The numbers are set by hand
below; expected values follow from them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.shared import ROOT

TOY_FORMAT = '''
"""A toy format (tests only): 2021's, with a new heading 五, block 二 (七) and row 三 （六）4."""

from .common import (
    G_OTHER, HEADING_S6, HEADINGS_COMMON, R_OTHER_2021, S3_COLUMNS, S3_HEAD_ROWS, S3_RESULT_ROWS,
    S3_TAIL_ROWS, S4_COLUMNS, S4_GROUPS, s3_groups,
)
from .format_2021 import FORMAT as F2021
from .types import Block, Column, Format, Heading, Row

R_OTHER = R_OTHER_2021 + (
    Row("r_other_withdrawn", "4.申请人撤回申请", group=G_OTHER, short="（六）4.申请人撤回申请"),
)
FORMAT = Format(
    name="2031",
    first_year=2031,
    title="中华人民共和国政府信息公开工作年度报告格式（示例）",
    document="示例〔2031〕1号",
    headings=HEADINGS_COMMON + (Heading("s5", "五、存在的问题及下一步工作打算"), HEADING_S6),
    s2=F2021.s2 + (
        Block("art20_7", "第二十条第（七）项", (Column("inspections", "本年检查次数"),), (Row("admin_inspection", "行政检查"),)),
    ),
    s3_columns=S3_COLUMNS,
    s3_rows=S3_HEAD_ROWS + S3_RESULT_ROWS + R_OTHER + S3_TAIL_ROWS,
    s3_groups=s3_groups(R_OTHER),
    s4_groups=S4_GROUPS,
    s4_columns=S4_COLUMNS,
    signals=F2021.signals + ("本年检查次数",),
    s2_spans=F2021.s2_spans,
    other_rows=tuple(r.key for r in R_OTHER),
)
'''

# The report, by hand: 5 new (自然人); 2 予以公开, 1 撤回 (the new row), （七）总计 3, 2 carried forward:
# 5 + 0 = 3 + 2 (R3-1). 行政检查 12 (the new block), 行政复议 1 维持. The bad twin prints （七）总计 4.
MAKE = '''
import sys
from ogi.model import blank_report, set_value

def report(total):
    r = blank_report("2031", year=2031, organ="某市示例局")
    for row, n in (("new_received", 5), ("r_open", 2), ("r_other_withdrawn", 1), ("r_total", total), ("carry_forward", 2)):
        set_value(r, f"s3.{row}.natural_person", n)
        set_value(r, f"s3.{row}.total", n)
    set_value(r, "s2.art20_7.admin_inspection.inspections", 12)
    set_value(r, "s4.review.upheld", 1)
    set_value(r, "s4.review.total", 1)
    r.sections.s1_text = "本年度共收到政府信息公开申请5件。"
    r.sections.s5_text = "一是公开时效性有待加强。"
    r.sections.s6_text = "本年度未收取信息处理费。"
    return r

open(sys.argv[1], "w", encoding="utf-8").write(report(3).to_json())
open(sys.argv[2], "w", encoding="utf-8").write(report(4).to_json())
'''


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("third-format")
    shutil.copytree(ROOT / "ogi", root / "ogi", ignore=shutil.ignore_patterns("web", "__pycache__"))
    (root / "ogi/spec/format_2031.py").write_text(textwrap.dedent(TOY_FORMAT), encoding="utf-8")
    (root / "make.py").write_text(MAKE, encoding="utf-8")
    assert run(root, sys.executable, "make.py", "good.json", "bad.json").returncode == 0
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PYTHONPATH": str(root)}
    return subprocess.run(list(args), cwd=root, env=env, capture_output=True, text=True, timeout=300)


def ogi(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(root, sys.executable, "-m", "ogi", *args)


def test_it_uses_the_copy_with_the_toy_format(copy):
    found = run(copy, sys.executable, "-c", "import ogi.spec as s; print(s.__file__, list(s.FORMATS))")
    assert found.stdout.split() == [str(copy / "ogi/spec/__init__.py"), "['2019',", "'2021',", "'2031']"]


def test_it_renders_reads_back_and_checks_a_report_of_the_toy_format(copy):
    rendered = ogi(copy, "render", "good.json", "--to", "txt", "-o", "good.txt")
    assert rendered.returncode == 0, rendered.stderr
    text = (copy / "good.txt").read_text(encoding="utf-8")
    assert "五、存在的问题及下一步工作打算" in text and "第二十条第（七）项" in text and "4.申请人撤回申请" in text

    parsed = ogi(copy, "parse", "good.txt", "--json")
    assert parsed.returncode == 0, parsed.stderr
    doc = json.loads(parsed.stdout)
    assert (doc["format"], doc["year"], doc["organ"]) == ("2031", 2031, "某市示例局")
    s3 = doc["sections"]["s3"]
    assert [s3[r]["total"] for r in ("new_received", "r_open", "r_other_withdrawn", "r_total", "carry_forward")] == [5, 2, 1, 3, 2]
    assert doc["sections"]["s2"]["art20_7"]["admin_inspection"]["inspections"] == 12
    assert doc["sections"]["s5_text"] == "一是公开时效性有待加强。"
    assert [d["code"] for d in doc["diagnostics"] if d["level"] != "info"] == []

    checked = ogi(copy, "check", "good.txt", "--json")
    assert checked.returncode == 0, checked.stderr
    assert [f["rule"] for f in json.loads(checked.stdout)["findings"] if f["severity"] == "error"] == []


def test_it_checks_the_toy_format_and_finds_the_planted_error(copy):
    checked = ogi(copy, "check", "bad.json", "--json")
    assert checked.returncode == 1
    errors = [(f["rule"], f["cells"][0], f["expected"], f["actual"]) for f in json.loads(checked.stdout)["findings"]
              if f["severity"] == "error"]
    # （七）总计 printed 4: results 2 + 1 = 3 (R3-2), and 5 + 0 ≠ 4 + 2 (R3-1), in 自然人 and 总计
    assert sorted(errors) == [
        ("R3-1", "s3.new_received.natural_person", 6, 5),
        ("R3-1", "s3.new_received.total", 6, 5),
        ("R3-2", "s3.r_total.natural_person", 3, 4),
        ("R3-2", "s3.r_total.total", 3, 4),
    ]


def test_it_detects_the_toy_format_by_its_signals_not_its_year(copy):
    ogi(copy, "render", "good.json", "--to", "txt", "-o", "good.txt")
    text = (copy / "good.txt").read_text(encoding="utf-8").replace("2031年", "2025年")
    (copy / "dated.txt").write_text(text, encoding="utf-8")
    doc = json.loads(ogi(copy, "parse", "dated.txt", "--json").stdout)
    assert (doc["format"], doc["year"]) == ("2031", 2025)
    assert [d["code"] for d in doc["diagnostics"] if d["level"] != "info"] == ["S-format-year"]


def test_it_renders_the_toy_format_as_html_and_puts_its_cells_in_the_dataset(copy):
    html = ogi(copy, "render", "good.json", "--to", "html")
    assert html.returncode == 0 and "本年检查次数" in html.stdout and "4.申请人撤回申请" in html.stdout
    made = ogi(copy, "dataset", "good.json", "-o", "all.csv")
    assert made.returncode == 0, made.stderr
    header, row = (copy / "all.csv").read_text(encoding="utf-8-sig").splitlines()[:2]
    cells = dict(zip(header.split(","), row.split(","), strict=True))
    assert cells["format"] == "2031" and cells["s2.art20_7.admin_inspection.inspections"] == "12"
    assert cells["s3.r_other_withdrawn.total"] == "1"
