"""Chain the audit entries by hash (chain.py), keep the chain's head, and guard both tables (guards.py):
no UPDATE, DELETE or TRUNCATE; inserts only after the head. Entries already written are chained in the
order they were written."""

from __future__ import annotations

import django.utils.timezone
from django.db import migrations, models

from ogi.web.audit import chain, guards

OLD_POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry",
    "DROP FUNCTION IF EXISTS audit_auditentry_refuse()",
]


def remove_old_guards(apps, schema_editor) -> None:
    with schema_editor.connection.cursor() as cursor:
        vendor = schema_editor.connection.vendor
        for sql in (OLD_POSTGRES_DROP if vendor == "postgresql" else []) + guards.REMOVE.get(vendor, []):
            cursor.execute(sql)


def chain_existing(apps, schema_editor) -> None:
    AuditEntry = apps.get_model("audit", "AuditEntry")
    ChainHead = apps.get_model("audit", "ChainHead")
    seq, prev, at = 0, chain.GENESIS, None
    for entry in AuditEntry.objects.order_by("at", "id"):
        seq += 1
        values = {name: getattr(entry, name) for name in chain.FIELDS if name not in ("seq", "prev_hash")}
        values.update(seq=seq, prev_hash=prev)
        digest = chain.digest(values)
        AuditEntry.objects.filter(pk=entry.pk).update(seq=seq, prev_hash=prev, hash=digest)
        prev, at = digest, entry.at
    ChainHead.objects.create(pk=1, seq=seq, hash=prev, at=at)


def install_guards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor in guards.INSTALL:
        with schema_editor.connection.cursor() as cursor:
            guards.install(cursor, schema_editor.connection.vendor)


def remove_guards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor in guards.REMOVE:
        with schema_editor.connection.cursor() as cursor:
            guards.remove(cursor, schema_editor.connection.vendor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.RunPython(remove_old_guards, migrations.RunPython.noop),
        migrations.CreateModel(
            name="ChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("seq", models.PositiveBigIntegerField(default=0, verbose_name="最后一条的序号")),
                ("hash", models.CharField(default=chain.GENESIS, max_length=64, verbose_name="最后一条的哈希")),
                ("at", models.DateTimeField(blank=True, null=True, verbose_name="最后一条的时间")),
            ],
            options={"verbose_name": "审计链头", "verbose_name_plural": "审计链头"},
        ),
        migrations.AddField("auditentry", "seq", models.PositiveBigIntegerField(null=True, verbose_name="序号")),
        migrations.AddField("auditentry", "prev_hash", models.CharField(default="", max_length=64, verbose_name="前一条的哈希")),
        migrations.AddField("auditentry", "hash", models.CharField(default="", max_length=64, verbose_name="哈希")),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.AlterField(
            "auditentry", "seq", models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="序号"),
        ),
        migrations.AlterField(
            "auditentry", "prev_hash", models.CharField(editable=False, max_length=64, verbose_name="前一条的哈希"),
        ),
        migrations.AlterField("auditentry", "hash", models.CharField(editable=False, max_length=64, verbose_name="哈希")),
        migrations.AlterField(
            "auditentry", "at",
            models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="时间"),
        ),
        migrations.AlterModelOptions(
            name="auditentry",
            options={"ordering": ["-seq"], "verbose_name": "审计记录", "verbose_name_plural": "审计记录"},
        ),
        migrations.AddIndex("auditentry", models.Index(fields=["organ", "-seq"], name="audit_audit_organ_i_d59f01_idx")),
        migrations.AddIndex(
            "auditentry", models.Index(fields=["object_type", "object_id"], name="audit_audit_object__3eefc4_idx"),
        ),
        migrations.RunPython(install_guards, remove_guards),
    ]
