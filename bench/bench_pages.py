"""Server time of each page, one request at a time, on the load benchmark's 100,000 applications.

    python bench/bench_pages.py [--db sqlite|postgres] [--applications N] [--repeat N]

Loads the data as ``bench_load.py`` does (a clerk of one department, a supervisor of a district of 50
organs), then fetches each page of the load benchmark ``--repeat`` times through Django's test client in
this process — no server, no network: what the page costs the database and Python — and prints, per page
and role, the median and the slowest time (ms), the median CPU time of this process (ms: on SQLite the
database's work too, and less disturbed than the clock by other load) and the number of SQL queries (``--slowest N``: the N slowest
queries of each page). A page over 100 ms here
cannot hold p95 < 300 ms under the load benchmark's 100 users on two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--slowest", type=int, default=0, help="print the N slowest queries of each page")
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="ogi-pages-")
    os.environ.update(OGI_DATA_DIR=data, OGI_SECRET_KEY="bench", DJANGO_SETTINGS_MODULE="ogi.web.settings")
    os.environ.pop("DATABASE_URL", None)
    import bench_register

    if args.db == "postgres":
        os.environ["DATABASE_URL"] = bench_register._postgres_url("ogi_pages")
    import bench_load
    import django

    targets = Path(data) / "targets.json"
    bench_load.load(args.applications, targets)
    django.setup()
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.test import Client

    settings.DEBUG = True  # count queries
    settings.ALLOWED_HOSTS = ["*"]
    spec = json.loads(targets.read_text(encoding="utf-8"))
    print(f"\n{args.db}: {args.applications:,} applications; {args.repeat} requests a page (ms)")
    print(f"{'role':<12}{'page':<20}{'median':>8}{'slowest':>9}{'CPU':>6}{'queries':>9}")
    for role in ("clerk", "supervisor"):
        who = spec[role]
        client = Client()
        client.cookies["sessionid"] = who["sessions"][0]
        year = spec["year"]
        urls = {
            "dashboard": "/",
            "register filtered": "/applications/?due=overdue",
            "register answered": "/applications/?status=answered&applicant_type=natural_person",
            "register search": f"/applications/?q={who['searches'][0]}",
            "application": f"/applications/{who['applications'][0]}/",
            "report": f"/organs/{who['organ']}/{year}/report/{'?children=1' if who['children'] else ''}",
        }
        for name, url in urls.items():
            times, cpu, queries = [], [], 0
            for _ in range(args.repeat):
                reset_queries()
                t0, c0 = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                queries = len(connection.queries)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {response.status_code}")
            print(f"{role:<12}{name:<20}{statistics.median(times):>8.0f}{max(times):>9.0f}"
                  f"{statistics.median(cpu):>6.0f}{queries:>9}")
            for q in sorted(connection.queries, key=lambda q: -float(q["time"]))[:args.slowest]:
                print(f"{'':<12}{float(q['time']) * 1000:>8.0f} ms  {q['sql'][:300]}")


if __name__ == "__main__":
    main()
