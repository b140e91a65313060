"""Plain-text reader (UTF-8 or GB18030) → :class:`SourceDoc`.

Three layouts are met in real ``.txt`` reports and handled line by line:

* running text: one line piece per line (an empty line piece is a row break for the assembler);
* Word "save as text" tables: every cell on its own line starting with a tab (a line holding only a
  tab is a blank cell; a line without tab right after a cell line continues that cell, e.g.
  “本年新” / “制作数量”); rows are separated by empty lines;
* markdown pipe tables (OCR/LLM extractions saved as ``.txt``): ``| a | b |`` rows become cell
  pieces, the ``|---|`` rule lines are dropped, and each table row starts with a row break.
"""

from __future__ import annotations

import re

from ogi.errors import EmptyDocument, UnsupportedFormat

from .document import Piece, SourceDoc
from .safety import check_size, decode_text

_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))


def read_txt(data: bytes, where: str) -> SourceDoc:
    """A ``.txt`` file as pieces; raises EmptyDocument / UnsupportedFormat for empty or binary files."""
    text, encoding, notes = bytes_to_text(data, where)
    return SourceDoc("txt", tuple(text_to_pieces(text)), {"encoding": encoding}, notes)


def bytes_to_text(data: bytes, where: str) -> tuple[str, str, tuple[str, ...]]:
    check_size(data, where)
    if b"\x00" in data[:65536]:
        raise UnsupportedFormat("不是文本文件（含二进制内容）", where=where)
    text, encoding, notes = decode_text(data)
    if not text.strip():
        raise EmptyDocument("文件是空的，没有可读的文字", where=where)
    if _has_control(data, text) and len(_CONTROL.findall(text[:65536])) > max(8, len(text[:65536]) // 50):
        raise UnsupportedFormat("不是文本文件（含大量无法识别的字符）", where=where)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding, notes


def _has_control(data: bytes, text: str) -> bool:
    """Whether ``text`` (``data`` decoded as UTF-8, GB18030 or after a BOM) may hold a ``_CONTROL``
    character: a control character is read only from a control byte (in UTF-16, one of its two bytes),
    a replacement character shows itself. Both tests run in C, much faster than the pattern."""
    return len(data.translate(None, _CONTROL_BYTES)) < len(data) or "\ufffd" in text


def text_to_pieces(text: str) -> list[Piece]:
    """Lines → pieces (see the module docstring for the three layouts)."""
    out: list[list] = []  # [text, where, cell]
    after_cell = False
    for number, line in enumerate(text.split("\n"), start=1):
        head = line.lstrip()
        if head.startswith("|"):
            after_cell = False
            _table_row(line.strip(), f"第{number}行", out)
        elif line.startswith("\t"):
            where = f"第{number}行"
            out.extend([cell.strip(), where, True] for cell in line.split("\t")[1:])
            after_cell = True
        elif after_cell and head:
            out[-1][0] += line.strip()
        else:
            after_cell = False
            stripped = head.rstrip()
            if stripped or not out or out[-1][2] or out[-1][0]:  # one row break for several empty lines
                out.append([stripped, f"第{number}行", False])
    return [_piece(Piece, p) for p in out]  # Piece(*p) without the named tuple's Python-level __new__


_piece = tuple.__new__


def _table_row(line: str, where: str, out: list[list]) -> None:
    if _RULE.match(line):
        return
    out.append(["", where, False])
    body = line[1:-1] if line.endswith("|") and len(line) > 1 else line[1:]
    out.extend([cell.strip(), f"{where}第{col}列", True] for col, cell in enumerate(body.split("|"), start=1))
