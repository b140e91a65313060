"""Screens of an organ's annual report: section 二 counts, the report built from the registers with its
findings and texts, exports in the official layout, and the applications (appeals) behind every
section 三 (四) cell."""

from __future__ import annotations

from decimal import Decimal
from functools import wraps

from celery.exceptions import TimeoutError as CeleryTimeout
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST
from kombu.exceptions import KombuError

from ogi.render import RENDERERS
from ogi.render.layout import report_layout
from ogi.rules.labels import cell as cell_label
from ogi.spec import format_for_year
from ogi.web.lib import checks
from ogi.web.lib.forms import attach_errors
from ogi.web.organs.access import can_edit, organs_for, personal_organ_ids
from ogi.web.organs.decorators import organ_view
from ogi.web.organs.models import Organ

from . import build, finalise, services, tasks
from .forms import ReportTextForm, proactive_form
from .models import FinalReport, ProactiveCount, ReportText
from .presenters import grid_rows, present
from .years import year_note


def report_view(view):  # noqa: ANN001, ANN201
    """``organ_view`` for a URL that also names a year: a year outside the formats' range is a 404."""

    @organ_view
    @wraps(view)
    def wrapper(request: HttpRequest, organ: Organ, year: int, *args, **kwargs) -> HttpResponse:  # noqa: ANN002, ANN003
        checks.require_report_year(year)
        return view(request, organ, year, *args, **kwargs)

    return wrapper


# ---------------------------------------------------------------- section 二


@report_view
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
                services.set_proactive_counts(request.user, organ, year, form.cleaned_data)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, f"已保存{year}年度主动公开数据")
                return redirect("reports:proactive", code=organ.code, year=year)
        status = 400
    return render(request, "reports/proactive.html", {
        "organ": organ, "year": year, "fmt": fmt, "editable": editable,
        "year_note": year_note(year), "years": checks.report_years(),
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
    return build.build_report(organ, year, include_children=children), children


@report_view
def report(request: HttpRequest, organ: Organ, year: int) -> HttpResponse:
    return _report_page(request, organ, year)


def _report_page(request: HttpRequest, organ: Organ, year: int, *, explained: dict[str, str] | None = None,
                 status: int = 200) -> HttpResponse:
    built, children = _report_for(request, organ, year)
    previous = finalise.previous_for(organ, year, built) if not children else (
        build.previous_report(organ, year, include_children=True, current=built)
        if year - 1 in checks.report_years() else None
    )
    findings = build.check(built, previous)
    texts = {s: getattr(built.sections, f"{s}_text") for s in ("s1", "s5", "s6")}
    finals = finalise.versions(organ, year) if not children else []
    editable = can_edit(request.user, organ) and not children
    layout = report_layout(built)
    # each cell links to its list: one reverse for all of them
    prefix = reverse("reports:cell", args=[organ.code, year, "-"]).removesuffix("-/")
    query = "?children=1" if children else ""
    return render(request, "reports/report.html", {
        "organ": organ, "year": year, "report": built, "layout": layout,
        "parts": [(part, grid_rows(part.grid, prefix, query) if part.grid else "") for part in layout.parts],
        "year_note": year_note(year), "years": checks.report_years(),
        "findings": present(findings, built.spec, explained or {}), "children": children,
        "has_children": organ.children.exists(), "editable": editable,
        "text_form": ReportTextForm(initial=texts), "exports": list(RENDERERS),
        "finals": finals, "live_changes": finalise.changes(finals[0].document, built.to_dict()) if finals else None,
        "can_finalise": editable and not any(f.severity == "error" for f in findings),
    }, status=status)


@report_view
@require_POST
def report_finalise(request: HttpRequest, organ: Organ, year: int) -> HttpResponse:
    explained = {k.removeprefix("explain:"): v for k, v in request.POST.items() if k.startswith("explain:")}
    if not can_edit(request.user, organ):
        raise Http404("无权定稿")
    try:
        final = finalise.finalise(request.user, organ, year, explained)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return _report_page(request, organ, year, explained=explained, status=400)
    messages.success(request, f"已定稿：第 {final.version} 版，SHA-256 {final.sha256}")
    return redirect("reports:report", code=organ.code, year=year)


@report_view
def report_version(request: HttpRequest, organ: Organ, year: int, version: int) -> HttpResponse:
    """A 定稿 version's document: exactly the bytes its SHA-256 was taken over."""
    final = get_object_or_404(FinalReport, organ=organ, year=year, version=version)
    response = HttpResponse(finalise.canonical(final.document), content_type="application/json; charset=utf-8")
    name = f"{organ.name}{year}年政府信息公开工作年度报告（定稿第{version}版）.json"
    response.headers["Content-Disposition"] = content_disposition_header(True, name)
    return response


@report_view
@require_POST
def report_texts(request: HttpRequest, organ: Organ, year: int) -> HttpResponse:
    if not can_edit(request.user, organ):
        raise Http404("无权修改")
    form = ReportTextForm(request.POST)
    if form.is_valid():
        for section in ("s1", "s5", "s6"):
            old = ReportText.objects.filter(organ=organ, year=year, section=section).values_list("text", flat=True).first()
            if (old or "") != form.cleaned_data[section].strip():
                services.set_report_text(request.user, organ, year, section, form.cleaned_data[section])
        messages.success(request, "已保存报告文字")
    return redirect("reports:report", code=organ.code, year=year)


@report_view
def report_export(request: HttpRequest, organ: Organ, year: int, kind: str) -> HttpResponse:
    if kind not in RENDERERS:
        raise Http404("不支持的导出格式")
    children = request.GET.get("children") == "1" and organ.children.exists()
    try:
        done = tasks.render_export.delay(organ.pk, year, kind, children).get(timeout=settings.TASK_TIMEOUT)
    except CeleryTimeout:
        done = {"error": f"{settings.TASK_TIMEOUT} 秒内未完成（后台任务繁忙），请稍后再试"}
    except KombuError:
        done = {"error": "后台任务队列暂时不可用，请稍后再试或联系系统管理员"}
    if "error" in done:
        messages.error(request, f"导出失败：{done['error']}")
        return redirect("reports:report", code=organ.code, year=year)
    response = HttpResponse(done["body"], content_type=RENDERERS[kind].media_type)
    name = f"{organ.name}{year}年政府信息公开工作年度报告.{kind}"
    response.headers["Content-Disposition"] = content_disposition_header(kind != "html", name)
    return response


@report_view
def report_cell(request: HttpRequest, organ: Organ, year: int, path: str) -> HttpResponse:
    """The applications (section 三) or appeals (section 四) counted in one cell of the report."""
    children = request.GET.get("children") == "1"
    try:
        objects = build.cell_objects(organ, year, path, include_children=children)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    appeals = path.startswith("s4.")
    related = ("organ", "application") if appeals else ("organ",)
    objects = objects.filter(organ__in=organs_for(request.user)).select_related(*related)
    page = Paginator(objects, 50).get_page(request.GET.get("page"))
    return render(request, "reports/report_cell.html", {
        "organ": organ, "year": year, "path": path, "label": cell_label(format_for_year(year), path),
        "page": page, "children": children, "appeals": appeals,
        "personal": personal_organ_ids(request.user),
    })
