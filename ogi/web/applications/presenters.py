"""The applications as the rows of a register table (the register, the dashboard's lists, the cases behind
a report cell). Written here rather than in a template: a page has 50 rows of nine cells, and Django's
template engine takes longer over them than the rest of the page."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from .models import Application

CONTENT_CHARS = 40  # the content column: its first characters, "…" when cut


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


def application_rows(apps: Iterable[Application], *, today: date, show_organ: bool, personal: Collection[int],
                     signals: Mapping[int, list] | None = None) -> SafeString:
    """``<tr>`` rows, one an application: number (its link), organ (``show_organ``), received, applicant
    (the name only for ``personal`` organs), channel, content, status with its signals and outcome, due
    date (已超期 today), answered on (逾期答复)."""
    signals = signals or {}
    detail = reverse("applications:detail", args=[0]).removesuffix("0/")
    out = []
    for app in apps:
        overdue = app.overdue_on(today)
        received = '<span class="provisional">待确认</span>' if app.awaiting_confirmation else _day(app.received_on)
        who = (escape(app.applicant_name) if app.organ_id in personal else '<span class="muted">（不显示）</span>')
        status = f'<span class="badge {escape(app.status)}">{escape(app.get_status_display())}</span>'
        status += "".join(f' <span class="badge signal {escape(s.key)}" title="{escape(s.detail)}">{escape(s.title)}</span>'
                          for s in signals.get(app.pk, ()))
        if app.outcome:
            status += f'<br><span class="muted">{escape(app.get_outcome_display())}</span>'
        if app.clock_stopped:
            due = '<span class="provisional">补正后重新计算</span>'
        elif app.awaiting_confirmation:
            due = '<span class="provisional">确认收到后计算</span>'
        else:
            due = _day(app.due_date)
            if app.due_provisional:
                due += ' <span class="provisional" title="该年度放假安排尚未公布">（暂定）</span>'
            if overdue:
                due += ' <span class="badge late">已超期</span>'
        answered = _day(app.answered_on) + (' <span class="badge late">逾期答复</span>' if app.answered_late else "")
        out.append(
            ('<tr class="overdue-row">' if overdue else "<tr>")
            + f'<td class="nowrap"><a href="{detail}{app.pk}/">{escape(app.number)}</a></td>'
            + (f"<td>{escape(app.organ.name)}</td>" if show_organ else "")
            + f'<td class="date">{received}</td>'
            f'<td>{who}<br><span class="muted">{escape(app.get_applicant_type_display())}</span></td>'
            f"<td>{escape(app.get_channel_display())}</td>"
            f"<td>{escape(Truncator(app.content).chars(CONTENT_CHARS))}</td>"
            f"<td>{status}</td>"
            f'<td class="date">{due}</td>'
            f'<td class="date">{answered}</td></tr>\n'
        )
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
