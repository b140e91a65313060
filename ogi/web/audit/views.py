"""The audit trail of an organ."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ogi.web.organs.access import can_see_personal
from ogi.web.organs.decorators import organ_view
from ogi.web.organs.models import Organ

from .models import AuditEntry
from .presenters import audit_rows

PAGE_SIZE = 100


@require_safe
@organ_view
def organ_audit(request: HttpRequest, organ: Organ) -> HttpResponse:
    entries = AuditEntry.objects.filter(organ=organ).select_related("user")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/audit.html", {
        "title": f"{organ.name} 审计记录", "organ": organ, "page": page,
        "entries": audit_rows(page.object_list, can_see_personal(request.user, organ)),
    })
