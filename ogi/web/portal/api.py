"""The portal's JSON API (django-ninja; mounted by ``ogi/web/api.py`` under ``/api/``; docs/api.md).

Read only and public: the published reports (the index, a report's current version, each version, the
document exactly as published — the object ``ogi parse --json`` prints for the version's DOCX download),
the years, and an organ's year-over-year figures. Every parameter is bounded in the schema, so anything
outside it is a 422 that the OpenAPI document declares, never a 500.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.security import HttpBearer

from ogi.web.organs.models import Organ

from . import presenters, tokens
from .lateness import lateness_text
from .models import FIGURES, Publication

router = Router(tags=["已公开的年度报告"])

CODE = r"^[-a-zA-Z0-9_]{1,64}$"  # an organ's code (a slug of at most 64 characters)
Code = Path(..., pattern=CODE, description="机关代码，如 dadukou-rfb")
Year = Path(..., ge=2000, le=2100, description="报告年度")
Version = Path(..., ge=1, le=1000, description="版本号（1 起）")


class Error(Schema):
    detail: str = Field(..., description="中文说明")


class Invalid(Schema):
    detail: list[dict[str, Any]] = Field(..., description="不符合接口文档的参数")


class FileOut(Schema):
    kind: str
    url: str
    sha256: str | None = Field(None, description="文件的 SHA-256（JSON 为报告文档的 SHA-256）")
    size: int | None = None


class Figures(Schema):
    new_received: int | None = None
    carried_over: int | None = None
    disclosed_full: int | None = None
    answered_total: int | None = None
    review_total: int | None = None
    review_corrected: int | None = None
    litigation_total: int | None = None
    litigation_corrected: int | None = None


class Summary(Schema):
    organ_code: str
    organ_name: str
    organ_kind: str
    year: int
    version: int
    sha256: str = Field(..., description="报告文档（JSON 下载）的 SHA-256")
    published_on: date
    deadline: date = Field(..., description="条例第四十九条规定的公开期限")
    late_workdays: int = Field(..., description="逾期工作日数（按期为 0）")
    lateness: str
    url: str = Field(..., description="该版本的永久网址")
    figures: Figures


class VersionOut(Summary):
    correction_note: str = Field("", description="更正说明（更正版本）")
    corrects_version: int | None = Field(None, description="所更正的版本号")
    newest_version: int
    files: list[FileOut]


class ReportOut(VersionOut):
    document: dict[str, Any] = Field(..., description="报告文档（docs/report-model.md 的 JSON）")


class Page(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    items: list[Summary]


class Series(Schema):
    name: str
    key: str
    values: list[int | None]


class SeriesOut(Schema):
    organ_code: str
    organ_name: str
    years: list[int]
    series: list[Series]
    organs: list[int] | None = Field(None, description="汇总：每年计入的机关数")
    expected: int | None = Field(None, description="汇总：下级机关总数")


ERRORS = {404: Error, 422: Invalid}
# a NUL byte anywhere in the URL is refused before the API sees it (security.middleware.RequestLimits)
REFUSED = {"responses": {"400": {
    "description": "网址中含有 NUL 字符：请求限制中间件拒绝（中文 HTML 页面）",
    "content": {"text/html": {"schema": {"type": "string"}}},
}}}


def _summary(p: dict[str, Any]) -> dict[str, Any]:
    return {
        "organ_code": p["organ__code"], "organ_name": p["organ_name"], "organ_kind": p["organ_kind"],
        "year": p["year"], "version": p["version"], "sha256": p["sha256"], "published_on": p["published_on"],
        "deadline": p["deadline"], "late_workdays": p["late_workdays"],
        "lateness": lateness_text(p["deadline"], p["published_on"], p["late_workdays"]),
        "url": reverse("portal:version", args=[p["organ__code"], p["year"], p["version"]]),
        "figures": {f: p[f] for f in FIGURES},
    }


def _not_found(message: str) -> Status:
    return Status(404, {"detail": message})


@router.get("/reports", openapi_extra=REFUSED, response={200: Page, 422: Invalid}, summary="已公开年度报告的索引（当前版本，每页 20 条）")
def report_index(
    request: HttpRequest,
    year: int | None = Query(None, ge=2000, le=2100),
    kind: Literal["government", "department", "township"] | None = Query(None, description="机关类别"),
    status: Literal["on_time", "late", "corrected"] | None = Query(None, description="按期、逾期、有更正"),
    q: str | None = Query(None, max_length=50, pattern=r"^[^\x00]*$", description="机关名称包含（不含 NUL 字符）"),
    page: int = Query(1, ge=1, le=100000),
):
    params = {"year": str(year or ""), "kind": kind or "", "status": status or "", "q": q or ""}
    qs, _ = presenters.index(params)
    paginator = Paginator(qs, 20)
    current = paginator.get_page(page)
    return {"count": paginator.count, "page": current.number, "pages": paginator.num_pages, "per_page": 20,
            "items": [_summary(p) for p in current.object_list]}


@router.get("/years", openapi_extra=REFUSED, response=list[int], summary="有已公开报告的年度")
def report_years(request: HttpRequest):
    return presenters.years()


def _find(code: str, year: int, version: int | None) -> Publication | None:
    qs = Publication.objects.filter(organ__code=code, year=year).select_related("organ", "corrects")
    return (qs.filter(version=version) if version else qs.order_by("-version")).first()


def _version(pub: Publication, *, with_document: bool) -> dict[str, Any]:
    fields = ("organ_name", "organ_kind", "year", "version", "sha256", "published_on", "deadline", "late_workdays",
              *FIGURES)
    values = {f: getattr(pub, f) for f in fields} | {"organ__code": pub.organ.code}
    out = _summary(values)
    newest = Publication.objects.filter(organ_id=pub.organ_id, year=pub.year).order_by("-version").values_list(
        "version", flat=True).first()
    out |= {
        "correction_note": pub.correction_note, "corrects_version": pub.corrects.version if pub.corrects else None,
        "newest_version": newest, "files": presenters.downloads(pub),
    }
    if with_document:
        out["document"] = pub.document
    return out


@router.get("/reports/{code}/{year}", openapi_extra=REFUSED, response={200: ReportOut, **ERRORS}, summary="一份报告的当前版本（含报告文档）")
def report_current(request: HttpRequest, code: str = Code, year: int = Year):
    pub = _find(code, year, None)
    if pub is None:
        return _not_found(f"{code} 没有已公开的 {year} 年度报告")
    return _version(pub, with_document=True)


@router.get("/reports/{code}/{year}/versions", openapi_extra=REFUSED, response={200: list[VersionOut], **ERRORS}, summary="一份报告的全部版本")
def report_versions(request: HttpRequest, code: str = Code, year: int = Year):
    pubs = list(Publication.objects.filter(organ__code=code, year=year).select_related("organ", "corrects")
                .defer("document").order_by("version"))
    if not pubs:
        return _not_found(f"{code} 没有已公开的 {year} 年度报告")
    return [_version(p, with_document=False) for p in pubs]


@router.get("/reports/{code}/{year}/versions/{version}", openapi_extra=REFUSED, response={200: ReportOut, **ERRORS}, summary="一个版本（含报告文档）")
def report_version(request: HttpRequest, code: str = Code, year: int = Year, version: int = Version):
    pub = _find(code, year, version)
    if pub is None:
        return _not_found(f"{code} 的 {year} 年度报告没有第 {version} 版")
    return _version(pub, with_document=True)


@router.get("/reports/{code}/{year}/versions/{version}/document", openapi_extra=REFUSED, response={200: dict[str, Any], **ERRORS},
            summary="报告文档本身：与该版本 DOCX 下载的 ogi parse --json 相同")
def report_document(request: HttpRequest, code: str = Code, year: int = Year, version: int = Version):
    pub = _find(code, year, version)
    if pub is None:
        return _not_found(f"{code} 的 {year} 年度报告没有第 {version} 版")
    return pub.document


def _organ(code: str) -> Organ | None:
    return Organ.objects.filter(code=code).first()


@router.get("/organs/{code}/series", openapi_extra=REFUSED, response={200: SeriesOut, **ERRORS}, url_name="organ_series",
            summary="一个机关历年已公开报告的主要数据")
def organ_series(request: HttpRequest, code: str = Code):
    organ = _organ(code)
    if organ is None:
        return _not_found(f"没有代码为 {code} 的机关")
    return {"organ_code": organ.code, "organ_name": organ.name, **presenters.series(organ)}


@router.get("/organs/{code}/rollup-series", openapi_extra=REFUSED, response={200: SeriesOut, **ERRORS}, url_name="organ_rollup_series",
            summary="一个机关所属下级机关已公开报告的逐年合计（注明计入机关数）")
def organ_rollup_series(request: HttpRequest, code: str = Code):
    organ = _organ(code)
    if organ is None:
        return _not_found(f"没有代码为 {code} 的机关")
    return {"organ_code": organ.code, "organ_name": organ.name, **presenters.rollup_series(organ)}


# ---------------------------------------------------------------- the submit API (organs' own systems)


class Bearer(HttpBearer):
    """``Authorization: Bearer <key>``: the organ's token (tokens.py). A wrong, expired or revoked key is
    a 401 with one Chinese line (``api.py``'s handler), and is logged."""

    def authenticate(self, request: HttpRequest, token: str):  # noqa: ANN201
        try:
            return tokens.authenticate(token, request.META.get("REMOTE_ADDR", ""))
        except tokens.Refused as exc:
            request.ogi_refusal = exc.args[0]
            return None


class SubmitIn(Schema):
    year: int = Field(..., ge=2000, le=2100, description="报告年度")
    document: dict[str, Any] = Field(..., description="报告文档（docs/report-model.md 的 JSON，如 ogi parse --json 的输出）")
    explanations: dict[str, str] = Field(default_factory=dict, description="警告说明：发现的键（规则:单元格）→ 说明")
    correction_note: str = Field("", max_length=2000, description="公开后报送更正版本时的更正说明")


class SubmitOut(Schema):
    organ_code: str
    year: int
    version: int
    sha256: str
    status: str


class Refusal(Schema):
    detail: str
    cells: dict[str, list[str]] = Field(default_factory=dict, description="单元格 → 问题（校验错误、待说明的警告）")


submit_router = Router(tags=["报送"])


@submit_router.post("/submit", auth=Bearer(), openapi_extra=REFUSED,
                    response={201: SubmitOut, 401: Error, 403: Error, 404: Error, 422: Refusal},
                    summary="机关自有系统报送年度报告（经同一校验关口；令牌由主管部门签发）")
def submit(request: HttpRequest, payload: SubmitIn):
    from django.core.exceptions import PermissionDenied, ValidationError

    from ogi.web.season import services as season
    from ogi.web.season.choices import Source
    from ogi.web.season.models import RosterEntry

    token = request.auth
    entry = (RosterEntry.objects.filter(organ=token.organ, season__year=payload.year).select_related("season", "organ")
             .order_by("-season__opened_at").first())
    if entry is None:
        return Status(404, {"detail": f"{token.organ.name}不在 {payload.year} 年度任何报送名单中"})
    try:
        sub = season.submit_document(token.organ, entry, payload.document, payload.explanations, Source.API,
                                     correction_note=payload.correction_note)
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    except ValidationError as exc:
        cells = exc.message_dict if hasattr(exc, "error_dict") else {}
        first = next(iter(cells.values()))[0] if cells else exc.messages[0]
        return Status(422, {"detail": first, "cells": {k: list(v) for k, v in cells.items()}})
    entry.refresh_from_db()
    return Status(201, {"organ_code": token.organ.code, "year": payload.year, "version": sub.version,
                        "sha256": sub.sha256, "status": entry.get_status_display()})
