"""Reading one printed table cell into a number and its meaning (``annual-report.md`` §10.5).

A number has at most ``MAX_DIGITS`` digits: no count or amount of a report comes near 10¹⁵, and a
longer digit run is no value (Python refuses to convert more than 4,300 digits at all); it is read as
text, which the assembler reports as an unreadable cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .text.normalise import fold

MAX_DIGITS = 15
_BLANK = {"": "blank"}
_MARKS = {"-": "dash", "--": "dash", "—": "dash", "——": "dash", "/": "slash", "无": "none", "0": None}
_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_MONEY = re.compile(r"^([+-]?\d+(?:\.\d+)?)(元|万元|亿元)?$")
_UNITS = {None: Decimal(1), "万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}


@dataclass(frozen=True)
class CellValue:
    """A read cell: the number it counts as, the printed text, and what it meant."""

    value: int | Decimal | None  # None: unreadable (a diagnostic, counted as 0)
    raw: str
    semantic: str  # value, blank, dash, slash, none, text
    unit: str | None = None


@lru_cache(maxsize=8192)
def read_cell(raw: str, *, money: bool = False) -> CellValue:
    """Read a printed cell. ``money``: a 万元 amount, which may carry 元/万元/亿元.

    Cached: reports repeat the same few cell texts (“0”, “”, “—”) thousands of times; a CellValue is frozen.
    """
    text = fold(raw).replace("—", "-")
    mark = _BLANK.get(text) or _MARKS.get(text)
    if mark:
        return CellValue(0, raw, mark)
    if money:
        return _read_money(raw, text)
    m = _NUMBER.match(text)
    if m and not m.group(3):
        sign, digits = m.group(1), m.group(2).replace(",", "")
        if len(digits) <= MAX_DIGITS:
            return CellValue(int(sign + digits), raw, "value")
    return CellValue(None, raw, "text")


def _read_money(raw: str, text: str) -> CellValue:
    m = _MONEY.match(text.replace(",", ""))
    whole, _, fraction = m.group(1).lstrip("+-").partition(".") if m else ("", "", "")
    if not m or len(whole) > MAX_DIGITS or len(fraction) > MAX_DIGITS:
        return CellValue(None, raw, "text")
    try:
        amount = Decimal(m.group(1)) * _UNITS[m.group(2)]
    except InvalidOperation:  # pragma: no cover - the regex admits only decimals
        return CellValue(None, raw, "text")
    semantic = "value" if m.group(2) in (None, "万元") and text == m.group(1) else "text"
    return CellValue(amount.normalize() if amount != amount.to_integral_value() else amount.quantize(Decimal(1)), raw, semantic, m.group(2))
