"""URL converters that refuse what the database cannot hold, so a bad URL is a 404, never a 500.

``<id:pk>``: a row id of at most 18 digits (a 20-digit id overflows SQLite's and PostgreSQL's bigint);
``<year:year>``: a year of four digits (whether the formats cover it is the view's to say).
Importing this module registers the converters; every app's ``urls.py`` imports it.
"""

from __future__ import annotations

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class YearConverter(IdConverter):
    regex = "[0-9]{4}"


register_converter(IdConverter, "id")
register_converter(YearConverter, "year")
