"""Make the audit trail append-only in the database too: UPDATE and DELETE raise."""

from __future__ import annotations

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER registers_auditentry_no_update BEFORE UPDATE ON registers_auditentry
       BEGIN SELECT RAISE(ABORT, '审计记录不可修改'); END""",
    """CREATE TRIGGER registers_auditentry_no_delete BEFORE DELETE ON registers_auditentry
       BEGIN SELECT RAISE(ABORT, '审计记录不可删除'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS registers_auditentry_no_update",
    "DROP TRIGGER IF EXISTS registers_auditentry_no_delete",
]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION registers_auditentry_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '审计记录不可修改或删除'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER registers_auditentry_append_only BEFORE UPDATE OR DELETE ON registers_auditentry
       FOR EACH ROW EXECUTE FUNCTION registers_auditentry_refuse()""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS registers_auditentry_append_only ON registers_auditentry",
    "DROP FUNCTION IF EXISTS registers_auditentry_refuse()",
]


def _run(schema_editor, by_vendor: dict[str, list[str]]) -> None:
    for sql in by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def forwards(apps, schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRES})


def backwards(apps, schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [("registers", "0002_seed_calendar_from_chinesecalendar")]
    operations = [migrations.RunPython(forwards, backwards)]
