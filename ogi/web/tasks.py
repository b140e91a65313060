"""The background-work queue: one Celery app configured from the settings (``CELERY_*``).

Work that is slow or talks to the outside — rendering a report for export, recomputing open deadlines
after a calendar change, and later parsing uploads, bulk imports and e-mail — is a task, declared in its
app's ``tasks.py`` with ``celery.shared_task`` and started with ``.delay()``.

- ``OGI_BROKER_URL`` set (e.g. ``redis://127.0.0.1:6379/0``): tasks go to Redis and run on the workers
  started by ``ogi worker`` (add workers, on this machine or others sharing the database and the data
  directory, as the office grows); results come back through the same Redis.
- Not set (the embedded default): every ``.delay()`` runs the task at once, in the calling process
  (``task_always_eager``), so a single machine needs nothing more.

The settings import this module, so every Django process (server, worker, tests) has the app.
"""

from __future__ import annotations

from celery import Celery

app = Celery("ogi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def is_eager() -> bool:
    return bool(app.conf.task_always_eager)
