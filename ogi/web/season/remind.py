"""Reminders (``ogi remind``, run by cron once or more a day): e-mail through Django's mail (SMTP from the
settings: ``OGI_SMTP_*`` → ``EMAIL_*``, see docs/season.md).

- **报送期限将到**: to the clerks and heads (users with an e-mail address) of every roster organ that has
  not submitted (未开始, 起草中, 已退回) when its deadline is at most ``days`` working days away
  (``OGI_REMIND_WORKDAYS``, default 5) and not yet passed;
- **逾期未报送**: to the supervising office (its users with the ``supervisor`` role) once a day, one mail
  per season listing every organ past its deadline that has not submitted.

Each reminder is recorded (``Reminder``: entry, kind, day; unique), in the transaction that sends it: a
second run on the same day sends nothing again, and a mail that could not be sent leaves no record, so
the next run tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from ogi.web.audit import services as audit
from ogi.web.organs.models import Membership
from ogi.web.workcalendar.days import db_calendar

from .choices import Status
from .models import Reminder, RosterEntry
from .presenters import day_text

log = logging.getLogger(__name__)
NOT_SUBMITTED = (Status.NOT_STARTED, Status.DRAFTING, Status.RETURNED)


@dataclass
class Outcome:
    sent: int = 0
    skipped: int = 0  # already reminded today, or nobody with an e-mail address
    failed: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = f"已发送 {self.sent} 封催报邮件，跳过 {self.skipped} 项（今日已提醒或无收件地址）"
        if self.failed:
            text += f"；{len(self.failed)} 封发送失败：" + "；".join(self.failed[:3])
        return text


def workdays_until(calendar, today: date, deadline: date) -> int:  # noqa: ANN001
    """Working days d with today < d ≤ deadline (0 on the deadline itself)."""
    n, day = 0, today + timedelta(days=1)
    while day <= deadline:
        n += calendar.is_workday(day)
        day += timedelta(days=1)
    return n


def _emails(organ_ids: list[int], roles: tuple[str, ...]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    rows = (Membership.objects.filter(organ_id__in=organ_ids, role__in=roles, user__is_active=True)
            .exclude(user__email="").values_list("organ_id", "user__email").order_by("organ_id", "user__email"))
    for organ_id, email in rows:
        out.setdefault(organ_id, [])
        if email not in out[organ_id]:
            out[organ_id].append(email)
    return out


def run(today: date | None = None, days: int | None = None) -> Outcome:
    """Send today's reminders (see the module's docstring)."""
    today = today or timezone.localdate()
    days = settings.OGI_REMIND_WORKDAYS if days is None else days
    calendar = db_calendar()
    outcome = Outcome()
    pending = list(
        RosterEntry.objects.filter(status__in=NOT_SUBMITTED, deadline__gte=today - timedelta(days=400))
        .select_related("organ", "season__supervisor").order_by("season_id", "organ__code")
    )
    done = set(Reminder.objects.filter(day=today, entry__in=pending).values_list("entry_id", "kind"))
    due = [e for e in pending if e.deadline >= today and workdays_until(calendar, today, e.deadline) <= days]
    late = [e for e in pending if e.deadline < today]
    organ_mail = _emails([e.organ_id for e in due], (Membership.Role.CLERK, Membership.Role.HEAD))
    supervisor_mail = _emails(sorted({e.season.supervisor_id for e in late}), (Membership.Role.SUPERVISOR,))
    connection = get_connection(fail_silently=False)
    for entry in due:
        to = organ_mail.get(entry.organ_id, [])
        if (entry.pk, Reminder.Kind.DUE) in done or not to:
            outcome.skipped += 1
            continue
        left = workdays_until(calendar, today, entry.deadline)
        subject = f"【年报报送提醒】{entry.organ.name}{entry.season.year}年度报告须于{day_text(entry.deadline)}前报送"
        body = (
            f"{entry.organ.name}：\n\n根据《中华人民共和国政府信息公开条例》第四十九条，请于{day_text(entry.deadline)}前"
            f"向{entry.season.supervisor.name}报送本机关{entry.season.year}年度政府信息公开工作年度报告"
            f"（还有 {left} 个工作日）。当前状态：{Status(entry.status).label}。\n\n"
            "可在台账系统“年报报送”页面一键报送定稿，或上传报告文件。\n"
        )
        _send(connection, outcome, [entry], Reminder.Kind.DUE, today, subject, body, to)
    by_season: dict[int, list[RosterEntry]] = {}
    for entry in late:
        if (entry.pk, Reminder.Kind.LATE) in done:
            outcome.skipped += 1
            continue
        by_season.setdefault(entry.season_id, []).append(entry)
    for entries in by_season.values():
        season = entries[0].season
        to = supervisor_mail.get(season.supervisor_id, [])
        if not to:
            outcome.skipped += len(entries)
            continue
        lines = "\n".join(
            f"- {e.organ.name}：期限{day_text(e.deadline)}，状态{Status(e.status).label}" for e in entries
        )
        subject = f"【年报报送】{season.supervisor.name}{season.year}年度：{len(entries)} 个机关逾期未报送"
        body = f"截至{day_text(today)}，以下机关逾期尚未报送{season.year}年度政府信息公开工作年度报告：\n\n{lines}\n"
        _send(connection, outcome, entries, Reminder.Kind.LATE, today, subject, body, to)
    return outcome


def configured() -> bool:
    """Whether mail can go out: an SMTP backend needs a server (``OGI_SMTP_HOST`` → ``EMAIL_HOST``)."""
    return not (settings.EMAIL_BACKEND.endswith("smtp.EmailBackend") and not settings.EMAIL_HOST)


def _send(connection, outcome: Outcome, entries: list[RosterEntry], kind: str, today: date,  # noqa: ANN001
          subject: str, body: str, to: list[str]) -> None:
    if not configured():
        outcome.failed.append(f"{'、'.join(to)}（未配置邮件服务器：请设置 OGI_SMTP_HOST）")
        return
    try:
        with transaction.atomic():
            now = timezone.now()
            Reminder.objects.bulk_create(
                Reminder(entry=e, kind=kind, day=today, recipients=", ".join(to), sent_at=now) for e in entries
            )
            for e in entries:
                audit.record(None, e.organ, "season_remind", e, None, {"kind": kind, "day": today.isoformat(), "to": to})
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to, connection=connection).send()
    except Exception as exc:  # noqa: BLE001 - one failed mail must not stop the others; the next run retries it
        log.warning("reminder not sent to %s: %s", to, exc)
        outcome.failed.append(f"{'、'.join(to)}（{type(exc).__name__}）")
        return
    outcome.sent += 1

