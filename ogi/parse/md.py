"""Markdown reader (PDF → markdown extractions, OCR output) → :class:`SourceDoc`.

Pipe tables become cell pieces (one row break before each table row), everything else line pieces;
``#`` heading marks are left in the text (the assembler's label patterns skip them).
"""

from __future__ import annotations

from .document import SourceDoc
from .txt import bytes_to_text, text_to_pieces


def read_md(data: bytes, where: str) -> SourceDoc:
    text, encoding, notes = bytes_to_text(data, where)
    return SourceDoc("md", tuple(text_to_pieces(text)), {"encoding": encoding}, notes)
