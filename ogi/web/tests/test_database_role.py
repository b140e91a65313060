"""The application's PostgreSQL role as docs/production.md sets it up: it writes the registers and appends
to the audit trail, and can neither change the trail nor switch its guards off; ``ogi serve`` warns when
its role could (the test database's user is a superuser, so it does)."""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

from ogi.web import cli
from ogi.web.audit.guards import role_can_lift, role_warning
from ogi.web.audit.models import AuditEntry
from ogi.web.audit.services import record

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="roles are PostgreSQL's")
DOC = Path(__file__).resolve().parents[3] / "docs" / "production.md"
ROLE = f"ogi_app_test_{os.getpid()}"  # roles are global to the server: one name per test process


def grants() -> list[str]:
    """The statements of the doc's ``sql`` block, for this test's role."""
    block = re.search(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    return [s.strip().replace("ogi_app", ROLE) for s in block.split(";") if s.strip()]


@contextmanager
def as_app_role():
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN NOSUPERUSER")  # rolled back with the test
        for sql in grants():
            cursor.execute(sql)
        cursor.execute(f"SET ROLE {ROLE}")
        try:
            yield cursor
        finally:
            cursor.execute("RESET ROLE")


def refused(cursor, sql: str, message: str) -> None:  # noqa: ANN001
    with pytest.raises(DatabaseError, match=message), transaction.atomic():
        cursor.execute(sql)


def test_the_documented_role_appends_but_cannot_change_the_trail_or_its_guards(people, organs):
    assert len(grants()) == 5
    with as_app_role() as cursor:
        assert not role_can_lift(connection) and role_warning(connection) is None
        entry = record(people["admin"], organs["rfb"], "admin.change", organs["rfb"], None, {"name": "x"})
        assert AuditEntry.objects.filter(pk=entry.pk).exists()
        organs["rfb"].name = "改名"
        organs["rfb"].save()  # the registers: read and written
        denied = "permission denied|权限不够"
        refused(cursor, "UPDATE audit_auditentry SET action = 'x'", denied)
        refused(cursor, "DELETE FROM audit_auditentry", denied)
        refused(cursor, "TRUNCATE audit_auditentry", denied)
        refused(cursor, "DELETE FROM audit_chainhead", denied)
        owner = "must be owner|必须是"
        refused(cursor, "ALTER TABLE audit_auditentry DISABLE TRIGGER USER", owner)
        refused(cursor, "DROP TRIGGER audit_auditentry_append_only ON audit_auditentry", owner)
        refused(cursor, "DROP TABLE audit_auditentry", owner)


def test_the_superuser_of_the_test_database_is_warned_about(db, capsys):
    assert role_can_lift(connection)
    cli.warn_about_role()
    err = capsys.readouterr().err.splitlines()
    user = connection.settings_dict["USER"]
    assert err == [
        f"警告：数据库角色 {user} 是审计记录表的所有者或超级用户，能停用或删除保护审计记录的触发器；"
        "生产环境请让网站使用无此权限的角色（见 docs/production.md）"
    ]
