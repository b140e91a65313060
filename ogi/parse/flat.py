"""The pieces of a :class:`SourceDoc` as one searchable text, and labels as tolerant patterns.

Labels are searched in the raw text (not a folded copy) with patterns that allow whitespace,
quotes and line breaks between any two characters and accept the width variants of ``fold``
(（ or (, ：or :, 1. or 1、 or 1．). So a match gives raw offsets directly, the spaces that
separate glued digit runs stay visible, and nothing is folded character by character.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

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


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    key: str = ""
    by_prefix: bool = False  # found by a distinctive prefix, not by a whole label


@dataclass(frozen=True)
class Fragment:
    """The part of one piece that falls inside a searched span."""

    text: str
    cell: bool
    where: str
    whole: bool  # the piece lies entirely inside the span


class Flat:
    """The pieces joined by line breaks, with the offset where each piece starts."""

    def __init__(self, doc: SourceDoc) -> None:
        self.pieces = tuple(p for p in doc.pieces if not _is_footer(p))
        self.starts: list[int] = []
        pos = 0
        for p in self.pieces:
            self.starts.append(pos)
            pos += len(p.text) + 1
        self.text = "\n".join(p.text for p in self.pieces)

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
        out: list[Fragment] = []
        i = max(0, bisect_right(self.starts, start) - 1)
        while i < len(self.pieces) and self.starts[i] <= end:
            p, s = self.pieces[i], self.starts[i]
            e = s + len(p.text)
            if s >= start and e <= end and not (s == end and p.text):
                out.append(Fragment(p.text, p.cell, p.where, True))
            elif e > start and s < end:
                part = p.text[max(0, start - s) : end - s]
                if part.strip():
                    out.append(Fragment(part, False, p.where, False))
            i += 1
        return out

    def plain(self, start: int, end: int) -> str:
        """The running text between two offsets, footers removed, lines kept."""
        return self.text[start:end].strip()


def _is_footer(piece: Piece) -> bool:
    return bool(piece.text) and len(piece.text) < 16 and bool(_FOOTER.match(piece.text))
