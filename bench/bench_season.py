"""Benchmark: one season of 1,000 organs; the status board's and the roll-up's server time.

    python bench/bench_season.py [--db sqlite|postgres|both] [--organs N] [--repeat N]

One district government with N − 1 departments; each department's report (a 2021-format document with
every cell, 200 numeric cells stored per submission) is bulk-loaded in a mix of states: 70 % accepted
or published, 10 % under review, 10 % returned, 10 % not started. Each page is requested through
Django's full stack (middleware, sessions, templates; Django's test client, no network) as the
supervisor, once to warm up and then ``--repeat`` times; the median and the worst are printed with the
page's query count. Target: < 200 ms each.
PostgreSQL uses the database ``ogi_bench_season`` on ``$BENCH_POSTGRES`` (default
postgres://postgres@127.0.0.1:5432), dropped and recreated; SQLite a temporary data directory.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_register  # noqa: E402  (a fresh PostgreSQL database)

YEAR = 2024


def load(n_organs: int):  # noqa: ANN201
    from django.contrib.auth.models import User
    from django.db import transaction

    from ogi.model import Report
    from ogi.web.organs.models import Membership, Organ
    from ogi.web.reports.finalise import digest
    from ogi.web.season import services
    from ogi.web.season.choices import Source, Status
    from ogi.web.season.figures import key_figures, numeric_cells
    from ogi.web.season.models import RosterEntry, Submission, SubmissionCell
    from ogi.web.season.tests.documents import good_document

    gov = Organ.objects.create(code="gov", name="某市某区人民政府", kind="government")
    Organ.objects.bulk_create([
        Organ(code=f"dep-{i:04d}", name=f"某区某局{i:04d}", kind="department", parent=gov) for i in range(n_organs - 1)
    ])
    user = User.objects.create_user("supervisor", password="bench-bench-bench")
    Membership.objects.create(user=user, organ=gov, role="supervisor")
    season = services.open_season(user, gov, YEAR)
    entries = list(RosterEntry.objects.filter(season=season).exclude(organ=gov).select_related("organ").order_by("organ__code"))
    states = [Status.ACCEPTED] * 4 + [Status.PUBLISHED] * 3 + [Status.SUBMITTED, Status.RETURNED, Status.NOT_STARTED]
    now = datetime(2025, 1, 25, 2, tzinfo=UTC)
    subs, cells = [], []
    with transaction.atomic():
        for i, entry in enumerate(entries):
            state = states[i % len(states)]
            if state == Status.NOT_STARTED:
                continue
            report = Report.from_dict(good_document(entry.organ.name, YEAR, new=1 + i % 40))
            doc = report.to_dict()
            subs.append(Submission(entry=entry, version=1, document=doc, sha256=digest(doc), source=Source.API,
                                   submitted_at=now, **key_figures(report)))
        Submission.objects.bulk_create(subs, batch_size=500)
        by_entry = {s.entry_id: s for s in subs}
        for s in subs:
            cells.extend(SubmissionCell(submission=s, path=p, value=v) for p, v in numeric_cells(Report.from_dict(s.document)).items())
        SubmissionCell.objects.bulk_create(cells, batch_size=5000)
        for i, entry in enumerate(entries):
            state = states[i % len(states)]
            if state == Status.NOT_STARTED:
                continue
            late = i % 7 == 0
            submitted = datetime(2025, 2, 12, 2, tzinfo=UTC) if late else now
            RosterEntry.objects.filter(pk=entry.pk).update(
                status=state, current=by_entry[entry.pk], first_submitted_at=submitted, submitted_at=submitted,
                accepted_at=now if state in (Status.ACCEPTED, Status.PUBLISHED) else None,
                published_at=now if state == Status.PUBLISHED else None,
                returned_at=now if state == Status.RETURNED else None,
            )
    from django.db import connection

    from ogi.web.season import rollup

    rollup.rebuild(season)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return season, user, len(subs), len(cells)


def run_one(n_organs: int, repeat: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    season, user, n_subs, n_cells = load(n_organs)
    print(f"{connection.vendor:<10} loaded {n_organs:,} organs, {n_subs:,} submissions, {n_cells:,} cells "
          f"in {time.perf_counter() - t0:.1f} s", flush=True)
    client = Client()
    client.force_login(user)
    pages = {
        "status board (page 1 of 50)": reverse("season:board", args=[season.pk]),
        "status board sorted by lateness": reverse("season:board", args=[season.pk]) + "?sort=late",
        "status board, late only, page 2": reverse("season:board", args=[season.pk]) + "?late=1&page=2",
        "roll-up": reverse("season:rollup", args=[season.pk]),
        "roll-up cell (organs behind)": reverse("season:rollup_cell", args=[season.pk, "s3.new_received.total"]),
        "status board XLSX (1,000 rows)": reverse("season:board_xlsx", args=[season.pk]),
        "roll-up XLSX": reverse("season:rollup_xlsx", args=[season.pk]),
    }
    for title, url in pages.items():
        response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                client.get(url, secure=True)
                times.append((time.perf_counter() - t) * 1000)
        print(f"{connection.vendor:<10} {title:<34} median {statistics.median(times):6.1f} ms   worst {max(times):6.1f} ms"
              f"   {len(ctx.captured_queries)} queries", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--organs", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.organs, args.repeat)
        return
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        with tempfile.TemporaryDirectory(prefix="ogi-bench-") as data:
            env = {**os.environ, "OGI_DATA_DIR": data, "OGI_SECRET_KEY": "bench", "DJANGO_SETTINGS_MODULE": "ogi.web.settings",
                   "OGI_ALLOWED_HOSTS": "testserver"}
            env.pop("DATABASE_URL", None)
            if db == "postgres":
                env["DATABASE_URL"] = os.environ.get("DATABASE_URL") or bench_register._postgres_url("ogi_bench_season")
            cmd = [sys.executable, __file__, "--child", "--organs", str(args.organs), "--repeat", str(args.repeat)]
            subprocess.run(cmd, env=env, check=True)


if __name__ == "__main__":
    main()
