"""The season's screens: who reaches what (another district's season is a 404), the board and the
roll-up with their exports, the organ's upload and submission, review — and query counts that do not
grow with the roster."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ogi.model import Report
from ogi.render import render
from ogi.web.conftest import _user, as_user
from ogi.web.organs.models import Organ
from ogi.web.season import rollup, services
from ogi.web.season.choices import Source, Status
from ogi.web.season.models import RosterEntry, Submission

from .documents import good_document, r3_1_document

RFB = "重庆市大渡口区人民防空办公室"
EDU = "重庆市大渡口区教育委员会"
GOV = "重庆市大渡口区人民政府"


@pytest.fixture
def season(organs, people):
    return services.open_season(people["supervisor"], organs["gov"], 2024)


@pytest.fixture
def other_district(db):
    gov = Organ.objects.create(code="jiulongpo", name="重庆市九龙坡区人民政府", kind="government")
    user = _user("jlp-supervisor", gov, "supervisor")
    return {"gov": gov, "supervisor": user}


def entry_of(season, organ):
    return RosterEntry.objects.get(season=season, organ=organ)


def test_a_supervisor_cannot_reach_another_districts_season(client, season, organs, people, other_district):
    sub = services.submit_document(organs["rfb"], entry_of(season, organs["rfb"]), good_document(RFB), {}, Source.API)
    as_user(client, other_district["supervisor"])
    for url in (
        reverse("season:board", args=[season.pk]), reverse("season:board_xlsx", args=[season.pk]),
        reverse("season:rollup", args=[season.pk]), reverse("season:rollup_xlsx", args=[season.pk]),
        reverse("season:rollup_cell", args=[season.pk, "s3.new_received.total"]),
        reverse("season:entry", args=[sub.entry_id]), reverse("season:submission", args=[sub.pk]),
        reverse("season:json", args=[sub.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "没有找到" in response.content.decode() or "页面不存在" in response.content.decode()
    for url in (reverse("season:accept", args=[sub.pk]), reverse("season:return", args=[sub.pk]),
                reverse("season:deadlines", args=[season.pk])):
        assert client.post(url, {"comment": "x"}).status_code == 404
    sub.entry.refresh_from_db()
    assert sub.entry.status == Status.SUBMITTED


def test_a_department_clerk_sees_its_entry_not_the_board(client, season, organs, people):
    as_user(client, people["clerk"])
    assert client.get(reverse("season:board", args=[season.pk])).status_code == 404
    assert client.get(reverse("season:entry", args=[entry_of(season, organs["rfb"]).pk])).status_code == 200
    assert client.get(reverse("season:entry", args=[entry_of(season, organs["edu"]).pk])).status_code == 404


def test_the_board_shows_status_lateness_and_figures_and_exports(client, season, organs, people):
    rfb = entry_of(season, organs["rfb"])
    sub = services.submit_document(organs["rfb"], rfb, good_document(RFB, new=7), {}, Source.API)
    # submitted on Monday 2025-02-10, deadline Friday 2025-01-31. The 2025 Spring Festival holiday is
    # 01-28 … 02-04 with 02-08 (a Saturday) worked instead: the working days after the deadline are
    # 02-05, 02-06, 02-07, 02-08 and 02-10 — five
    RosterEntry.objects.filter(pk=rfb.pk).update(first_submitted_at=datetime(2025, 2, 10, 3, tzinfo=UTC))
    as_user(client, people["supervisor"])
    response = client.get(reverse("season:board", args=[season.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    row = html[html.index('data-code="dadukou-rfb"'):]
    row = row[:row.index("</tr>")]
    assert "已报送" in row and "2025-02-10" in row and '<span class="badge late">5' in row
    assert f"第{sub.version}版" in row and '<td class="num">7</td>' in row
    filtered = client.get(reverse("season:board", args=[season.pk]), {"status": "submitted"}).content.decode()
    assert 'data-code="dadukou-rfb"' in filtered and 'data-code="dadukou-edu"' not in filtered
    late_only = client.get(reverse("season:board", args=[season.pk]), {"late": "1"}).content.decode()
    assert 'data-code="dadukou-rfb"' in late_only
    export = client.get(reverse("season:board_xlsx", args=[season.pk]))
    assert export.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows[RFB][1] == "已报送" and rows[RFB][7] == 5 and rows[RFB][11] == 7
    assert rows[EDU][1] == "未开始"


def _accepted(season, organ, name, new):
    entry = entry_of(season, organ)
    sub = services.submit_document(organ, entry, good_document(name, new=new), {}, Source.API)
    return sub


def test_the_rollup_has_its_own_title_names_the_missing_and_opens_each_cell(client, season, organs, people):
    rfb_sub = _accepted(season, organs["rfb"], RFB, 5)
    services.accept(people["supervisor"], rfb_sub)
    gov_sub = _accepted(season, organs["gov"], GOV, 9)
    services.accept(people["supervisor"], gov_sub)
    as_user(client, people["supervisor"])
    html = client.get(reverse("season:rollup", args=[season.pk])).content.decode()
    assert "重庆市大渡口区人民政府2024年度政府信息公开工作年度报告汇总表" in html
    assert "重庆市大渡口区人民政府2024年政府信息公开工作年度报告" not in html  # not the report's title
    included = html[html.index('id="included"'):html.index('id="missing"')]
    missing = html[html.index('id="missing"'):]
    assert RFB in included and EDU not in included
    assert EDU in missing[:missing.index("</div>")] and "未开始" in missing[:missing.index("</div>")]
    cell = html[html.index('data-path="s3.new_received.total"'):]
    cell = cell[:cell.index("</td>")]
    # the departments' sum is rfb's 5 alone (edu missing, not counted as 0), over 1 organ; the own report 9
    assert re.sub(r"<[^>]+>", " ", cell).split()[1:] == ["5", "1个", "本级", "9"], cell
    behind = client.get(reverse("season:rollup_cell", args=[season.pk, "s3.new_received.total"])).content.decode()
    assert RFB in behind[behind.index('id="behind"'):behind.index("</table>")] and "未计入" in behind and EDU in behind
    export = client.get(reverse("season:rollup_xlsx", args=[season.pk]))
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export.content))
    assert book["汇总"]["A1"].value.endswith("汇总表（本级政府与所属机关合计）")
    assert [r[0] for r in book["未计入的机关"].iter_rows(min_row=2, values_only=True)] == [EDU]
    totals = {r[5]: r for r in book["汇总"].iter_rows(min_row=4, values_only=True)}
    assert totals["s3.new_received.total"][1:4] == (9, 5, 1)


def test_the_organ_uploads_a_docx_is_blocked_corrects_and_submits_through_the_screens(client, season, organs, people):
    entry = entry_of(season, organs["rfb"])
    as_user(client, people["clerk"])
    data = render(Report.from_dict(r3_1_document(RFB)), "docx")
    response = client.post(reverse("season:upload", args=[entry.pk]), {"file": SimpleUploadedFile("rfb.docx", data)})
    assert response.status_code == 302
    draft_url = response["Location"]
    page = client.get(draft_url).content.decode()
    assert 'id="blocked"' in page and "cell-error" in page and "一 + 二 = 5 + 1 = 6" in page
    assert "表2" not in page or "│" in page  # the original's table rows, cells separated
    draft_id = int(draft_url.rstrip("/").split("/")[-1])
    blocked = client.post(reverse("season:draft_submit", args=[draft_id]), {})
    assert blocked.status_code == 400 and Submission.objects.count() == 0
    for path in ("s3.carried_over.natural_person", "s3.carried_over.total"):
        assert client.post(reverse("season:correct", args=[draft_id]), {"path": path, "value": "0"}).status_code == 302
    bad = client.post(reverse("season:correct", args=[draft_id]), {"path": "s3.carried_over.total", "value": "两"})
    assert bad.status_code == 400 and "不是数字" in bad.content.decode()
    done = client.post(reverse("season:draft_submit", args=[draft_id]), {})
    assert done.status_code == 302
    sub = Submission.objects.get()
    assert sub.source == Source.UPLOAD and len(sub.corrections) == 2


def test_a_bad_upload_gets_one_chinese_line_and_the_board_is_unchanged(client, season, organs, people):
    entry = entry_of(season, organs["rfb"])
    as_user(client, people["clerk"])
    response = client.post(reverse("season:upload", args=[entry.pk]),
                           {"file": SimpleUploadedFile("a.docx", b"PK\x03\x04broken")})
    assert response.status_code == 400
    assert "不是可读取的年度报告文件" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == Status.NOT_STARTED


def test_review_comment_return_and_accept_through_the_screens(client, season, organs, people):
    entry = entry_of(season, organs["rfb"])
    sub = services.submit_document(organs["rfb"], entry, good_document(RFB), {}, Source.API)
    as_user(client, people["supervisor"])
    assert client.post(reverse("season:comment", args=[sub.pk]), {"path": "s3.r_open.total", "text": "请核对予以公开数"}).status_code == 302
    page = client.get(reverse("season:submission", args=[sub.pk])).content.decode()
    assert "意见：请核对予以公开数" in page and "cell-commented" in page
    empty = client.post(reverse("season:return", args=[sub.pk]), {"comment": ""})
    assert empty.status_code == 400 and "退回须写明意见" in empty.content.decode()
    assert client.post(reverse("season:return", args=[sub.pk]), {"comment": "请核对第三部分"}).status_code == 302
    as_user(client, people["clerk"])
    mine = client.get(reverse("season:entry", args=[entry.pk])).content.decode()
    assert "请核对第三部分" in mine and "请核对予以公开数" in mine and "已退回" in mine
    second = services.submit_document(organs["rfb"], entry, good_document(RFB, new=6), {}, Source.API)
    as_user(client, people["supervisor"])
    diff = client.get(reverse("season:submission", args=[second.pk])).content.decode()
    changes = diff[diff.index('id="changes"'):]
    assert "与第 1 版相比" in changes and "<td>5</td><td>6</td>" in changes
    assert client.post(reverse("season:accept", args=[second.pk])).status_code == 302
    entry.refresh_from_db()
    assert entry.status == Status.ACCEPTED
    # the first version cannot be accepted: it is not the current one
    again = client.post(reverse("season:accept", args=[sub.pk]))
    assert again.status_code == 400


def test_the_version_json_is_the_hashed_bytes(client, season, organs, people):
    import hashlib

    sub = services.submit_document(organs["rfb"], entry_of(season, organs["rfb"]), good_document(RFB), {}, Source.API)
    as_user(client, people["supervisor"])
    body = client.get(reverse("season:json", args=[sub.pk])).content
    assert hashlib.sha256(body).hexdigest() == sub.sha256


def grow(season, n: int, start: int) -> None:
    """``n`` more departments on the roster, each with an accepted submission (bulk: no services)."""
    from ogi.web.season.models import SubmissionCell

    gov = season.supervisor
    new = Organ.objects.bulk_create([
        Organ(code=f"dep-{start + i}", name=f"某局{start + i}", kind="department", parent=gov) for i in range(n)
    ])
    entries = RosterEntry.objects.bulk_create([
        RosterEntry(season=season, organ=o, deadline=date(2025, 1, 31), status=Status.ACCEPTED) for o in new
    ])
    now = datetime(2025, 1, 20, tzinfo=UTC)
    subs = Submission.objects.bulk_create([
        Submission(entry=e, version=1, document={}, sha256="0" * 64, source=Source.API, submitted_at=now,
                   new_received=3, carried_over=0, disclosed=3, appeals_corrected=0, appeals_concluded=0)
        for e in entries
    ])
    SubmissionCell.objects.bulk_create([
        SubmissionCell(submission=s, path=p, value=3) for s in subs for p in ("s3.new_received.total", "s3.r_open.total")
    ])
    for e, s in zip(entries, subs, strict=True):
        RosterEntry.objects.filter(pk=e.pk).update(current=s, first_submitted_at=now, accepted_at=now)
    rollup.rebuild(season)


def count(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["board", "board_late", "board_xlsx", "rollup", "rollup_cell", "rollup_xlsx"])
def test_query_counts_do_not_grow_with_the_roster(client, season, people, name):
    as_user(client, people["supervisor"])
    args = [season.pk, "s3.new_received.total"] if name == "rollup_cell" else [season.pk]
    url = reverse(f"season:{name.removesuffix('_late')}", args=args) + ("?sort=late" if name.endswith("_late") else "")
    grow(season, 3, 0)
    small = count(client, url)
    grow(season, 30, 100)
    assert count(client, url) == small
    assert small <= 20  # session, user, season, access (one query per level of the organ tree), calendar, page


def test_the_rollup_rows_are_escaped_and_link_each_summed_cell():
    from ogi.web.season.presenters import rollup_rows

    grid = {"rows": [[
        {"text": "<b>标签</b>", "role": "label", "rowspan": 1, "colspan": 2, "path": ""},
        {"text": "12", "role": "value", "rowspan": 1, "colspan": 1, "path": "s3.r_open.total", "n": 3, "own": "15", "diff": "3"},
        {"text": "", "role": "value", "rowspan": 1, "colspan": 1, "path": "s3.r_partial.total", "n": 0, "own": "", "diff": ""},
    ]]}
    html = str(rollup_rows(grid, "/season/1/rollup/cells/", "?kind=township"))
    assert '<td class="label" colspan="2">&lt;b&gt;标签&lt;/b&gt;</td>' in html
    assert '<a class="sum" href="/season/1/rollup/cells/s3.r_open.total/?kind=township" title="3 个机关">12</a>' in html
    assert '<span class="cell-note own differs">本级 15</span>' in html
    assert '<td class="value" data-path="s3.r_partial.total"></td>' in html  # nothing reported: empty, not 0


def test_the_supervisor_edits_the_roster_and_an_entrys_deadline(client, season, organs, people, other_district):
    extra = Organ.objects.create(code="dadukou-xx", name="重庆市大渡口区某街道办事处", kind="township", parent=organs["rfb"])
    as_user(client, people["supervisor"])
    assert client.post(reverse("season:roster_add", args=[season.pk]), {"organ": extra.pk}).status_code == 302
    added = entry_of(season, extra)
    assert added.deadline == date(2025, 1, 31)
    outside = client.post(reverse("season:roster_add", args=[season.pk]), {"organ": other_district["gov"].pk})
    assert outside.status_code == 302 and not RosterEntry.objects.filter(organ=other_district["gov"]).exists()
    client.post(reverse("season:entry_deadline", args=[added.pk]), {"deadline": "2025-02-10"})
    added.refresh_from_db()
    assert added.deadline == date(2025, 2, 10)
    assert client.post(reverse("season:entry_remove", args=[added.pk])).status_code == 302
    assert not RosterEntry.objects.filter(pk=added.pk).exists()
    # an organ that has submitted stays on the roster; a clerk cannot touch deadlines
    rfb = entry_of(season, organs["rfb"])
    services.submit_document(organs["rfb"], rfb, good_document(RFB), {}, Source.API)
    client.post(reverse("season:entry_remove", args=[rfb.pk]))
    assert RosterEntry.objects.filter(pk=rfb.pk).exists()
    as_user(client, people["clerk"])
    assert client.post(reverse("season:entry_deadline", args=[rfb.pk]), {"deadline": "2025-03-01"}).status_code == 404
    assert client.post(reverse("season:entry_remove", args=[rfb.pk])).status_code == 404  # nor the roster
    rfb.refresh_from_db()
    assert rfb.deadline == date(2025, 1, 31)
