"""The audit trail in words: actions from the catalogue, field names from the models, values by their
labels, 20 entries a page with filters, a bounded number of queries, and every action in the code
in the catalogue."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ogi.web.audit import actions
from ogi.web.audit.models import AuditEntry
from ogi.web.audit.presenters import _day_start, audit_rows
from ogi.web.audit.services import record, snapshot
from ogi.web.conftest import as_user
from ogi.web.organs.models import Membership

WEB = Path(__file__).resolve().parents[2]


def test_a_role_change_reads_in_chinese(people, organs):
    membership = Membership.objects.get(user=people["clerk"])
    before = snapshot(membership)
    membership.role, membership.organ = "head", organs["edu"]
    membership.save()
    record(people["admin"], organs["edu"], "admin.change", membership, before, snapshot(membership))
    [row] = audit_rows(AuditEntry.objects.all(), personal=False)
    assert row.action == "系统管理：修改"
    assert row.subject == "岗位 clerk · 重庆市大渡口区教育委员会 · 公开工作机构负责人"
    assert [(c.label, c.before, c.after) for c in row.changes] == [
        ("机关", "重庆市大渡口区人民防空办公室", "重庆市大渡口区教育委员会"),
        ("角色", "经办人", "公开工作机构负责人"),
    ]


def test_a_users_flags_and_password_read_as_yes_no_and_hidden(people):
    user = people["clerk"]
    before = snapshot(user)
    user.is_staff = True
    user.set_password("another-password-77")
    user.save()
    record(people["admin"], None, "admin.password", user, before, snapshot(user))
    [row] = audit_rows(AuditEntry.objects.all(), personal=True)
    shown = {c.label: (c.before, c.after) for c in row.changes}
    assert shown["密码"] == ("（已隐藏）", "（已更改）")
    assert shown["工作人员状态"] == ("否", "是")  # Django's own Chinese name of is_staff
    assert row.action == "系统管理：重设密码" and row.subject == "用户 clerk"


def test_an_application_registered_lists_its_fields_with_personal_data_hidden(application):
    [row] = audit_rows(AuditEntry.objects.all(), personal=False)
    fields = {c.label: c.after for c in row.fields}
    assert row.action == "登记申请" and row.changes == []
    assert fields["申请人姓名/名称"] == "（已隐藏）" and fields["申请方式"] == "网络"
    assert fields["收到申请日期"] == "2025-03-03" and fields["受理机关"] == "重庆市大渡口区人民防空办公室"
    assert "期限计算过程" not in fields and "版本" not in fields
    [own] = audit_rows(AuditEntry.objects.all(), personal=True)
    assert {c.label: c.after for c in own.fields}["申请人姓名/名称"] == "张三"


def test_a_day_starts_at_midnight_in_beijing():
    # 2025-03-03 00:00 in Asia/Shanghai (UTC+8, no summer time) is 2025-03-02 16:00 UTC
    assert _day_start(date(2025, 3, 3)) == datetime(2025, 3, 2, 16, 0, tzinfo=UTC)


def _entries(n: int, organ, user) -> None:
    for i in range(n):
        record(user, organ, "admin.change", organ, {"name": f"名{i}"}, {"name": f"名{i + 1}"})


def _rows(html: str) -> int:
    return html.split('id="audit"')[1].split("</table>")[0].count('<td class="when">')


def test_twenty_entries_a_page_in_a_bounded_number_of_queries(client, people, organs):
    c = as_user(client, people["clerk"])
    _entries(5, organs["rfb"], people["admin"])
    with CaptureQueriesContext(connection) as few:
        assert _rows(c.get("/organs/dadukou-rfb/audit/").content.decode()) == 5
    _entries(40, organs["rfb"], people["head"])
    with CaptureQueriesContext(connection) as many:
        html = c.get("/organs/dadukou-rfb/audit/").content.decode()
    assert _rows(html) == 20 and "第 1 / 3 页（共 45 条）" in html
    assert len(many) == len(few)
    assert _rows(c.get("/organs/dadukou-rfb/audit/?page=3").content.decode()) == 5


def test_filters_by_who_and_what_and_when(client, people, organs):
    c = as_user(client, people["clerk"])
    _entries(3, organs["rfb"], people["admin"])
    _entries(2, organs["rfb"], people["head"])
    record(people["head"], organs["rfb"], "admin.add", organs["rfb"], None, {"name": "x"})
    url = "/organs/dadukou-rfb/audit/"
    assert _rows(c.get(url, {"user": people["head"].pk}).content.decode()) == 3
    assert _rows(c.get(url, {"user": people["head"].pk, "action": "admin.add"}).content.decode()) == 1
    today = datetime.now(UTC).astimezone().date()
    assert _rows(c.get(url, {"since": "2000-01-01", "until": "2000-12-31"}).content.decode()) == 0
    assert _rows(c.get(url, {"since": "2000-01-01", "until": f"{today.year + 1}-12-31"}).content.decode()) == 6
    page2 = c.get(url, {"user": people["admin"].pk, "page": 1}).content.decode()
    assert _rows(page2) == 3


def test_bad_filters_get_a_chinese_message_not_an_error(client, people, organs):
    c = as_user(client, people["clerk"])
    bad = c.get("/organs/dadukou-rfb/audit/", {"since": "2025-13-01", "user": "abc", "action": "nope"})
    assert bad.status_code == 200
    html = bad.content.decode()
    assert "日期格式应为 YYYY-MM-DD" in html
    late = c.get("/organs/dadukou-rfb/audit/", {"since": "2025-03-02", "until": "2025-03-01"}).content.decode()
    assert "起始日期不能晚于截止日期" in late


def test_the_application_audit_page_is_in_chinese_too(client, people, application):
    html = as_user(client, people["clerk"]).get(f"/applications/{application.pk}/audit/").content.decode()
    table = html.split('id="audit"')[1]
    assert "<td>登记申请</td>" in table and f"依申请公开申请 {application.number}" in table


def test_record_refuses_an_action_not_in_the_catalogue(people, organs):
    with pytest.raises(ValueError, match="不在操作目录中"):
        record(people["admin"], organs["rfb"], "rename_everything", organs["rfb"], None, None)


def _record_calls() -> list[tuple[str, int, ast.expr]]:
    found = []
    for path in WEB.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "record":
                if len(node.args) >= 3:
                    found.append((str(path.relative_to(WEB)), node.lineno, node.args[2]))
    return found


def test_every_action_recorded_in_the_code_is_in_the_catalogue():
    calls = _record_calls()
    literal = {(where, n, a.value) for where, n, a in calls if isinstance(a, ast.Constant)}
    assert len(literal) >= 10  # the services' and the admin's calls were found
    assert [x for x in literal if x[2] not in actions.LABELS] == []
    # the one call that takes its action from a variable records the lifecycle's actions (checked in
    # applications/tests/test_services.py)
    assert {w for w, _, a in calls if not isinstance(a, ast.Constant | ast.Call)} == {"applications/services.py"}
    assert all(label and label != code for code, label in actions.LABELS.items())
