"""The production server of ``ogi serve``: gunicorn (gthread workers) over the Django application,
static files collected into the data directory and served by WhiteNoise.

The master process migrates and collects the static files, then closes its database connections
before gunicorn forks its workers, so no connection is shared across processes.
"""

from __future__ import annotations

import socket

from gunicorn.app.base import BaseApplication

# the request line without its query string: a search may carry an applicant's name
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


def port_is_free(host: str, port: int) -> bool:
    """Whether ``host:port`` can be bound now (asked before anything is printed)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def prepare() -> None:
    """Collect the static files for WhiteNoise and release the master's database connections."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    for conn in connections.all(initialized_only=True):
        conn.close()
        if hasattr(conn, "close_pool"):
            conn.close_pool()


def options(host: str, port: int) -> dict:
    from django.conf import settings

    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": settings.WORKERS,
        "threads": settings.THREADS,
        "worker_class": "gthread",
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        "loglevel": "warning",
        "timeout": 60,
        "graceful_timeout": 10,
        "keepalive": 20,  # longer than a client's pause between requests: no race with a closing idle connection
        "proc_name": "ogi",
    }


class Server(BaseApplication):
    """gunicorn configured from a dict, loading ``ogi.web.wsgi`` in each worker."""

    def __init__(self, config: dict) -> None:
        self.config = config
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.config.items():
            self.cfg.set(key, value)

    def load(self):  # noqa: ANN201
        from ogi.web.wsgi import application

        return application


def run(host: str, port: int) -> None:
    prepare()
    Server(options(host, port)).run()
