"""Background work of the register: recomputing the open deadlines after a calendar change."""

from __future__ import annotations

from celery import shared_task

from . import deadlines


@shared_task(name="ogi.applications.recompute_open_deadlines")
def recompute_open_deadlines() -> int:
    """Every open application's due date on the calendar as it is now; how many changed."""
    return deadlines.recompute_open_deadlines()
