"""What the public pages read: the index (current versions, filtered, one query for the page), a report's
versions and files (without their bodies), and the year-over-year series (summed by the database)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.urls import reverse

from ogi.web.organs.models import Organ

from .lateness import lateness_text
from .models import FIGURE_LABELS, FIGURES, Publication

STATUSES = {"on_time": "按期公开", "late": "逾期公开", "corrected": "有更正"}
KINDS = dict(Organ.Kind.choices)
LIST_FIELDS = ("id", "organ_id", "organ__code", "organ_name", "organ_kind", "year", "version", "published_on",
               "deadline", "late_workdays", "sha256", *FIGURES)
CHART_FIGURES = ("new_received", "carried_over", "disclosed_full", "answered_total", "review_total", "litigation_total")


def index(params: dict[str, str]) -> tuple[QuerySet, dict[str, str]]:
    """Current versions matching the query's filters (``year``, ``kind``, ``status``, ``q``), newest year
    first; and the filters as understood (anything else ignored)."""
    qs = Publication.objects.current()
    chosen: dict[str, str] = {}
    year = params.get("year", "")
    if year.isdigit() and len(year) == 4:
        qs, chosen["year"] = qs.filter(year=int(year)), year
    kind = params.get("kind", "")
    if kind in KINDS:
        qs, chosen["kind"] = qs.filter(organ_kind=kind), kind
    status = params.get("status", "")
    if status == "on_time":
        qs = qs.filter(published_on__lte=F("deadline"))
    elif status == "late":
        qs = qs.filter(published_on__gt=F("deadline"))
    elif status == "corrected":
        qs = qs.filter(version__gt=1)
    if status in STATUSES:
        chosen["status"] = status
    q = (params.get("q") or "").strip()[:50]
    if q:
        qs, chosen["q"] = qs.filter(organ_name__icontains=q), q
    return qs.order_by("-year", "organ_name").values(*LIST_FIELDS), chosen


def years() -> list[int]:
    return list(Publication.objects.order_by("-year").values_list("year", flat=True).distinct())


def row(values: dict[str, Any]) -> dict[str, Any]:
    """One index row for the template, with the lateness in words."""
    return {**values, "lateness": lateness_text(values["deadline"], values["published_on"], values["late_workdays"]),
            "late": values["published_on"] > values["deadline"], "kind_label": KINDS.get(values["organ_kind"], "")}


def versions(organ: Organ, year: int) -> list[Publication]:
    return list(Publication.objects.filter(organ=organ, year=year).defer("document").order_by("version"))


def files(publication: Publication) -> dict[str, dict[str, Any]]:
    return {f["kind"]: f for f in publication.files.values("kind", "sha256", "size")}


def downloads(pub: Publication) -> list[dict[str, Any]]:
    """Each download of a version: kind, URL, SHA-256 (JSON: the document's; others: the stored file's,
    None until it is rendered) and size."""
    from .services import DOWNLOADS

    stored = files(pub)
    return [{
        "kind": kind, "url": reverse("portal:download", args=[pub.organ.code, pub.year, pub.version, kind]),
        "sha256": pub.sha256 if kind == "json" else stored.get(kind, {}).get("sha256"),
        "size": stored.get(kind, {}).get("size"),
    } for kind in DOWNLOADS]


def series(organ: Organ) -> dict[str, Any]:
    """The organ's key figures year by year (current versions), for its chart."""
    rows = (Publication.objects.current().filter(organ=organ).order_by("year")
            .values("year", *CHART_FIGURES))
    return _series(list(rows))


def rollup_series(organ: Organ) -> dict[str, Any]:
    """The sum, year by year, of the current published reports of the organs directly under ``organ``
    (its departments, townships and subordinate governments), with how many were summed each year."""
    rows = (Publication.objects.current().filter(organ__parent=organ).values("year")
            .annotate(organs=Count("id"), **{f: Sum(f) for f in CHART_FIGURES}).order_by("year"))
    data = list(rows)
    out = _series(data)
    out["organs"] = [r["organs"] for r in data]
    out["expected"] = organ.children.count()
    return out


def _series(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "years": [r["year"] for r in rows],
        "series": [{"key": f, "name": FIGURE_LABELS[f], "values": [r[f] for r in rows]} for f in CHART_FIGURES],
    }


def organs_with_publications(q: str = "") -> QuerySet:
    qs = Organ.objects.filter(publications__isnull=False)
    if q:
        qs = qs.filter(Q(name__icontains=q))
    return qs.distinct().order_by("code")
