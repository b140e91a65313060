"""Transactional tests start from the migrated database in any order (conftest: every one is
serialized). Run in this order, the second failed on ``django_content_type`` before: the first one's flush
had made the content types again under new ids, and the second loaded the migrated ones on top."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from ogi.web.organs.models import Organ
from ogi.web.workcalendar.models import CalendarDay


def migrated_state() -> tuple:
    """What the migrations leave: 国庆节 2025-10-01 off and 2025-09-28 (Sunday) a working day (国办发明电
    〔2024〕12号), the organ's content type with its permissions."""
    days = dict(CalendarDay.objects.filter(day__in=[date(2025, 10, 1), date(2025, 9, 28)]).values_list("day", "is_workday"))
    organ = ContentType.objects.get_for_model(Organ)
    return days, sorted(Permission.objects.filter(content_type=organ).values_list("codename", flat=True))


MIGRATED = ({date(2025, 10, 1): False, date(2025, 9, 28): True},
            ["add_organ", "change_organ", "delete_organ", "view_organ"])


@pytest.mark.django_db(transaction=True)
def test_a_plain_transactional_test_starts_from_the_migrated_database(flushable_audit):
    assert migrated_state() == MIGRATED
    Organ.objects.create(code="cq", name="重庆市", kind="government")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_serialized_one_after_it_too(flushable_audit):
    assert migrated_state() == MIGRATED
    assert not Organ.objects.exists()


def test_the_conftest_serializes_every_transactional_test(request):
    marker = request.session.items[[i.name for i in request.session.items].index(
        "test_a_plain_transactional_test_starts_from_the_migrated_database")].get_closest_marker("django_db")
    assert marker.kwargs == {"transaction": True, "serialized_rollback": True}
