"""The research dataset (``ogi dataset``): SQLite in long form, resumable runs, nothing half-written,
a summary, and the same job on a Dask cluster writing Parquet partitioned by year.

Expected values come from the files: the seed report (2020, 大渡口区人防办: 行政处罚 上一年项目数量 4,
三 新收 total 3 …) and 平潭 2020, whose table 三 has the two published R3-2 errors (NOTES.md §2)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ogi import dataset as ds
from tests.shared import REAL, SEED

PINGTAN = REAL / "2020_pingtan.txt"


def ogi(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ogi", *map(str, args)], capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    f = tmp_path / "in"
    f.mkdir()
    (f / "seed.txt").write_bytes(SEED.read_bytes())
    (f / "pingtan.txt").write_bytes(PINGTAN.read_bytes())
    (f / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    return f


def test_it_writes_reports_cells_and_findings_to_sqlite(folder, tmp_path):
    out = tmp_path / "all.sqlite"
    run = ogi("dataset", folder, "-o", out)
    assert run.returncode == 2, run.stderr  # broken.pdf could not be read
    assert "读取 2 份（txt 2），失败 1 份（pdf 1）" in run.stderr
    assert "R3-2 2" in run.stderr  # findings by rule: 平潭's two published errors
    db = sqlite3.connect(out)
    reports = {Path(s).name: (status, year) for s, status, year in db.execute("SELECT source, status, year FROM reports")}
    assert reports == {"seed.txt": ("ok", 2020), "pingtan.txt": ("ok", 2020), "broken.pdf": ("error", None)}
    value, raw, semantic, where = db.execute(
        "SELECT value, raw, semantic, printed_at FROM cells JOIN reports ON id = report_id"
        " WHERE source LIKE '%seed.txt' AND path = 's2.art20_6.admin_penalty.prev_year_items'"
    ).fetchone()
    assert (value, raw, semantic) == (4, "4", "value") and where.startswith("第") and where.endswith("行")
    rules = [r for (r,) in db.execute("SELECT rule FROM findings JOIN reports ON id = report_id WHERE source LIKE '%pingtan.txt' AND severity = 'error'")]
    assert rules == ["R3-2", "R3-2"]
    cells = db.execute("SELECT COUNT(*) FROM cells JOIN reports ON id = report_id WHERE source LIKE '%seed.txt'").fetchone()[0]
    assert cells == len(ds.record_for(folder / "seed.txt")["cells"]) > 100


def test_it_skips_unchanged_files_on_a_rerun_and_rereads_a_changed_one(folder, tmp_path):
    out = tmp_path / "all.sqlite"
    ogi("dataset", folder, "-o", out)
    (folder / "broken.pdf").unlink()
    again = ogi("dataset", folder, "-o", out)
    assert again.returncode == 0 and "未变而跳过 2 份" in again.stderr and "读取 0 份" in again.stderr
    (folder / "seed.txt").write_bytes(SEED.read_bytes() + b"\n")  # same report, another hash
    third = ogi("dataset", folder, "-o", out)
    assert "读取 1 份（txt 1）" in third.stderr and "未变而跳过 1 份" in third.stderr
    db = sqlite3.connect(out)
    assert db.execute("SELECT COUNT(*) FROM reports WHERE source LIKE '%seed.txt'").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(DISTINCT report_id) FROM cells").fetchone()[0] == 2
    assert db.execute("SELECT COUNT(*) FROM cells GROUP BY report_id, path HAVING COUNT(*) > 1").fetchall() == []


def test_an_interrupted_sqlite_run_keeps_only_whole_reports(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(ds, "BATCH", 1)
    done = ds.record_for(folder / "seed.txt")

    def interrupted():
        yield done
        yield ds.record_for(folder / "pingtan.txt") | {"cells": [("s3.x", 1, "1", "value", "", None)] * 2}
        raise KeyboardInterrupt

    db = ds.open_store(tmp_path / "all.sqlite")
    with pytest.raises((KeyboardInterrupt, sqlite3.IntegrityError)):
        list(ds.store(db, interrupted()))
    names = [Path(s).name for (s,) in db.execute("SELECT source FROM reports")]
    assert names == ["seed.txt"]  # the second report (its cells failed to insert) left nothing
    assert db.execute("SELECT COUNT(*) FROM cells").fetchone()[0] == len(done["cells"])


def test_a_failed_wide_write_leaves_the_old_file_and_no_partial(tmp_path):
    out = tmp_path / "all.parquet"
    out.write_bytes(b"the previous dataset")
    with pytest.raises(Exception):  # noqa: B017 - pyarrow's own error: a year that is not a number
        ds.write([{"source": "a.txt", "year": "二〇二〇", "status": "ok"}], out)
    assert out.read_bytes() == b"the previous dataset"
    assert [p.name for p in tmp_path.iterdir()] == ["all.parquet"]


def test_it_summarises_by_kind_and_rule():
    records = [
        {"row": {"status": "ok"}, "kind": "txt", "findings": [("R3-2",), ("R3-2",), ("S-glued-digits",)]},
        {"row": {"status": "ok"}, "kind": "pdf", "findings": []},
        {"row": {"status": "error"}, "kind": "pdf"},
    ]
    assert ds.summary(records, skipped=4) == (
        "读取 2 份（pdf 1，txt 1），失败 1 份（pdf 1），未变而跳过 4 份\n发现问题（按规则）：R3-2 2，S-glued-digits 1"
    )


def test_it_runs_on_a_dask_cluster_of_two_workers_writing_parquet_by_year(folder, tmp_path):
    import pyarrow.dataset as pads
    from distributed import LocalCluster

    out = tmp_path / "by-year"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        done, skipped = ds.run_on_dask(ds.collect([str(folder)]), out, cluster.scheduler_address)
    assert skipped == 0
    assert sorted(Path(r["row"]["source"]).name for r in done) == ["broken.pdf", "pingtan.txt", "seed.txt"]
    assert sorted(p.name for p in out.iterdir()) == ["year=2020", "year=__HIVE_DEFAULT_PARTITION__"]
    table = pads.dataset(out, format="parquet", partitioning="hive").to_table().to_pylist()
    rows = {Path(r["source"]).name: r for r in table}
    assert rows["seed.txt"]["year"] == 2020 and rows["seed.txt"]["s2.art20_6.admin_penalty.prev_year_items"] == 4
    assert rows["pingtan.txt"]["errors"] == 2 and rows["broken.pdf"]["status"] == "error"
    assert not any(p.name.endswith(".partial") for p in out.rglob("*"))


def test_the_command_runs_on_a_scheduler_of_worker_processes(folder, tmp_path):
    from distributed import LocalCluster

    (folder / "broken.pdf").unlink()
    out = tmp_path / "by-year"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        run = ogi("dataset", folder, "-o", out, "--scheduler", cluster.scheduler_address)
        again = ogi("dataset", folder, "-o", out, "--scheduler", cluster.scheduler_address)
    assert run.returncode == 1, run.stderr  # 平潭's R3-2 errors
    assert "读取 2 份（txt 2），失败 0 份" in run.stderr
    assert [p.name for p in out.iterdir()] == ["year=2020"]
    assert again.returncode == 0 and "读取 0 份" in again.stderr and "未变而跳过 2 份" in again.stderr, again.stderr
    refused = ogi("dataset", folder, "-o", tmp_path / "other", "--scheduler", "tcp://127.0.0.1:9")
    assert refused.returncode == 2 and "无法连接 Dask 调度器 tcp://127.0.0.1:9" in refused.stderr


def _dataset(out: Path) -> dict[str, dict]:
    import pyarrow.dataset as pads

    table = pads.dataset(out, format="parquet", partitioning="hive").to_table().to_pylist()
    rows = {Path(r["source"]).name: r for r in table}
    assert len(rows) == len(table), "a file is in the dataset twice"
    return rows


def _idle(cluster) -> None:
    import time

    deadline = time.monotonic() + 60
    while cluster.scheduler.tasks and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not cluster.scheduler.tasks


def test_a_dask_run_interrupted_half_way_is_resumed_and_a_rerun_skips_unchanged_files(folder, tmp_path):
    import pyarrow.parquet as pq
    from distributed import LocalCluster

    from ogi.fixtures import random_report
    from ogi.render import render

    printed = {f"r{seed}.txt": random_report(seed, "2021") for seed in (1, 2, 3)}
    for name, report in printed.items():
        (folder / name).write_bytes(render(report, "txt"))
    files = ds.collect([str(folder)])
    assert len(files) == 6
    out = tmp_path / "by-year"
    partial = tmp_path / ".by-year.partial"

    def stop(done: int) -> None:
        if done >= 2:
            raise KeyboardInterrupt

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        with pytest.raises(KeyboardInterrupt):
            ds.run_on_dask(files, out, address, chunk=1, on_part=stop)
        _idle(cluster)  # a task already running when the run was interrupted finishes its part
        assert not out.exists()  # nothing published half-way
        kept = [pq.read_table(p).to_pylist() for p in partial.glob("year=*/part-*.parquet")]
        assert all(len(rows) == 1 for rows in kept)  # one file a task: every part whole
        read_before = {r[0]["source"] for r in kept if r[0]["status"] == "ok"}
        assert len(read_before) >= 1

        done, skipped = ds.run_on_dask(files, out, address, chunk=1)
        assert skipped == len(read_before) and len(done) == 6 - skipped
        assert not {r["row"]["source"] for r in done} & read_before  # not read twice
        rows = _dataset(out)
        assert sorted(rows) == sorted(f.name for f in files)
        assert rows["seed.txt"]["s2.art20_6.admin_penalty.prev_year_items"] == 4
        for name, report in printed.items():
            cells = report.cells()
            assert all(rows[name][path] == value for path, value in cells.items() if path.startswith("s3."))
        assert not partial.exists() and not any(p.name.startswith(".") for p in tmp_path.iterdir())

        done, skipped = ds.run_on_dask(files, out, address, chunk=1)
        assert [Path(r["row"]["source"]).name for r in done] == ["broken.pdf"] and skipped == 5
        assert len(_dataset(out)) == 6

        (folder / "seed.txt").write_bytes(SEED.read_bytes() + b"\n")  # same report, another hash
        done, skipped = ds.run_on_dask(files, out, address, chunk=1)
        assert sorted(Path(r["row"]["source"]).name for r in done) == ["broken.pdf", "seed.txt"] and skipped == 4
        rows = _dataset(out)
        assert len(rows) == 6 and rows["seed.txt"]["sha256"] == ds._sha256(folder / "seed.txt")


def test_a_dask_run_never_replaces_a_directory_it_did_not_write(folder, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes")
    with pytest.raises(ds.UsageError, match="不是 ogi dataset 写的 Parquet 目录"):
        ds.run_on_dask(ds.collect([str(folder)]), out, "tcp://127.0.0.1:9")
    assert (out / "notes.txt").read_text() == "my notes"
