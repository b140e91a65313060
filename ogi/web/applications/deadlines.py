"""Each application's statutory deadline, computed by ``ogi.deadline`` on the database calendar and stored
on the row so that lists and the dashboard can query it; recomputed for open cases when the calendar changes.
"""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ogi.deadline import Deadline, compute_deadline
from ogi.web.workcalendar.days import db_calendar
from ogi.web.workcalendar.models import CalendarDay, CalendarYear
from ogi.workdays import Calendar

from .choices import OPEN_STATUSES, PauseKind, Status
from .models import Application

log = logging.getLogger("ogi.applications")

DUE_SOON_WORKDAYS = 3
DUE_CHOICES = {"overdue": "已超期", "soon": f"{DUE_SOON_WORKDAYS}个工作日内到期"}


def due_soon_until(today: date) -> date:
    return db_calendar().add_workdays(today, DUE_SOON_WORKDAYS)


def by_due(apps: QuerySet[Application], which: str, today: date, soon: date | None = None) -> QuerySet[Application]:
    """Running applications past their answer deadline (``overdue``) or due within the next
    ``DUE_SOON_WORKDAYS`` working days (``soon``, until ``due_soon_until(today)``), earliest first."""
    running = apps.filter(status=Status.PROCESSING)
    if which == "overdue":
        running = running.filter(due_date__lt=today)
    else:
        running = running.filter(due_date__gte=today, due_date__lte=soon or due_soon_until(today))
    return running.order_by("due_date", "id")


def deadline_of(app: Application, calendar: Calendar | None = None) -> Deadline:
    """The deadline of an application from its dates; an open pause counts from its start only."""
    pauses = [
        (p.started_on, p.ended_on, PauseKind(p.kind).label)
        for p in (app.pauses.all() if app.pk else ())
        if p.ended_on is not None
    ]
    return compute_deadline(
        app.received_on,
        correction_received=app.correction_received_on,
        pauses=pauses,
        extended=app.extended,
        extension_days=app.extension_days or 20,
        calendar=calendar or db_calendar(),
    )


def apply_deadline(app: Application, calendar: Calendar | None = None) -> None:
    """Store the computed deadline on the application (not saved)."""
    d = deadline_of(app, calendar)
    app.due_date = d.due
    app.due_provisional = d.provisional
    app.correction_notice_due = d.correction_notice_due
    app.deadline_steps = d.to_dict()


def recompute_open_deadlines() -> int:
    """Recompute every open application's due date (after a calendar change). Returns how many changed."""
    calendar, changed = db_calendar(), []
    for app in Application.objects.filter(status__in=OPEN_STATUSES).prefetch_related("pauses"):
        before = (app.due_date, app.due_provisional)
        apply_deadline(app, calendar)
        if (app.due_date, app.due_provisional) != before:
            changed.append(app)
    fields = ["due_date", "due_provisional", "correction_notice_due", "deadline_steps"]
    Application.objects.bulk_update(changed, fields, batch_size=500)
    log.info("calendar changed: %d open applications got a new due date", len(changed))
    return len(changed)


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def _calendar_changed(sender, **kwargs) -> None:  # noqa: ANN001
    if kwargs.get("raw"):
        return
    transaction.on_commit(recompute_open_deadlines)
