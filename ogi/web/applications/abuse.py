"""Signals for the clerk about an applicant's applications (条例第三十五条): a human decides.

* 重复申请: the same applicant asked the same organ for the same thing (the same content, blanks ignored)
  within ``OGI_REPEAT_DAYS`` days before — a hint for the 答复 “重复申请” (条例第三十六条第（六）项);
* 大量反复申请: the applicant filed ``OGI_VOLUME_COUNT`` or more applications with the organ within
  ``OGI_VOLUME_DAYS`` days up to this one — a hint that the organ may ask for the reasons (第三十五条).

The applicant is the certificate number where one is given, else the name, within one organ. An
application's day is its receipt date, or the day it was submitted online while it waits for
confirmation. The signals of a page of applications come from one query, however many rows it has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Application

REPEAT = "repeat"
VOLUME = "volume"


@dataclass(frozen=True)
class Signal:
    key: str
    title: str
    detail: str


def _who(organ_id: int, id_number: str, name: str) -> tuple:
    return (organ_id, "id", id_number.strip().upper()) if id_number.strip() else (organ_id, "name", name.strip())


def _day(received_on: date | None, submitted_at) -> date | None:  # noqa: ANN001
    if received_on is not None:
        return received_on
    return timezone.localdate(submitted_at) if submitted_at else None


def _same(text: str) -> str:
    return "".join(text.split())


def signals_for(apps: Iterable[Application]) -> dict[int, list[Signal]]:
    """The signals of each application in ``apps`` (by id; only those that have any): one query."""
    rows = [(a.pk, _who(a.organ_id, a.applicant_id_number, a.applicant_name), _day(a.received_on, a.submitted_at))
            for a in apps]
    rows = [r for r in rows if r[2] is not None]
    if not rows:
        return {}
    repeat_days, volume_days = settings.OGI_REPEAT_DAYS, settings.OGI_VOLUME_DAYS
    volume_count = settings.OGI_VOLUME_COUNT
    earliest = min(r[2] for r in rows) - timedelta(days=max(repeat_days, volume_days))
    latest = max(r[2] for r in rows)
    by_id = Q(applicant_id_number__in={w[2] for _, w, _ in rows if w[1] == "id"})
    by_name = Q(applicant_id_number="", applicant_name__in={w[2] for _, w, _ in rows if w[1] == "name"})
    dated = (Q(received_on__gte=earliest, received_on__lte=latest)
             | Q(received_on__isnull=True, submitted_at__date__gte=earliest, submitted_at__date__lte=latest + timedelta(days=1)))
    history: dict[tuple, list[tuple[date, int, str]]] = defaultdict(list)
    for pk, organ_id, id_number, name, content, received, submitted in (
        Application.objects.filter(organ__in={w[0] for _, w, _ in rows}).filter(by_id | by_name).filter(dated)
        .values_list("pk", "organ_id", "applicant_id_number", "applicant_name", "content", "received_on", "submitted_at")
    ):
        day = _day(received, submitted)
        if day is not None:
            history[_who(organ_id, id_number, name)].append((day, pk, _same(content)))
    out: dict[int, list[Signal]] = {}
    for pk, who, day in rows:
        mine = next((h for h in history[who] if h[1] == pk), None)
        found = []
        before = [h for h in history[who] if (h[0], h[1]) < (day, pk)]
        repeats = [h for h in before if mine and h[2] == mine[2] and h[0] > day - timedelta(days=repeat_days)]
        if repeats:
            first = min(repeats)[0]
            found.append(Signal(REPEAT, "重复申请", f"同一申请人{repeat_days}日内已提出内容相同的申请"
                                f"{len(repeats)}件（最早{first.year}年{first.month}月{first.day}日）"))
        window = [h for h in history[who] if day - timedelta(days=volume_days) < h[0] <= day]
        if len(window) >= volume_count:
            found.append(Signal(VOLUME, "大量反复申请", f"同一申请人{volume_days}日内共提出申请{len(window)}件"
                                f"（提示阈值{volume_count}件），是否属于条例第三十五条情形由本机关判断"))
        if found:
            out[pk] = found
    return out
