"""The research dataset at scale: ``ogi dataset`` over 10,000 generated reports, time on 2 cores.

    python bench/bench_dataset.py [--reports 10000] [--workers 2] [--out DIR] [--dask]

The reports are random reports (``ogi.fixtures.random_report``, both formats, distinct seeds) rendered
as text files by the official renderer (rendering is not timed). The timed run is the command a
researcher types, ``ogi dataset DIR -o out.sqlite --workers 2``: parse, check, write reports, cells
in long form and findings to SQLite. A second run over the unchanged folder times the resumable
re-run (every file skipped by its hash). With ``--dask`` the same folder goes through
``ogi dataset DIR -o out/ --scheduler ADDRESS`` on a local Dask cluster of ``--workers`` worker
processes of one thread (Parquet by year), the re-run too.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ogi.fixtures import random_report
from ogi.render import render


def generate(folder: Path, n: int) -> None:
    for seed in range(n):
        fmt = ("2019", "2021")[seed % 2]
        (folder / f"report-{seed:05d}.txt").write_bytes(render(random_report(seed, fmt), "txt"))


def timed(args: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "ogi", *args], capture_output=True, text=True)
    return time.perf_counter() - start, run.stderr.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=None, help="keep the folder and the database here")
    ap.add_argument("--dask", action="store_true", help="on a local Dask cluster, Parquet by year")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.out or Path(tmp)
        folder = base / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        generate(folder, args.reports)
        print(f"{args.reports} reports rendered as text in {time.perf_counter() - start:.0f} s (not timed)")
        if args.dask:
            return on_dask(folder, base / "by-year", args)
        out = base / "dataset.sqlite"
        out.unlink(missing_ok=True)
        command = ["dataset", str(folder), "-o", str(out), "--workers", str(args.workers)]
        seconds, said = timed(command)
        print(said)
        print(f"first run: {seconds:.1f} s on {args.workers} workers, {args.reports / seconds:.0f} reports/s")
        db = sqlite3.connect(out)
        counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("reports", "cells", "findings")]
        db.close()
        print("rows: {} reports, {} cells, {} findings".format(*counts))
        seconds, said = timed(command)
        print(said)
        print(f"re-run (all unchanged): {seconds:.1f} s")


def on_dask(folder: Path, out: Path, args: argparse.Namespace) -> None:
    import shutil

    import pyarrow.dataset as pads
    from distributed import LocalCluster

    shutil.rmtree(out, ignore_errors=True)
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        command = ["dataset", str(folder), "-o", str(out), "--scheduler", cluster.scheduler_address]
        seconds, said = timed(command)
        print(said)
        print(f"first run on Dask: {seconds:.1f} s on {args.workers} worker processes, {args.reports / seconds:.0f} reports/s")
        rows = pads.dataset(out, format="parquet", partitioning="hive").count_rows()
        print(f"rows: {rows} reports in {sorted(p.name for p in out.iterdir())}")
        seconds, said = timed(command)
        print(said)
        print(f"re-run (all unchanged): {seconds:.1f} s")


if __name__ == "__main__":
    main()
