"""The structure codes (S-…): what a reader noticed about a file, as data — code, level, meaning.

A diagnostic in a report document (``report-model.md`` §1) names one of these codes; ``ogi check``
turns each into a finding whose rule id is the code. They say what is true of the file and never claim an
arithmetic error. ``Report.diagnose`` takes its level from here and refuses a code that is not listed, and
``docs/structure.md`` is generated from this catalogue (``python -m ogi.diagnostics docs/structure.md``;
a test keeps it current); the hand-written part of that file below :data:`END` is kept as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["info", "warning", "error"]
LEVELS: tuple[Level, ...] = ("info", "warning", "error")


@dataclass(frozen=True)
class Code:
    code: str
    level: Level
    meaning: str


_CATALOGUE = (
    Code("S-pre2019", "warning", "a report of 2018 or before (old 条例, old statistics table): recognised, tables not read, not checked"),
    Code("S-unknown-format", "warning", "no national format could be determined (neither its signals nor the year); tables not read"),
    Code("S-no-title", "warning", "no title `<机关>YYYY年政府信息公开工作年度报告` found; organ unknown"),
    Code("S-year-mismatch", "warning", "the title's year differs from the statistics period's"),
    Code("S-format-year", "warning", "the format is not the one for the report's year (`ogi.spec.format_for_year`: 2019/2020 → 2019 format, later → 2021)"),
    Code("S-mixed-format", "warning", "signals of two formats (e.g. 洪泽区: 2021 section 二 with the 2019 single row （六）其他处理); the rows actually printed are kept"),
    Code("S-missing-section", "warning", "a heading 一 … 六 was not found"),
    Code("S-heading-numbering", "info", "a heading found under another numeral (“一、主动公开…”)"),
    Code("S-untitled-section", "info", "text after table 四 taken as section 五, which has no heading"),
    Code("S-missing-table", "warning", "no row of table 三 found"),
    Code("S-missing-row", "warning", "a row's label was not found; the row is absent (never set to 0)"),
    Code("S-row-values", "warning", "a row without exactly its number of values; the row is absent"),
    Code("S-ambiguous-split", "warning", "digits printed without separators split more than one way; the cells on which the splits differ are absent, the candidates are listed"),
    Code("S-glued-digits", "info", "digits printed without separators were split: as printed where the layout leaves one way (one digit per cell, spaces), the table's own sums choosing only among the ways it leaves open (a blank cell among the digits included)"),
    Code("S-positional-rows", "info", "table 三 read in row order because its labels were shredded by the extraction"),
    Code("S-subtotal-row", "info", "a group row (e.g. （三）不予公开) printed numbers the format does not have; not read"),
    Code("S-label-variant", "info", "a row label printed otherwise than the official one (洪泽区 “2.其他法律行政止公开”)"),
    Code("S-unreadable-cell", "warning", "a cell that is not a number; absent"),
    Code("S-money-unit", "info", "an amount printed in 元 or 亿元, converted to 万元 (the printed text is kept in `cells_meta`)"),
    Code("S-reader-note", "info", "a remark of the reader (encoding guessed, hidden sheet skipped, page without text …)"),
    Code("S-ocr-unsure", "warning", "a cell of a scanned page read by OCR with a confidence below 0.9 (or a blank where no text box was found) that no sum of its table confirms: to be checked against the scan"),
    Code("S-ocr-contradicted", "warning", "a cell of a scanned page read by OCR that a failing sum of its table points at (its unsure cells, or the crossing of a failing row and column): possibly misread, to be checked against the scan"),
    Code("S-blank-total", "info", "a 总计 of section 四 printed blank: that group is not checked (section 三: rule `R3-5`)"),
)  # fmt: skip

CODES: dict[str, Code] = {c.code: c for c in _CATALOGUE}


def code(name: str) -> Code:
    """The catalogue entry of a structure code; a code that is not listed is a programming error."""
    try:
        return CODES[name]
    except KeyError:
        raise ValueError(f"structure code {name} is not in ogi.diagnostics.CODES") from None


END = "<!-- generated from ogi/diagnostics.py above this line; written by hand below -->"


def structure_markdown() -> str:
    """The generated part of ``docs/structure.md``, up to and including :data:`END`."""
    lines = [
        "# Structure findings (S-…)",
        "",
        "Generated from `ogi/diagnostics.py` by `python -m ogi.diagnostics docs/structure.md`; do not",
        "edit this part by hand. What the reader noticed about a file becomes a diagnostic in the report document",
        "(`level`, `code`, `message`, `where`, and `cells`: the cell paths it concerns) and a finding of",
        "`ogi check` (rule id = the code, severity = the level). They say what is true of the file; they",
        "never claim an arithmetic error.",
        "",
        "| code | level | meaning |",
        "|---|---|---|",
    ]
    lines += [f"| `{c.code}` | {c.level} | {c.meaning} |" for c in _CATALOGUE]
    return "\n".join([*lines, "", END]) + "\n"


def rewrite(text: str) -> str:
    """A ``docs/structure.md`` with its generated part made current and its hand-written part kept."""
    _, marker, by_hand = text.partition(END + "\n")
    return structure_markdown() + (by_hand if marker else "")


if __name__ == "__main__":  # pragma: no cover
    import sys
    from pathlib import Path

    target = Path(sys.argv[1])
    target.write_text(rewrite(target.read_text(encoding="utf-8")), encoding="utf-8")
