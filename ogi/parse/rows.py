"""Reading the values of one table row from the fragments that follow its label.

Two kinds of source:

* cells (``Fragment.cell``): values are positional; an empty cell is a blank cell. The values of a
  row are the first *run* of value-like cells (numbers, marks, blanks) long enough for the row;
  text cells (labels, shredded headers) and row breaks (empty line pieces) end a run.
* running text: the numbers are separated by spaces, or not at all (平潭). A row's values are the
  first run of numbers after its label: text after them (the narrative glued to a table's last row,
  “…2000002” + “2025年…”) ends the row, and a year glued in front of “年” is the narrative's.
  Space-separated chunks that are too few for the row are split with :mod:`ogi.parse.digits`.

How a run of digits is split (``read_text``): what the page prints decides first, the arithmetic
only chooses among what the printing leaves open. The splits satisfying the row's own sum are taken;
when none does, a split the layout fixes (one digit per cell, or the spaces leave one way) is read
as printed — the table does not add up, and the rules say so afterwards; else a blank cell among the
digits is looked for (one cell printed empty, the sum deciding where); else every split the layout
allows is kept as a candidate (the column sums may still choose, ``tables.resolve_jointly``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ogi.values import MAX_DIGITS, CellValue, read_cell

from .digits import MAX_CANDIDATES, fitting_splits, row_splits, sum_splits
from .flat import Fragment

TOKEN = re.compile(
    r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元|亿元)?"
    r"|(?<!\S)(?:—+|-+|－+|/|／|无)(?!\S)"
)
Fits = Callable[[Sequence[str]], bool]


def any_fits(cells: Sequence[str]) -> bool:
    return True


@dataclass
class RowRead:
    """What was read for one row: its cells, or the candidate splits, or a problem."""

    cells: tuple[str, ...] | None = None
    candidates: list[tuple[str, ...]] = field(default_factory=list)
    problem: str = ""  # "", "short", "extra", "ambiguous", "none"
    found: int = 0
    glued: bool = False


_MAYBE_VALUE = re.compile(r"^[\s\d.,，．\-—–－﹣+/／无万元亿０-９]*$")


@lru_cache(maxsize=8192)
def read_value(raw: str, money: bool = False) -> CellValue:
    """``read_cell`` with fast paths for a plain ASCII number and for obvious text (labels, headers)."""
    if raw.isascii() and raw.isdigit() and len(raw) <= MAX_DIGITS:
        return CellValue(int(raw), raw, "value")
    if not _MAYBE_VALUE.match(raw):
        return CellValue(None, raw, "text")
    return read_cell(raw, money=money)


@lru_cache(maxsize=8192)
def is_value_cell(text: str) -> bool:
    return read_value(text, money=True).value is not None


def value_runs(frags: Sequence[Fragment]) -> list[list[str]]:
    """Runs of consecutive value-like cells; a text cell, a text line or a row break ends a run."""
    runs: list[list[str]] = []
    current: list[str] = []
    for text, cell, _, whole in frags:
        if cell and whole and is_value_cell(text):
            current.append(text)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def trim(run: list[str], n: int) -> list[str]:
    """Drop blank cells at the ends of a run that is longer than the row (placeholders of group cells)."""
    run = list(run)
    while len(run) > n and not run[-1].strip():
        run.pop()
    while len(run) > n and not run[0].strip():
        run.pop(0)
    return run


def read_cells(frags: Sequence[Fragment], n: int) -> RowRead | None:
    """Positional reading from cells; None when the fragments hold no value cells."""
    runs = [trim(r, n) for r in value_runs(frags)]
    runs = [r for r in runs if "".join(r).strip() or len(r) == n]  # a value printed, or blanks enough
    if not runs:
        return None
    for run in runs:
        if len(run) == n:
            return RowRead(cells=tuple(run), found=n)
        if len(run) > n:
            return RowRead(problem="extra", found=len(run))
    return RowRead(problem="short", found=max(len(r) for r in runs))


_YEAR_END = re.compile(r"(?:19|20)\d\d$")
_RUN_GAP = re.compile(r"^[\s|]*$")


def tokens(frags: Sequence[Fragment]) -> list[str]:
    """The first run of numbers (and marks) in the running text of the fragments: text before it is
    skipped (a label wrapped around its numbers), text after it ends the run (narrative)."""
    text = " ".join([f.text for f in frags if not f.cell or not f.whole])
    parts = text.split()
    if all(p.isascii() and p.isdigit() for p in parts):  # the common case: digit runs only
        return parts
    out: list[str] = []
    end = 0
    for m in TOKEN.finditer(text):
        if out and not _RUN_GAP.match(text[end : m.start()]):
            break
        chunk = m.group()
        if text.startswith("年", m.end()) and _YEAR_END.search(chunk):  # “…2000002” + “2025年”
            if len(chunk) > 4 and chunk[:-4].isdigit():
                out.append(chunk[:-4])
            break
        out.append(chunk)
        end = m.end()
    return out


def read_text(chunks: list[str], n: int, fits: Fits, group: int | None = None) -> RowRead:
    """Reading from running text: space-separated chunks, split further when they are too few."""
    if not chunks:
        return RowRead(problem="none")
    if len(chunks) == n:
        return RowRead(cells=tuple(chunks), found=n)
    if len(chunks) > n:
        return RowRead(problem="extra", found=len(chunks))
    found = sum_splits(chunks, n, group) if group else fitting_splits(chunks, n, fits)
    if found is None:  # not digit runs, or too many ways to cut them to try
        return RowRead(problem="text", found=len(chunks))
    if not found and group:  # nothing adds up: what does the printing itself allow?
        found = unbalanced_splits(chunks, n, fits)
    if found is None:
        return RowRead(problem="text", found=len(chunks))
    if len(found) == 1:
        return RowRead(cells=found[0], found=n, glued=True)
    if found:
        return RowRead(candidates=found, problem="ambiguous", found=n, glued=True)
    return RowRead(problem="short", found=len(chunks))


def unbalanced_splits(chunks: list[str], n: int, fits: Fits) -> list[tuple[str, ...]] | None:
    """Readings of a row no split of which satisfies its sum: the one split the layout fixes, else
    the splits with one blank cell that satisfy the sum, else every split the layout allows."""
    printed = _splits(chunks, n)
    if printed is not None and len(printed) == 1:
        return printed
    with_blank = blank_splits(chunks, n, fits)
    if with_blank:
        return with_blank
    return printed


def _splits(chunks: list[str], n: int) -> list[tuple[str, ...]] | None:
    out: list[tuple[str, ...]] = []
    for cells in row_splits(chunks, n):
        if len(out) >= MAX_CANDIDATES:
            return None
        out.append(cells)
    return out


def blank_splits(chunks: list[str], n: int, fits: Fits) -> list[tuple[str, ...]]:
    """The readings with one cell printed empty (a blank among glued digits) that satisfy ``fits``."""
    shorter = _splits(chunks, n - 1) or []
    found = {cells[:i] + ("",) + cells[i:] for cells in shorter for i in range(n)}
    fitting = sorted(c for c in found if fits(c))
    merged = merge_readings(fitting)
    return [merged] if merged else fitting


def cell_number(cell: str) -> object:
    """The number a cell counts as (a money cell its amount); an unreadable cell — also a digit run
    longer than any number (``MAX_DIGITS``) — stands for itself."""
    if cell.isascii() and cell.isdigit() and len(cell) <= MAX_DIGITS:
        return int(cell)
    value = read_value(cell, money=True).value
    return cell if value is None else value


def merge_readings(readings: Sequence[tuple[str, ...]]) -> tuple[str, ...] | None:
    """Readings that give every cell the same number (they differ only in which zero was printed
    blank) as one: such a cell is read as the zero it is, without the blank. None when they differ."""
    if not readings:
        return None
    if len({tuple(cell_number(c) for c in r) for r in readings}) != 1:
        return None
    return tuple(raws[0] if len(set(raws)) == 1 else "0" for raws in zip(*readings, strict=True))


def read_row(
    frags: Sequence[Fragment], n: int, fits: Fits = any_fits, group: int | None = None
) -> RowRead:
    """The values of one row: from cells when there are value cells, else from the running text."""
    from_cells = read_cells(frags, n)
    if from_cells is not None and from_cells.cells is not None:
        return from_cells
    from_text = read_text(tokens(frags), n, fits, group)
    if from_text.cells is not None or from_cells is None:
        return from_text
    return from_cells
