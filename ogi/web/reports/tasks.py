"""Background work of the reports: rendering a report for export (WeasyPrint for PDF takes seconds)."""

from __future__ import annotations

from celery import shared_task

from ogi.errors import OgiError
from ogi.render import render
from ogi.web.organs.models import Organ

from . import build


@shared_task(name="ogi.reports.render_export")
def render_export(organ_id: int, year: int, kind: str, children: bool) -> dict:
    """The report of ``organ_id`` for ``year`` rendered as ``kind``: ``{"body": bytes}`` or ``{"error": message}``."""
    organ = Organ.objects.get(pk=organ_id)
    report = build.build_report(organ, year, include_children=children)
    try:
        return {"body": render(report, kind)}
    except OgiError as exc:
        return {"error": str(exc)}
