"""Settings for the registers web system, driven by environment variables; runs with zero config.

``OGI_DATA_DIR``   data directory (default ``./ogi-data``): SQLite database, uploads, secret key file
``DATABASE_URL``   ``postgres://user:password@host:port/name`` to use PostgreSQL instead of SQLite
``OGI_SECRET_KEY`` secret key; default: a key generated once into ``<data dir>/secret_key``
``OGI_DEBUG``      ``true``/``false`` (default false)
``OGI_ALLOWED_HOSTS`` comma-separated host names (default ``127.0.0.1,localhost``)
``OGI_WORKERS``, ``OGI_THREADS``, ``OGI_DB_POOL_SIZE``, ``OGI_CONN_MAX_AGE``, ``OGI_BROKER_URL``: serving and
background work — every variable is described in docs/configuration.md
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

from ogi.web.lib.checks import MAX_CORRECTION_PERIOD_WORKDAYS

BASE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"环境变量 {name} 应为 true 或 false，实为 {raw!r}")


def envint(name: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"{minimum} 到 {maximum} 之间的整数" if maximum is not None else f"不小于 {minimum} 的整数"
        raise ImproperlyConfigured(f"环境变量 {name} 应为{bound}，实为 {raw!r}")
    return value


def data_dir() -> Path:
    return Path(os.environ.get("OGI_DATA_DIR") or "./ogi-data").resolve()


def database_from_url(url: str, pool_size: int = 4) -> dict:
    """``postgres://user:pw@host:port/name`` → a Django DATABASES entry (no extra package).

    Connections come from psycopg's pool, at most ``pool_size`` per server process (Django returns a
    connection to the pool at the end of each request), so the server holds at most
    ``OGI_WORKERS × OGI_DB_POOL_SIZE`` connections however many clients come.
    """
    parts = urlparse(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured(f"DATABASE_URL 只支持 postgres://，实为 {parts.scheme}://")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "postgres",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 0,  # the pool keeps the connections (Django refuses persistent ones with a pool)
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"pool": {"min_size": 1, "max_size": pool_size, "timeout": 10}},
    }


def sqlite_database(directory: Path, max_age: int = 600) -> dict:
    """One connection per server thread, kept ``max_age`` seconds and checked before reuse."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": directory / "ogi.sqlite3",
        "CONN_MAX_AGE": max_age,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; "
                "PRAGMA cache_size=-32000; PRAGMA mmap_size=268435456;"
            ),
        },
    }


def secret_key(directory: Path) -> str:
    """``OGI_SECRET_KEY``, else a key generated once into the data directory."""
    if os.environ.get("OGI_SECRET_KEY"):
        return os.environ["OGI_SECRET_KEY"]
    path = directory / "secret_key"
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


DATA_DIR = data_dir()
SECRET_KEY = secret_key(DATA_DIR)
DEBUG = envbool("OGI_DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("OGI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    # bounded contexts, imports pointing down this list's reverse order (docs/structure.md)
    "ogi.web.security",
    "ogi.web.organs",
    "ogi.web.audit",
    "ogi.web.workcalendar",
    "ogi.web.applications",
    "ogi.web.letters",
    "ogi.web.appeals",
    "ogi.web.reports",
    "ogi.web.season",
    "ogi.web.portal",
    "ogi.web.applicant",
    "ogi.web.home",
]

MIDDLEWARE = [
    "ogi.web.security.middleware.RequestLimits",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ogi.web.urls"
WSGI_APPLICATION = "ogi.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# ---- serving (ogi serve: gunicorn, gthread workers) -------------------------------------
# SQLite: one process a core — the database's work is in the process, so more processes than cores only
# trade places on them (bench_load, 2 cores: 5 processes p95 360–410 ms, 2 processes 190–300 ms).
# PostgreSQL: 2 × cores + 1 — requests wait on the server, which has its own processes (2 processes
# p95 450–690 ms, 5 processes 260–530 ms).
_CORES = os.cpu_count() or 1
WORKERS = envint("OGI_WORKERS", min(2 * _CORES + 1, 9) if os.environ.get("DATABASE_URL") else min(_CORES, 16),
                 minimum=1)
THREADS = envint("OGI_THREADS", 4, minimum=1)

DATABASES = {
    "default": database_from_url(os.environ["DATABASE_URL"], envint("OGI_DB_POOL_SIZE", THREADS, minimum=1))
    if os.environ.get("DATABASE_URL")
    else sqlite_database(DATA_DIR, envint("OGI_CONN_MAX_AGE", 600))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
STATIC_ROOT = DATA_DIR / "static"  # `ogi serve` collects the static files here at start; WhiteNoise serves them
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "uploads"
MEDIA_URL = "/uploads/"
FILE_UPLOAD_PERMISSIONS = 0o600

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
# A working day by default: a clerk's session ends in the evening, not two weeks later.
SESSION_COOKIE_AGE = envint("OGI_SESSION_HOURS", 9, minimum=1, maximum=24 * 30) * 3600
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind HTTPS (OGI_HTTPS=1): redirect to https, secure cookies, HSTS. `manage.py check --deploy` is clean.
HTTPS = envbool("OGI_HTTPS", False)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("OGI_HSTS_SECONDS", 31536000, maximum=2 * 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("OGI_HSTS_PRELOAD", True)
    if envbool("OGI_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: everything from this site only; no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Requests: the body is refused by its declared size before it is read (uploads of 20 MB at most).
MAX_REQUEST_BYTES = envint("OGI_MAX_REQUEST_MB", 25, minimum=1, maximum=1024) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Login throttling (django-axes): after OGI_LOGIN_FAILURES wrong passwords for one user name from one
# address, that pair is locked out for OGI_LOCKOUT_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("OGI_LOGIN_FAILURES", 5, minimum=1, maximum=100)
AXES_COOLOFF_TIME = timedelta(minutes=envint("OGI_LOCKOUT_MINUTES", 15, minimum=1, maximum=24 * 60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_VERBOSE = False
# Lockouts are lifted with `python3 manage.py axes_reset_username USER` (not in the admin, whose every
# model is audited or read only).
AXES_ENABLE_ADMIN = False

# The applicant's 补正 period the notice proposes unless the clerk sets another (条例第三十条: 合理的补正期限).
OGI_CORRECTION_PERIOD_WORKDAYS = envint("OGI_CORRECTION_PERIOD_WORKDAYS", 15, minimum=1, maximum=MAX_CORRECTION_PERIOD_WORKDAYS)

# ---- e-mail (the letters sent to applicants, ogi/web/letters/mail.py) -----------------------
# OGI_SMTP_HOST (unset: letters are not e-mailed, the case page says so), OGI_SMTP_PORT (25),
# OGI_SMTP_USER / OGI_SMTP_PASSWORD, OGI_SMTP_TLS (STARTTLS), OGI_MAIL_FROM (the sender's address).
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("OGI_SMTP_HOST", "")
EMAIL_PORT = envint("OGI_SMTP_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = os.environ.get("OGI_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("OGI_SMTP_PASSWORD", "")
EMAIL_USE_TLS = envbool("OGI_SMTP_TLS", False)
EMAIL_TIMEOUT = envint("OGI_SMTP_TIMEOUT", 10, minimum=1, maximum=300)
DEFAULT_FROM_EMAIL = os.environ.get("OGI_MAIL_FROM", "ogi@localhost")
OGI_MAIL_MAX_ATTEMPTS = envint("OGI_MAIL_MAX_ATTEMPTS", 8, minimum=1, maximum=100)  # then 停止重试, shown on the case

# ---- the applicant's side (ogi/web/applicant, docs/applicant.md) ------------------------
# Signals to the clerk (a human decides, 条例第三十五条): the same content from the same applicant within
# OGI_REPEAT_DAYS days (重复申请); OGI_VOLUME_COUNT or more applications within OGI_VOLUME_DAYS (大量反复申请).
OGI_REPEAT_DAYS = envint("OGI_REPEAT_DAYS", 30, minimum=1, maximum=3660)
OGI_VOLUME_DAYS = envint("OGI_VOLUME_DAYS", 30, minimum=1, maximum=3660)
OGI_VOLUME_COUNT = envint("OGI_VOLUME_COUNT", 10, minimum=2, maximum=10000)
# The public form: at most so many applications per hour and per day from one address, and from one applicant
# (certificate number); the status page: at most OGI_TRACK_FAILURES wrong tries from one address within
# OGI_TRACK_WINDOW_MINUTES. Counted in the database (every server process sees the same counts).
OGI_APPLY_PER_ADDRESS_HOUR = envint("OGI_APPLY_PER_ADDRESS_HOUR", 5, minimum=1)
OGI_APPLY_PER_ADDRESS_DAY = envint("OGI_APPLY_PER_ADDRESS_DAY", 20, minimum=1)
OGI_APPLY_PER_APPLICANT_HOUR = envint("OGI_APPLY_PER_APPLICANT_HOUR", 3, minimum=1)
OGI_APPLY_PER_APPLICANT_DAY = envint("OGI_APPLY_PER_APPLICANT_DAY", 10, minimum=1)
OGI_TRACK_FAILURES = envint("OGI_TRACK_FAILURES", 5, minimum=1, maximum=1000)
OGI_TRACK_WINDOW_MINUTES = envint("OGI_TRACK_WINDOW_MINUTES", 15, minimum=1, maximum=24 * 60)

# ---- background work (Celery, ogi/web/tasks.py) -----------------------------------------
# With OGI_BROKER_URL, tasks go to that Redis and run on `ogi worker`; without, they run in-process.
BROKER_URL = os.environ.get("OGI_BROKER_URL", "")
TASK_TIMEOUT = envint("OGI_TASK_TIMEOUT", 60, minimum=1)  # how long a page waits for its task's result
CELERY_BROKER_URL = BROKER_URL or "memory://"
CELERY_RESULT_BACKEND = BROKER_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_ACKS_LATE = True  # a task whose worker died is run again by another
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 3}

# ---- the reporting season (ogi/web/season, docs/season.md) ------------------------------
# `ogi remind` e-mails an organ that has not submitted when its deadline is OGI_REMIND_WORKDAYS working days away.
OGI_REMIND_WORKDAYS = envint("OGI_REMIND_WORKDAYS", 5, minimum=0, maximum=60)

# Logs name the action, the object id and the user id — never applicant names, ids or contacts.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"no_query": {"()": "ogi.web.logfilters.StripQueryString"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "requests": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_query"]},
    },
    "loggers": {
        "ogi": {"handlers": ["console"], "level": os.environ.get("OGI_LOG_LEVEL", "INFO")},
        "django.request": {"handlers": ["requests"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["requests"], "level": "INFO", "propagate": False},
    },
}

from . import tasks as _tasks  # noqa: E402,F401 - the Celery app, configured from the settings above
