"""Reports to publish in the portal's tests: the fixed sample report (numbers easy to check by hand) set
to an organ of the cast and a year."""

from __future__ import annotations

from typing import Any

from ogi.fixtures import sample_report
from ogi.model import set_value


def document(organ_name: str, year: int = 2025, **cells: int) -> dict[str, Any]:
    """The 2021-format sample report of ``organ_name`` for ``year``; ``cells`` (path with ``__`` for
    dots) overrides values, e.g. ``s3__new_received__natural_person=7``."""
    report = sample_report("2021")
    report.organ = organ_name
    report.year = year
    for key, value in cells.items():
        set_value(report, key.replace("__", "."), value)
    return report.to_dict()


def insert(organ, year: int, people_user, *, version: int = 1, corrects=None, note: str = "",  # noqa: ANN001
           published_on=None, **figures: int):  # noqa: ANN001, ANN201
    """A published row written directly (no DOCX round trip): for pages and counts over many rows."""
    from datetime import date, datetime, time
    from zoneinfo import ZoneInfo

    from ogi.web.portal.lateness import deadline_for
    from ogi.web.portal.models import Publication
    from ogi.web.reports.finalise import digest

    doc = document(organ.name, year)
    day = published_on or date(year + 1, 1, 20)
    return Publication.objects.create(
        organ=organ, organ_name=organ.name, organ_kind=organ.kind, year=year, version=version, document=doc,
        sha256=digest(doc), published_at=datetime.combine(day, time(10), ZoneInfo("Asia/Shanghai")),
        published_on=day, published_by=people_user, deadline=deadline_for(organ.kind, year),
        late_workdays=0, corrects=corrects, correction_note=note, **figures,
    )
