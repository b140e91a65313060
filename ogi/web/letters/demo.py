"""The letters of the demo: every organ's letter settings (复议机关, court, 机关代字), and for the printed
organ (人防办) the letters of a few of its cases, so the 文书 panel has something to show."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

from ogi.web.applications.models import Application
from ogi.web.organs.models import Organ

from . import services
from .models import LetterSettings

COURT = "重庆市大渡口区人民法院"
UPPER = "重庆市人民政府"
PREFIX = {"dadukou": "渡府", "dadukou-rfb": "渡人防", "dadukou-edu": "渡教", "dadukou-ghzy": "渡规资",
          "dadukou-zjw": "渡住建", "dadukou-scjg": "渡市监", "dadukou-tdz": "跳磴", "dadukou-bqz": "八桥"}


def build(organs: dict[str, Organ], clerk_of: dict, today: date) -> int:
    """Settings for every organ; letters for the showcase organ's latest cases. Returns the letters issued."""
    for code, organ in organs.items():
        review = UPPER if organ.parent_id is None else organ.parent.name
        LetterSettings.objects.create(
            organ=organ, docno_prefix=PREFIX.get(code, ""), review_body=review, court=COURT,
            address="重庆市大渡口区文体路1号", contact="023-68800000",
            payment="请持本通知书到本机关办理，费用缴入区财政非税收入汇缴账户，开具财政票据",
        )
    organ = organs.get("dadukou-rfb")
    if organ is None:
        return 0
    clerk, n = clerk_of[organ.code], 0
    for app in Application.objects.filter(organ=organ).order_by("-received_on", "-id")[:6]:
        for kind in ("receipt", "correction", "answer"):
            if kind not in services.available_kinds(clerk, app):
                continue
            if kind == "correction" and app.correction_requested_on is None:
                continue  # only the steps the demo recorded
            if kind == "answer" and app.status != "answered":
                continue
            try:
                app.refresh_from_db()
                on = {"receipt": app.received_on}.get(kind)
                services.issue(clerk, app, kind, version=app.version, on=on, outcome=app.outcome)
                n += 1
            except ValidationError:
                continue  # a case the demo left where this letter does not fit
    return n
