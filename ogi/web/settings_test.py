"""Settings for the test suite: the real settings, a throw-away data dir, MD5 hashing for speed."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("OGI_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("OGI_DATA_DIR", tempfile.mkdtemp(prefix="ogi-test-"))

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
