"""Screens about an organ as a whole: the dashboard, the organ's audit trail, the proactive counts
(section 二), the annual report built from the registers, and the working-day calendar."""

from __future__ import annotations

import calendar as monthcal
from collections import Counter
from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST, require_safe

from ogi.errors import OgiError
from ogi.render import RENDERERS
from ogi.render import render as render_report
from ogi.render.layout import report_layout
from ogi.spec import format_for_year
from ogi.web.registers import records, reporting, services
from ogi.web.registers.calendar import db_calendar
from ogi.web.registers.choices import Status
from ogi.web.registers.decorators import organ_view
from ogi.web.registers.forms import ReportTextForm, attach_errors, proactive_form
from ogi.web.registers.models import (
    Application,
    AuditEntry,
    CalendarDay,
    CalendarYear,
    ProactiveCount,
    ReportText,
)
from ogi.web.registers.views import audit_rows

from .access import can_edit, can_see_personal, is_admin, organs_for
from .models import Organ

SOON_WORKDAYS = 3
EXPORTS = {
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# ---------------------------------------------------------------- dashboard


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    organs = organs_for(request.user).order_by("code")
    today = services.today()
    soon = db_calendar().add_workdays(today, SOON_WORKDAYS)
    running = Application.objects.filter(organ__in=organs, status=Status.PROCESSING).select_related("organ")
    by_status = Counter(dict(
        Application.objects.filter(organ__in=organs).values_list("status").annotate(n=Count("id")).order_by()
    ))
    return render(request, "organs/dashboard.html", {
        "organs": organs, "today": today, "soon": soon,
        "due_soon": running.filter(due_date__gte=today, due_date__lte=soon).order_by("due_date"),
        "overdue": running.filter(due_date__lt=today).order_by("due_date"),
        "awaiting_correction": Application.objects.filter(organ__in=organs, status=Status.AWAITING_CORRECTION)
        .select_related("organ").order_by("correction_requested_on"),
        "by_status": [(label, by_status.get(key, 0), key) for key, label in Status.choices],
        "year": today.year, "last_year": today.year - 1,
        "personal": {o.pk for o in organs if can_see_personal(request.user, o)},
        "several_organs": len(organs) > 1,
    })


# ---------------------------------------------------------------- organ audit trail


@require_safe
@organ_view
def organ_audit(request: HttpRequest, organ: Organ) -> HttpResponse:
    entries = AuditEntry.objects.filter(organ=organ).select_related("user")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "registers/audit.html", {
        "title": f"{organ.name} 审计记录", "organ": organ, "page": page,
        "entries": audit_rows(page.object_list, can_see_personal(request.user, organ)),
    })


# ---------------------------------------------------------------- section 二


@organ_view
def proactive(request: HttpRequest, organ: Organ, year: int) -> HttpResponse:
    fmt = format_for_year(year)
    editable = can_edit(request.user, organ)
    stored = {p: _plain(v) for p, v in ProactiveCount.objects.filter(organ=organ, year=year).values_list("path", "value")}
    form = proactive_form(fmt, data=request.POST if request.method == "POST" else None, initial=stored)
    status = 200
    if request.method == "POST":
        if not editable:
            raise Http404("无权修改")
        if form.is_valid():
            try:
                records.set_proactive_counts(request.user, organ, year, form.cleaned_data)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, f"已保存{year}年度主动公开数据")
                return redirect("organs:proactive", code=organ.code, year=year)
        status = 400
    return render(request, "organs/proactive.html", {
        "organ": organ, "year": year, "fmt": fmt, "editable": editable,
        "form": form, "blocks": _proactive_blocks(fmt, form),
    }, status=status)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))


def _proactive_blocks(fmt, form) -> list[dict]:  # noqa: ANN001
    """Section 二 as blocks → rows → the bound field of every cell, in the format's order."""
    return [
        {"block": b, "rows": [
            {"row": r, "cells": [form[f"s2.{b.key}.{r.key}.{c.key}"] for c in b.columns]} for r in b.rows
        ]}
        for b in fmt.s2
    ]


# ---------------------------------------------------------------- the annual report


def _report_for(request: HttpRequest, organ: Organ, year: int):  # noqa: ANN202
    children = request.GET.get("children") == "1" and organ.children.exists()
    return reporting.build_report(organ, year, include_children=children), children


@organ_view
def report(request: HttpRequest, organ: Organ, year: int) -> HttpResponse:
    built, children = _report_for(request, organ, year)
    previous = reporting.previous_report(organ, year, include_children=children)
    texts = {s: getattr(built.sections, f"{s}_text") for s in ("s1", "s5", "s6")}
    return render(request, "organs/report.html", {
        "organ": organ, "year": year, "report": built, "layout": report_layout(built),
        "findings": reporting.check(built, previous), "children": children,
        "has_children": organ.children.exists(), "editable": can_edit(request.user, organ) and not children,
        "text_form": ReportTextForm(initial=texts), "exports": list(EXPORTS),
    })


@organ_view
@require_POST
def report_texts(request: HttpRequest, organ: Organ, year: int) -> HttpResponse:
    if not can_edit(request.user, organ):
        raise Http404("无权修改")
    form = ReportTextForm(request.POST)
    if form.is_valid():
        for section in ("s1", "s5", "s6"):
            old = ReportText.objects.filter(organ=organ, year=year, section=section).values_list("text", flat=True).first()
            if (old or "") != form.cleaned_data[section].strip():
                records.set_report_text(request.user, organ, year, section, form.cleaned_data[section])
        messages.success(request, "已保存报告文字")
    return redirect("organs:report", code=organ.code, year=year)


@organ_view
def report_export(request: HttpRequest, organ: Organ, year: int, kind: str) -> HttpResponse:
    if kind not in EXPORTS or kind not in RENDERERS:
        raise Http404("不支持的导出格式")
    built, children = _report_for(request, organ, year)
    try:
        body = render_report(built, kind)
    except OgiError as exc:
        messages.error(request, f"导出失败：{exc}")
        return redirect("organs:report", code=organ.code, year=year)
    response = HttpResponse(body, content_type=EXPORTS[kind])
    name = f"{organ.name}{year}年政府信息公开工作年度报告.{kind}"
    response.headers["Content-Disposition"] = content_disposition_header(kind != "html", name)
    return response


@organ_view
def report_cell(request: HttpRequest, organ: Organ, year: int, path: str) -> HttpResponse:
    children = request.GET.get("children") == "1"
    try:
        apps = reporting.cell_applications(organ, year, path, include_children=children)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    apps = apps.filter(organ__in=organs_for(request.user)).select_related("organ")
    page = Paginator(apps, 50).get_page(request.GET.get("page"))
    return render(request, "organs/report_cell.html", {
        "organ": organ, "year": year, "path": path, "label": _cell_label(year, path),
        "page": page, "children": children,
        "personal": {o.pk for o in organs_for(request.user) if can_see_personal(request.user, o)},
    })


def _cell_label(year: int, path: str) -> str:
    fmt = format_for_year(year)
    _, row, col = path.split(".")
    column = next(c.label for c in fmt.s3_columns if c.key == col)
    return f"{fmt.s3_row(row).name} · {column}"


# ---------------------------------------------------------------- the working-day calendar


@login_required
def working_calendar(request: HttpRequest) -> HttpResponse:
    year = _year_param(request.GET.get("year"), services.today().year)
    cal = db_calendar()
    days = {d.day: d for d in CalendarDay.objects.filter(day__year=year)}
    years = CalendarYear.objects.all()
    return render(request, "organs/calendar.html", {
        "year": year, "published": cal.has_data(year), "years": years,
        "months": [_month(cal, year, m, days) for m in range(1, 13)],
        "specials": sorted(days.values(), key=lambda d: d.day),
        "provisional_years": [y.year for y in years if not y.published],
        "first_unknown": max((y.year for y in years if y.published), default=year) + 1,
        "is_admin": is_admin(request.user),
    })


def _year_param(raw: str | None, default: int) -> int:
    try:
        year = int(raw) if raw else default
    except ValueError:
        return default
    return year if 1990 <= year <= 2199 else default


def _month(cal, year: int, month: int, days: dict) -> dict:  # noqa: ANN001
    """One month as weeks of (day, css class, title) for the calendar grid."""
    weeks = []
    for week in monthcal.Calendar().monthdatescalendar(year, month):
        weeks.append([_day_cell(cal, d, days, month) for d in week])
    return {"month": month, "weeks": weeks}


def _day_cell(cal, d: date, days: dict, month: int) -> dict:  # noqa: ANN001
    if d.month != month:
        return {"day": None}
    special = days.get(d)
    kind = "work" if cal.is_workday(d) else "off"
    if special is not None:
        kind = "makeup" if special.is_workday else "holiday"
    return {"day": d, "kind": kind, "title": special.name if special else ""}
