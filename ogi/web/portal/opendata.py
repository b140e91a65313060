"""Open data: every published report of a year as one table, one row per report (its current version),
with exactly the columns of ``ogi dataset`` (``ogi.dataset.columns``; rows by ``ogi.dataset.report_row``,
written by ``ogi.dataset.write``). ``source`` is the version's permanent URL.

Published versions never change, so a year's file is known by the year, the number of its current
versions and the newest publication's id: it is built once for that key and kept in the cache.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.cache import cache
from django.db.models import Count, Max
from django.urls import reverse

from ogi import dataset
from ogi.model import Report
from ogi.rules import check

from .models import Publication

KINDS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}


def rows(year: int) -> list[dict]:
    """The dataset rows of ``year``'s current published versions, by organ name."""
    out = []
    qs = (Publication.objects.current().filter(year=year).order_by("organ_name")
          .values_list("organ__code", "version", "document"))
    for code, version, document in qs.iterator(chunk_size=200):
        report = Report.from_dict(document)
        row = {"source": reverse("portal:version", args=[code, year, version])}
        row |= dataset.report_row(report, check(report))
        out.append(row)
    return out


def bulk(year: int, kind: str) -> bytes | None:
    """The year's table as ``kind`` (csv, xlsx, parquet); None when nothing of the year is published."""
    state = Publication.objects.filter(year=year).aggregate(n=Count("id"), last=Max("id"))
    if not state["n"]:
        return None
    key = f"ogi:portal:bulk:{year}:{kind}:{state['n']}:{state['last']}"
    body = cache.get(key)
    if body is None:
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / f"{year}.{kind}"
            dataset.write(rows(year), out)
            body = out.read_bytes()
        cache.set(key, body, timeout=None)
    return body
