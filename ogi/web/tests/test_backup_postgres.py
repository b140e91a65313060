"""Backup and restore on PostgreSQL: the demo in one database, ``ogi backup`` (pg_dump), ``ogi restore``
into a fresh database, and every row of every table, every file and the audit chain compared."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore are PostgreSQL's")


def _url(name: str) -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def ogi(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "OGI_DATA_DIR", "OGI_SECRET_KEY")}
    env["DATABASE_URL"] = url
    return subprocess.run([sys.executable, "-m", "ogi", *args], capture_output=True, text=True, env=env, timeout=600)


def _server():
    import psycopg

    return psycopg.connect(_url("postgres"), autocommit=True)


@pytest.fixture
def databases():
    names = (f"ogi_bk_src_{os.getpid()}", f"ogi_bk_dst_{os.getpid()}")
    with _server() as server:
        for name in names:
            server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            server.execute(f"CREATE DATABASE {name}")
    yield names
    with _server() as server:
        for name in names:
            server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _tables(name: str) -> dict[str, list]:
    """Every row of every table and every trigger, read with psycopg (not through ogi)."""
    import psycopg

    with psycopg.connect(_url(name)) as db:
        tables = [t for (t,) in db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")]
        rows = {t: sorted(db.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
        rows["(triggers)"] = db.execute(
            "SELECT tgrelid::regclass::text, tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2"
        ).fetchall()
    return rows


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_backup_then_restore_into_a_fresh_database_gives_everything_back(databases, tmp_path):
    src, dst = databases
    made = ogi(_url(src), "demo", "--no-serve", "--data-dir", str(tmp_path / "a"))
    assert made.returncode == 0, made.stderr
    upload = tmp_path / "a" / "uploads" / "attachments" / "2026" / "答复书.pdf"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 10)
    out = tmp_path / "b.tar"
    done = ogi(_url(src), "backup", "--data-dir", str(tmp_path / "a"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    files = len(_files(tmp_path / "a" / "uploads"))  # the upload and the demo's letters (DOCX and PDF each)
    assert files > 1
    assert done.stdout.splitlines() == [f"已写出备份 {out}（postgresql 数据库、{files} 个文件，清单含 SHA-256）"]
    restored = ogi(_url(dst), "restore", str(out), "--data-dir", str(tmp_path / "b"))
    assert restored.returncode == 0, restored.stderr
    before, after = _tables(src), _tables(dst)
    assert sum(map(len, before.values())) > 1000
    guarded = [t for t, _, _ in before["(triggers)"]]
    # the audit trail's 6 guards, 2 on each frozen table (lib/frozen.py: portal/, letters/, reports/ and
    # season/guards.py)
    assert [guarded.count(t) for t in ("audit_auditentry", "audit_chainhead", "portal_publication",
                                       "portal_publishedfile", "letters_letter", "reports_finalreport",
                                       "season_submission", "season_submissioncell")] == [3, 3, 2, 2, 2, 2, 2, 2]
    assert after == before
    assert _files(tmp_path / "b" / "uploads") == _files(tmp_path / "a" / "uploads")
    verified = ogi(_url(dst), "audit", "verify", "--data-dir", str(tmp_path / "b"))
    assert verified.returncode == 0 and verified.stdout == ogi(_url(src), "audit", "verify", "--data-dir", str(tmp_path / "a")).stdout
    again = ogi(_url(dst), "restore", str(out), "--data-dir", str(tmp_path / "c"))
    assert again.returncode == 2
    assert again.stderr.splitlines() == [f"ogi: 数据库 {dst} 不是空的；确要覆盖请加 --force"]
