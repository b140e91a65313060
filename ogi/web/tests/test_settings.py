from __future__ import annotations

import stat
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ogi.web import settings


def test_it_reads_a_postgres_database_url_without_extra_packages():
    db = settings.database_from_url("postgres://ogi:p%40ss@db.example:5433/registers")
    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "django.db.backends.postgresql", "registers", "ogi", "p@ss", "db.example", "5433",
    )


def test_postgres_connections_come_from_a_bounded_pool():
    db = settings.database_from_url("postgres://ogi@db.example/registers", pool_size=6)
    assert db["OPTIONS"]["pool"]["max_size"] == 6
    assert db["CONN_MAX_AGE"] == 0  # Django refuses persistent connections with a pool
    assert db["CONN_HEALTH_CHECKS"] is True


def test_sqlite_connections_are_kept_and_checked():
    db = settings.sqlite_database(Path("/tmp/x"), max_age=120)
    assert (db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"]) == (120, True)


def test_it_reads_worker_counts_and_refuses_bad_ones(monkeypatch):
    monkeypatch.setenv("OGI_WORKERS", "3")
    assert settings.envint("OGI_WORKERS", 5, minimum=1) == 3
    monkeypatch.delenv("OGI_WORKERS")
    assert settings.envint("OGI_WORKERS", 5, minimum=1) == 5
    for bad in ("0", "-2", "many", "2.5"):
        monkeypatch.setenv("OGI_WORKERS", bad)
        with pytest.raises(ImproperlyConfigured, match="OGI_WORKERS 应为不小于 1 的整数"):
            settings.envint("OGI_WORKERS", 5, minimum=1)


def test_it_refuses_a_database_url_it_cannot_use():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        settings.database_from_url("mysql://root@localhost/ogi")


def test_it_generates_the_secret_key_once_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("OGI_SECRET_KEY", raising=False)
    first = settings.secret_key(tmp_path / "data")
    assert settings.secret_key(tmp_path / "data") == first and len(first) > 40
    assert stat.S_IMODE((tmp_path / "data" / "secret_key").stat().st_mode) == 0o600


def test_it_refuses_a_bad_boolean(monkeypatch):
    monkeypatch.setenv("OGI_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="OGI_DEBUG"):
        settings.envbool("OGI_DEBUG", False)


def test_the_sqlite_default_lives_in_the_data_dir(tmp_path):
    db = settings.sqlite_database(tmp_path)
    assert db["NAME"] == tmp_path / "ogi.sqlite3"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]


def test_passwords_are_hashed_with_argon2_in_production():
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.USE_TZ) == ("zh-hans", "Asia/Shanghai", True)


def test_it_reads_the_default_correction_period_and_refuses_one_out_of_range(monkeypatch):
    monkeypatch.setenv("OGI_CORRECTION_PERIOD_WORKDAYS", "10")
    assert settings.envint("OGI_CORRECTION_PERIOD_WORKDAYS", 15, minimum=1, maximum=60) == 10
    monkeypatch.delenv("OGI_CORRECTION_PERIOD_WORKDAYS")
    assert settings.envint("OGI_CORRECTION_PERIOD_WORKDAYS", 15, minimum=1, maximum=60) == 15
    for bad in ("0", "61", "十五"):
        monkeypatch.setenv("OGI_CORRECTION_PERIOD_WORKDAYS", bad)
        with pytest.raises(ImproperlyConfigured, match="OGI_CORRECTION_PERIOD_WORKDAYS"):
            settings.envint("OGI_CORRECTION_PERIOD_WORKDAYS", 15, minimum=1, maximum=60)
