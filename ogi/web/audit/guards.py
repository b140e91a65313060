"""The database's own guards on the audit trail (triggers), one list of statements per database.

- ``audit_auditentry``: no UPDATE, no DELETE, no TRUNCATE (PostgreSQL: a statement-level trigger
  BEFORE TRUNCATE; SQLite has no TRUNCATE — its equivalent, ``DELETE FROM`` without WHERE, runs the
  row trigger and is refused like any DELETE); an INSERT must carry the next number and the hash of the
  chain's head (so nothing can be slipped in between two entries).
- ``audit_chainhead`` (the last entry's number and hash): never deleted or truncated; an UPDATE may only
  move it forward by one, onto an entry that exists with that hash (or leave it as it is).

The hashes themselves are computed by ``chain.py`` on insert. Only the tables' owner (or a superuser)
can drop or disable these triggers; the application's role must be neither (docs/production.md).
"""

from __future__ import annotations

ENTRY = "audit_auditentry"
HEAD = "audit_chainhead"

SQLITE = [
    f"""CREATE TRIGGER audit_auditentry_no_update BEFORE UPDATE ON {ENTRY}
       BEGIN SELECT RAISE(ABORT, '审计记录不可修改'); END""",
    f"""CREATE TRIGGER audit_auditentry_no_delete BEFORE DELETE ON {ENTRY}
       BEGIN SELECT RAISE(ABORT, '审计记录不可删除'); END""",
    f"""CREATE TRIGGER audit_auditentry_chained BEFORE INSERT ON {ENTRY}
       WHEN NOT EXISTS (SELECT 1 FROM {HEAD} h WHERE h.seq + 1 = NEW.seq AND h.hash = NEW.prev_hash)
       BEGIN SELECT RAISE(ABORT, '审计记录只能接在链头之后'); END""",
    f"""CREATE TRIGGER audit_chainhead_no_delete BEFORE DELETE ON {HEAD}
       BEGIN SELECT RAISE(ABORT, '审计链头不可删除'); END""",
    f"""CREATE TRIGGER audit_chainhead_advance BEFORE UPDATE ON {HEAD}
       WHEN NOT (NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.hash = OLD.hash AND NEW.at IS OLD.at)
        AND (NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
             OR NOT EXISTS (SELECT 1 FROM {ENTRY} e WHERE e.seq = NEW.seq AND e.hash = NEW.hash))
       BEGIN SELECT RAISE(ABORT, '审计链头只能前进到新写入的记录'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditentry_no_update",
    "DROP TRIGGER IF EXISTS audit_auditentry_no_delete",
    "DROP TRIGGER IF EXISTS audit_auditentry_chained",
    "DROP TRIGGER IF EXISTS audit_chainhead_no_delete",
    "DROP TRIGGER IF EXISTS audit_chainhead_advance",
]

POSTGRES = [
    """CREATE OR REPLACE FUNCTION audit_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '审计记录不可修改、删除或清空（%）', TG_OP; END; $$ LANGUAGE plpgsql""",
    f"""CREATE OR REPLACE FUNCTION audit_auditentry_chained() RETURNS trigger AS $$
       BEGIN
         IF NOT EXISTS (SELECT 1 FROM {HEAD} h WHERE h.seq + 1 = NEW.seq AND h.hash = NEW.prev_hash) THEN
           RAISE EXCEPTION '审计记录只能接在链头之后';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql""",
    f"""CREATE OR REPLACE FUNCTION audit_chainhead_advance() RETURNS trigger AS $$
       BEGIN
         IF NEW IS NOT DISTINCT FROM OLD THEN
           RETURN NEW;
         END IF;
         IF NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
            OR NOT EXISTS (SELECT 1 FROM {ENTRY} e WHERE e.seq = NEW.seq AND e.hash = NEW.hash) THEN
           RAISE EXCEPTION '审计链头只能前进到新写入的记录';
         END IF;
         RETURN NEW;
       END; $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER audit_auditentry_append_only BEFORE UPDATE OR DELETE ON {ENTRY}
       FOR EACH ROW EXECUTE FUNCTION audit_refuse()""",
    f"""CREATE TRIGGER audit_auditentry_no_truncate BEFORE TRUNCATE ON {ENTRY}
       FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse()""",
    f"""CREATE TRIGGER audit_auditentry_chained BEFORE INSERT ON {ENTRY}
       FOR EACH ROW EXECUTE FUNCTION audit_auditentry_chained()""",
    f"""CREATE TRIGGER audit_chainhead_no_delete BEFORE DELETE ON {HEAD}
       FOR EACH ROW EXECUTE FUNCTION audit_refuse()""",
    f"""CREATE TRIGGER audit_chainhead_no_truncate BEFORE TRUNCATE ON {HEAD}
       FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse()""",
    f"""CREATE TRIGGER audit_chainhead_advance BEFORE UPDATE ON {HEAD}
       FOR EACH ROW EXECUTE FUNCTION audit_chainhead_advance()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_auditentry_append_only ON {ENTRY}",
    f"DROP TRIGGER IF EXISTS audit_auditentry_no_truncate ON {ENTRY}",
    f"DROP TRIGGER IF EXISTS audit_auditentry_chained ON {ENTRY}",
    f"DROP TRIGGER IF EXISTS audit_chainhead_no_delete ON {HEAD}",
    f"DROP TRIGGER IF EXISTS audit_chainhead_no_truncate ON {HEAD}",
    f"DROP TRIGGER IF EXISTS audit_chainhead_advance ON {HEAD}",
    "DROP FUNCTION IF EXISTS audit_refuse()",
    "DROP FUNCTION IF EXISTS audit_auditentry_chained()",
    "DROP FUNCTION IF EXISTS audit_chainhead_advance()",
]
INSTALL = {"sqlite": SQLITE, "postgresql": POSTGRES}
REMOVE = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}

# Other apps' guarded tables (e.g. the portal's published reports), registered in their ready() with a
# module like this one (TABLES, install, remove): ``lift`` and ``restore`` switch them too.
OTHERS: list = []


def register(module) -> None:  # noqa: ANN001
    if module not in OTHERS:
        OTHERS.append(module)


def install(cursor, vendor: str) -> None:  # noqa: ANN001
    """Create the guards (after removing any older version of them)."""
    for sql in REMOVE[vendor] + INSTALL[vendor]:
        cursor.execute(sql)


def remove(cursor, vendor: str) -> None:  # noqa: ANN001
    for sql in REMOVE[vendor]:
        cursor.execute(sql)


def lift(connection) -> None:  # noqa: ANN001
    """What only the tables' owner can do: switch the guards off (tests that flush or forge use this)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks: ALTER needs none
            for table in _tables():
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        else:
            remove(cursor, connection.vendor)
            for other in OTHERS:
                other.remove(cursor, connection.vendor)


def restore(connection) -> None:  # noqa: ANN001
    """Switch the guards back on after ``lift``."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in _tables():
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            install(cursor, connection.vendor)
            for other in OTHERS:
                other.install(cursor, connection.vendor)


def _tables() -> list[str]:
    return [ENTRY, HEAD, *(t for other in OTHERS for t in other.TABLES)]


def role_can_lift(connection) -> bool:  # noqa: ANN001
    """Whether the role the application connects as could drop or disable the guards: it owns the audit
    table (or is a member of the role that does) or is a superuser. Always False on SQLite, which has no
    roles (whoever can write the file can do anything with it)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.rolsuper OR pg_has_role(current_user, c.relowner, 'MEMBER')"
            " FROM pg_class c, pg_roles r WHERE c.oid = %s::regclass AND r.rolname = current_user",
            [ENTRY],
        )
        row = cursor.fetchone()
    return bool(row and row[0])


def role_warning(connection) -> str | None:  # noqa: ANN001
    """One Chinese line when the application's role could lift the guards (docs/production.md)."""
    if not role_can_lift(connection):
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (role,) = cursor.fetchone()
    return (f"警告：数据库角色 {role} 是审计记录表的所有者或超级用户，能停用或删除保护审计记录的触发器；"
            "生产环境请让网站使用无此权限的角色（见 docs/production.md）")
