"""The calendar's revision token: one row, changed by the database on every write to the calendar."""

from __future__ import annotations

from django.db import migrations, models

TABLES = ("workcalendar_calendarday", "workcalendar_calendaryear")
REVISION = "workcalendar_calendarrevision"
SQLITE_TOKEN = "lower(hex(randomblob(16)))"

SQLITE = [
    f"""CREATE TRIGGER {table}_revision_{op} AFTER {op.upper()} ON {table}
        BEGIN UPDATE {REVISION} SET token = {SQLITE_TOKEN}; END"""
    for table in TABLES for op in ("insert", "update", "delete")
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {table}_revision_{op}" for table in TABLES for op in ("insert", "update", "delete")]
POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION workcalendar_new_revision() RETURNS trigger AS $$
        BEGIN UPDATE {REVISION} SET token = md5(random()::text || clock_timestamp()::text); RETURN NULL; END;
        $$ LANGUAGE plpgsql""",
    *(f"""CREATE TRIGGER {table}_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
          FOR EACH STATEMENT EXECUTE FUNCTION workcalendar_new_revision()""" for table in TABLES),
]
POSTGRES_DROP = [
    *(f"DROP TRIGGER IF EXISTS {table}_revision ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS workcalendar_new_revision()",
]


def _run(schema_editor, by_vendor: dict[str, list[str]]) -> None:
    for sql in by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def forwards(apps, schema_editor) -> None:
    apps.get_model("workcalendar", "CalendarRevision").objects.create(pk=1, token="initial")
    _run(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRES})


def backwards(apps, schema_editor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):

    dependencies = [
        ("workcalendar", "0002_seed_calendar_from_chinesecalendar"),
    ]

    operations = [
        migrations.CreateModel(
            name="CalendarRevision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
            ],
            options={
                "verbose_name": "日历版本",
                "verbose_name_plural": "日历版本",
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
