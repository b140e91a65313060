"""Publishing: an accepted report becomes a public, never-changed version.

What is published is what the published DOCX says: the accepted document is rendered as DOCX, the DOCX
is read back by the core's reader, and the values and texts read must equal the accepted ones (else
nothing is published: a renderer or reader fault, reported in Chinese). The document read back — with
``source`` naming the DOCX download and its SHA-256 — is the published document: the JSON download, the
API and ``ogi parse --json`` of the DOCX download are the same object, and no two copies can differ.
The DOCX is stored in the same transaction; PDF, XLSX and HTML are rendered after it by a task (eager
without a broker) and stored once.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ogi.errors import OgiError
from ogi.model import Report
from ogi.parse import parse
from ogi.render import render
from ogi.web.audit import services as audit
from ogi.web.organs.access import is_admin
from ogi.web.organs.models import Membership, Organ
from ogi.web.reports.finalise import digest
from ogi.web.workcalendar.days import db_calendar

from .lateness import deadline_for, late_workdays
from .models import FIGURES, Publication, PublishedFile

STORED_KINDS = ("docx", "pdf", "xlsx", "html")  # rendered once and kept; JSON is the document itself
DOWNLOADS = ("docx", "pdf", "xlsx", "json")


def can_publish(user, organ: Organ) -> bool:  # noqa: ANN001
    """The supervising office over ``organ`` (a supervisor of it or of an organ above it), or an admin."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_admin(user):
        return True
    return Membership.objects.filter(
        user=user, role=Membership.Role.SUPERVISOR, organ_id__in=_ancestors(organ)
    ).exists()


def _ancestors(organ: Organ) -> set[int]:
    ids, current = {organ.pk}, organ
    while current.parent_id is not None and current.parent_id not in ids:
        ids.add(current.parent_id)
        current = Organ.objects.only("pk", "parent_id").get(pk=current.parent_id)
    return ids


def figures(document: dict[str, Any]) -> dict[str, int | None]:
    """The key figures of a document (``models.FIGURES``): the sum of the cells printed, None when all
    are blank (missing is not zero)."""
    cells = Report.from_dict(document).cells()
    out: dict[str, int | None] = {}
    for column, paths in FIGURES.items():
        values = [cells[p] for p in paths if cells.get(p) is not None]
        out[column] = int(sum(values)) if values else None
    return out


def as_published(document: dict[str, Any], name: str) -> tuple[dict[str, Any], bytes]:
    """The document as its DOCX reads (see the module's note) and the DOCX; ValidationError otherwise."""
    report = Report.from_dict(document)
    try:
        docx = render(report, "docx")
        read = parse(name, docx)
    except OgiError as exc:
        raise ValidationError(f"生成公开文本失败：{exc}") from exc
    differs = [p for p in set(report.cells()) | set(read.cells()) if report.cells().get(p) != read.cells().get(p)]
    texts = [s for s in ("s1", "s5", "s6")
             if getattr(report.sections, f"{s}_text").strip() != getattr(read.sections, f"{s}_text").strip()]
    if differs or texts or (read.year, read.format) != (report.year, report.format):
        what = "、".join(sorted(differs)[:3] + [f"{s}文字" for s in texts]) or "年度或格式"
        raise ValidationError(f"公开的 DOCX 读回后与报告不一致（{what}），未公开；请联系系统管理员")
    return json.loads(read.to_json()), docx


def store_publication(
    user, organ: Organ, year: int, document: dict[str, Any], *,  # noqa: ANN001
    correction_note: str = "", source_sha256: str = "", when: datetime | None = None, **links: Any,
) -> Publication:
    """Publish ``document`` as the next version of ``organ``'s report for ``year`` (call inside the
    caller's transaction; access is the caller's). A second version needs a 更正说明."""
    when = when or timezone.now()
    note = (correction_note or "").strip()
    with transaction.atomic():
        last = (Publication.objects.select_for_update().filter(organ=organ, year=year)
                .order_by("-version").first())
        if last is not None and not note:
            raise ValidationError(f"{organ.name}{year}年度报告已公开第 {last.version} 版；再次公开须附更正说明")
        if last is None and note:
            note = ""  # a first publication corrects nothing
        version = last.version + 1 if last else 1
        name = f"{organ.name}{year}年政府信息公开工作年度报告（第{version}版）.docx"
        published, docx = as_published(document, name)
        if published["year"] != year:
            raise ValidationError(f"报告年度为 {published['year']} 年，不是 {year} 年")
        day = timezone.localdate(when)
        deadline = deadline_for(organ.kind, year)
        publication = Publication.objects.create(
            organ=organ, organ_name=organ.name, organ_kind=organ.kind, year=year, version=version,
            document=published, sha256=digest(published), published_at=when, published_on=day,
            published_by=user, deadline=deadline, late_workdays=late_workdays(deadline, day, db_calendar()),
            correction_note=note, corrects=last, source_sha256=source_sha256, **figures(published), **links,
        )
        _store_file(publication, "docx", docx)
        audit.record(user, organ, "publish_report", publication, None, {
            "year": year, "version": version, "sha256": publication.sha256, "corrects": last.version if last else None,
        })
        transaction.on_commit(lambda: _render_later(publication.pk))
    return publication


def publish(user, submission) -> Publication:  # noqa: ANN001
    """Publish an accepted season submission (the supervising office only): the next version of the
    organ's report — a correction when one is published already, with the submission's 更正说明 — and the
    entry becomes 已公开 in the same transaction (``season.services.mark_published``)."""
    from ogi.web.season import services as season
    from ogi.web.season.access import can_supervise
    from ogi.web.season.choices import Status
    from ogi.web.season.models import RosterEntry

    entry = RosterEntry.objects.select_related("season", "organ").get(pk=submission.entry_id)
    if not can_supervise(user, entry.season):
        raise PermissionDenied(f"无权公开{entry.organ.name}的年度报告")
    if entry.status != Status.ACCEPTED or entry.current_id != submission.pk:
        raise ValidationError(f"{entry.organ.name}的第 {submission.version} 版不是已审核通过的最新版本，不能公开")
    with transaction.atomic():
        publication = store_publication(
            user, entry.organ, entry.season.year, submission.document, correction_note=submission.correction_note,
            source_sha256=submission.sha256, submission=submission,
        )
        season.mark_published(submission, publication.published_at)
    return publication


def publish_document(user, organ: Organ, year: int, document: dict[str, Any], **kwargs: Any) -> Publication:  # noqa: ANN001
    """Publish a document directly (the supervising office or an admin): the season's ``publish`` calls
    ``store_publication`` with its submission; this is for documents that came no other way (imports)."""
    if not can_publish(user, organ):
        raise PermissionDenied(f"无权公开{organ.name}的年度报告")
    return store_publication(user, organ, year, document, **kwargs)


def _render_later(publication_id: int) -> None:
    from . import tasks

    try:
        tasks.render_files.delay(publication_id)
    except Exception:  # noqa: BLE001 - a broker down: the download renders on first request instead
        import logging

        logging.getLogger("ogi.portal").warning("公开报告 %s 的文件未能排入后台任务，将在首次下载时生成", publication_id)


def _store_file(publication: Publication, kind: str, body: bytes) -> PublishedFile:
    return PublishedFile.objects.create(
        publication=publication, kind=kind, body=body, sha256=hashlib.sha256(body).hexdigest(), size=len(body),
        rendered_at=timezone.now(),
    )


def render_missing(publication: Publication, kinds: tuple[str, ...] = STORED_KINDS) -> list[str]:
    """Render and store the files of ``publication`` not stored yet; the kinds stored now."""
    have = set(publication.files.values_list("kind", flat=True))
    report = None
    done = []
    for kind in kinds:
        if kind in have:
            continue
        report = report or Report.from_dict(publication.document)
        body = render(report, kind)
        try:
            with transaction.atomic():
                _store_file(publication, kind, body)
        except IntegrityError:
            continue  # stored meanwhile by another worker: the first one stays
        done.append(kind)
    return done
