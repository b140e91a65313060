"""The national report formats as data. ``FORMATS["2021"]`` is the current one.

Adding a format means adding a module like ``format_2021.py`` and an entry here.
"""

from __future__ import annotations

from . import format_2019, format_2021
from .types import Block, Column, Format, Group, Heading, Row

FORMATS: dict[str, Format] = {
    format_2019.FORMAT.name: format_2019.FORMAT,
    format_2021.FORMAT.name: format_2021.FORMAT,
}


def format_for_year(year: int) -> Format:
    """The national format an organ must use for the report on ``year`` (2019 and 2020: 2019)."""
    return FORMATS["2019"] if year <= 2020 else FORMATS["2021"]


__all__ = ["FORMATS", "Block", "Column", "Format", "Group", "Heading", "Row", "format_for_year"]
