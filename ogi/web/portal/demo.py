"""The demo's season (``ogi demo``): last year's annual reports of the district, through the season's
and the portal's services, so the board, the roll-up and the public pages have something to show.

- published (已公开): the education commission, the planning bureau, the housing commission and 跳磴镇 —
  each its register's 定稿, accepted and published;
- returned (已退回): the civil-defence office uploaded a DOCX that R3-1 blocked (一 + 二 ≠ （七）总计 + 四:
  one application carried over too many), changed the cell back and submitted; the supervisor returned it
  with a comment asking where that application went;
- late: the market regulator uploaded its report but has not submitted it, and its deadline has passed;
- not started: 八桥镇;
- in review (已报送): the district government's own report.

The season's deadlines are set a month after the day the demo is built (the services stamp every step
with the real time), except the market regulator's, which is the usual 1月31日 and so has passed.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from ogi.model import Report, set_value
from ogi.render import render
from ogi.web.organs.models import Organ
from ogi.web.reports.finalise import finalise, finding_key, live
from ogi.web.season import services as season
from ogi.web.season.models import default_department_deadline

from . import services

PUBLISHED = ("dadukou-edu", "dadukou-ghzy", "dadukou-zjw", "dadukou-tdz")
RETURNED = "dadukou-rfb"
LATE = "dadukou-scjg"
NOT_STARTED = "dadukou-bqz"
IN_REVIEW = "dadukou"
EXPLAINED = "已与台账核对，数字属实。"
RETURN_COMMENT = ("上传件第三部分 R3-1 不平（一 + 二 ≠ （七）总计 + 四），更正时把“上年结转”改回了原数，"
                  "但未说明多读出的 1 件申请去向；请与台账核对后重报。")


def _final(clerk: User, organ: Organ, year: int):  # noqa: ANN202
    _, findings = live(organ, year)
    return finalise(clerk, organ, year, {finding_key(f): EXPLAINED for f in findings if f.severity == "warning"})


def _docx(report: Report, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, render(report, "docx"))


def build(organs: dict[str, Organ], clerks: dict[str, User], supervisor: User, today: date) -> None:
    year = today.year - 1
    deadline = today + timedelta(days=30)
    if deadline.year > year + 2:
        deadline = date(year + 2, 12, 31)
    opened = season.open_season(supervisor, organs[IN_REVIEW], year, deadline, deadline)
    entries = {e.organ.code: e for e in opened.entries.select_related("organ")}

    for code in PUBLISHED:
        sub = season.submit_final(clerks[code], entries[code], _final(clerks[code], organs[code], year))
        season.accept(supervisor, sub)
        services.publish(supervisor, sub)

    rfb = organs[RETURNED]
    report, _ = live(rfb, year)
    paths = ("s3.carried_over.natural_person", "s3.carried_over.total")
    right = {path: report.sections.s3.get("carried_over", {}).get(path.rsplit(".", 1)[1]) or 0 for path in paths}
    wrong = Report.from_dict(report.to_dict())
    for path in paths:
        set_value(wrong, path, right[path] + 1)
    draft = season.upload(clerks[RETURNED], entries[RETURNED], _docx(wrong, f"{rfb.name}{year}年报.docx"))
    for path in paths:
        draft = season.correct_cell(clerks[RETURNED], draft, path, right[path])
    _, findings = live(rfb, year)
    sub = season.submit_upload(clerks[RETURNED], draft,
                               {finding_key(f): EXPLAINED for f in findings if f.severity == "warning"})
    season.return_submission(supervisor, sub, RETURN_COMMENT)

    late = organs[LATE]
    season.set_entry_deadline(supervisor, entries[LATE], default_department_deadline(year))
    report, _ = live(late, year)
    season.upload(clerks[LATE], entries[LATE], _docx(report, f"{late.name}{year}年报.docx"))

    season.submit_final(clerks[IN_REVIEW], entries[IN_REVIEW], _final(clerks[IN_REVIEW], organs[IN_REVIEW], year))
