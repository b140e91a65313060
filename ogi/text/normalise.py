"""Normalisation of labels for matching (``annual-report.md`` §10.1). Raw text is always kept elsewhere.

``fold(text)`` returns the matching form; ``fold_map(text)`` also returns, for every character of the
folded form, its index in the original, so a match can be mapped back to the raw text.
"""

from __future__ import annotations

import re
import unicodedata

_DROP = set(" \t\r\n\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff“”\"「」『』‘’'")
_MAP = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "：": ":",
        "，": ",",
        "／": "/",
        "；": ";",
        "—": "-",
        "－": "-",
        "–": "-",
        "﹣": "-",
    }
)
_NUM_SEP = re.compile(r"(?<=\d)[．、·]")


def fold_char(ch: str) -> str:
    """One character's matching form ('' when it is dropped)."""
    if ch in _DROP:
        return ""
    ch = unicodedata.normalize("NFKC", ch) if ch.isdigit() or "！" <= ch <= "～" else ch
    return ch.translate(_MAP)


def fold_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, per folded character, the index of its original character."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        f = fold_char(ch)
        if not f:
            continue
        if f in "．、·" and out and out[-1].isdigit():
            f = "."
        out.append(f)
        index.extend([i] * len(f) if len(f) == 1 else [i] * len(f))
    folded = "".join(out)
    return folded, index[: len(folded)]


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in _DROP}
    for code in range(ord("！"), ord("～") + 1):  # full-width ASCII forms
        table[code] = unicodedata.normalize("NFKC", chr(code))
    table.update(_MAP)
    for k, v in list(table.items()):  # map the results of NFKC through the punctuation map too
        if isinstance(v, str) and len(v) == 1 and ord(v) in _MAP:
            table[k] = _MAP[ord(v)]  # type: ignore[assignment]
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """The matching form of a label: widths folded, spaces and quotes removed, '1、' → '1.'.

    Same result as ``fold_map(text)[0]``, done with one ``str.translate`` (labels are folded often).
    """
    folded = text.translate(_FOLD)
    return _NUM_SEP.sub(".", folded) if "、" in folded or "．" in folded or "·" in folded else folded


def join_cell_lines(lines: list[str]) -> str:
    """The lines of one table cell as one text: joined without a space (Chinese wraps anywhere), with
    a space only between two Latin letters or digits (“ISO” + “9001” → “ISO 9001”)."""
    out = ""
    for line in (x for x in lines if x):
        latin = out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum()
        out += (" " if latin else "") + line
    return out
