"""The production server of ``ogi serve``: gunicorn (gthread workers) over the Django application,
static files collected into the data directory and served by WhiteNoise.

The master process migrates and collects the static files, then closes its database connections
before gunicorn forks its workers, so no connection is shared across processes.

A request line may be as long as gunicorn allows (8,190 bytes, ``limit_request_line``): a search of
a few hundred characters (nine bytes each, percent-encoded) reaches Django, whose form answers in
Chinese when it is longer than the form allows. A line longer still never reaches Django; the worker
(``Worker``) answers it with a Chinese 414 instead of gunicorn's English one.
"""

from __future__ import annotations

import socket

from gunicorn.app.base import BaseApplication
from gunicorn.http.errors import LimitRequestLine
from gunicorn.http.message import MAX_REQUEST_LINE
from gunicorn.workers.gthread import ThreadWorker

# the request line without its query string: a search may carry an applicant's name
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
TOO_LONG = f"网址过长（请求行超过 {MAX_REQUEST_LINE} 字节），请缩短搜索词后重试"


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
        "worker_class": "ogi.web.server.Worker",
        "limit_request_line": MAX_REQUEST_LINE,  # gunicorn's maximum (its default is 4,094)
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        "loglevel": "warning",
        "timeout": 60,
        "graceful_timeout": 10,
        "keepalive": 20,  # longer than a client's pause between requests: no race with a closing idle connection
        "proc_name": "ogi",
    }


class Worker(ThreadWorker):
    """gunicorn's gthread worker, answering a request line over the limit in Chinese."""

    def handle_error(self, req, client, addr, exc) -> None:  # noqa: ANN001
        if not isinstance(exc, LimitRequestLine):
            super().handle_error(req, client, addr, exc)
            return
        self.log.warning("Request line too long from ip=%s", (addr or ("",))[0])
        page = (f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>网址过长</title>'
                f"<p>{TOO_LONG}</p></html>").encode()
        head = ("HTTP/1.1 414 URI Too Long\r\nConnection: close\r\nContent-Type: text/html; charset=utf-8\r\n"
                f"Content-Length: {len(page)}\r\n\r\n").encode()
        try:
            client.sendall(head + page)
        except OSError:
            self.log.debug("Failed to send error message.")


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
