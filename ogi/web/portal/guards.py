"""The database's own guards on what has been published (triggers), as ``audit/guards.py`` makes them.

``portal_publication`` (a published version) and ``portal_publishedfile`` (the files it is offered as):
no UPDATE, no DELETE, no TRUNCATE (PostgreSQL: a statement-level trigger BEFORE TRUNCATE; SQLite has no
TRUNCATE — ``DELETE FROM`` without WHERE runs the row trigger and is refused like any DELETE). Inserts
are free: a correction is a new row. The guards are registered with the audit trail's (``register`` in
``PortalConfig.ready``), so what lifts those for a test's flush lifts these too.
"""

from __future__ import annotations

TABLES = ("portal_publication", "portal_publishedfile")
MESSAGE = "已公开的年度报告不可修改、删除或清空"

SQLITE = [
    sql
    for table in TABLES
    for sql in (
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    )
]
SQLITE_DROP = [
    sql for table in TABLES for sql in (
        f"DROP TRIGGER IF EXISTS {table}_no_update", f"DROP TRIGGER IF EXISTS {table}_no_delete",
    )
]

POSTGRES = [
    f"""CREATE OR REPLACE FUNCTION portal_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '{MESSAGE}（%）', TG_OP; END; $$ LANGUAGE plpgsql""",
    *(
        sql
        for table in TABLES
        for sql in (
            f"""CREATE TRIGGER {table}_frozen BEFORE UPDATE OR DELETE ON {table}
               FOR EACH ROW EXECUTE FUNCTION portal_refuse()""",
            f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
               FOR EACH STATEMENT EXECUTE FUNCTION portal_refuse()""",
        )
    ),
]
POSTGRES_DROP = [
    *(
        sql for table in TABLES for sql in (
            f"DROP TRIGGER IF EXISTS {table}_frozen ON {table}",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        )
    ),
    "DROP FUNCTION IF EXISTS portal_refuse()",
]
INSTALL = {"sqlite": SQLITE, "postgresql": POSTGRES}
REMOVE = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}


def install(cursor, vendor: str) -> None:  # noqa: ANN001
    for sql in REMOVE[vendor] + INSTALL[vendor]:
        cursor.execute(sql)


def remove(cursor, vendor: str) -> None:  # noqa: ANN001
    for sql in REMOVE[vendor]:
        cursor.execute(sql)
