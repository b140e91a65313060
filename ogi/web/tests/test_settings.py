from __future__ import annotations

import stat

import pytest
from django.core.exceptions import ImproperlyConfigured

from ogi.web import settings


def test_it_reads_a_postgres_database_url_without_extra_packages():
    db = settings.database_from_url("postgres://ogi:p%40ss@db.example:5433/registers")
    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "django.db.backends.postgresql", "registers", "ogi", "p@ss", "db.example", "5433",
    )


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
