"""Each application's statutory deadline, computed by ``ogi.deadline`` on the database calendar and stored
on the row so that lists and the dashboard can query it; recomputed for open cases when the calendar changes
(a background task: ``tasks.recompute_open_deadlines``).

Besides the answer period (art. 33) the row stores the ends of the periods given to the applicant: the 补正
period set in the notice (art. 30) and the 20 working days to pay the 信息处理费 (109号). Both count from the
day after the notice date (the day the applicant received it is not recorded; counting from the notice can only
end the period earlier than the law would, so the case page shows the date and the clerk decides). While
the organ waits for the corrected application the clock is stopped: there is no running due date.
"""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ogi.deadline import Deadline, Period, compute_deadline, period, show
from ogi.errors import UsageError
from ogi.web.lib.checks import CONSULTATION_WORKDAYS, FEE_PAYMENT_WORKDAYS
from ogi.web.workcalendar.days import db_calendar
from ogi.web.workcalendar.models import CalendarDay, CalendarYear
from ogi.workdays import Calendar

from .choices import OPEN_STATUSES, PauseKind, Status
from .models import Application, Pause

log = logging.getLogger("ogi.applications")
STORED = ["due_date", "due_provisional", "correction_notice_due", "correction_due", "fee_due", "deadline_steps"]
CONSULTATION_BASIS = {PauseKind.THIRD_PARTY: "条例第三十二条", PauseKind.OTHER_ORGAN: "条例第三十四条"}

DUE_SOON_WORKDAYS = 3
DUE_CHOICES = {"overdue": "已超期", "soon": f"{DUE_SOON_WORKDAYS}个工作日内到期"}


def due_soon_until(today: date) -> date:
    return db_calendar().add_workdays(today, DUE_SOON_WORKDAYS)


def by_due(apps: QuerySet[Application], which: str, today: date, soon: date | None = None) -> QuerySet[Application]:
    """Running applications past their answer deadline (``overdue``) or due within the next
    ``DUE_SOON_WORKDAYS`` working days (``soon``, until ``due_soon_until(today)``), earliest first."""
    if which == "overdue":
        return apps.overdue(today).order_by("due_date", "id")
    running = apps.filter(status=Status.PROCESSING)
    return running.filter(due_date__gte=today, due_date__lte=soon or due_soon_until(today)).order_by("due_date", "id")


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


def correction_period(app: Application, calendar: Calendar | None = None) -> Period | None:
    """The applicant's 补正 period from the notice (art. 30), or None before any notice."""
    if app.correction_requested_on is None:
        return None
    days = app.correction_period_days or settings.OGI_CORRECTION_PERIOD_WORKDAYS
    return period("补正期限", app.correction_requested_on, days, "条例第三十条，本机关补正通知所定", calendar or db_calendar())


def fee_period(app: Application, calendar: Calendar | None = None) -> Period | None:
    """The applicant's 20 working days to pay (109号), or None before any 收费通知."""
    if app.fee_notice_on is None:
        return None
    return period("缴费期限", app.fee_notice_on, FEE_PAYMENT_WORKDAYS, "国办函〔2020〕109号", calendar or db_calendar())


def consultation_period(pause: Pause, calendar: Calendar | None = None) -> Period | None:
    """The 15 working days the third party (art. 32) or the other organ (art. 34) has to give its view."""
    if pause.kind not in CONSULTATION_BASIS:
        return None
    what = "第三方提出意见期限" if pause.kind == PauseKind.THIRD_PARTY else "其他机关提出意见期限"
    return period(what, pause.started_on, CONSULTATION_WORKDAYS, CONSULTATION_BASIS[pause.kind], calendar or db_calendar())


def apply_deadline(app: Application, calendar: Calendar | None = None) -> None:
    """Store the computed deadline and periods on the application (not saved)."""
    if app.received_on is None:  # 待确认: not received until both sides confirm (条例第三十一条)
        app.due_date, app.due_provisional = None, False
        app.correction_notice_due = app.correction_due = app.fee_due = None
        app.deadline_steps = {"due": None, "provisional": False, "steps": [
            "在线申请待本机关确认收到：确认之日为收到申请之日（条例第三十一条），答复期限自其次日起计算",
        ]}
        return
    calendar = calendar or db_calendar()
    d = deadline_of(app, calendar)
    correction, fee = correction_period(app, calendar), fee_period(app, calendar)
    app.correction_notice_due = d.correction_notice_due
    app.correction_due = correction.end if correction else None
    app.fee_due = fee.end if fee else None
    app.deadline_steps = d.to_dict()
    if correction is not None and app.correction_received_on is None:
        app.due_date, app.due_provisional = None, False
        app.deadline_steps |= {"due": None, "provisional": correction.provisional, "steps": [
            f"收到申请 {show(app.received_on)}",
            f"告知补正 {show(app.correction_requested_on)}：答复期限停止计算，"
            "收到补正后的申请之日的次日起重新计算20个工作日（条例第三十条）",
            str(correction),
        ]}
        return
    app.due_date, app.due_provisional = d.due, d.provisional


def recompute_open_deadlines() -> int:
    """Recompute every open application's due date (after a calendar change). Returns how many changed."""
    calendar, changed = db_calendar(), []
    for app in Application.objects.filter(status__in=OPEN_STATUSES).prefetch_related("pauses"):
        before = [getattr(app, f) for f in STORED]
        try:
            apply_deadline(app, calendar)
        except UsageError as exc:  # stored dates out of order: keep the old due date, say which case
            log.warning("application %s: due date not recomputed: %s", app.pk, exc)
            continue
        if [getattr(app, f) for f in STORED] != before:
            changed.append(app)
    Application.objects.bulk_update(changed, STORED, batch_size=500)
    log.info("calendar changed: %d open applications got a new due date", len(changed))
    return len(changed)


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def _calendar_changed(sender, **kwargs) -> None:  # noqa: ANN001
    if kwargs.get("raw"):
        return
    from .tasks import recompute_open_deadlines as task

    transaction.on_commit(task.delay)
