"""Paging a search in one query: the page's rows and the number of all rows read together.

Django's paginator counts the rows (``SELECT COUNT(*)``) and then fetches the page: for a filter no index
answers — a text search over a district's register, ``LIKE '%…%'`` on every case — the database reads
every row twice, and that is most of the page's time. Here the page query carries ``COUNT(*) OVER ()``:
the count comes with the rows. Not for a filter that selects many rows an index finds: the window makes
the database keep every selected row instead of the page's few (SQLite: 16,000 rows, twice the time). A
page past the end (no rows, so no count) falls back to Django's way: count, then the last page.
"""

from __future__ import annotations

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Count, QuerySet, Window

TOTAL = "_paging_total"
LAST_OFFSET = 10**9


def page_of(rows: QuerySet, per_page: int, number: object) -> Page:
    """The page ``number`` (anything the user sent: junk is page 1) of ``rows``, as ``Paginator.get_page``."""
    paginator = Paginator(rows, per_page)
    try:
        n = max(int(str(number)), 1) if number is not None else 1
    except ValueError:
        n = 1
    bottom = (n - 1) * per_page
    if bottom > LAST_OFFSET:  # past any real list, and past what a database takes as an offset
        return paginator.get_page(n)
    found = list(rows.annotate(**{TOTAL: Window(Count("pk"))})[bottom:bottom + per_page])
    if not found:
        return paginator.get_page(n)
    paginator.count = getattr(found[0], TOTAL)  # the cached property, filled from the page query
    try:
        page = paginator.page(n)
    except InvalidPage:  # pragma: no cover - the rows were found, so the page exists
        return paginator.get_page(n)
    page.object_list = found
    return page
