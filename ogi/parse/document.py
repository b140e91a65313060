"""What every reader produces and the assembler consumes: the published text as a stream of pieces.

A reader (txt, html, docx, pdf, xlsx, md) only turns its file into :class:`SourceDoc`: the pieces of
text in reading order. A piece is either a table cell (``cell=True``; an empty cell is a blank cell,
which matters) or a line/paragraph of running text (``cell=False``; numbers inside it are separated
by spaces, or not at all in some extractions). ``where`` says where the piece stands in the file, in
Chinese, for messages (“第3页第12行”, “表2第5行第3列”, “第40行”).

The assembler (``ogi.parse.assemble``) finds headings, labels and values in that stream; it is the
same for every kind of file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Piece(NamedTuple):
    """One cell or line of text (a named tuple: readers make thousands, and it is immutable)."""

    text: str
    where: str = ""
    cell: bool = False


@dataclass(frozen=True)
class SourceDoc:
    kind: str  # txt, html, docx, pdf, xlsx, md
    pieces: tuple[Piece, ...]
    meta: dict[str, str] = field(default_factory=dict)  # e.g. title, published (YYYY-MM-DD)
    notes: tuple[str, ...] = ()  # reader's own remarks, become diagnostics (info)
    ocr: dict[str, tuple[tuple[str, float], ...]] | None = None  # OCR'd lines: where → (value, confidence)
