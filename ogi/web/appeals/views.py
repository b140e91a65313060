"""Screens of the appeals register (行政复议, 行政诉讼): the list, the form, the decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ogi.web.applications.models import Application
from ogi.web.lib.forms import attach_errors, refusal_status
from ogi.web.organs.access import can_edit, editable_organs, organs_for
from ogi.web.organs.models import Organ
from ogi.web.security import tokens

from . import services
from .forms import AppealDecisionForm, AppealForm
from .models import Appeal

PAGE_SIZE = 50


def _get_appeal_for_user(request: HttpRequest, pk: int) -> Appeal:
    visible = Appeal.objects.filter(organ__in=organs_for(request.user)).select_related("organ", "application")
    return get_object_or_404(visible, pk=pk)


def _chosen_organ(organs: list[Organ], code: str | None) -> Organ:
    return next((o for o in organs if o.code == code), organs[0])


@login_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    organs = organs_for(request.user)
    appeals = Appeal.objects.filter(organ__in=organs).select_related("organ", "application")
    if request.GET.get("organ"):
        appeals = appeals.filter(organ__code=request.GET["organ"])
    for field in ("kind", "result"):
        if request.GET.get(field):
            appeals = appeals.filter(**{field: request.GET[field]})
    page = Paginator(appeals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "appeals/appeals.html", {
        "page": page, "can_register": bool(editable_organs(request.user)),
    })


@login_required
def appeal_new(request: HttpRequest) -> HttpResponse:
    organs = editable_organs(request.user)
    if not organs:
        raise Http404("无权登记复议/诉讼")
    organ = _chosen_organ(organs, request.POST.get("organ") or request.GET.get("organ"))
    applications = Application.objects.filter(organ=organ)
    form = AppealForm(request.POST or None, applications=applications,
                      initial={"application": request.GET.get("application"), "token": tokens.issue(request)})
    status = 200
    if request.method == "POST":
        status = _record_appeal(request, organ, form)
        if status == 302:
            messages.success(request, "已登记行政复议/行政诉讼")
            return redirect("appeals:list")
        form.data = form.data.copy()
        form.data["token"] = tokens.issue(request)
    return render(request, "appeals/appeal_form.html", {"form": form, "organs": organs, "organ": organ}, status=status)


def _record_appeal(request: HttpRequest, organ: Organ, form: AppealForm) -> int:
    """Record the appeal once per form; the HTTP status of the outcome."""
    if not form.is_valid():
        return 400
    try:
        tokens.once(
            request, form.cleaned_data.get("token"),
            lambda: services.record_appeal(request.user, organ, **form.arguments()),
        )
    except tokens.AlreadyPosted as exc:
        form.add_error(None, exc.message)
        return 409
    except ValidationError as exc:
        attach_errors(form, exc)
        return 400
    return 302


@login_required
def appeal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _get_appeal_for_user(request, pk)
    editable = can_edit(request.user, appeal.organ)
    initial = {"version": appeal.version, "result": appeal.result, "decided_on": appeal.decided_on}
    form = AppealDecisionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not editable:
            raise Http404("无权修改")
        if form.is_valid():
            try:
                services.decide_appeal(request.user, appeal, **form.cleaned_data)
            except ValidationError as exc:
                attach_errors(form, exc)
                return _appeal_page(request, appeal, form, editable, refusal_status(exc))
            messages.success(request, "已保存复议/诉讼结果")
            return redirect("appeals:list")
        return _appeal_page(request, appeal, form, editable, 400)
    return _appeal_page(request, appeal, form, editable, 200)


def _appeal_page(request: HttpRequest, appeal: Appeal, form, editable: bool, status: int) -> HttpResponse:  # noqa: ANN001
    return render(request, "appeals/appeal.html", {"appeal": appeal, "form": form, "editable": editable}, status=status)
