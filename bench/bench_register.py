"""Benchmark: 1,000,000 applications for 1,000 organs; build every organ's sections 三 and 四 for a year.

    python bench/bench_register.py [--db sqlite|postgres|both] [--applications N] [--organs N]

Loads the rows in bulk (SQLite: executemany in one transaction; PostgreSQL: COPY) and times
``reporting.build_all(year)`` — grouped queries in the database, no Python loop over applications.
PostgreSQL uses the database ``ogi_bench`` on ``$BENCH_POSTGRES`` (default postgres://postgres@127.0.0.1:5432),
dropped and recreated; SQLite a temporary data directory. Target: build < 5 s for all organs.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta

YEAR = 2024
APPLICANTS = ("natural_person",) * 14 + ("org_commercial", "org_commercial", "org_research", "org_public_welfare",
                                        "org_legal_service", "org_other")
OUTCOMES = ("r_open",) * 8 + ("r_partial", "r_partial", "r_deny_third_party", "r_deny_process_info",
                              "r_unable_not_held", "r_unable_not_held", "r_unable_need_creation", "r_noproc_petition",
                              "r_noproc_duplicate", "r_other_no_correction", "r_other_fee_unpaid", "r_other_other")
APP_COLUMNS = (
    "organ_id", "number", "applicant_type", "applicant_name", "applicant_id_number", "applicant_contact",
    "applicant_email", "applicant_address", "channel", "received_on", "content", "form_requested", "status",
    "extended", "extension_reason", "outcome", "outcome_reason", "answered_on", "due_provisional",
    "deadline_steps", "version", "created_at", "updated_at", "fee_method", "fee_working",
    "applicant_id_type", "delivery", "info_document_number",
)
APPEAL_COLUMNS = ("organ_id", "kind", "case_number", "body", "filed_on", "result", "decided_on", "note", "version", "created_at")


# ---------------------------------------------------------------- rows


def application_rows(n: int, organ_ids: list[int], seed: int = 1):
    """``n`` applications received 2023–2025, 95 % answered 0–45 days later."""
    rng = random.Random(seed)
    first, span = date(2023, 1, 1), (date(2025, 12, 31) - date(2023, 1, 1)).days
    now = datetime.now(UTC)
    for i in range(n):
        received = first + timedelta(days=rng.randrange(span + 1))
        answered = received + timedelta(days=rng.randrange(46)) if rng.random() < 0.95 else None
        yield (
            organ_ids[i % len(organ_ids)], f"B-{i}", rng.choice(APPLICANTS), "某", "", "", "", "", "online",
            received, "…", "", "answered" if answered else "processing", False, "",
            rng.choice(OUTCOMES) if answered else "", "", answered, False, "[]", 1, now, now, "", "", "", "", "",
        )


def appeal_rows(n: int, organ_ids: list[int], seed: int = 2):
    rng = random.Random(seed)
    first, now = date(2023, 1, 1), datetime.now(UTC)
    for i in range(n):
        filed = first + timedelta(days=rng.randrange(1095))
        decided = filed + timedelta(days=rng.randrange(20, 200)) if rng.random() < 0.8 else None
        result = rng.choice(("upheld", "upheld", "corrected", "other")) if decided else "pending"
        kind = rng.choice(("review", "review", "litigation_direct", "litigation_after_review"))
        yield (organ_ids[i % len(organ_ids)], kind, "", "", filed, result, decided, "", 1, now)


# ---------------------------------------------------------------- loading


def load(n_apps: int, n_organs: int) -> list[int]:
    from django.db import connection, transaction

    from ogi.web.organs.models import Organ

    govs = Organ.objects.bulk_create(
        [Organ(code=f"gov-{g}", name=f"某区人民政府{g}", kind="government") for g in range(n_organs // 50 or 1)]
    )
    deps = Organ.objects.bulk_create([
        Organ(code=f"dep-{d}", name=f"某区某局{d}", kind="department", parent=govs[d % len(govs)])
        for d in range(n_organs - len(govs))
    ])
    ids = [o.pk for o in govs + deps]
    with transaction.atomic():
        if connection.vendor == "postgresql":
            _copy(connection, "applications_application", APP_COLUMNS, application_rows(n_apps, ids))
            _copy(connection, "appeals_appeal", APPEAL_COLUMNS, appeal_rows(n_apps // 50, ids))
        else:
            _executemany(connection, "applications_application", APP_COLUMNS, application_rows(n_apps, ids))
            _executemany(connection, "appeals_appeal", APPEAL_COLUMNS, appeal_rows(n_apps // 50, ids))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return ids


def _copy(connection, table: str, columns: tuple[str, ...], rows) -> None:  # noqa: ANN001
    raw = connection.connection
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _executemany(connection, table: str, columns: tuple[str, ...], rows) -> None:  # noqa: ANN001
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    raw = connection.connection
    batch: list[tuple] = []
    for row in rows:
        batch.append(tuple(v.isoformat() if isinstance(v, date | datetime) else v for v in row))
        if len(batch) == 50_000:
            raw.executemany(sql, batch)
            batch = []
    if batch:
        raw.executemany(sql, batch)


# ---------------------------------------------------------------- one database


def run_one(n_apps: int, n_organs: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from ogi.web.reports import build as reporting

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    load(n_apps, n_organs)
    t_load = time.perf_counter() - t0
    t1 = time.perf_counter()
    s3 = reporting.section3_counts(None, YEAR, by_organ=True)
    s4 = reporting.section4_counts(None, YEAR, by_organ=True)
    t_queries = time.perf_counter() - t1
    t2 = time.perf_counter()
    reports = reporting.build_all(YEAR)
    t_build = time.perf_counter() - t2
    totals = sum(r.sections.s3["new_received"]["total"] for r in reports.values())
    balanced = all(_balanced(r) for r in reports.values())
    print(
        f"{connection.vendor:<10} load {n_apps:,} applications / {n_organs:,} organs: {t_load:6.1f} s   "
        f"grouped queries 三+四: {t_queries:5.2f} s   build_all({YEAR}) incl. {len(reports)} Report objects: "
        f"{t_build:5.2f} s   ({len(s3)} organs with 三 data, {len(s4)} with 四; new_received {totals:,}; "
        f"R3-1 holds everywhere: {balanced})",
        flush=True,
    )


def _balanced(report) -> bool:  # noqa: ANN001
    s3 = report.sections.s3
    return all(
        s3["new_received"][c] + s3["carried_over"][c] == s3["r_total"][c] + s3["carry_forward"][c] for c in s3["r_total"]
    )


# ---------------------------------------------------------------- driver


def _postgres_url(name: str = "ogi_bench") -> str:
    """A fresh database ``name`` on ``$BENCH_POSTGRES`` (dropped first, its connections ended)."""
    import psycopg

    base = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--organs", type=int, default=1_000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.applications, args.organs)
        return
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        with tempfile.TemporaryDirectory(prefix="ogi-bench-") as data:
            env = {**os.environ, "OGI_DATA_DIR": data, "OGI_SECRET_KEY": "bench", "DJANGO_SETTINGS_MODULE": "ogi.web.settings"}
            env.pop("DATABASE_URL", None)
            if db == "postgres":
                env["DATABASE_URL"] = _postgres_url()
            cmd = [sys.executable, __file__, "--child", "--applications", str(args.applications), "--organs", str(args.organs)]
            subprocess.run(cmd, env=env, check=True)


if __name__ == "__main__":
    main()
