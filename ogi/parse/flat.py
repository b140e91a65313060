"""The pieces of a :class:`SourceDoc` as one searchable text, and labels as tolerant patterns.

Labels are searched in the raw text (not a folded copy) with patterns that allow whitespace,
quotes and line breaks between any two characters and accept the width variants of ``fold``
(（ or (, ：or :, 1. or 1、 or 1．). So a match gives raw offsets directly, the spaces that
separate glued digit runs stay visible, and nothing is folded character by character.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple

from ogi.text.normalise import fold

from .document import Piece, SourceDoc

GAP = r"[\s\u3000\u00a0\u200b\ufeff“”\"「」『』‘’'#*|]*"
_CLASSES = {
    "(": "[(（]",
    ")": "[)）]",
    ":": "[:：]",
    ",": "[,，、]",
    "、": "[、,，.．]",
    ".": "[.．、·]",
    "/": "[/／]",
    ";": "[;；]",
    "-": "[-－—–﹣]",
}
_FOOTER = re.compile(r"^\s*[—–\-－]+\s*\d{1,3}\s*[—–\-－]+\s*$")
_FOOTER_START = frozenset("—–-－ \t\u3000\xa0")
# every piece _FOOTER matches, found in the joined text: the first piece, or one after a line break
_FOOTER_LINE = re.compile(_FOOTER.pattern, re.M)
_FOOTER_AFTER = re.compile(r"\n\s*[—–\-－]+\s*\d{1,3}\s*[—–\-－]+\s*(?:\n|\Z)")


def _char_class(ch: str) -> str:
    if ch in _CLASSES:
        return _CLASSES[ch]
    if ch.isdigit():
        return f"[{ch}{chr(ord(ch) - ord('0') + ord('０'))}]"
    return re.escape(ch)


@lru_cache(maxsize=1024)
def label_pattern(label: str) -> re.Pattern[str]:
    """A pattern finding ``label`` in raw text whatever its widths, spaces, quotes and line breaks."""
    folded = fold(label)
    return re.compile(GAP.join(_char_class(ch) for ch in folded))


class Hit(NamedTuple):
    start: int
    end: int
    key: str = ""
    by_prefix: bool = False  # found by a distinctive prefix, not by a whole label


class Fragment(NamedTuple):
    """The part of one piece that falls inside a searched span."""

    text: str
    cell: bool
    where: str
    whole: bool  # the piece lies entirely inside the span


class Flat:
    """The pieces joined by line breaks, with the offset where each piece starts."""

    def __init__(self, doc: SourceDoc) -> None:
        pieces = doc.pieces
        text = "\n".join([p.text for p in pieces])
        if _FOOTER_AFTER.search(text) or _FOOTER_LINE.match(text):  # a footer among the pieces?
            pieces = tuple([p for p in pieces if not _is_footer(p)])
            text = "\n".join([p.text for p in pieces])
        self.pieces = tuple(pieces)
        self.text = text
        self.starts = list(accumulate(map(add, map(len, [p.text for p in self.pieces]), repeat(1)), initial=0))[:-1]
        self._whole: list[Fragment | None] = [None] * len(self.pieces)  # see _wholes

    def find(self, label: str, start: int = 0, end: int | None = None) -> Hit | None:
        m = label_pattern(label).search(self.text, start, len(self.text) if end is None else end)
        return Hit(m.start(), m.end(), label) if m else None

    def find_all(self, label: str, start: int = 0, end: int | None = None) -> list[Hit]:
        stop = len(self.text) if end is None else end
        return [
            Hit(m.start(), m.end(), label)
            for m in label_pattern(label).finditer(self.text, start, stop)
        ]

    def where(self, pos: int) -> str:
        i = max(0, bisect_right(self.starts, pos) - 1)
        return self.pieces[i].where if self.pieces else ""

    def fragments(self, start: int, end: int) -> list[Fragment]:
        """Every piece (or part of one) between two offsets, in order; blank cells included."""
        starts = self.starts
        first = max(0, bisect_right(starts, start) - 1)
        stop = bisect_right(starts, end)
        if first >= stop:
            return []
        # the pieces strictly between the first and the last lie whole inside the span
        head = self._part(first, start, end)
        if stop - first == 1:
            return head
        out = head + self._wholes(first + 1, stop - 1)
        out += self._part(stop - 1, start, end)
        return out

    def _wholes(self, a: int, b: int) -> list[Fragment]:
        """Pieces ``a`` … ``b - 1`` as the fragments of a span holding them whole, each made once."""
        got = self._whole[a:b]
        if None in got:
            pieces, made = self.pieces, self._whole
            for j, known in enumerate(got):
                if known is None:
                    text, where, cell = pieces[a + j]
                    got[j] = made[a + j] = _new(Fragment, (text, cell, where, True))
        return got  # type: ignore[return-value]

    def _part(self, i: int, start: int, end: int) -> list[Fragment]:
        """Piece ``i`` as a fragment of the span: whole, cut, or nothing."""
        text, where, cell = self.pieces[i]
        s = self.starts[i]
        e = s + len(text)
        if s >= start and e <= end and not (s == end and text):
            return self._wholes(i, i + 1)
        if e > start and s < end:
            part = text[max(0, start - s) : end - s]
            if part.strip():
                return [Fragment(part, False, where, False)]
        return []

    def plain(self, start: int, end: int) -> str:
        """The running text between two offsets, footers removed, lines kept."""
        return self.text[start:end].strip()


_new = tuple.__new__  # _new(Fragment, values): Fragment(*values) without the named tuple's Python-level __new__


def _is_footer(piece: Piece) -> bool:
    text = piece.text
    if not text or len(text) >= 16 or not (text[0] in "—–-－" or text[0].isspace()):
        return False
    return bool(_FOOTER.match(text))
