"""The audit trail of an organ."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ogi.web.organs.access import can_see_personal
from ogi.web.organs.decorators import organ_view
from ogi.web.organs.models import Organ

from .models import AuditEntry
from .presenters import audit_page


@require_safe
@organ_view
def organ_audit(request: HttpRequest, organ: Organ) -> HttpResponse:
    entries = AuditEntry.objects.filter(organ=organ)
    return render(request, "audit/audit.html", {
        "title": f"{organ.name} 审计记录", "organ": organ,
        **audit_page(request, entries, can_see_personal(request.user, organ)),
    })
