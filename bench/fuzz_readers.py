"""The long fuzz run of the readers and the checker: random mutated report files of every kind.

    python3 bench/fuzz_readers.py --examples 50000 [--kinds txt,pdf] [--seed 7] [--keep DIR]

The same mutations and rule as ``tests/parse/test_fuzz.py`` (see ``tests/parse/fuzzing.py``): no
exception but ``OgiError`` from ``ogi.parse`` and ``ogi.check``, no run over 5 s of CPU, no run growing the
peak memory by 256 MB. The test suite runs 2,050 fixed examples; this run draws new ones (random unless
``--seed`` is given), spreads ``--examples`` over the kinds in the test's proportions, and prints per
kind what it did: examples, outcomes (read, or which OgiError), the slowest run, the largest memory
growth, and the first broken example (shrunk by Hypothesis) if any, whose bytes ``--keep`` saves.
Exit status 1 when one was found.

First it times the command on the hostile files of issue 10 (``python3 -m ogi parse`` on
``/dev/zero``, a FIFO, a directory, and a 12 KB workbook merging ``A1:XFD1048576``): exit status and
seconds, interpreter start-up included.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.parse import fuzzing  # noqa: E402
from tests.parse.test_fuzz import EXAMPLES  # noqa: E402


def run_kind(kind: str, examples: int, seed: int | None) -> str | None:
    """Fuzz one kind; the failure Hypothesis found (shrunk), or None."""

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(fuzzing.mutated(kind))
    def run(example: fuzzing.Example) -> None:
        fuzzing.run_one(kind, example)

    if seed is not None:
        from hypothesis import seed as with_seed

        run = with_seed(seed)(run)
    try:
        with fuzzing.memory_cap():
            run()
    except Exception as exc:  # noqa: BLE001 - reported, then the next kind runs
        return f"{type(exc).__name__}: {exc}".splitlines()[0][:500]
    return None


def hostile_files(folder: Path) -> dict[str, Path]:
    fifo, directory, merged = folder / "r.txt", folder / "r.pdf", folder / "merged.xlsx"
    os.mkfifo(fifo)
    directory.mkdir()
    with zipfile.ZipFile(io.BytesIO(fuzzing.seeds()["xlsx"][-1][1])) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        b"</sheetData>", b'</sheetData><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    )
    merged.write_bytes(fuzzing.zip_of(parts))
    return {"/dev/zero": Path("/dev/zero"), "FIFO": fifo, "directory": directory,
            f"merged-range XLSX ({merged.stat().st_size // 1024} KB)": merged}  # fmt: skip


def time_hostile() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for label, path in hostile_files(Path(tmp)).items():
            start = time.perf_counter()
            run = subprocess.run([sys.executable, "-m", "ogi", "parse", str(path)], capture_output=True, text=True, timeout=60)  # fmt: skip
            elapsed = time.perf_counter() - start
            print(
                f"ogi parse {label}: exit {run.returncode} in {elapsed:.2f} s — {run.stderr.strip()}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples", type=int, default=20_000, help="examples in all (default 20000)"
    )
    parser.add_argument("--kinds", default=",".join(EXAMPLES), help="comma-separated kinds")
    parser.add_argument("--seed", type=int, default=None, help="a fixed seed (default: random)")
    parser.add_argument(
        "--keep", type=Path, default=None, help="folder for the bytes of a breaking input"
    )
    args = parser.parse_args()
    fuzzing.FAILURES = args.keep
    kinds = [k for k in args.kinds.split(",") if k]
    weight = sum(EXAMPLES[k] for k in kinds)
    fuzzing.seeds()  # render the seeds before the clock starts
    time_hostile()
    print(f"seeds: {', '.join(f'{k} {len(fuzzing.seeds()[k])}' for k in kinds)}")
    broken = 0
    started = time.perf_counter()
    for kind in kinds:
        n = max(1, round(args.examples * EXAMPLES[kind] / weight))
        before = fuzzing.Stats(fuzzing.STATS.examples.copy(), fuzzing.STATS.outcomes.copy())
        t0 = time.perf_counter()
        failure = run_kind(kind, n, args.seed)
        done = fuzzing.STATS.examples[kind] - before.examples[kind]
        outcomes = fuzzing.STATS.outcomes - before.outcomes
        print(
            f"{kind:5} {done:6} examples in {time.perf_counter() - t0:6.1f} s; "
            + ", ".join(f"{k} {v}" for k, v in outcomes.most_common())
        )
        if failure:
            broken += 1
            print(f"      BROKEN: {failure}")
    print(f"all: {fuzzing.STATS.summary()}; {time.perf_counter() - started:.0f} s")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
