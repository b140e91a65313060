"""The hash chain: each entry's hash covers the entry and the hash before it, and ``verify`` names the
first entry that does not hold — whether an entry was edited, deleted, slipped in, back-dated or the
newest ones removed. To tamper, the tests lift the database's guards as the tables' owner could."""

from __future__ import annotations

import hashlib
import json
import threading
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from django.db import DatabaseError, connection, transaction

from ogi.web.audit import chain, guards
from ogi.web.audit.models import AuditEntry, ChainHead
from ogi.web.audit.services import record
from ogi.web.tests.refusals import refused

TABLE = AuditEntry._meta.db_table


@contextmanager
def as_owner():
    """Switch the guards off for a moment, as the owner of the tables can."""
    guards.lift(connection)
    try:
        yield connection.cursor()
    finally:
        guards.restore(connection)


@pytest.fixture
def trail(organs, people):
    """Four entries: three organs renamed (one each) and one more rename of the first."""
    for organ, name in ((organs["rfb"], "人防办"), (organs["edu"], "教委"), (organs["gov"], "区政府"), (organs["rfb"], "人防")):
        before = {"name": organ.name}
        organ.name = name
        organ.save()
        record(people["admin"], organ, "admin.change", organ, before, {"name": name})
    return list(AuditEntry.objects.order_by("seq"))


def test_each_entry_hashes_itself_and_the_one_before(trail, people, organs):
    first = trail[0]
    # the canonical form written out by hand: sorted keys, no spaces, UTC time with microseconds
    at = first.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    rfb, admin = organs["rfb"].pk, people["admin"].pk
    text = (
        f'{{"action":"admin.change","after":{{"name":"人防办"}},"at":"{at}",'
        f'"before":{{"name":"重庆市大渡口区人民防空办公室"}},"object_id":"{rfb}","object_type":"organ",'
        f'"organ_id":{rfb},"prev_hash":"{"0" * 64}","seq":1,"user_id":{admin}}}'
    )
    assert first.hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert [e.seq for e in trail] == [1, 2, 3, 4]
    assert [e.prev_hash for e in trail[1:]] == [e.hash for e in trail[:-1]]
    head = ChainHead.objects.get()
    assert (head.seq, head.hash) == (4, trail[-1].hash)


def test_an_intact_chain_verifies_with_its_count_and_head(trail):
    verdict = chain.verify()
    assert verdict.intact and verdict.count == 4 and verdict.head == trail[-1].hash
    assert verdict.line() == f"审计记录完整：共 4 条，链头哈希 {trail[-1].hash}"


def test_an_empty_trail_is_intact(db):
    verdict = chain.verify()
    assert verdict.intact and verdict.count == 0 and verdict.head == chain.GENESIS


def test_an_edited_entry_breaks_the_chain_there(trail):
    with as_owner() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET after = %s WHERE seq = 2", [json.dumps({"name": "伪造"})])
    verdict = chain.verify()
    assert (verdict.broken_at, verdict.intact) == (2, False)
    assert "被修改" in verdict.problem and verdict.line().startswith("审计记录链在第 2 条处断开")


def test_a_deleted_entry_is_missed(trail):
    with as_owner() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq = 2")
    verdict = chain.verify()
    assert verdict.broken_at == 2 and "被删除" in verdict.problem


def test_an_entry_put_in_the_place_of_another_breaks_the_next_link(trail):
    """Entry 2 replaced by a forged one with a correct hash of its own: entry 3 no longer links to it."""
    old = trail[1]
    values = {name: getattr(old, name) for name in chain.FIELDS} | {"after": {"name": "伪造"}}
    with as_owner() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq = 2")
        cursor.execute(
            f"INSERT INTO {TABLE} (seq, at, user_id, organ_id, action, object_type, object_id, before, after,"
            " prev_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [2, old.at, old.user_id, old.organ_id, old.action, old.object_type, old.object_id,
             json.dumps(old.before), json.dumps(values["after"]), old.prev_hash, chain.digest(values)],
        )
    verdict = chain.verify()
    assert verdict.broken_at == 3 and "前一条" in verdict.problem


def test_a_back_dated_entry_appended_with_a_correct_hash_is_seen(trail):
    """The guards let the application append after the head; a forger who does so with a date in the
    past (and moves the head, which the guards allow) is caught by the time order."""
    last = trail[-1]
    values = {"seq": 5, "at": datetime(2020, 1, 1, tzinfo=UTC), "user_id": last.user_id, "organ_id": last.organ_id,
              "action": "admin.change", "object_type": "organ", "object_id": last.object_id,
              "before": None, "after": {"name": "倒签"}, "prev_hash": last.hash}
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (seq, at, user_id, organ_id, action, object_type, object_id, before, after,"
            " prev_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, NULL, %s, %s, %s)",
            [5, values["at"], last.user_id, last.organ_id, "admin.change", "organ", last.object_id,
             json.dumps(values["after"]), last.hash, chain.digest(values)],
        )
        cursor.execute("UPDATE audit_chainhead SET seq = 5, hash = %s", [chain.digest(values)])
    verdict = chain.verify()
    assert verdict.broken_at == 5 and "倒签" in verdict.problem


def test_removing_the_newest_entry_is_seen_by_the_head(trail):
    with as_owner() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq = 4")
    verdict = chain.verify()
    assert verdict.broken_at == 4 and "链头指向第 4 条" in verdict.problem


def test_emptying_the_table_is_seen_by_the_head(trail):
    with as_owner() as cursor:
        cursor.execute(f"TRUNCATE {TABLE}" if connection.vendor == "postgresql" else f"DELETE FROM {TABLE}")
    assert AuditEntry.objects.count() == 0
    verdict = chain.verify()
    assert verdict.broken_at == 1 and "清空" in verdict.problem


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's; SQLite has none")
def test_the_database_refuses_truncate(trail):
    refused(f"TRUNCATE {TABLE}", "审计记录不可修改、删除或清空")
    assert AuditEntry.objects.count() == 4


@pytest.mark.parametrize("seq, prev", [(3, "head"), (6, "head"), (5, chain.GENESIS)])
def test_the_database_refuses_an_entry_not_after_the_head(trail, seq, prev):
    prev_hash = trail[-1].hash if prev == "head" else prev
    with pytest.raises(DatabaseError, match="只能接在链头之后"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (seq, at, action, object_type, object_id, prev_hash, hash)"
                " VALUES (%s, %s, 'x', 'x', '1', %s, %s)", [seq, datetime.now(UTC), prev_hash, "f" * 64],
            )


@pytest.mark.parametrize("change", ["seq = 3", "seq = 5", "hash = 'f'", "seq = 0, hash = '0'"])
def test_the_head_moves_only_forward_onto_an_entry(trail, change):
    with pytest.raises(DatabaseError, match="链头只能前进"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE audit_chainhead SET {change}")
    assert ChainHead.objects.get().seq == 4


@pytest.mark.parametrize("sql", ["DELETE FROM audit_chainhead"])
def test_the_head_cannot_be_deleted(trail, sql):
    with pytest.raises(DatabaseError, match="审计链头不可删除|不可修改、删除或清空"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads on one SQLite test database share a cache")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_chain_correctly(organs_committed):
    """Eight threads, each with its own connection, append ten entries at once: one chain of 80."""
    from django.db import connections

    organ = organs_committed
    errors = []

    def write() -> None:
        try:
            for i in range(10):
                record(None, organ, "admin.change", organ, None, {"i": i})
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(8)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        verdict = chain.verify()
        assert verdict.intact and verdict.count == 80
    finally:
        guards.lift(connection)  # the flush after a transactional test truncates every table


@pytest.fixture
def organs_committed(transactional_db, guards_back_after_flush):
    from ogi.web.organs.models import Organ

    return Organ.objects.create(code="cq", name="重庆市", kind="government")


@pytest.fixture(scope="module")
def guards_back_after_flush(django_db_blocker):
    """The flush after a transactional test empties every table, which the guards refuse: the test lifts
    them at its end, and this puts them back after the flush."""
    yield
    with django_db_blocker.unblock():
        guards.restore(connection)
