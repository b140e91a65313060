"""The dashboard: what needs doing now across the organs a user works for."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ogi.web.applications.choices import Status
from ogi.web.applications.models import Application
from ogi.web.lib import checks
from ogi.web.organs.access import can_see_personal, organs_for
from ogi.web.workcalendar.days import db_calendar

SOON_WORKDAYS = 3


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    organs = organs_for(request.user).order_by("code")
    today = checks.today()
    soon = db_calendar().add_workdays(today, SOON_WORKDAYS)
    running = Application.objects.filter(organ__in=organs, status=Status.PROCESSING).select_related("organ")
    by_status = Counter(dict(
        Application.objects.filter(organ__in=organs).values_list("status").annotate(n=Count("id")).order_by()
    ))
    return render(request, "home/dashboard.html", {
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
