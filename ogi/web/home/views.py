"""The dashboard: what needs doing now across the organs a user works for.

Each list shows its first ``CAP`` rows and its count, with a link to the register filtered the same way;
the page makes the same queries however many cases and organs there are.
"""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from ogi.web.applications.choices import Status
from ogi.web.applications.deadlines import by_due, due_soon_until
from ogi.web.applications.models import Application, ExtensionRequest
from ogi.web.lib import checks
from ogi.web.organs.access import organs_for, personal_organ_ids, visible_organ_ids

CAP = 10
ORGANS_PAGE_SIZE = 50


def capped(apps: QuerySet, query: str) -> dict:
    """The first ``CAP`` rows of a list, its count and the register filtered to the whole list."""
    return {"rows": list(apps[:CAP]), "count": apps.count(), "more": f"{reverse('applications:register')}?{query}"}


def _late_answers(organs, year: int) -> list[tuple]:  # noqa: ANN001
    """(organ, late last year, late this year) for the organs with a late answer (逾期答复) in either year."""
    late = {
        (row["organ"], y): row["late"]
        for y in (year - 1, year)
        for row in Application.objects.filter(organ__in=organs).late_answers_by_organ(y)
    }
    return [(o, late.get((o.pk, year - 1), 0), late.get((o.pk, year), 0)) for o in organs
            if late.get((o.pk, year - 1)) or late.get((o.pk, year))]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    organs = organs_for(request.user).order_by("code")
    today = checks.today()
    ids = visible_organ_ids(request.user)
    visible = (Application.objects.all() if ids is None else Application.objects.filter(organ_id__in=ids)).select_related("organ")
    # COUNT(*), not COUNT(id): PostgreSQL answers it from the (organ, status, …) index alone
    by_status = Counter(dict(visible.values_list("status").annotate(n=Count("*")).order_by()))
    organ_rows = list(organs[:CAP + 1])
    soon = due_soon_until(today)
    return render(request, "home/dashboard.html", {
        "organs": organ_rows[:CAP], "more_organs": len(organ_rows) > CAP,
        "today": today, "soon": soon,
        "overdue": capped(by_due(visible, "overdue", today), "due=overdue"),
        "due_soon": capped(by_due(visible, "soon", today, soon), "due=soon"),
        "awaiting_correction": capped(
            visible.filter(status=Status.AWAITING_CORRECTION).order_by("correction_requested_on", "id"),
            f"status={Status.AWAITING_CORRECTION}",
        ),
        "by_status": [(label, by_status.get(key, 0), key) for key, label in Status.choices],
        "year": today.year, "last_year": today.year - 1,
        "extensions_waiting": ExtensionRequest.objects.waiting_for(request.user)[:CAP],
        "late": _late_answers(organ_rows[:CAP], today.year),
        "personal": personal_organ_ids(request.user),
        "several_organs": len(organ_rows) > 1,
    })


@login_required
def organ_list(request: HttpRequest) -> HttpResponse:
    """Every organ the user works for, with links to its reports and audit trail (paginated)."""
    today = checks.today()
    page = Paginator(organs_for(request.user).order_by("code"), ORGANS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "home/organs.html", {"page": page, "year": today.year, "last_year": today.year - 1})
