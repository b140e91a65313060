"""How long one statutory deadline takes to compute (``ogi deadline``, the register's due dates).

    python bench/bench_deadline.py [--runs N]

Prints the mean time per call of ``compute_deadline`` for an application received 2025-09-19 (the
National Day holiday within its 20 working days), extended, with a week's pause — the per-year
calendar cache warmed first. Target: well under a millisecond (the register recomputes every open
case when the calendar changes).
"""

from __future__ import annotations

import argparse
import time

from ogi.deadline import compute_deadline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    compute_deadline("2025-09-19", extended=True)  # warm the per-year cache
    started = time.perf_counter()
    for _ in range(args.runs):
        compute_deadline("2025-09-19", extended=True, pauses=["2025-10-13:2025-10-17"])
    per_call = (time.perf_counter() - started) / args.runs
    print(f"compute_deadline: {per_call * 1e6:.0f} µs a call over {args.runs} calls (target < 1,000 µs)")


if __name__ == "__main__":
    main()
