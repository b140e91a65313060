"""The cast of the web tests (personas, not factories).

The district government ``gov`` with two departments ``rfb`` (人防办) and ``edu``; a clerk and a head at
``rfb``, a clerk at ``edu`` (another organ: must see nothing of rfb), a supervisor over ``gov``'s subtree,
a read-only auditor at ``rfb`` and an admin.
"""

from __future__ import annotations

import pytest

PASSWORD = "correct-horse-battery"


def as_user(client, user):
    """The test client logged in as ``user``."""
    client.force_login(user)
    return client


@pytest.fixture
def organs(db):
    from ogi.web.organs.models import Organ

    gov = Organ.objects.create(code="dadukou", name="重庆市大渡口区人民政府", kind="government")
    rfb = Organ.objects.create(code="dadukou-rfb", name="重庆市大渡口区人民防空办公室", kind="department", parent=gov)
    edu = Organ.objects.create(code="dadukou-edu", name="重庆市大渡口区教育委员会", kind="department", parent=gov)
    return {"gov": gov, "rfb": rfb, "edu": edu}


def _user(username: str, organ, role: str):
    from django.contrib.auth.models import User

    from ogi.web.organs.models import Membership

    user = User.objects.create_user(username, password=PASSWORD)
    if organ is not None:
        Membership.objects.create(user=user, organ=organ, role=role)
    return user


@pytest.fixture
def people(organs):
    return {
        "clerk": _user("clerk", organs["rfb"], "clerk"),
        "head": _user("head", organs["rfb"], "head"),
        "other_clerk": _user("other", organs["edu"], "clerk"),
        "supervisor": _user("supervisor", organs["gov"], "supervisor"),
        "auditor": _user("auditor", organs["rfb"], "auditor"),
        "admin": _user("admin", organs["gov"], "admin"),
    }


@pytest.fixture
def application(organs, people):
    """An open application at rfb received on Monday 2025-03-03 (no holiday within 20 working days)."""
    from datetime import date

    from ogi.web.applications import services

    return services.register(
        people["clerk"], organs["rfb"],
        applicant_type="natural_person", applicant_name="张三", applicant_contact="13800000000",
        channel="online", received_on=date(2025, 3, 3), content="2024年度人防工程建设情况",
    )


def pytest_collection_modifyitems(items) -> None:  # noqa: ANN001
    """Every transactional test starts from the migrated database, whatever ran before it.

    The flush after a transactional test empties every table. Without ``serialized_rollback`` Django then
    sends ``post_migrate``, which creates the content types and permissions again under new ids, and
    the data of the migrations (the working calendar, the audit chain's head) is gone; with it Django
    sends nothing and the next serialized test loads the database as it was after ``migrate``. Mixed,
    a serialized test after a plain one loads its content types on top of those ``post_migrate`` made
    (a unique violation on ``django_content_type``), and a plain test after any other runs without the
    calendar. So each one here is serialized: each restores the migrated state, like every other test."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker is not None else {}
        if marker is not None and marker.args:
            raise pytest.UsageError(f"{item.nodeid}: django_db takes keyword arguments here")
        if kwargs.get("transaction") or kwargs.get("reset_sequences") or \
                "transactional_db" in fixtures or "live_server" in fixtures:
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture(scope="module")
def _audit_guards_back(django_db_blocker):
    from django.db import connection

    from ogi.web.audit import guards

    yield
    with django_db_blocker.unblock():
        guards.restore(connection)


@pytest.fixture
def flushable_audit(_audit_guards_back):
    """For transactional tests that write audit entries: the flush at the end of such a test deletes
    (SQLite) or truncates (PostgreSQL) every table, which the audit trail's guards refuse. The guards
    are lifted just before the flush (this fixture's teardown runs first, as the database's owner
    would) and put back after the module's last test."""
    from django.db import connection

    from ogi.web.audit import guards

    yield
    guards.lift(connection)


@pytest.fixture(scope="session", autouse=True)
def _no_lingering_connections(django_db_setup, django_db_blocker):
    """Before the test database is dropped: end the sessions that servers, workers or pools started by
    the tests still hold on it (PostgreSQL refuses to drop a database that is in use)."""
    yield
    from django.db import connection, connections

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
        connections.close_all()
