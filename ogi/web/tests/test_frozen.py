"""Every record stored once (``lib.frozen.FrozenModel``) is guarded by the database too, and nothing
deleted elsewhere reaches it: its foreign keys protect it (a cascade would delete it, SET_NULL would
change it — both refused by its triggers, so a parent's delete would end in a database error)."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from ogi.web.audit import guards
from ogi.web.lib.frozen import FrozenModel

FROZEN = [m for m in apps.get_models() if issubclass(m, FrozenModel)]


def test_it_knows_the_frozen_records():
    assert {m._meta.label for m in FROZEN} >= {
        "reports.FinalReport", "season.Submission", "season.SubmissionCell",
        "portal.Publication", "portal.PublishedFile", "letters.Letter",
    }


def test_every_frozen_table_has_registered_guards():
    guarded = {table for other in guards.OTHERS for table in other.TABLES}
    assert [m._meta.db_table for m in FROZEN if m._meta.db_table not in guarded] == []


def test_every_foreign_key_of_a_frozen_record_protects_it():
    loose = [
        f"{m._meta.label}.{f.name}: {f.remote_field.on_delete.__name__}"
        for m in FROZEN for f in m._meta.concrete_fields
        if f.many_to_one and f.remote_field.on_delete is not models.PROTECT
    ]
    assert loose == []
