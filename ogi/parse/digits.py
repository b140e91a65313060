"""Splitting digit runs into table cells (the 平潭 crawler glued the cells of a row together).

A row's printed values arrive as *chunks*: the numbers between spaces (``"20 0 00 0 121"`` → five
chunks for seven cells). Every space is a cell boundary, but not every boundary is a space, so each
chunk is cut into one or more cells. A cell never has a leading zero (except a lone ``0``); a minus sign
can only open a cell (``"2648-18538"``: the ``-`` opens 本年增/减). A money chunk keeps its decimal
part and unit on its last cell (``"13575394432.52元"``).

This module only enumerates the possible splits; which of them fits is decided by the caller with the
table's own sums (R3-3, R4-1, then R3-1/R3-2 jointly), never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate, islice

MARK = re.compile(r"^(?:—+|-+|－+|/|／|无)$")
_CHUNK = re.compile(r"^(-?)(\d+)(\.\d+)?(万元|元|亿元)?$")
MAX_CANDIDATES = 5000


def chunk_parts(chunk: str) -> tuple[str, str, str] | None:
    """(sign, digits, suffix) of a chunk, or None when it is not a digit run."""
    m = _CHUNK.match(chunk)
    if not m:
        return None
    return m.group(1), m.group(2), (m.group(3) or "") + (m.group(4) or "")


def _cuts(digits: str, k: int) -> Iterator[tuple[str, ...]]:
    """Every way to cut ``digits`` into ``k`` numbers without leading zeros."""
    if k == 1:
        if len(digits) == 1 or digits[0] != "0":
            yield (digits,)
        return
    if len(digits) < k:
        return
    if digits[0] == "0":  # a zero is always a cell of its own
        for rest in _cuts(digits[1:], k - 1):
            yield ("0",) + rest
        return
    for size in range(1, len(digits) - k + 2):
        for rest in _cuts(digits[size:], k - 1):
            yield (digits[:size],) + rest


def chunk_splits(chunk: str, k: int) -> Iterator[tuple[str, ...]]:
    """Every way to read one chunk as ``k`` cells (sign on the first, suffix on the last)."""
    parts = chunk_parts(chunk)
    if parts is None:
        if k == 1:
            yield (chunk,)
        return
    sign, digits, suffix = parts
    if k > len(digits):
        return
    for cut in _cuts(digits, k):
        cells = list(cut)
        cells[0] = sign + cells[0]
        cells[-1] = cells[-1] + suffix
        yield tuple(cells)


def capacity(chunk: str) -> int:
    """The most cells a chunk can hold."""
    parts = chunk_parts(chunk)
    return len(parts[1]) if parts else 1


def row_splits(chunks: list[str], n: int) -> Iterator[tuple[str, ...]]:
    """Every way to read the chunks of one row as exactly ``n`` cells, in order."""
    caps = [capacity(c) for c in chunks]
    if not chunks or len(chunks) > n or sum(caps) < n:
        return
    yield from _distribute(chunks, caps, n)


def _distribute(chunks: list[str], caps: list[int], n: int) -> Iterator[tuple[str, ...]]:
    if len(chunks) == 1:
        yield from chunk_splits(chunks[0], n)
        return
    rest_min, rest_cap = len(chunks) - 1, sum(caps[1:])
    for k in range(max(1, n - rest_cap), min(caps[0], n - rest_min) + 1):
        # every caller gives up past MAX_CANDIDATES splits: never gather more cuts of one chunk than
        # that (a 100-digit chunk has C(99, 6) ≈ 10⁹ cuts into 7 cells)
        heads = list(islice(chunk_splits(chunks[0], k), MAX_CANDIDATES + 1))
        if not heads:
            continue
        for tail in _distribute(chunks[1:], caps[1:], n - k):
            for head in heads:
                yield head + tail


def fitting_splits(chunks: list[str], n: int, fits) -> list[tuple[str, ...]] | None:  # type: ignore[no-untyped-def]
    """The splits of a row that satisfy ``fits(cells)``; None when there are too many to try them all."""
    out: list[tuple[str, ...]] = []
    for i, cells in enumerate(row_splits(chunks, n)):
        if i >= MAX_CANDIDATES:
            return None
        if fits(cells):
            out.append(cells)
    return out


MAX_CELL_DIGITS = 7  # no count in these tables reaches ten million


def sum_splits(chunks: list[str], n: int, group: int) -> list[tuple[str, ...]] | None:
    """The splits in which every ``group`` cells end with their total (R3-3: 7, R4-1: 5).

    Walks the digits once, cutting only where the chunks allow and pruning as soon as a running sum
    cannot be met. A mark chunk (—, /, 无) is one cell counting 0. None when a chunk is neither.
    """
    if not chunks or n % group:
        return None
    marks: dict[int, str] = {}
    parts: list[str] = []
    for chunk in chunks:
        if not (chunk.isascii() and chunk.isdigit()):
            if not MARK.match(chunk):
                return None
            marks[sum(map(len, parts))] = chunk
            chunk = "0"
        parts.append(chunk)
    digits = "".join(parts)
    if len(digits) > n * MAX_CELL_DIGITS:
        return []
    if len(digits) == n:  # one digit per cell: the only split
        cells = tuple(digits)
        ok = all(
            sum(map(int, cells[i : i + group - 1])) == int(cells[i + group - 1])
            for i in range(0, n, group)
        )
        return ([_restore(cells, marks)] if marks else [cells]) if ok else []
    forced = set(accumulate(map(len, parts[:-1])))
    out: list[tuple[str, ...]] = []
    if group == n:
        _one_group(digits, forced, n, out)
    else:
        _walk(digits, forced, n, group, 0, [], 0, out)
    if len(out) >= MAX_CANDIDATES:
        return None
    return [_restore(cells, marks) for cells in out] if marks else out


def _restore(cells: tuple[str, ...], marks: dict[int, str]) -> tuple[str, ...]:
    """Put the printed marks back in place of the zeros that stood for them."""
    out, pos = [], 0
    for cell in cells:
        out.append(marks.get(pos, cell) if cell == "0" else cell)
        pos += len(cell)
    return tuple(out)


def _walk(
    digits: str,
    forced: set[int],
    n: int,
    group: int,
    pos: int,
    cells: list[str],
    partial: int,
    out: list,
) -> None:  # type: ignore[type-arg]
    i = len(cells)
    if i == n:
        if pos == len(digits):
            out.append(tuple(cells))
        return
    left = len(digits) - pos
    if left < n - i or left > (n - i) * MAX_CELL_DIGITS or len(out) >= MAX_CANDIDATES:
        return
    if i % group == group - 1:
        total = str(partial)
        end = pos + len(total)
        if digits.startswith(total, pos) and not _crosses(forced, pos, end):
            _walk(digits, forced, n, group, end, [*cells, total], 0, out)
        return
    longest = 1 if digits[pos] == "0" else min(MAX_CELL_DIGITS, left - (n - i - 1))
    for size in range(1, longest + 1):
        end = pos + size
        if size > 1 and end - 1 in forced:  # the cell would swallow a space (``_crosses``)
            break
        _walk(
            digits,
            forced,
            n,
            group,
            end,
            [*cells, digits[pos:end]],
            partial + int(digits[pos:end]),
            out,
        )


def _one_group(digits: str, forced: set[int], n: int, out: list) -> None:  # type: ignore[type-arg]
    """One row with its total last: try each possible total, then split the rest to add up to it."""
    for size in range(1, min(MAX_CELL_DIGITS, len(digits) - (n - 1)) + 1):
        start = len(digits) - size
        total = digits[start:]
        if (size > 1 and total[0] == "0") or _crosses(forced, start, len(digits)):
            continue
        _adding_up(digits, forced, n - 1, 0, start, int(total), [], out)


def _adding_up(
    digits: str,
    forced: set[int],
    k: int,
    pos: int,
    end: int,
    target: int,
    cells: list[str],
    out: list,
) -> None:  # type: ignore[type-arg]
    """Cut digits[pos:end] into k numbers adding up to target (appends the cells plus the total)."""
    left = end - pos
    if k == 0:
        if left == 0 and target == 0:
            out.append((*cells, digits[end:]))
        return
    if left < k or left > k * MAX_CELL_DIGITS or target < 0 or len(out) >= MAX_CANDIDATES:
        return
    longest = 1 if digits[pos] == "0" else min(MAX_CELL_DIGITS, left - k + 1)
    for size in range(1, longest + 1):
        if size > 1 and pos + size - 1 in forced:  # the cell would swallow a space (``_crosses``)
            break
        value = int(digits[pos : pos + size])
        if value > target:
            break
        _adding_up(
            digits,
            forced,
            k - 1,
            pos + size,
            end,
            target - value,
            [*cells, digits[pos : pos + size]],
            out,
        )


def _crosses(forced: set[int], start: int, end: int) -> bool:
    """Whether a cell from start to end would swallow a space between chunks."""
    return bool(forced) and any(p in forced for p in range(start + 1, end))
