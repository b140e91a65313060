"""文号 stay consecutive and distinct when 50 letters are issued at the same moment (PostgreSQL, real threads):
the counter row of the organ's year and kind is locked in each issuing transaction."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection

from ogi.web.applications import services as steps
from ogi.web.letters import services
from ogi.web.letters.models import Counter, Letter

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 50


@pytest.fixture
def wide_pool():
    """One connection per thread, as 50 server processes would have: the pool of this process is widened
    for the test (the settings' pool is sized for one server process) and put back after it."""
    from django.db import connections

    conn = connections["default"]
    pool = conn.settings_dict.get("OPTIONS", {}).get("pool")
    if not isinstance(pool, dict):
        yield
        return
    saved = dict(pool)
    conn.close_pool()
    pool.update(max_size=THREADS + 2, timeout=120)
    yield
    conn.close_pool()
    pool.clear()
    pool.update(saved)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises every writer; the race needs PostgreSQL")
def test_fifty_concurrent_issues_get_fifty_consecutive_numbers(organs, people, conf, wide_pool, flushable_audit):
    from django.db import connections

    apps = [
        steps.register(people["clerk"], organs["rfb"], applicant_type="natural_person", applicant_name=f"申请人{i}",
                       channel="online", received_on=date(2025, 3, 3), content=f"第{i}件")
        for i in range(THREADS)
    ]
    barrier, errors = threading.Barrier(THREADS), []

    def one(app) -> None:
        try:
            barrier.wait()
            services.issue(people["clerk"], app, "receipt", version=app.version, on=date(2025, 3, 3))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(a,)) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    serials = sorted(Letter.objects.values_list("serial", flat=True))
    assert serials == list(range(1, THREADS + 1))
    assert sorted(Letter.objects.values_list("docno", flat=True)) == sorted(
        f"渡人防依申受〔2025〕{n}号" for n in range(1, THREADS + 1)
    )
    assert Counter.objects.get(organ=organs["rfb"], year=2025, kind="receipt").last == THREADS


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises every writer; the race needs PostgreSQL")
def test_the_same_letter_issued_twice_at_once_is_issued_once(application, people, conf, flushable_audit):
    from django.core.exceptions import ValidationError
    from django.db import connections

    barrier, errors, done = threading.Barrier(2), [], []

    def one() -> None:
        try:
            barrier.wait()
            done.append(services.issue(people["clerk"], application, "receipt", version=1, on=date(2025, 3, 3)))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(done) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError) and "不能再次发出" in errors[0].messages[0]
    assert Letter.objects.count() == 1
    assert Counter.objects.get(kind="receipt").last == 1
