"""Records stored once and never changed (a 定稿 version, a submitted version, a published report, an
issued letter): one mechanism for every write path.

- ``FrozenModel`` (abstract): ``save`` of a row that exists and ``delete`` raise ``FrozenError`` with
  the model's own Chinese line (``frozen_what`` 不可修改 / 不可删除, ``frozen_hint`` after the former);
  inserting is free.
- ``FrozenQuerySet``: ``update`` and ``delete`` (which would pass by ``save``/``delete``) refused the same
  way; the model's default manager unless it declares its own queryset built on this one.
- ``Guards``: the database's own triggers on the tables — no UPDATE and no DELETE (SQLite and
  PostgreSQL), no TRUNCATE (PostgreSQL: a statement-level trigger; SQLite has none — ``DELETE FROM``
  without WHERE runs the row trigger and is refused like any DELETE). ``operation()`` installs them in a
  migration; registered with the audit trail's guards (``audit.guards.register`` in the app's
  ``ready``), what lifts those for a test's flush lifts these too.
- ``ReadOnlyAdmin``: shown in the admin, never added, changed or deleted there.

None of these records has a field that may change after the insert: what changes about them (a
submission's status, a letter's e-mail delivery) is kept in another table.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import admin
from django.db import migrations, models


class FrozenError(Exception):
    """A record stored once (``FrozenModel``) was to be changed or deleted."""


class FrozenQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ANN003, ANN201
        raise self.model.refusal(change=True)

    def delete(self):  # noqa: ANN201
        raise self.model.refusal(change=False)


class FrozenModel(models.Model):
    """Inserted once, never changed or deleted. Subclasses name what is refused, in Chinese."""

    frozen_what = "该记录"  # 「<what>不可修改」, 「<what>不可删除」
    frozen_hint = ""  # said after the refusal of a change: what to do instead

    objects = FrozenQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def refusal(cls, *, change: bool) -> FrozenError:
        return FrozenError(f"{cls.frozen_what}不可修改{cls.frozen_hint}" if change else f"{cls.frozen_what}不可删除")

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        if self.pk is not None or not self._state.adding:
            raise self.refusal(change=True)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        raise self.refusal(change=False)


class Guards:
    """The triggers refusing UPDATE, DELETE and TRUNCATE on ``tables``, raising ``message``.

    ``name`` prefixes the PostgreSQL function (``<name>_refuse()``); each table's triggers are named after
    it (SQLite ``<table>_no_update`` and ``<table>_no_delete``; PostgreSQL ``<table>_frozen`` and
    ``<table>_no_truncate``). ``TABLES``, ``install`` and ``remove`` are what ``audit.guards.register``
    expects of a set of guards."""

    def __init__(self, name: str, tables: Iterable[str], message: str) -> None:
        self.name = name
        self.TABLES = tuple(tables)
        self.message = message

    def statements(self, vendor: str) -> list[str]:
        """The statements creating the guards on ``vendor`` (none for another database)."""
        if vendor == "sqlite":
            return [
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{self.message}'); END"
                for table in self.TABLES for op in ("UPDATE", "DELETE")
            ]
        if vendor == "postgresql":
            function = f"{self.name}_refuse"
            return [
                f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
                   BEGIN RAISE EXCEPTION '{self.message}（%）', TG_OP; END; $$ LANGUAGE plpgsql""",
                *(
                    sql
                    for table in self.TABLES
                    for sql in (
                        f"""CREATE TRIGGER {table}_frozen BEFORE UPDATE OR DELETE ON {table}
                           FOR EACH ROW EXECUTE FUNCTION {function}()""",
                        f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
                           FOR EACH STATEMENT EXECUTE FUNCTION {function}()""",
                    )
                ),
            ]
        return []

    def drops(self, vendor: str) -> list[str]:
        """The statements removing the guards on ``vendor`` (each only if it is there)."""
        if vendor == "sqlite":
            return [f"DROP TRIGGER IF EXISTS {table}_no_{op}" for table in self.TABLES for op in ("update", "delete")]
        if vendor == "postgresql":
            return [
                *(
                    f"DROP TRIGGER IF EXISTS {table}_{trigger} ON {table}"
                    for table in self.TABLES for trigger in ("frozen", "no_truncate")
                ),
                f"DROP FUNCTION IF EXISTS {self.name}_refuse()",
            ]
        return []

    def install(self, cursor, vendor: str) -> None:  # noqa: ANN001
        """Create the guards (after removing any older version of them)."""
        for sql in self.drops(vendor) + self.statements(vendor):
            cursor.execute(sql)

    def remove(self, cursor, vendor: str) -> None:  # noqa: ANN001
        for sql in self.drops(vendor):
            cursor.execute(sql)

    def _forwards(self, apps, schema_editor) -> None:  # noqa: ANN001
        with schema_editor.connection.cursor() as cursor:
            self.install(cursor, schema_editor.connection.vendor)

    def _backwards(self, apps, schema_editor) -> None:  # noqa: ANN001
        with schema_editor.connection.cursor() as cursor:
            self.remove(cursor, schema_editor.connection.vendor)

    def operation(self, *, reverse: bool = True) -> migrations.RunPython:
        """The migration step installing the guards (its reverse removes them, unless ``reverse`` is
        False: a step that only renews guards an earlier step installed)."""
        return migrations.RunPython(self._forwards, self._backwards if reverse else migrations.RunPython.noop)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown in the admin but changed only through the services (checked, audited), or never."""

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False
