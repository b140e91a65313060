"""Load benchmark: 100,000 applications, the real server (``ogi serve``: gunicorn), 100 users (locust).

    python bench/bench_load.py [--db sqlite|postgres|both] [--applications N] [--users N] [--seconds S]

For each database: loads the applications in bulk (bench_register's loading: COPY on PostgreSQL,
executemany on SQLite) with a clerk (one department) and a supervisor (a district government and its
departments), starts ``ogi serve`` on a free loopback port, and drives it with locust headless:
``--users`` simulated users, half clerks half supervisors, each waiting 1–3 s between requests, over
the dashboard, the register with a filter and with a search, an application page and the report page,
for ``--seconds``. Then each page alone with no think time (20 users, ``--seconds / 3``, at least 20 s,
logins included): its saturation throughput. Prints page × p50/p95/p99 (ms), requests, errors, saturation req/s; on
PostgreSQL also the most connections seen in pg_stat_activity for the database during the runs.
Targets: p95 < 300 ms on every page, no error. Needs ``pip install -e '.[bench]'`` (locust).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench_register  # noqa: E402

PAGES = ("dashboard", "register filtered", "register search", "application", "report")
PASSWORD = "bench-load-password-1"
SESSIONS = 60  # per role: each simulated user has a session of its own
N_ORGANS = 200  # 4 governments of 49 departments each: the supervisor sees a quarter of the cases


# ---------------------------------------------------------------- loading (child process, Django)


def load(n_apps: int, targets: Path) -> None:
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from ogi.web.applications.models import Application
    from ogi.web.organs.models import Membership, Organ

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    bench_register.load(n_apps, N_ORGANS)
    _set_due_dates(connection)
    gov, dep = Organ.objects.get(code="gov-0"), Organ.objects.get(code="dep-0")
    clerk = User.objects.create_user("bench-clerk", password=PASSWORD)
    supervisor = User.objects.create_user("bench-supervisor", password=PASSWORD)
    Membership.objects.create(user=clerk, organ=dep, role="clerk")
    Membership.objects.create(user=supervisor, organ=gov, role="supervisor")
    subtree = gov.subtree_ids()
    sessions = {who: [_session(user) for _ in range(SESSIONS)] for who, user in (("clerk", clerk), ("supervisor", supervisor))}
    own = list(Application.objects.filter(organ=dep).values_list("pk", "number")[:200])
    seen = list(Application.objects.filter(organ_id__in=subtree).values_list("pk", "number")[:2000:10])
    targets.write_text(json.dumps({
        "password": PASSWORD, "year": bench_register.YEAR + 1,
        "clerk": {"username": clerk.username, "organ": dep.code, "children": False, "sessions": sessions["clerk"],
                  "applications": [pk for pk, _ in own], "searches": [n for _, n in own[:20]] + ["人防", "B-12"]},
        "supervisor": {"username": supervisor.username, "organ": gov.code, "children": True,
                       "sessions": sessions["supervisor"],
                       "applications": [pk for pk, _ in seen], "searches": [n for _, n in seen[:20]] + ["B-3"]},
    }), encoding="utf-8")
    print(f"{connection.vendor:<10} loaded {n_apps:,} applications, {N_ORGANS} organs in {time.perf_counter() - t0:.1f} s; "
          f"the supervisor sees {len(subtree)} organs, "
          f"{Application.objects.filter(organ_id__in=subtree).count():,} applications", flush=True)


def _session(user) -> str:  # noqa: ANN001
    """A logged-in session of ``user``, made by Django's own login (the simulated users start logged in:
    a hundred Argon2 logins at once would measure the password hash, not the pages)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _set_due_dates(connection) -> None:  # noqa: ANN001
    """Open cases get the statutory due date (20 working days ≈ 28 days) so the dashboard has work."""
    days = timedelta(days=28).days
    expr = f"received_on + {days}" if connection.vendor == "postgresql" else f"date(received_on, '+{days} days')"
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE applications_application SET due_date = {expr} WHERE status = 'processing'")
        # PostgreSQL: what autovacuum does to a table in use — a bulk load and an update leave its
        # visibility map empty, and without it no query is answered from an index alone
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


# ---------------------------------------------------------------- driving


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, seconds: int = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 - loopback only
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


def locust(host: str, env: dict, users: int, seconds: int, out: Path, page: str | None = None) -> dict[str, dict]:
    """Run locust headless; its stats per request name."""
    env = {k: v for k, v in env.items() if k != "BENCH_PAGE"}
    if page:
        env["BENCH_PAGE"] = page
    cmd = [sys.executable, "-m", "locust", "-f", str(HERE / "locust_pages.py"), "--headless", "--host", host,
           "-u", str(users), "-r", str(users if page else max(users // 5, 1)), "-t", f"{seconds}s", "--csv", str(out),
           "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "5"]
    with open(f"{out}.log", "w", encoding="utf-8") as log:
        subprocess.run(cmd, env=env, check=False, stdout=log, stderr=subprocess.STDOUT, timeout=seconds + 120)
    with open(f"{out}_failures.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            print(f"  failure: {row['Name']}: {row['Error'][:200]} ×{row['Occurrences']}", flush=True)
    with open(f"{out}_stats.csv", encoding="utf-8") as f:
        return {row["Name"]: row for row in csv.DictReader(f)}


class ConnectionWatch(threading.Thread):
    """The most connections to the database seen in pg_stat_activity, sampled every 0.2 s."""

    def __init__(self, url: str, name: str) -> None:
        super().__init__(daemon=True)
        self.url, self.name, self.most, self.stop = url, name, 0, threading.Event()

    def run(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            while not self.stop.is_set():
                n = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                                 (self.name,)).fetchone()[0]
                self.most = max(self.most, n)
                time.sleep(0.2)


def run_db(db: str, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="ogi-load-") as data:
        env = {**os.environ, "OGI_DATA_DIR": data, "OGI_SECRET_KEY": "bench", "DJANGO_SETTINGS_MODULE": "ogi.web.settings"}
        env.pop("DATABASE_URL", None)
        watch = None
        if db == "postgres":
            env["DATABASE_URL"] = bench_register._postgres_url("ogi_load")
            watch = ConnectionWatch(env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres", "ogi_load")
        targets = Path(data) / "targets.json"
        subprocess.run([sys.executable, __file__, "--load", str(targets), "--applications", str(args.applications)],
                       env=env, check=True)
        env["BENCH_TARGETS"] = str(targets)
        port = free_port()
        server_log = open(Path(data) / "server.log", "w", encoding="utf-8")  # noqa: SIM115
        server = subprocess.Popen([sys.executable, "-m", "ogi", "serve", "--data-dir", data, "--port", str(port)],
                                  env=env, stdout=subprocess.DEVNULL, stderr=server_log)
        try:
            host = f"http://127.0.0.1:{port}"
            wait_up(f"{host}/healthz")
            if watch:
                watch.start()
            mixed = locust(host, env, args.users, args.seconds, Path(data) / "mixed")
            saturation = {
                page: locust(host, env, 20, max(args.seconds // 3, 20), Path(data) / f"sat{i}", page).get(page, {})
                for i, page in enumerate(PAGES)
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
            server_log.close()
            problems = [line for line in (Path(data) / "server.log").read_text(encoding="utf-8").splitlines()
                        if "CRITICAL" in line or "ERROR" in line]
            for line in problems[:5]:
                print(f"  server: {line[:200]}")
            if watch:
                watch.stop.set()
        _print(db, args, mixed, saturation, watch)


def _print(db: str, args, mixed: dict, saturation: dict, watch) -> None:  # noqa: ANN001
    workers = os.environ.get("OGI_WORKERS", "default")
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{db}: {args.applications:,} applications, {args.users} users (1–3 s think time), {args.seconds} s; "
          f"ogi serve workers={workers}; {os.cpu_count()} cores, load average after the runs {load}")
    print(f"{'page':<19}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'requests':>10}{'errors':>8}{'sat. req/s':>12}  p95<300")
    for page in PAGES:
        row, sat = mixed.get(page, {}), saturation.get(page, {})
        p95 = float(row.get("95%", "nan") or "nan")
        print(f"{page:<19}{row.get('Median Response Time', '-'):>8}{row.get('95%', '-'):>8}{row.get('99%', '-'):>8}"
              f"{row.get('Request Count', '-'):>10}{row.get('Failure Count', '-'):>8}"
              f"{float(sat.get('Requests/s', 'nan')):>12.1f}  {'yes' if p95 < 300 else 'NO'}")
    total = mixed.get("Aggregated", {})
    print(f"{'all pages':<19}{total.get('Median Response Time', '-'):>8}{total.get('95%', '-'):>8}"
          f"{total.get('99%', '-'):>8}{total.get('Request Count', '-'):>10}{total.get('Failure Count', '-'):>8}")
    if watch:
        print(f"PostgreSQL connections to the database, most seen during the runs: {watch.most} "
              f"(max_connections {_max_connections()})")
    sys.stdout.flush()


def _max_connections() -> str:
    import psycopg

    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    with psycopg.connect(f"{base}/postgres") as conn:
        return conn.execute("SHOW max_connections").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--load", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        load(args.applications, args.load)
        return
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        run_db(db, args)


if __name__ == "__main__":
    main()
