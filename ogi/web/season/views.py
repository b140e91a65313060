"""Screens of the season: the supervisor's status board, roll-up and review; the organ's submission
page and upload drafts. Each view: access (a season or entry the user may not reach is a 404), one
service call, render."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_POST

from ogi.model import Report
from ogi.render.layout import number_text
from ogi.rules.labels import cell as cell_label
from ogi.spec import format_for_year
from ogi.web.organs.access import editable_organs, is_admin
from ogi.web.organs.models import Organ
from ogi.web.reports import finalise
from ogi.web.reports.models import FinalReport
from ogi.web.security import tokens
from ogi.web.workcalendar.days import db_calendar

from . import access, board, gate, rollup, services
from .choices import Status
from .models import Comment, Draft, EntryEvent, RosterEntry, Season, Submission
from .presenters import (
    annotated_layout,
    day_text,
    errors_by_cell,
    findings_of,
    rollup_tables,
    short_day,
)

T = TypeVar("T")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PER_PAGE = 20


def _season(request: HttpRequest, season_id: int) -> Season:
    season = get_object_or_404(Season.objects.select_related("supervisor"), pk=season_id)
    if not access.can_supervise(request.user, season):
        raise Http404("没有找到该报送季（或无权查看）")
    return season


def _entry(request: HttpRequest, entry_id: int) -> RosterEntry:
    return get_object_or_404(access.entries_for(request.user).select_related("season__supervisor", "organ"), pk=entry_id)


def _supervised_entry(request: HttpRequest, entry_id: int) -> RosterEntry:
    """An entry of a season the user supervises (the roster's changes); 404 for the organ itself."""
    entry = _entry(request, entry_id)
    if not access.can_supervise(request.user, entry.season):
        raise Http404("没有找到该报送季（或无权查看）")
    return entry


def _submission(request: HttpRequest, submission_id: int) -> Submission:
    sub = get_object_or_404(Submission.objects.select_related("entry__season__supervisor", "entry__organ", "submitted_by"),
                            pk=submission_id)
    if not access.entries_for(request.user).filter(pk=sub.entry_id).exists():
        raise Http404("没有找到该报送版本（或无权查看）")
    return sub


def _first_problem(exc: ValidationError) -> str:
    """The line a refusal shows: its message for the whole form when it has one, else its first."""
    return ((exc.message_dict.get("__all__") if hasattr(exc, "error_dict") else None) or exc.messages)[0]


def _carry_out(request: HttpRequest, call: Callable[[], T], success: Callable[[T], str],
               then: Callable[[T | None], HttpResponse],
               failed: Callable[[ValidationError], HttpResponse] | None = None) -> HttpResponse:
    """One service call from a form: refused (ValidationError), its line as an error message and
    ``failed(exc)`` (by default ``then(None)``); else ``success(result)`` as a message and ``then(result)``."""
    try:
        result = call()
    except ValidationError as exc:
        messages.error(request, _first_problem(exc))
        return failed(exc) if failed is not None else then(None)
    messages.success(request, success(result))
    return then(result)


def _draft(request: HttpRequest, draft_id: int) -> Draft:
    draft = get_object_or_404(Draft.objects.select_related("entry__season__supervisor", "entry__organ"), pk=draft_id)
    if not access.can_report(request.user, draft.entry) and not access.can_supervise(request.user, draft.entry.season):
        raise Http404("没有找到该草稿（或无权查看）")
    return draft


def _download(body: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# ---------------------------------------------------------------- index


def _supervised_governments(user) -> list[Organ]:  # noqa: ANN001
    qs = Organ.objects.filter(kind=Organ.Kind.GOVERNMENT).order_by("code")
    if not is_admin(user):
        qs = qs.filter(pk__in=access.supervised_ids(user))
    return list(qs[:200])


@login_required
def index(request: HttpRequest) -> HttpResponse:
    seasons = access.seasons_for(request.user).select_related("supervisor").order_by("-year", "supervisor__code")
    page = Paginator(seasons, PER_PAGE).get_page(request.GET.get("page"))
    supervised = {s.pk for s in page.object_list if access.can_supervise(request.user, s)}
    mine = [o.pk for o in editable_organs(request.user)]
    own = (RosterEntry.objects.filter(organ_id__in=mine).select_related("season__supervisor", "organ")
           .order_by("-season__year", "organ__code")[:50]) if mine else []
    governments = _supervised_governments(request.user)
    return render(request, "season/index.html", {
        "page": page, "supervised": supervised, "own": own, "governments": governments,
        "token": tokens.issue(request) if governments else "", "this_year": timezone.localdate().year - 1,
    })


@login_required
@require_POST
def open_season(request: HttpRequest) -> HttpResponse:
    organ = get_object_or_404(Organ, pk=request.POST.get("supervisor") or 0) if (request.POST.get("supervisor") or "").isdigit() else None
    if organ is None:
        messages.error(request, "请选择组织报送的人民政府")
        return redirect("season:index")
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        messages.error(request, "报告年度应为四位数字年份")
        return redirect("season:index")
    try:
        return _carry_out(
            request, lambda: tokens.once(request, request.POST.get("token"),
                                         lambda: services.open_season(request.user, organ, year)),
            lambda season: f"已开启{season}，名单共 {season.entries.count()} 个机关",
            lambda season: redirect("season:board", season_id=season.pk), lambda _: redirect("season:index"),
        )
    except tokens.AlreadyPosted as exc:
        messages.error(request, exc.message)
        return redirect("season:index")


# ---------------------------------------------------------------- the status board


def _board_context(request: HttpRequest, season: Season) -> tuple[board.Filters, board.WorkdayCounter]:
    return board.Filters.from_query(request.GET), board.counter_for(season, db_calendar())


@login_required
def season_board(request: HttpRequest, season_id: int) -> HttpResponse:
    season = _season(request, season_id)
    filters, counter = _board_context(request, season)
    qs = board.entries(season, filters)
    page = board.paginated(qs, counter, filters, request.GET.get("page"), PER_PAGE)
    for r in page.object_list:
        for key in ("deadline", "first_submitted_at", "returned_at", "accepted_at", "published_at"):
            r[f"{key}_text"] = short_day(r[key])
    query = {k: v for k, v in (("status", filters.status), ("kind", filters.kind), ("late", "1" if filters.late else ""),
                               ("q", filters.q), ("sort", filters.sort)) if v}
    return render(request, "season/board.html", {
        "season": season, "page": page, "filters": filters, "counts": board.status_counts(season),
        "statuses": Status.choices, "sorts": board.SORT_TITLES, "query": urlencode(query),
        "kinds": [("government", "人民政府"), ("department", "政府部门"), ("township", "乡镇（街道）")],
        "department_deadline": day_text(season.department_deadline), "government_deadline": day_text(season.government_deadline),
        "addable": list(Organ.objects.filter(pk__in=season.supervisor.subtree_ids()).exclude(season_entries__season=season)
                        .order_by("code")[:200]),
    })


@login_required
def board_xlsx(request: HttpRequest, season_id: int) -> HttpResponse:
    season = _season(request, season_id)
    filters, counter = _board_context(request, season)
    body = board.xlsx(season, board.rows(board.entries(season, filters), counter, filters))
    return _download(body, f"{season.supervisor.name}{season.year}年度报告报送情况.xlsx", XLSX)


@login_required
@require_POST
def season_deadlines(request: HttpRequest, season_id: int) -> HttpResponse:
    season = _season(request, season_id)
    try:
        dept = date.fromisoformat(request.POST.get("department_deadline", ""))
        gov = date.fromisoformat(request.POST.get("government_deadline", ""))
    except ValueError:
        messages.error(request, "报送期限应为日期（年-月-日）")
        return redirect("season:board", season_id=season.pk)
    return _carry_out(request, lambda: services.set_deadlines(request.user, season, dept, gov),
                      lambda _: f"报送期限已改为：部门等{day_text(dept)}，本级政府{day_text(gov)}",
                      lambda _: redirect("season:board", season_id=season.pk))


@login_required
@require_POST
def roster_add(request: HttpRequest, season_id: int) -> HttpResponse:
    season = _season(request, season_id)
    raw = request.POST.get("organ") or ""
    organ = Organ.objects.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 19 else None
    if organ is None:
        messages.error(request, "请选择要加入名单的机关")
        return redirect("season:board", season_id=season.pk)
    return _carry_out(request, lambda: services.add_to_roster(request.user, season, organ),
                      lambda _: f"已将{organ.name}加入报送名单", lambda _: redirect("season:board", season_id=season.pk))


@login_required
@require_POST
def entry_deadline(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _supervised_entry(request, entry_id)
    try:
        deadline = date.fromisoformat(request.POST.get("deadline", ""))
    except ValueError:
        messages.error(request, "报送期限应为日期（年-月-日）")
        return redirect("season:entry", entry_id=entry.pk)
    return _carry_out(request, lambda: services.set_entry_deadline(request.user, entry, deadline),
                      lambda _: f"{entry.organ.name}的报送期限已改为{day_text(deadline)}",
                      lambda _: redirect("season:entry", entry_id=entry.pk))


@login_required
@require_POST
def entry_remove(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _supervised_entry(request, entry_id)
    return _carry_out(request, lambda: services.remove_from_roster(request.user, entry),
                      lambda _: f"已将{entry.organ.name}移出报送名单",
                      lambda _: redirect("season:board", season_id=entry.season_id),
                      lambda _: redirect("season:entry", entry_id=entry.pk))


# ---------------------------------------------------------------- the roll-up


@login_required
def season_rollup(request: HttpRequest, season_id: int) -> HttpResponse:
    season = _season(request, season_id)
    roll = rollup.build(season, request.GET.get("kind", ""))
    prefix = reverse("season:rollup_cell", args=[season.pk, "PATH"]).removesuffix("PATH/")
    return render(request, "season/rollup.html", {
        "season": season, "roll": roll, "kinds": rollup.KINDS,
        "tables": rollup_tables(roll, prefix, f"?kind={roll.kind}" if roll.kind else ""),
        "sum_title": rollup.KINDS[roll.kind],
    })


@login_required
def rollup_xlsx(request: HttpRequest, season_id: int) -> HttpResponse:
    season = _season(request, season_id)
    roll = rollup.build(season, request.GET.get("kind", ""))
    return _download(rollup.xlsx(roll), f"{roll.title}.xlsx", XLSX)


@login_required
def rollup_cell(request: HttpRequest, season_id: int, path: str) -> HttpResponse:
    season = _season(request, season_id)
    kind = request.GET.get("kind", "")
    kind = kind if kind in rollup.KINDS else ""
    spec = format_for_year(season.year)
    if path not in spec.paths():
        raise Http404(f"「{path}」不是{season.year}年度报告格式的单元格")
    page = Paginator(rollup.behind(season, path, kind), PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = [{**r, "value_text": number_text(r["value"])} for r in page.object_list]
    return render(request, "season/rollup_cell.html", {
        "season": season, "path": path, "label": cell_label(spec, path), "page": page, "kind": kind,
        "missing": list(rollup.missing(season, kind).select_related("organ").order_by("organ__code")[:200]),
        "query": urlencode({"kind": kind}) if kind else "",
    })


# ---------------------------------------------------------------- the organ's side


@login_required
def entry_page(request: HttpRequest, entry_id: int, status: int = 200, explanations: dict | None = None,
               problems: dict | None = None) -> HttpResponse:
    entry = _entry(request, entry_id)
    reporter = access.can_report(request.user, entry)
    final = FinalReport.objects.filter(organ=entry.organ, year=entry.season.year).order_by("-version").first()
    final_check = None
    if final is not None and reporter:
        try:
            verdict = gate.examine(entry, Report.from_dict(final.document), {
                **services._explanations_of(final), **(explanations or {})})
        except ValidationError as exc:
            final_check = {"refused": exc.messages[0]}
        else:
            final_check = {"findings": findings_of(verdict, {**services._explanations_of(final), **(explanations or {})}),
                           "errors": len(verdict.errors)}
    submissions = list(entry.submissions.select_related("submitted_by").order_by("-version"))
    comments = (Comment.objects.filter(submission__entry=entry).select_related("author", "submission")
                .order_by("-created_at")[:100])
    return render(request, "season/entry.html", {
        "entry": entry, "season": entry.season, "reporter": reporter, "final": final, "final_check": final_check,
        "submissions": submissions, "comments": comments, "problems": problems or {},
        "drafts": entry.drafts.select_related("uploaded_by").order_by("-uploaded_at")[:20],
        "events": EntryEvent.objects.filter(entry=entry).select_related("by").order_by("-at")[:50],
        "supervisor": access.can_supervise(request.user, entry.season),
        "deadline": day_text(entry.deadline), "status_label": Status(entry.status).label,
    }, status=status)


def _explained(request: HttpRequest) -> dict[str, str]:
    return {k.removeprefix("explain:"): v for k, v in request.POST.items() if k.startswith("explain:")}


@login_required
@require_POST
def entry_submit_final(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry(request, entry_id)
    final = get_object_or_404(FinalReport, pk=request.POST.get("final") or 0, organ=entry.organ) \
        if (request.POST.get("final") or "").isdigit() else None
    if final is None:
        messages.error(request, "请先在年度报告页面定稿，再报送")
        return redirect("season:entry", entry_id=entry.pk)
    explained = _explained(request)
    return _carry_out(request, lambda: services.submit_final(request.user, entry, final, explained),
                      lambda sub: f"已报送第 {sub.version} 版（定稿第 {final.version} 版），SHA-256 {sub.sha256}",
                      lambda _: redirect("season:entry", entry_id=entry.pk),
                      lambda _: entry_page(request, entry.pk, status=400, explanations=explained))


@login_required
@require_POST
def entry_upload(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry(request, entry_id)
    file = request.FILES.get("file")
    if file is None:
        messages.error(request, "请选择要上传的报告文件")
        return redirect("season:entry", entry_id=entry.pk)
    return _carry_out(request, lambda: services.upload(request.user, entry, file),
                      lambda draft: f"已读取“{draft.filename}”：请核对读取的单元格，必要时更正，然后报送",
                      lambda draft: redirect("season:draft", draft_id=draft.pk),
                      lambda _: entry_page(request, entry.pk, status=400))


@login_required
def draft_page(request: HttpRequest, draft_id: int, status: int = 200, problems: dict | None = None,
               explanations: dict | None = None) -> HttpResponse:
    draft = _draft(request, draft_id)
    entry = draft.entry
    report = Report.from_dict(draft.document)
    try:
        verdict = gate.examine(entry, report, explanations)
        refused = ""
    except ValidationError as exc:
        verdict, refused = None, exc.messages[0]
    corrections = {c["path"]: c for c in draft.corrections}
    layout = annotated_layout(report, errors=errors_by_cell(verdict.findings) if verdict else {}, corrections=corrections)
    return render(request, "season/draft.html", {
        "draft": draft, "entry": entry, "season": entry.season, "layout": layout, "refused": refused,
        "findings": findings_of(verdict, explanations) if verdict else [], "verdict": verdict,
        "editable": access.can_report(request.user, entry) and not draft.submitted,
        "problems": problems or {}, "summary": (problems or {}).get("__all__", []), "uploaded": day_text(draft.uploaded_at),
        "lines": draft.original_text.splitlines()[:2000],
    }, status=status)


@login_required
@require_POST
def draft_correct(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _draft(request, draft_id)
    path = request.POST.get("path", "")
    return _carry_out(request, lambda: services.correct_cell(request.user, draft, path, request.POST.get("value")),
                      lambda _: f"已更正{cell_label(Report.from_dict(draft.document).spec, path)}",
                      lambda _: redirect("season:draft", draft_id=draft.pk),
                      lambda _: draft_page(request, draft.pk, status=400))


@login_required
@require_POST
def draft_submit(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _draft(request, draft_id)
    explained = _explained(request)
    return _carry_out(
        request, lambda: services.submit_upload(request.user, draft, explained),
        lambda sub: f"已报送第 {sub.version} 版，SHA-256 {sub.sha256}",
        lambda _: redirect("season:entry", entry_id=draft.entry_id),
        lambda exc: draft_page(request, draft.pk, status=400, explanations=explained,
                               problems=exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}),
    )


@login_required
def draft_original(request: HttpRequest, draft_id: int) -> HttpResponse:
    draft = _draft(request, draft_id)
    return _download(bytes(draft.original), draft.filename, "application/octet-stream")


# ---------------------------------------------------------------- review


@login_required
def submission_page(request: HttpRequest, submission_id: int, status: int = 200) -> HttpResponse:
    sub = _submission(request, submission_id)
    entry = sub.entry
    report = Report.from_dict(sub.document)
    comments: dict[str, list[Comment]] = {}
    all_comments = list(sub.comments.select_related("author").order_by("created_at", "id"))
    for c in all_comments:
        comments.setdefault(c.path, []).append(c)
    corrections = {c["path"]: c for c in sub.corrections}
    versions = list(entry.submissions.only("id", "version", "submitted_at", "sha256", "source").order_by("-version"))
    previous = entry.submissions.filter(version=sub.version - 1).only("id", "version").first()
    supervisor = access.can_supervise(request.user, entry.season)
    current = entry.current_id == sub.pk
    return render(request, "season/submission.html", {
        "sub": sub, "entry": entry, "season": entry.season, "report": report,
        "layout": annotated_layout(report, comments=comments, corrections=corrections),
        "report_comments": comments.get("", []), "versions": versions, "previous": previous,
        "supervisor": supervisor, "can_review": supervisor and current and entry.status == Status.SUBMITTED,
        "current": current, "submitted": day_text(sub.submitted_at), "status_label": Status(entry.status).label,
        "paths": [(p, cell_label(report.spec, p)) for p in (report.spec.paths() if report.spec else [])],
    }, status=status)


def _review(request: HttpRequest, submission_id: int, act) -> HttpResponse:  # noqa: ANN001
    sub = _submission(request, submission_id)
    return _carry_out(request, lambda: act(sub), lambda done: done,
                      lambda _: redirect("season:submission", submission_id=sub.pk),
                      lambda _: submission_page(request, sub.pk, status=400))


@login_required
@require_POST
def submission_comment(request: HttpRequest, submission_id: int) -> HttpResponse:
    def act(sub: Submission) -> str:
        services.comment(request.user, sub, request.POST.get("text", ""), request.POST.get("path", ""))
        return "已记录审核意见"

    return _review(request, submission_id, act)


@login_required
@require_POST
def submission_return(request: HttpRequest, submission_id: int) -> HttpResponse:
    def act(sub: Submission) -> str:
        services.return_submission(request.user, sub, request.POST.get("comment", ""))
        return f"已退回{sub.entry.organ.name}，该机关将看到审核意见"

    return _review(request, submission_id, act)


@login_required
@require_POST
def submission_accept(request: HttpRequest, submission_id: int) -> HttpResponse:
    def act(sub: Submission) -> str:
        services.accept(request.user, sub)
        return f"{sub.entry.organ.name}的报告（第 {sub.version} 版）已审核通过"

    return _review(request, submission_id, act)


@login_required
def submission_json(request: HttpRequest, submission_id: int) -> HttpResponse:
    """The version's document: exactly the bytes its SHA-256 was taken over."""
    sub = _submission(request, submission_id)
    response = HttpResponse(finalise.canonical(sub.document), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, f"{sub.entry.organ.name}{sub.entry.season.year}年度报告-第{sub.version}版.json")
    return response
