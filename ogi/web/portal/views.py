"""The public 年报 portal (no login): the index, each report in the official layout with its versions and
downloads, an organ's years with a chart, and the open-data page. Read only: nothing here writes except
a download that stores a file rendering had not stored yet (once, the same bytes ever after)."""

from __future__ import annotations

import logging

from celery.exceptions import TimeoutError as CeleryTimeout
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.views.decorators.http import require_POST, require_safe
from kombu.exceptions import KombuError

from ogi.model import Report
from ogi.render import RENDERERS
from ogi.render.layout import report_layout
from ogi.web.lib.paging import page_of
from ogi.web.organs.models import Organ
from ogi.web.reports.finalise import canonical
from ogi.web.security import tokens as form_tokens

from . import opendata, presenters, services, tasks, tokens
from .lateness import lateness_text
from .models import Publication

log = logging.getLogger("ogi.portal")
PER_PAGE = 20


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    qs, chosen = presenters.index(request.GET)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/index.html", {
        "page": page, "rows": [presenters.row(r) for r in page.object_list], "chosen": chosen,
        "query": urlencode(chosen), "years": presenters.years(), "kinds": presenters.KINDS,
        "statuses": presenters.STATUSES,
    })


def _organ(code: str) -> Organ:
    organ = Organ.objects.filter(code=code).first()
    if organ is None:
        raise Http404("没有这个机关")
    return organ


@require_safe
def organ_page(request: HttpRequest, code: str) -> HttpResponse:
    organ = _organ(code)
    pubs = list(Publication.objects.current().filter(organ=organ).defer("document").order_by("-year"))
    if not pubs and not organ.children.exists():
        raise Http404(f"{organ.name}尚无公开的年度报告")
    return render(request, "portal/organ.html", {
        "organ": organ, "pubs": [(p, lateness_text(p.deadline, p.published_on, p.late_workdays)) for p in pubs],
        "has_children": organ.children.exists(),
        "series_url": reverse("api:organ_series", kwargs={"code": organ.code}),
        "rollup_url": reverse("api:organ_rollup_series", kwargs={"code": organ.code}),
    })


def _publication(organ: Organ, year: int, version: int | None) -> Publication:
    qs = Publication.objects.filter(organ=organ, year=year)
    pub = (qs.filter(version=version) if version is not None else qs.order_by("-version")).first()
    if pub is None:
        what = f"第 {version} 版" if version is not None else "年度报告"
        raise Http404(f"{organ.name}{year}年度没有公开的{what}")
    return pub


@require_safe
def report(request: HttpRequest, code: str, year: int, version: int | None = None) -> HttpResponse:
    """The permanent page of a report (its newest version) or of one version."""
    organ = _organ(code)
    pub = _publication(organ, year, version)
    all_versions = presenters.versions(organ, year)
    newest = all_versions[-1]
    return render(request, "portal/report.html", {
        "organ": organ, "pub": pub, "layout": report_layout(Report.from_dict(pub.document)),
        "versions": all_versions, "newest": newest, "is_newest": pub.pk == newest.pk,
        "lateness": lateness_text(pub.deadline, pub.published_on, pub.late_workdays),
        "downloads": presenters.downloads(pub),
        "permanent": request.build_absolute_uri(reverse("portal:version", args=[organ.code, year, pub.version])),
    })


@require_safe
def download(request: HttpRequest, code: str, year: int, version: int, kind: str) -> HttpResponse:
    if kind not in services.DOWNLOADS:
        raise Http404("不提供该格式的下载")
    pub = _publication(_organ(code), year, version)
    if kind == "json":
        body = canonical(pub.document)
    else:
        stored = pub.files.filter(kind=kind).values_list("body", flat=True).first()
        if stored is None:
            try:
                tasks.render_files.delay(pub.pk, [kind]).get(timeout=settings.TASK_TIMEOUT)
            except (CeleryTimeout, KombuError):
                log.warning("公开报告 %s 的 %s 文件未能生成", pub.pk, kind)
                return render(request, "error.html", {
                    "title": "文件正在生成", "message": "该格式的文件正在生成，请稍后再试。",
                }, status=503)
            stored = pub.files.filter(kind=kind).values_list("body", flat=True).first()
        body = bytes(stored)
    response = HttpResponse(body, content_type=RENDERERS[kind].media_type)
    response.headers["Content-Disposition"] = content_disposition_header(True, pub.file_name(kind))
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"  # a version never changes
    return response


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/open_data.html", {
        "years": presenters.years(), "kinds": opendata.KINDS,
    })


@require_safe
def bulk(request: HttpRequest, year: int, kind: str) -> HttpResponse:
    if kind not in opendata.KINDS:
        raise Http404("不提供该格式")
    body = opendata.bulk(year, kind)
    if body is None:
        raise Http404(f"{year}年度尚无公开的年度报告")
    response = HttpResponse(body, content_type=opendata.KINDS[kind])
    response.headers["Content-Disposition"] = content_disposition_header(True, f"{year}年度政府信息公开工作年度报告数据.{kind}")
    return response


@require_safe
def api_docs(request: HttpRequest) -> HttpResponse:
    """The API's operations, parameters and answers, read from its OpenAPI document."""
    from ogi.web.api import api

    schema = api.get_openapi_schema()
    operations = []
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            operations.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "parameters": [
                    {"name": p["name"], "in": {"path": "路径", "query": "查询"}.get(p["in"], p["in"]),
                     "required": p.get("required", False), "description": p.get("description", "")
                     or p.get("schema", {}).get("description", ""), "schema": _schema_text(p.get("schema", {}))}
                    for p in op.get("parameters", [])
                ],
                "responses": [(code, r.get("description", "")) for code, r in op.get("responses", {}).items()],
                "secured": bool(op.get("security")),
            })
    return render(request, "portal/api_docs.html", {"operations": operations, "info": schema["info"]})


def _schema_text(schema: dict) -> str:
    parts = []
    kinds = [s.get("type") for s in schema.get("anyOf", [])] if "anyOf" in schema else [schema.get("type")]
    parts.append("/".join(k for k in kinds if k and k != "null"))
    for s in schema.get("anyOf", [schema]):
        if "enum" in s:
            parts.append("可选 " + "、".join(map(str, s["enum"])))
        if "minimum" in s or "maximum" in s:
            parts.append(f"{s.get('minimum', '')}–{s.get('maximum', '')}")
        if "maxLength" in s:
            parts.append(f"至多 {s['maxLength']} 字")
    return "，".join(p for p in parts if p)


# ---------------------------------------------------------------- publishing (the supervising office)


@login_required
def publish_list(request: HttpRequest) -> HttpResponse:
    """The accepted reports of the seasons the user supervises, waiting to be published."""
    from ogi.web.season.access import can_supervise, entries_for
    from ogi.web.season.choices import Status

    entries = [e for e in entries_for(request.user).filter(status=Status.ACCEPTED)
               .select_related("season__supervisor", "organ", "current").order_by("season__year", "organ__code")
               if can_supervise(request.user, e.season)]
    return render(request, "portal/publish_list.html", {"entries": entries})


@login_required
@require_POST
def publish_submission(request: HttpRequest, submission_id: int) -> HttpResponse:
    from ogi.web.season.access import entries_for
    from ogi.web.season.models import Submission

    submission = Submission.objects.filter(pk=submission_id, entry__in=entries_for(request.user)).first()
    if submission is None:
        raise Http404("没有这个报送版本")
    try:
        pub = services.publish(request.user, submission)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, f"已公开{pub}：{pub.published_on:%Y年%-m月%-d日}，SHA-256 {pub.sha256}")
    return redirect("portal:publish_list")


# ---------------------------------------------------------------- the submit API's tokens (the supervising office)


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """The tokens of the organs the user may issue them for, and the form that issues one; a token just
    issued is shown on the page that answers the form, once (it is not stored, nor put in a message)."""
    organs = tokens.manageable(request.user)
    if not organs.exists():
        raise PermissionDenied("只有主管部门（监督管理员）可以签发报送接口令牌")
    issued, problems = None, {}
    if request.method == "POST":
        issued, problems = _issue(request, organs)
    page = page_of(tokens.tokens_of(organs), PER_PAGE, request.GET.get("page"))
    now = timezone.now()
    return render(request, "portal/tokens.html", {
        "page": page, "rows": [(t, t.state(now)) for t in page.object_list], "organs": list(organs[:1000]),
        "issued": issued, "problems": problems, "form_token": form_tokens.issue(request),
        "posted": request.POST if problems else {}, "max_days": tokens.MAX_DAYS,
    }, status=400 if problems else 200)


def _issue(request: HttpRequest, organs) -> tuple[tuple | None, dict[str, str]]:  # noqa: ANN001
    """(token, key) issued from the posted form, or the problems by field (Chinese, one line each)."""
    organ = organs.filter(pk=request.POST.get("organ") or 0).first() if (request.POST.get("organ") or "").isdigit() else None
    if organ is None:
        return None, {"organ": "请选择机关"}
    days_text = (request.POST.get("days") or "").strip()
    if not days_text.isdigit():
        return None, {"days": f"有效期应为 1 至 {tokens.MAX_DAYS} 天的整数"}
    try:
        return form_tokens.once(request, request.POST.get("token"), lambda: tokens.issue(
            request.user, organ, request.POST.get("name", ""), int(days_text))), {}
    except form_tokens.AlreadyPosted as exc:
        return None, {"form": exc.message}
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            return None, {"form": exc.messages[0]}
        return None, {("form" if field == "__all__" else field): errors[0] for field, errors in exc.message_dict.items()}


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = tokens.tokens_of(tokens.manageable(request.user)).filter(pk=token_id).first()
    if token is None:
        raise Http404("没有这个令牌")
    try:
        tokens.revoke(request.user, token)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"已吊销{token}；使用它的报送将被拒绝")
    return redirect("portal:tokens")
