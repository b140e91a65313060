"""The national report formats as data, one module each: ``format_<name>.py`` declaring ``FORMAT``.

The modules are found here by their names, so adding a format is adding its module and nothing else:
detection, the readers, the layout, the rules, the dataset columns, the registers' vocabularies and the
command line all iterate over :data:`FORMATS` (oldest first). :func:`current` is the newest.
"""

from __future__ import annotations

import importlib
import pkgutil

from .types import Block, Column, Format, Group, Heading, Row


def _discover() -> dict[str, Format]:
    found = [
        importlib.import_module(f"{__name__}.{m.name}").FORMAT
        for m in pkgutil.iter_modules(__path__)
        if m.name.startswith("format_")
    ]
    return {f.name: f for f in sorted(found, key=lambda f: f.first_year)}


FORMATS: dict[str, Format] = _discover()


def current() -> Format:
    """The newest format (the one of this year's reports)."""
    return list(FORMATS.values())[-1]


def format_for_year(year: int) -> Format:
    """The national format an organ must use for the report on ``year`` (2019 and 2020: 2019; from
    2021: 2021); a year before the first format takes the first."""
    fitting = [f for f in FORMATS.values() if f.first_year <= year]
    return fitting[-1] if fitting else next(iter(FORMATS.values()))


def years_of(fmt: Format, until: int) -> range:
    """The report years a format is used for, up to ``until`` for the newest (open-ended) one."""
    later = [f.first_year for f in FORMATS.values() if f.first_year > fmt.first_year]
    return range(fmt.first_year, min(later) if later else max(until, fmt.first_year) + 1)


__all__ = [
    "FORMATS",
    "Block",
    "Column",
    "Format",
    "Group",
    "Heading",
    "Row",
    "current",
    "format_for_year",
    "years_of",
]
