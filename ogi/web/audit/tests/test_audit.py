from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from ogi.web.audit.models import AuditEntry
from ogi.web.tests.refusals import refused


def test_it_refuses_to_change_an_audit_entry(application):
    entry = AuditEntry.objects.get()
    entry.action = "forged"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")
    assert AuditEntry.objects.get().action == "register"


def test_it_refuses_to_delete_an_audit_entry(application):
    entry = AuditEntry.objects.get()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == 1


def test_the_database_refuses_raw_updates_and_deletes(application):
    table = AuditEntry._meta.db_table
    for sql in (f"UPDATE {table} SET action = 'forged'", f"DELETE FROM {table}"):
        refused(sql, "审计记录不可(修改|删除)")  # SQLite says which, PostgreSQL says both
    assert AuditEntry.objects.get().action == "register"
