"""Lists paged in one query: the page's rows carry the count of all rows (COUNT(*) OVER ())."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ogi.web.lib.paging import page_of
from ogi.web.organs.models import Organ

pytestmark = pytest.mark.django_db


@pytest.fixture
def organs_45(db):
    Organ.objects.bulk_create([Organ(code=f"o-{i:02}", name=f"机关{i}", kind="department") for i in range(45)])
    return Organ.objects.filter(code__startswith="o-").order_by("code")


def test_a_page_and_the_count_come_in_one_query(organs_45):
    with CaptureQueriesContext(connection) as ctx:
        page = page_of(organs_45, 20, "2")
        codes = [o.code for o in page]
        count, pages = page.paginator.count, page.paginator.num_pages
    assert len(ctx) == 1
    assert codes == [f"o-{i:02}" for i in range(20, 40)]
    assert (count, pages, page.number, page.has_next(), page.has_previous()) == (45, 3, 2, True, True)


def test_the_last_page_holds_the_rest(organs_45):
    page = page_of(organs_45, 20, 3)
    assert [o.code for o in page] == ["o-40", "o-41", "o-42", "o-43", "o-44"]
    assert not page.has_next()


@pytest.mark.parametrize("asked", [None, "", "x", "2.5", "0", "-3"])
def test_junk_or_no_number_is_the_first_page(organs_45, asked):
    page = page_of(organs_45, 20, asked)
    assert page.number == 1 and page.object_list[0].code == "o-00"


@pytest.mark.parametrize("asked", ["4", "99", str(10**30)])
def test_a_page_past_the_end_is_the_last(organs_45, asked):
    page = page_of(organs_45, 20, asked)
    assert page.number == 3 and len(page.object_list) == 5


def test_an_empty_list_has_one_empty_page(db):
    page = page_of(Organ.objects.none(), 20, "1")
    assert page.number == 1 and list(page) == [] and page.paginator.count == 0
