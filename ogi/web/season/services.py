"""Every change of a season goes through here: access checked, one transaction, an audit entry.

Season and roster (the supervising office):
    open_season(user, supervisor, year, department_deadline=None, government_deadline=None) -> Season
    set_deadlines(user, season, department_deadline, government_deadline) -> Season
    add_to_roster(user, season, organ, deadline=None) -> RosterEntry
    remove_from_roster(user, entry) -> None            (only an entry that has not started)
    set_entry_deadline(user, entry, deadline) -> RosterEntry

The reporting organ (every channel ends in ``_submit``, which runs ``gate.require``):
    submit_final(user, entry, final_report, explanations=None) -> Submission     (定稿 in one click)
    upload(user, entry, file) -> Draft                                            (read by ogi.parse)
    correct_cell(user, draft, path, value) -> Draft                               (who, cell, from, to)
    submit_upload(user, draft, explanations) -> Submission
    submit_document(actor_organ, entry, document, explanations, source, *, user=None,
                    correction_note="") -> Submission                            (the portal's token API)

Review (the supervising office):
    comment(user, submission, text, path="") -> Comment
    return_submission(user, submission, comment) -> Submission
    accept(user, submission) -> Submission

Publication (called by the portal, no user):
    mark_published(submission, when) -> RosterEntry

A submission is refused unless the entry's state allows it (``lifecycle``): after acceptance it is
refused; after publication only a correction with a 更正说明 (``correction_note``) is taken, as a new
version. Refusals are ``ValidationError`` (Chinese; by cell path where they concern a cell) or
``PermissionDenied``; nothing is saved by a refused call.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ogi.model import Report, set_value
from ogi.render.layout import cell_text
from ogi.rules.labels import cell as cell_label
from ogi.web.applications.models import Application
from ogi.web.audit import services as audit
from ogi.web.lib import checks
from ogi.web.organs.models import Organ
from ogi.web.reports import finalise
from ogi.web.reports.models import FinalReport

from . import gate, lifecycle, reading, rollup
from .access import can_report, can_supervise, can_supervise_organ
from .choices import Source, Status
from .figures import key_figures, numeric_cells
from .models import (
    Comment,
    Draft,
    EntryEvent,
    RosterEntry,
    Season,
    Submission,
    SubmissionCell,
    default_department_deadline,
    default_government_deadline,
)

MAX_COMMENT = 2000
MAX_EXPLANATION = 2000


# ---------------------------------------------------------------- season and roster


def _require_supervisor(user, season: Season, what: str) -> None:  # noqa: ANN001
    if not can_supervise(user, season):
        raise PermissionDenied(f"{what}须由{season.supervisor.name}的政府信息公开工作主管部门办理")


def roster_organs(supervisor: Organ) -> list[Organ]:
    """Who reports to ``supervisor`` by default: the government itself and every organ directly under it
    (its departments, townships and subordinate governments), by code."""
    return [supervisor, *Organ.objects.filter(parent=supervisor).order_by("code")]


def open_season(user, supervisor: Organ, year: int, department_deadline=None, government_deadline=None) -> Season:  # noqa: ANN001
    """Open ``supervisor``'s season for report ``year`` with its roster taken from the organ tree."""
    if not can_supervise_organ(user, supervisor):
        raise PermissionDenied(f"无权为{supervisor.name}开启年报报送")
    if supervisor.kind != Organ.Kind.GOVERNMENT:
        checks.refuse("supervisor", f"{supervisor.name}不是人民政府，不能组织年报报送")
    if year not in checks.report_years():
        years = checks.report_years()
        checks.refuse("year", f"{year}年不在可报送的年度范围（{years[0]}—{years[-1]}年）内")
    dept = department_deadline or default_department_deadline(year)
    gov = government_deadline or default_government_deadline(year)
    _check_deadline("department_deadline", dept, year)
    _check_deadline("government_deadline", gov, year)
    with transaction.atomic():
        if Season.objects.filter(supervisor=supervisor, year=year).exists():
            checks.refuse("year", f"{supervisor.name}{year}年度的报送已开启")
        season = Season.objects.create(
            supervisor=supervisor, year=year, department_deadline=dept, government_deadline=gov,
            opened_by=checks.acting_user(user),
        )
        RosterEntry.objects.bulk_create(
            RosterEntry(season=season, organ=o, deadline=season.deadline_for(o)) for o in roster_organs(supervisor)
        )
        audit.record(user, supervisor, "season_open", season, None, {
            "year": year, "department_deadline": dept.isoformat(), "government_deadline": gov.isoformat(),
            "organs": season.entries.count(),
        })
    return season


def _check_deadline(field: str, value, year: int) -> None:  # noqa: ANN001
    """A deadline is a date in the year after the report year (or the one after that)."""
    if not isinstance(value, date):
        checks.refuse(field, "请填写报送期限")
    if value.year not in (year + 1, year + 2):
        checks.refuse(field, f"报送期限（{value.year}年{value.month}月{value.day}日）应在{year + 1}年内（{year}年度报告）")


def set_deadlines(user, season: Season, department_deadline, government_deadline) -> Season:  # noqa: ANN001
    """Change the season's two deadlines; every entry still on the old default follows the new one."""
    _require_supervisor(user, season, "修改报送期限")
    _check_deadline("department_deadline", department_deadline, season.year)
    _check_deadline("government_deadline", government_deadline, season.year)
    with transaction.atomic():
        before = {"department_deadline": season.department_deadline.isoformat(),
                  "government_deadline": season.government_deadline.isoformat()}
        entries = RosterEntry.objects.filter(season=season)
        entries.filter(organ_id=season.supervisor_id, deadline=season.government_deadline).update(deadline=government_deadline)
        entries.exclude(organ_id=season.supervisor_id).filter(deadline=season.department_deadline).update(
            deadline=department_deadline
        )
        season.department_deadline, season.government_deadline = department_deadline, government_deadline
        season.save(update_fields=["department_deadline", "government_deadline"])
        audit.record(user, season.supervisor, "season_deadlines", season, before, {
            "department_deadline": department_deadline.isoformat(), "government_deadline": government_deadline.isoformat(),
        })
    return season


def add_to_roster(user, season: Season, organ: Organ, deadline=None) -> RosterEntry:  # noqa: ANN001
    _require_supervisor(user, season, "调整报送名单")
    if organ.pk not in season.supervisor.subtree_ids():
        checks.refuse("organ", f"{organ.name}不在{season.supervisor.name}所辖范围内")
    deadline = deadline or season.deadline_for(organ)
    _check_deadline("deadline", deadline, season.year)
    with transaction.atomic():
        if RosterEntry.objects.filter(season=season, organ=organ).exists():
            checks.refuse("organ", f"{organ.name}已在报送名单中")
        entry = RosterEntry.objects.create(season=season, organ=organ, deadline=deadline)
        audit.record(user, season.supervisor, "season_roster_add", entry, None, {"organ": organ.name, "deadline": deadline.isoformat()})
    return entry


def remove_from_roster(user, entry: RosterEntry) -> None:  # noqa: ANN001
    _require_supervisor(user, entry.season, "调整报送名单")
    with transaction.atomic():
        entry = RosterEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status != Status.NOT_STARTED or entry.drafts.exists():
            checks.refuse("organ", f"{entry.organ.name}已开始报送，不能移出名单")
        audit.record(user, entry.season.supervisor, "season_roster_remove", entry, {"organ": entry.organ.name}, None)
        entry.delete()


def set_entry_deadline(user, entry: RosterEntry, deadline) -> RosterEntry:  # noqa: ANN001
    _require_supervisor(user, entry.season, "修改报送期限")
    _check_deadline("deadline", deadline, entry.season.year)
    with transaction.atomic():
        before = entry.deadline.isoformat()
        entry.deadline = deadline
        entry.save(update_fields=["deadline"])
        audit.record(user, entry.season.supervisor, "season_entry_deadline", entry, {"deadline": before},
                     {"deadline": deadline.isoformat()})
    return entry


# ---------------------------------------------------------------- the organ's side


def _require_reporter(user, entry: RosterEntry) -> None:  # noqa: ANN001
    if not can_report(user, entry):
        raise PermissionDenied(f"只有{entry.organ.name}的经办人或负责人可以报送该机关的年度报告")


def _locked(entry: RosterEntry) -> RosterEntry:
    return RosterEntry.objects.select_for_update().select_related("season", "organ").get(pk=entry.pk)


def _late_answers(organ: Organ, year: int) -> int | None:
    row = Application.objects.late_answers_by_organ(year).filter(organ=organ.pk).first()
    return row["late"] if row else 0


def _explanations_of(final: FinalReport) -> dict[str, str]:
    return {f"{e['rule']}:{'|'.join(e['cells'])}": e["explanation"] for e in final.explanations or []}


def submit_final(user, entry: RosterEntry, final_report: FinalReport, explanations: dict[str, str] | None = None) -> Submission:  # noqa: ANN001
    """Submit the organ's 定稿 in one click. The 定稿's own explanations are taken over; a warning the
    season's gate finds beyond them (e.g. against last year's accepted report) needs ``explanations``."""
    _require_reporter(user, entry)
    if final_report.organ_id != entry.organ_id or final_report.year != entry.season.year:
        raise ValidationError(
            f"所选定稿是{final_report.organ.name}{final_report.year}年度的，本次报送的是{entry.organ.name}{entry.season.year}年度报告"
        )
    given = {**_explanations_of(final_report), **(explanations or {})}
    return _submit(
        user, entry, final_report.document, given, Source.FINAL, final_report=final_report,
        answers_late=_late_answers(entry.organ, entry.season.year),
    )


def submit_document(
    actor_organ: Organ, entry: RosterEntry, document: dict[str, Any], explanations: dict[str, str] | None,
    source: str = Source.API, *, user=None, correction_note: str = "",  # noqa: ANN001
) -> Submission:
    """Submit a report document (the contract's JSON) on behalf of ``actor_organ`` — the organ an API
    token belongs to. Refused unless ``actor_organ`` is the entry's organ (and, with ``user``, unless the
    user may report for it). The document goes through the same gate as every other channel."""
    if actor_organ.pk != entry.organ_id:
        raise PermissionDenied(f"{actor_organ.name}不能代{entry.organ.name}报送年度报告")
    if user is not None:
        _require_reporter(user, entry)
    if source not in Source.values:
        checks.refuse("source", f"报送来源「{source}」不是有效选项")
    return _submit(user, entry, document, explanations or {}, source, correction_note=correction_note)


def upload(user, entry: RosterEntry, file) -> Draft:  # noqa: ANN001
    """Read an uploaded file into a draft (the original kept, the cells as read). Refused with one Chinese
    line on ``file`` (``reading.read_upload``) or when it is another organ's or year's report."""
    _require_reporter(user, entry)
    lifecycle.require_start("draft", entry)
    size = getattr(file, "size", None)
    if size is not None and size > reading.MAX_UPLOAD_BYTES:
        reading.refuse(f"文件有 {size // (1024 * 1024)} MB，超过 {reading.MAX_UPLOAD_BYTES // (1024 * 1024)} MB 上限，不像年度报告")
    file.seek(0)
    data = file.read(reading.MAX_UPLOAD_BYTES + 1)
    name = getattr(file, "name", "") or "report"
    report, text = reading.read_upload(name, data)
    try:
        gate.identify(entry, report)
    except ValidationError as exc:
        reading.refuse(exc.messages[0])
    verdict = gate.examine(entry, report)
    document = report.to_dict()
    now = timezone.now()
    with transaction.atomic():
        entry = _locked(entry)
        lifecycle.require_start("draft", entry)
        draft = Draft.objects.create(
            entry=entry, filename=name[:255], kind=report.source.kind or "", original=data,
            original_sha256=hashlib.sha256(data).hexdigest(), original_text=text, parsed=document, document=document,
            error_count=len(verdict.errors), warning_count=len(verdict.warnings), uploaded_by=user, uploaded_at=now,
        )
        lifecycle.move("draft", entry)
        entry.drafted_at = entry.drafted_at or now
        entry.error_count, entry.warning_count = draft.error_count, draft.warning_count
        entry.save(update_fields=["status", "drafted_at", "error_count", "warning_count"])
        EntryEvent.objects.create(entry=entry, action="draft", status=entry.status, by=user, at=now, note=name[:255])
        audit.record(user, entry.organ, "season_upload", draft, None, {
            "file": name, "sha256": draft.original_sha256, "errors": draft.error_count, "warnings": draft.warning_count,
        })
    return draft


def _cell_value(spec, path: str, raw: object):  # noqa: ANN001, ANN202
    kind = spec.column_kind(path)
    text = str(raw if raw is not None else "").strip().replace(",", "")
    label = cell_label(spec, path)
    if text == "":
        checks.refuse(path, f"{label}：请填写数字（空白单元格按 0 填写）")
    try:
        value = Decimal(text)
    except InvalidOperation:
        checks.refuse(path, f"{label}：「{raw}」不是数字")
    if kind == "money":
        if value.is_nan() or abs(value) > checks.MAX_AMOUNT or value.as_tuple().exponent < -4:
            checks.refuse(path, f"{label}：金额应在 0 到 {checks.MAX_AMOUNT} 万元之间，至多四位小数")
        return value
    if value != value.to_integral_value():
        checks.refuse(path, f"{label}：应为整数，不能为{raw}")
    low = -checks.MAX_COUNT if kind == "signed" else 0
    if not low <= value <= checks.MAX_COUNT:
        checks.refuse(path, f"{label}：应在{low}到{checks.MAX_COUNT}之间，不能为{raw}")
    return int(value)


def correct_cell(user, draft: Draft, path: str, value: object) -> Draft:  # noqa: ANN001
    """Correct one cell of an uploaded draft (what the reader could not read, or misread). Recorded:
    who, when, the cell, the text before and the value after. The reader's remarks about that cell alone
    (an unreadable cell, say) are dropped: the correction answers them."""
    entry = draft.entry
    _require_reporter(user, entry)
    if draft.submitted:
        checks.refuse(path, "该草稿已报送，不能再修改；请重新上传")
    report = Report.from_dict(draft.document)
    spec = report.spec
    if spec is None or path not in spec.paths():
        checks.refuse("path", f"「{path}」不是该报告格式的单元格")
    new = _cell_value(spec, path, value)
    before = cell_text(report, path)
    set_value(report, path, new)
    report.cells_meta.pop(path, None)
    report.diagnostics = [d for d in report.diagnostics if not (d.cells and set(d.cells) <= {path})]
    verdict = gate.examine(entry, report)
    now = timezone.now()
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        if draft.submitted:
            checks.refuse(path, "该草稿已报送，不能再修改；请重新上传")
        after = cell_text(report, path)
        draft.document = report.to_dict()
        draft.corrections = [*draft.corrections, {
            "path": path, "label": cell_label(spec, path), "before": before or "（空白）", "after": after,
            "by": user.get_username(), "by_id": user.pk, "at": now.isoformat(),
        }]
        draft.error_count, draft.warning_count = len(verdict.errors), len(verdict.warnings)
        draft.save()
        RosterEntry.objects.filter(pk=entry.pk, current__isnull=True).update(
            error_count=draft.error_count, warning_count=draft.warning_count
        )
        audit.record(user, entry.organ, "season_correct_cell", draft, {path: before}, {path: after})
    return draft


def submit_upload(user, draft: Draft, explanations: dict[str, str] | None = None) -> Submission:  # noqa: ANN001
    """Submit an uploaded draft with its corrections through the gate."""
    entry = draft.entry
    _require_reporter(user, entry)
    if draft.submitted:
        raise ValidationError("该草稿已经报送过")
    return _submit(user, entry, draft.document, explanations or {}, Source.UPLOAD, draft=draft)


def _submit(
    user, entry: RosterEntry, document: dict[str, Any], explanations: dict[str, str], source: str, *,  # noqa: ANN001
    final_report: FinalReport | None = None, draft: Draft | None = None, answers_late: int | None = None,
    correction_note: str = "",
) -> Submission:
    """The one way a submission is made: state, gate, then the version in one transaction."""
    for key, text in explanations.items():
        if len(text or "") > MAX_EXPLANATION:
            checks.refuse(f"explain:{key}", f"说明不能超过 {MAX_EXPLANATION} 字")
    key = "correct" if entry.status == Status.PUBLISHED else "submit"
    lifecycle.require_start(key, entry)
    if key == "correct" and not (correction_note or "").strip():
        checks.refuse("correction_note", "报告已公开，报送更正版本须写明更正说明")
    try:
        report = Report.from_dict(document)
    except Exception as exc:  # noqa: BLE001 - ogi's ParseError or pydantic's: the document is not the contract's
        raise ValidationError(f"报告文档不符合 ogi.report/1 格式：{getattr(exc, 'message', exc)}") from None
    verdict = gate.require(entry, report, explanations)
    document = report.to_dict()
    sha = finalise.digest(document)
    now = timezone.now()
    with transaction.atomic():
        entry = _locked(entry)
        key = "correct" if entry.status == Status.PUBLISHED else "submit"
        lifecycle.require_start(key, entry)
        last = entry.current
        if last is not None and last.sha256 == sha:
            raise ValidationError(f"与已报送的第 {last.version} 版完全相同，无需再次报送")
        if key == "correct":
            rollup.add(entry, last, -1)  # the published version leaves the roll-up until the correction is accepted
        if draft is not None:
            draft = Draft.objects.select_for_update().get(pk=draft.pk)
            if draft.submitted:
                raise ValidationError("该草稿已经报送过")
        figures = key_figures(report)
        submission = Submission.objects.create(
            entry=entry, version=(last.version + 1) if last else 1, document=document, sha256=sha, source=source,
            final_report=final_report, draft=draft, submitted_by=checks.acting_user(user), submitted_at=now,
            explanations=verdict.explanations, corrections=list(draft.corrections) if draft else [],
            change_note=finalise.changes(last.document, document) if last else [],
            correction_note=(correction_note or "").strip(), warning_count=len(verdict.warnings),
            answers_late=answers_late, **figures,
        )
        SubmissionCell.objects.bulk_create(
            SubmissionCell(submission=submission, path=p, value=v) for p, v in numeric_cells(report).items()
        )
        if draft is not None:
            draft.submitted = True
            draft.save(update_fields=["submitted"])
        lifecycle.move(key, entry)
        entry.current = submission
        entry.first_submitted_at = entry.first_submitted_at or now
        entry.submitted_at = now
        entry.error_count, entry.warning_count = 0, len(verdict.warnings)
        entry.save(update_fields=["status", "current", "first_submitted_at", "submitted_at", "error_count", "warning_count"])
        EntryEvent.objects.create(entry=entry, action=key, status=entry.status, submission=submission,
                                  by=checks.acting_user(user), at=now, note=submission.correction_note)
        audit.record(user, entry.organ, "season_submit", submission, None, {
            "season": entry.season_id, "version": submission.version, "sha256": sha, "source": source,
        })
    return submission


# ---------------------------------------------------------------- review


def _current(submission: Submission) -> RosterEntry:
    entry = _locked(submission.entry)
    if entry.current_id != submission.pk:
        raise ValidationError(f"这是{entry.organ.name}的第 {submission.version} 版，已有更新的版本，请审核最新版本")
    return entry


def comment(user, submission: Submission, text: str, path: str = "") -> Comment:  # noqa: ANN001
    """A review comment on the submission (``path`` empty) or on one of its cells."""
    entry = submission.entry
    _require_supervisor(user, entry.season, "审核意见")
    text = checks.require_text("text", text, "请填写审核意见")
    if len(text) > MAX_COMMENT:
        checks.refuse("text", f"审核意见不能超过 {MAX_COMMENT} 字")
    report = Report.from_dict(submission.document)
    if path and (report.spec is None or (path not in report.spec.paths() and path not in finalise.TEXTS)):
        checks.refuse("path", f"「{path}」不是该报告的单元格")
    with transaction.atomic():
        entry = _current(submission)
        lifecycle.require_start("comment", entry)
        note = Comment.objects.create(submission=submission, path=path, text=text, author=user, created_at=timezone.now())
        audit.record(user, entry.season.supervisor, "season_comment", note, None, {"submission": submission.pk, "path": path})
    return note


def return_submission(user, submission: Submission, comment: str) -> Submission:  # noqa: ANN001
    """Send the submission back to the organ with a comment (required); the organ resubmits a new version."""
    entry = submission.entry
    _require_supervisor(user, entry.season, "退回")
    text = checks.require_text("comment", comment, "退回须写明意见")
    if len(text) > MAX_COMMENT:
        checks.refuse("comment", f"意见不能超过 {MAX_COMMENT} 字")
    now = timezone.now()
    with transaction.atomic():
        entry = _current(submission)
        lifecycle.require_start("return", entry)
        Comment.objects.create(submission=submission, path="", text=text, author=user, created_at=now)
        lifecycle.move("return", entry)
        entry.returned_at = now
        entry.save(update_fields=["status", "returned_at"])
        EntryEvent.objects.create(entry=entry, action="return", status=entry.status, submission=submission, by=user, at=now, note=text)
        audit.record(user, entry.season.supervisor, "season_return", submission, None, {"version": submission.version, "comment": text})
    return submission


def accept(user, submission: Submission) -> Submission:  # noqa: ANN001
    """Accept the submission (已通过): it is counted in the roll-up and may be published."""
    entry = submission.entry
    _require_supervisor(user, entry.season, "审核通过")
    now = timezone.now()
    with transaction.atomic():
        entry = _current(submission)
        lifecycle.require_start("accept", entry)
        lifecycle.move("accept", entry)
        entry.accepted_at = now
        entry.save(update_fields=["status", "accepted_at"])
        rollup.add(entry, submission)
        EntryEvent.objects.create(entry=entry, action="accept", status=entry.status, submission=submission, by=user, at=now)
        audit.record(user, entry.season.supervisor, "season_accept", submission, None, {"version": submission.version})
    return submission


# ---------------------------------------------------------------- publication (the portal)


def mark_published(submission: Submission, when: datetime) -> RosterEntry:
    """Record that the accepted submission was published at ``when`` (已公开). Called by the portal in
    the transaction in which it publishes; refused unless it is the entry's current, accepted version."""
    with transaction.atomic():
        entry = _current(submission)
        lifecycle.require_start("publish", entry)
        lifecycle.move("publish", entry)
        entry.published_at = when
        entry.save(update_fields=["status", "published_at"])
        EntryEvent.objects.create(entry=entry, action="publish", status=entry.status, submission=submission, at=when)
        audit.record(None, entry.organ, "season_publish", submission, None, {
            "version": submission.version, "sha256": submission.sha256, "at": when.isoformat(),
        })
    return entry
