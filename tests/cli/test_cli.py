"""The ogi command as a user runs it: real processes, exit status, stdout/stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared import REAL, SEED


def ogi(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ogi", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_it_checks_the_seed_clean():
    run = ogi("check", SEED, "--json")
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert (doc["format"], doc["year"], doc["organ"]) == ("2019", 2020, "重庆市大渡口区人民防空办公室")
    assert [f for f in doc["findings"] if f["severity"] in ("error", "warning")] == []


def test_it_exits_1_on_pingtan_2020_with_the_two_real_errors():
    run = ogi("check", REAL / "2020_pingtan.txt", "--json")
    assert run.returncode == 1
    errors = [f for f in json.loads(run.stdout)["findings"] if f["severity"] == "error"]
    # NOTES.md §2: detail rows 26 / 27 against printed （七）总计 20 / 21
    assert [(f["rule"], f["cells"][0], f["expected"], f["actual"]) for f in errors] == [
        ("R3-2", "s3.r_total.natural_person", 26, 20),
        ("R3-2", "s3.r_total.total", 27, 21),
    ]


def test_it_prints_one_report_document_per_line(tmp_path):
    run = ogi("parse", SEED, SEED, "--json")
    lines = run.stdout.splitlines()
    assert run.returncode == 0 and len(lines) == 2
    doc = json.loads(lines[0])
    assert doc["schema"] == "ogi.report/1"
    assert doc["sections"]["s2"]["art20_5"]["admin_licensing"]["prev_year_items"] == 4


@pytest.mark.parametrize("content, name", [(b"", "empty.txt"), (b"\x00\x01\x02binary", "x.pdf"), (b"PK\x03\x04broken", "x.docx")])
def test_it_refuses_bad_files_with_one_line_and_status_2(tmp_path, content, name):
    bad = tmp_path / name
    bad.write_bytes(content)
    run = ogi("check", bad)
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and "Traceback" not in run.stderr


def test_it_refuses_a_missing_file_and_an_unknown_render_target(tmp_path):
    assert ogi("parse", tmp_path / "nope.pdf").returncode == 2
    run = ogi("render", SEED, "--to", "odt", "-o", tmp_path / "x.odt")
    assert run.returncode == 2 and "odt" in run.stderr and "Traceback" not in run.stderr


def test_it_renders_json_that_parses_back_to_the_same_cells(tmp_path):
    out = tmp_path / "seed.json"
    assert ogi("render", SEED, "--to", "json", "-o", out).returncode == 0
    back = json.loads(ogi("parse", out, "--json").stdout)
    first = json.loads(ogi("parse", SEED, "--json").stdout)
    assert back["sections"] == first["sections"]


def test_it_builds_a_dataset_where_a_bad_file_is_a_row(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED.read_bytes())
    (folder / "b.txt").write_bytes((REAL / "2020_pingtan.txt").read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    out = tmp_path / "all.csv"
    run = ogi("dataset", folder, "-o", out)
    assert run.returncode == 2, run.stderr  # README: 2 when a file could not be read
    assert run.stderr.strip().splitlines()[0] == f"3 份报告写入 {out}；其中 1 份无法读取。"
    import csv

    rows = {Path(r["source"]).name: r for r in csv.DictReader(out.open(encoding="utf-8-sig"))}
    assert rows["broken.pdf"]["status"] == "error" and rows["broken.pdf"]["error"]
    assert rows["a.txt"]["s2.art20_6.admin_penalty.prev_year_items"] == "4"
    assert rows["b.txt"]["s3.new_received.total"] == "21" and rows["b.txt"]["errors"] == "2"


def test_it_writes_a_parquet_dataset_that_reads_back_typed(tmp_path):
    import pyarrow.parquet as pq

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "shanghai.html").write_bytes((REAL / "2019_shanghai_bgt.html").read_bytes())
    out = tmp_path / "all.parquet"
    run = ogi("dataset", folder, "-o", out)
    assert run.returncode == 0, run.stderr
    table = pq.read_table(out)
    rows = {Path(r["source"]).name: r for r in table.to_pylist()}
    assert str(table.schema.field("year").type) == "int64" and str(table.schema.field("organ").type) == "string"
    # the seed (2020, 大渡口区人防办): 行政处罚 上一年项目数量 4, as in the CSV test
    assert rows["seed.txt"]["year"] == 2020 and rows["seed.txt"]["s2.art20_6.admin_penalty.prev_year_items"] == 4
    # 上海 2019: 政府集中采购 printed “251000元” = 25.1 万元 (annual-report.md TV-1)
    money = "s2.art20_9.gov_centralized_procurement.total_amount_wan_yuan"
    assert str(table.schema.field(money).type) == "double" and rows["shanghai.html"][money] == 25.1
    assert rows["shanghai.html"]["format"] == "2019" and rows["shanghai.html"]["status"] == "ok"


def test_it_exits_1_from_a_dataset_with_an_error_finding_and_0_when_clean(tmp_path):
    clean, wrong = tmp_path / "clean", tmp_path / "wrong"
    clean.mkdir(), wrong.mkdir()
    (clean / "seed.txt").write_bytes(SEED.read_bytes())
    (wrong / "pingtan.txt").write_bytes((REAL / "2020_pingtan.txt").read_bytes())  # NOTES.md §2: two R3-2
    assert ogi("dataset", clean, "-o", tmp_path / "c.csv").returncode == 0
    assert ogi("dataset", wrong, "-o", tmp_path / "w.csv").returncode == 1


def test_it_warns_when_previous_is_another_organs_report():
    run = ogi("check", REAL / "2022_pingtan.txt", "--previous", REAL / "2019_shanghai_bgt.html", "--json")
    assert run.returncode == 0, run.stderr  # a warning, not an error
    rx = [(f["rule"], f["severity"]) for f in json.loads(run.stdout)["findings"] if f["rule"].startswith("RX")]
    assert rx == [("RX-0", "warning")]


@pytest.mark.parametrize("out", [None, "-"])
def test_it_writes_text_formats_to_standard_output(out):
    run = ogi("render", SEED, "--to", "txt", *(["-o", out] if out else []))
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0].strip() == "重庆市大渡口区人民防空办公室2020年政府信息公开工作年度报告"
    as_json = json.loads(ogi("render", SEED, "--to", "json").stdout)
    assert as_json["organ"] == "重庆市大渡口区人民防空办公室" and as_json["year"] == 2020


def test_it_refuses_binary_formats_on_standard_output():
    run = ogi("render", SEED, "--to", "pdf")
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.splitlines() == ["ogi: -o：pdf 不是文本格式，不能写到标准输出，请用 -o 指定输出文件"]


def test_it_does_not_import_django_or_heavy_readers_to_parse_text():
    code = (
        "import sys; from typer.testing import CliRunner; from ogi.cli import app;"
        f"r = CliRunner().invoke(app, ['parse', {str(SEED)!r}]); assert r.exit_code == 0, r.output;"
        "print(sorted(m for m in ('django', 'gunicorn', 'celery', 'pdfplumber', 'weasyprint', 'docx', 'openpyxl', 'onnxruntime') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


# ---------------------------------------------------------------- standard input


def ogi_stdin(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "ogi", *args], input=data, capture_output=True, timeout=300)


def test_parse_reads_standard_input_as_a_file():
    run = ogi_stdin(SEED.read_bytes(), "parse", "-", "--json")
    assert run.returncode == 0, run.stderr.decode()
    doc = json.loads(run.stdout)
    assert (doc["organ"], doc["year"], doc["source"]["path"]) == ("重庆市大渡口区人民防空办公室", 2020, "标准输入")
    assert doc["sections"]["s2"]["art20_5"]["admin_licensing"]["prev_year_items"] == 4  # as from the file


def test_a_word_file_on_standard_input_is_told_by_its_parts(tmp_path):
    docx = tmp_path / "r.docx"
    assert ogi("render", SEED, "--to", "docx", "-o", docx).returncode == 0
    run = ogi_stdin(docx.read_bytes(), "parse", "-", "--json")
    assert run.returncode == 0, run.stderr.decode()
    doc = json.loads(run.stdout)
    assert (doc["source"]["kind"], doc["source"]["path"], doc["year"]) == ("docx", "标准输入", 2020)
    checked = ogi_stdin(docx.read_bytes(), "check", "-", "--json")
    assert checked.returncode == 0 and json.loads(checked.stdout)["findings"] == []


@pytest.mark.parametrize("data, says", [
    (b"", "ogi: 标准输入：文件是空的"),
    (b"PK\x03\x04not a zip", "ogi: 标准输入：压缩包（zip），不是可读的报告文件"),
    (bytes(range(256)) * 8, "ogi: 标准输入：不是文本文件"),
])
def test_bad_standard_input_gets_one_line_and_status_2(data, says):
    run = ogi_stdin(data, "parse", "-")
    err = run.stderr.decode()
    assert run.returncode == 2 and err.startswith(says) and len(err.strip().splitlines()) == 1, err
