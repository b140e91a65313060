"""Background work of the portal: rendering a published version's files once (PDF takes seconds)."""

from __future__ import annotations

from celery import shared_task

from .models import Publication


@shared_task(name="ogi.portal.render_files")
def render_files(publication_id: int, kinds: list[str] | None = None) -> list[str]:
    """Render and store the files of a published version not stored yet; the kinds stored now."""
    from . import services

    publication = Publication.objects.get(pk=publication_id)
    return services.render_missing(publication, tuple(kinds) if kinds else services.STORED_KINDS)
