"""Settings for the test suite: the real settings, a throw-away data dir, MD5 hashing for speed."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("OGI_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("OGI_DATA_DIR", tempfile.mkdtemp(prefix="ogi-test-"))

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - WhiteNoise reads it (empty: nothing collected)

# Two test runs at once on one PostgreSQL server must not drop each other's test database.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}  # noqa: F405
else:
    # A file, not SQLite's shared in-memory database: concurrency tests run requests in threads, and
    # shared-cache memory databases answer "table is locked" instead of waiting (busy timeout).
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
