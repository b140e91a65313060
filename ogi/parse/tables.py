"""Finding the rows of tables 二, 三 and 四 by their labels and reading their values.

Rows are looked up in table order by their printed label (or a variant, or a distinctive prefix
when a PDF wrapped the label around the numbers); a row's values are what follows its label up to
the next row's label. When the labels are shredded (PDF → markdown extractions) but the value rows
survive in table order, table 三 is read positionally instead (``positional_rows``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice, product

from ogi.spec import Block, Format, Row
from ogi.spec.common import G_DENY, G_NOPROC, G_OTHER, G_RESULTS, G_UNABLE
from ogi.text.normalise import fold
from ogi.values import MAX_DIGITS

from .flat import Flat, Fragment, Hit, label_pattern
from .rows import (
    RowRead,
    is_value_cell,
    merge_readings,
    read_row,
    read_text,
    read_value,
    tokens,
    trim,
    value_runs,
)

_NUMBERING = re.compile(r"^(\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+\.)")
S4_HEADER_WORDS = (
    "总计",
    "尚未审结",
    "其他结果",
    "结果纠正",
    "结果维持",
    "复议后起诉",
    "未经复议直接起诉",
)
MAX_COMBINATIONS = 5000


def prefix_of(label: str) -> str:
    """A distinctive prefix of a label: its numbering and four characters (“（二）部分公开”)."""
    folded = fold(label)
    m = _NUMBERING.match(folded)
    size = (len(m.group(1)) if m else 2) + 4
    return folded[:size]


def num(cell: str) -> int | None:
    if cell.isascii() and cell.isdigit() and len(cell) <= MAX_DIGITS:
        return int(cell)
    value = read_value(cell).value
    return value if isinstance(value, int) else None


def s3_fits(cells: Sequence[str]) -> bool:
    """R3-3 on one row: 总计 = the six applicant columns."""
    values = [int(c) if c.isdigit() and c.isascii() and len(c) <= MAX_DIGITS else num(c) for c in cells]
    return None not in values and sum(values[:-1]) == values[-1]  # type: ignore[arg-type]


def s4_fits(cells: Sequence[str]) -> bool:
    """R4-1 on each group of five: 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    values = [num(c) for c in cells]
    if None in values:
        return False
    return all(sum(values[i : i + 4]) == values[i + 4] for i in range(0, len(values), 5))  # type: ignore[arg-type]


# -- locating labels ---------------------------------------------------------------------------
def find_label(flat: Flat, labels: Sequence[str], start: int, end: int) -> Hit | None:
    """The earliest occurrence of any of the labels (longest first on a tie)."""
    best: Hit | None = None
    for label in labels:
        hit = flat.find(label, start, end)
        if hit and (best is None or (hit.start, -hit.end) < (best.start, -best.end)):
            best = hit
    return best


def row_labels(row: Row) -> tuple[str, ...]:
    return (row.label, *row.variants)


def locate_rows(flat: Flat, rows: Sequence[Row], start: int, end: int) -> dict[str, Hit]:
    """Each row's label, searched in table order after the previous one."""
    hits: dict[str, Hit] = {}
    cursor = start
    for row in rows:
        hit = find_label(flat, row_labels(row), cursor, end)
        by_prefix = False
        if hit is None and len(prefix_of(row.label)) < len(fold(row.label)):
            hit = find_label(flat, (prefix_of(row.label),), cursor, end)
            by_prefix = True
        if hit is not None:
            hits[row.key] = Hit(hit.start, hit.end, row.key, by_prefix)
            cursor = hit.end
    _unnumbered(flat, rows, hits, start, end)
    return hits


def _unnumbered(flat: Flat, rows: Sequence[Row], hits: dict[str, Hit], start: int, end: int) -> None:
    """A row not found whose label is printed without its number (“其他” for “3.其他”): its bare
    label, searched only between the rows found before and after it, where its values stand."""
    for i, row in enumerate(rows):
        if row.key in hits:
            continue
        bare = _NUMBERING.sub("", fold(row.label))
        if bare == fold(row.label) or len(bare) < 2:
            continue
        before = [hits[r.key].end for r in rows[:i] if r.key in hits]
        after = [hits[r.key].start for r in rows[i + 1 :] if r.key in hits]
        hit = flat.find(bare, max(before, default=start), min(after, default=end))
        if hit is not None:
            hits[row.key] = Hit(hit.start, hit.end, row.key, True)


_LABEL_END = re.compile(r"[\d０-９\n|]")


def printed_label(flat: Flat, row: Row, hit: Hit) -> str | None:
    """The row label as printed, when it is neither the official label, an accepted variant, nor
    the official label cut short by a line break (PDF wraps) — i.e. a misprint worth telling."""
    if not hit.by_prefix:
        return None
    official = fold(row.label)
    text = flat.text[hit.start : hit.start + len(row.label) + 8]
    lead = _NUMBERING.match(fold(text))
    skip = len(lead.group(1)) if lead else 0
    tail = _LABEL_END.search(text, max(skip, 1))
    printed = text[: tail.start() if tail else len(text)].strip()
    folded = fold(printed)
    accepted = {official, *(fold(v) for v in row.variants)}
    if not folded or folded in accepted or official.startswith(folded) or any(folded.startswith(a) for a in accepted):
        return None
    return printed


# -- section 三 --------------------------------------------------------------------------------
@dataclass
class TableRead:
    reads: dict[str, RowRead]
    hits: dict[str, Hit]
    positional: bool = False
    subtotals: list[tuple[str, str, int]] = field(
        default_factory=list
    )  # group label, values, offset


def group_labels(rows: Sequence[Row]) -> tuple[str, ...]:
    """The group cells of table 三 (no values of their own); （六）其他处理 only when it is not a row."""
    labels = (G_RESULTS, G_DENY, G_UNABLE, G_NOPROC)
    return labels if any(r.label == G_OTHER for r in rows) else (*labels, G_OTHER)


def read_s3(flat: Flat, rows: Sequence[Row], start: int, end: int, ncols: int) -> TableRead:
    hits = locate_rows(flat, rows, start, end)
    groups = [h for label in group_labels(rows) for h in flat.find_all(label, start, end)]
    stops = sorted({h.start for h in hits.values()} | {h.start for h in groups} | {end})
    reads: dict[str, RowRead] = {}
    empty: list[str] = []
    for hit in hits.values():
        frags = flat.fragments(hit.end, _next(stops, hit.end))
        reads[hit.key] = read_row(frags, ncols, s3_fits, ncols)
        if printed_nothing(frags):
            empty.append(hit.key)
    table = TableRead(reads, hits, subtotals=_subtotals(flat, groups, stops))
    if not _all_read(table, rows):
        table = _positional_instead(flat, rows, start, end, ncols) or table
    if not table.positional:
        blank_rows(table.reads, empty, ncols)
    resolve_jointly(table.reads, rows)
    return table


def _next(stops: list[int], pos: int) -> int:
    return stops[bisect_left(stops, pos)]


def _subtotals(flat: Flat, groups: list[Hit], stops: list[int]) -> list[tuple[str, str, int]]:
    """Numbers printed after a group cell (a subtotal row some reports add): kept out, reported."""
    out = []
    for hit in groups:
        frags = flat.fragments(hit.end, _next(stops, hit.end))
        values = [
            f.text for f in frags if f.cell and f.whole and f.text.strip() and is_value_cell(f.text)
        ]
        values += tokens(frags)
        if values:
            out.append((hit.key, "|".join(values), hit.start))
    return out


def printed_nothing(frags: Sequence[Fragment]) -> bool:
    """Running text with nothing between a row's label and the next label: a row printed empty."""
    return all(not f.cell and not f.text.strip() for f in frags)


def blank_rows(reads: dict[str, RowRead], empty: Sequence[str], n: int) -> None:
    """Rows whose label is followed directly by the next label are rows of blank cells — when the
    table's other rows are read from the text as rows (not all values bunched after one label)."""
    if not empty or any(r.problem in ("extra", "text") for r in reads.values()):
        return
    if 2 * sum(r.cells is not None for r in reads.values()) < len(reads):
        return
    for key in empty:
        if reads[key].problem == "none":
            reads[key] = RowRead(cells=("",) * n, found=n)


def _all_read(table: TableRead, rows: Sequence[Row]) -> bool:
    return all(
        r.key in table.reads and table.reads[r.key].problem in ("", "ambiguous") for r in rows
    )


def positional_rows(flat: Flat, start: int, end: int, n: int) -> list[tuple[str, ...]]:
    """Every run of exactly ``n`` value cells between two offsets, in order."""
    runs = (trim(r, n) for r in value_runs(flat.fragments(start, end)))
    return [tuple(r) for r in runs if len(r) == n]


def _positional_instead(
    flat: Flat, rows: Sequence[Row], start: int, end: int, n: int
) -> TableRead | None:
    found = positional_rows(flat, start, end, n)
    if len(found) != len(rows):
        return None
    reads = {row.key: RowRead(cells=cells, found=n) for row, cells in zip(rows, found, strict=True)}
    return TableRead(reads, {}, positional=True)


def _equations(rows: Sequence[Row]) -> list[tuple[str, tuple[str, ...]]]:
    """(total row, rows that add up to it) of R3-1 (rewritten) and R3-2, per column."""
    keys = [r.key for r in rows]
    results = tuple(k for k in keys if k.startswith("r_") and k != "r_total")
    return [
        ("r_total", results),
        ("__r31__", ("new_received", "carried_over", "r_total", "carry_forward")),
    ]


def _holds(total: str, parts: tuple[str, ...], values: dict[str, list[int]]) -> bool | None:
    if total == "__r31__":
        a, b, c, d = (values.get(k) for k in parts)
        if a is None or b is None or c is None or d is None:
            return None
        return all(a[i] + b[i] == c[i] + d[i] for i in range(len(a)))
    if total not in values or any(p not in values for p in parts):
        return None
    return all(
        values[total][i] == sum(values[p][i] for p in parts) for i in range(len(values[total]))
    )


def resolve_jointly(reads: dict[str, RowRead], rows: Sequence[Row]) -> None:
    """Rows with several splits: keep the one combination satisfying R3-1 and R3-2 (if unique)."""
    ambiguous = [k for k, r in reads.items() if r.problem == "ambiguous"]
    if not ambiguous:
        return
    fixed = {k: [num(c) or 0 for c in r.cells] for k, r in reads.items() if r.cells is not None}
    equations = [(t, p) for t, p in _equations(rows) if set(ambiguous) & ({t} | set(p))]
    good = []
    for combo in islice(product(*(reads[k].candidates for k in ambiguous)), MAX_COMBINATIONS):
        values = dict(fixed)
        values.update(
            {k: [num(c) or 0 for c in cells] for k, cells in zip(ambiguous, combo, strict=True)}
        )
        if all(_holds(t, p, values) for t, p in equations):
            good.append(combo)
    for key, cells in zip(ambiguous, _one_reading(good), strict=False):
        reads[key] = RowRead(cells=cells, found=len(cells), glued=True)


def _one_reading(good: list[tuple[tuple[str, ...], ...]]) -> tuple[tuple[str, ...], ...]:
    """The combination the sums leave, when they leave one (``merge_readings``: combinations that
    differ only in which zero was printed blank count as one)."""
    merged = [merge_readings(row) for row in zip(*good, strict=True)] if good else []
    if not merged or None in merged:
        return ()
    return tuple(merged)  # type: ignore[arg-type]


# -- section 四 --------------------------------------------------------------------------------
def read_s4(flat: Flat, start: int, end: int, n: int = 15) -> RowRead:
    """The 15 values of table 四: cell runs in order, or the numbers after the header words."""
    frags = flat.fragments(start, end)
    runs = [r for r in value_runs(frags) if "".join(r).strip()]
    cells = [x for r in runs for x in r]
    if len(cells) == n:
        return RowRead(cells=tuple(cells), found=n)
    whole = [r for r in runs if len(r) == n]
    if whole:
        return RowRead(cells=tuple(whole[0]), found=n)
    after = _after_header(flat, start, end)
    return read_text(tokens(flat.fragments(after, end)), n, s4_fits, 5)


def _after_header(flat: Flat, start: int, end: int) -> int:
    """Where the values of table 四 start: after its last header word, counting only the header
    words printed before the first number that follows the first one (the narrative after the
    table may use them too: “…总计5件”)."""
    hits = sorted(
        (h for word in S4_HEADER_WORDS if (h := flat.find(word, start, end))),
        key=lambda h: h.start,
    )
    if not hits:
        return start
    digit = _DIGIT.search(flat.text, hits[0].end, end)
    stop = digit.start() if digit else end
    last = hits[0].end
    for word in S4_HEADER_WORDS:
        for hit in flat.find_all(word, hits[0].start, stop):
            last = max(last, hit.end)
    return last


_DIGIT = re.compile(r"[0-9０-９]")


# -- section 二 --------------------------------------------------------------------------------
def _s2_stops(flat: Flat, formats: Sequence[Format], start: int, end: int) -> list[int]:
    text = flat.text
    return sorted({m.start() for p in _s2_stop_patterns(formats) for m in p.finditer(text, start, end)} | {end})


_STOP_PATTERNS: dict[tuple[int, ...], tuple[Sequence[Format], list[re.Pattern[str]]]] = {}


def _s2_stop_patterns(formats: Sequence[Format]) -> list[re.Pattern[str]]:
    """The patterns of every label that ends a row of table 二 in any of the formats, made once."""
    key = tuple(map(id, formats))
    known = _STOP_PATTERNS.get(key)
    if known is not None and all(a is b for a, b in zip(known[0], formats, strict=True)):
        return known[1]
    labels = {"信息内容"}
    for fmt in formats:
        for block in fmt.s2:
            labels.add(block.label)
            for row in block.rows:
                labels.update(row_labels(row))
    patterns = [label_pattern(label) for label in labels]
    _STOP_PATTERNS[key] = (tuple(formats), patterns)
    return patterns


def read_s2(
    flat: Flat, fmt: Format, formats: Sequence[Format], start: int, end: int
) -> dict[tuple[str, str], RowRead]:
    """Each row of each block of table 二, wherever it stands in the section (blocks get shuffled)."""
    anchor = flat.find("第二十条", start, end)
    begin = anchor.start if anchor else start
    stops = _s2_stops(flat, formats, begin, end)
    out: dict[tuple[str, str], RowRead] = {}
    for block in fmt.s2:
        empty: list[tuple[str, str]] = []
        reads: dict[tuple[str, str], RowRead] = {}
        for row in block.rows:
            reads[(block.key, row.key)], nothing = _read_s2_row(flat, block, row, begin, stops)
            if nothing:
                empty.append((block.key, row.key))
        blank_rows(reads, empty, len(block.columns))  # type: ignore[arg-type]
        out.update(reads)
    return out


def _read_s2_row(
    flat: Flat, block: Block, row: Row, begin: int, stops: list[int]
) -> tuple[RowRead, bool]:
    """The row's values, and whether nothing at all is printed after its label."""
    hit = find_label(flat, row_labels(row), begin, stops[-1])
    if hit is None:
        return RowRead(problem="missing"), False
    stop = next((s for s in stops if s >= hit.end), stops[-1])
    frags = flat.fragments(hit.end, stop)
    return read_row(frags, len(block.columns), s2_fits(block)), printed_nothing(frags)


def s2_fits(block: Block):  # type: ignore[no-untyped-def]
    """Table 二 has no sums: a split only has to put signs and decimals where the columns allow them."""
    kinds = [c.kind for c in block.columns]

    def fits(cells: Sequence[str]) -> bool:
        for kind, cell in zip(kinds, cells, strict=True):
            if cell.startswith("-") and kind != "signed":
                return False
            if not cell.lstrip("-").isdigit() and kind != "money":
                return False
        return True

    return fits
