"""Public portal benchmark: 1,000 published reports, the real server (``ogi serve``: gunicorn), 50
concurrent clients (locust, no login) on the public index — plain, by year, filtered, searched, paged —
and on report pages.

    python bench/bench_portal.py [--db sqlite|postgres|both] [--reports N] [--users N] [--seconds S]

For each database: 1,000 organs (20 governments of 49 departments each and the governments), one
published 2025 report each (the synthetic reports of ``ogi.fixtures.random_report``, rows written
directly: the DOCX round trip of publication is not what is measured), one in ten also corrected
(a second version); starts ``ogi serve`` on a free loopback port and drives it with locust headless,
``--users`` clients without think time. Prints page × p50/p95/p99 (ms), requests, errors and req/s.
Needs ``pip install -e '.[bench]'`` (locust).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench_load  # noqa: E402
import bench_register  # noqa: E402

PAGES = ("index", "index year", "index filtered", "index search", "index page 30", "report")
GOVERNMENTS = 20


def load(n_reports: int, targets: Path) -> None:
    import django

    django.setup()
    from datetime import date, datetime, timedelta
    from datetime import time as clock
    from zoneinfo import ZoneInfo

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from ogi.fixtures import random_report
    from ogi.web.organs.models import Organ
    from ogi.web.portal.lateness import deadline_for
    from ogi.web.portal.models import Publication
    from ogi.web.portal.services import figures
    from ogi.web.reports.finalise import digest

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    user = User.objects.create_user("bench-supervisor")
    govs = Organ.objects.bulk_create(
        Organ(code=f"gov-{g}", name=f"测试市第{g}区人民政府", kind="government") for g in range(GOVERNMENTS))
    per = max(1, n_reports // GOVERNMENTS - 1)
    deps = Organ.objects.bulk_create(
        Organ(code=f"dep-{g}-{d}", name=f"测试市第{g}区第{d}局", kind="department", parent=gov)
        for g, gov in enumerate(govs) for d in range(per))
    organs = (govs + deps)[:n_reports]
    rows, codes = [], []
    for i, organ in enumerate(organs):
        report = random_report(i % 50, "2021")
        report.year, report.organ = 2025, organ.name
        doc = report.to_dict()
        day = date(2026, 1, 10) + timedelta(days=i % 30)  # some after 31 January: late
        rows.append(Publication(
            organ=organ, organ_name=organ.name, organ_kind=organ.kind, year=2025, version=1, document=doc,
            sha256=digest(doc), published_at=datetime.combine(day, clock(10), ZoneInfo("Asia/Shanghai")),
            published_on=day, published_by=user, deadline=deadline_for(organ.kind, 2025),
            late_workdays=0 if day <= deadline_for(organ.kind, 2025) else 1, **figures(doc)))
        codes.append(organ.code)
    made = Publication.objects.bulk_create(rows, batch_size=200)
    corrections = [
        Publication(**{f.attname: getattr(p, f.attname) for f in Publication._meta.concrete_fields if f.attname != "id"}
                    | {"version": 2, "corrects_id": p.pk, "correction_note": "更正第二部分数据"})
        for p in made[::10]]
    Publication.objects.bulk_create(corrections, batch_size=200)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    targets.write_text(json.dumps({"codes": codes[:200], "year": 2025}), encoding="utf-8")
    print(f"{connection.vendor:<10} published {len(made):,} reports (+{len(corrections)} corrections) in "
          f"{time.perf_counter() - t0:.1f} s", flush=True)


def run_db(db: str, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="ogi-portal-") as data:
        env = {**os.environ, "OGI_DATA_DIR": data, "OGI_SECRET_KEY": "bench", "DJANGO_SETTINGS_MODULE": "ogi.web.settings"}
        env.pop("DATABASE_URL", None)
        if db == "postgres":
            env["DATABASE_URL"] = bench_register._postgres_url("ogi_portal")
        targets = Path(data) / "targets.json"
        subprocess.run([sys.executable, __file__, "--load", str(targets), "--reports", str(args.reports)],
                       env=env, check=True)
        env["BENCH_TARGETS"] = str(targets)
        port = bench_load.free_port()
        server = subprocess.Popen([sys.executable, "-m", "ogi", "serve", "--data-dir", data, "--port", str(port)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            host = f"http://127.0.0.1:{port}"
            bench_load.wait_up(f"{host}/healthz")
            out = Path(data) / "portal"
            cmd = [sys.executable, "-m", "locust", "-f", str(HERE / "locust_portal.py"), "--headless", "--host", host,
                   "-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s", "--csv", str(out),
                   "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "5"]
            with open(f"{out}.log", "w", encoding="utf-8") as log:
                subprocess.run(cmd, env=env, check=False, stdout=log, stderr=subprocess.STDOUT, timeout=args.seconds + 120)
            import csv

            with open(f"{out}_stats.csv", encoding="utf-8") as f:
                stats = {row["Name"]: row for row in csv.DictReader(f)}
        finally:
            server.terminate()
            server.wait(timeout=30)
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{db}: {args.reports:,} published reports, {args.users} clients without think time, {args.seconds} s; "
          f"{os.cpu_count()} cores, load average after the run {load}")
    print(f"{'page':<16}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'requests':>10}{'errors':>8}{'req/s':>8}")
    for name in (*PAGES, "Aggregated"):
        row = stats.get(name, {})
        print(f"{name:<16}{row.get('Median Response Time', '-'):>8}{row.get('95%', '-'):>8}{row.get('99%', '-'):>8}"
              f"{row.get('Request Count', '-'):>10}{row.get('Failure Count', '-'):>8}"
              f"{float(row.get('Requests/s', 'nan') or 'nan'):>8.1f}")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--load", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        load(args.reports, args.load)
        return
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        run_db(db, args)


if __name__ == "__main__":
    main()
