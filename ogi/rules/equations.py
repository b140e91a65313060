"""The two shapes most rules take: “this total is the sum of those cells” and “every value is a whole
number ≥ 0”. Rules name their cells and message; the arithmetic is here once."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ogi.model import Report
from ogi.rules.labels import cell
from ogi.rules.registry import Finding, finding


def sum_rule(rid: str, report: Report, paths: list[str], message: Callable[[int, int], str]) -> Iterator[Finding]:
    """A finding when ``paths[0]`` (the printed total) differs from the sum of ``paths[1:]``;
    ``message(expected, printed)`` words it."""
    printed = int(report.value(paths[0]))
    expected = sum(int(report.value(p)) for p in paths[1:])
    if printed != expected:
        yield finding(rid, paths, expected, printed, message(expected, printed))


def non_negative(rid: str, report: Report, section: str) -> Iterator[Finding]:
    """A finding for every value of section ``s3``/``s4`` that is negative or was printed as text."""
    rows: dict[str, dict[str, int]] = getattr(report.sections, section)
    for r, cols in rows.items():
        for c, x in cols.items():
            path = f"{section}.{r}.{c}"
            if x < 0 or report.semantic(path) == "text":
                raw = report.cells_meta[path].raw if path in report.cells_meta else str(x)
                yield finding(rid, [path], "非负整数", raw, f"{cell(report.spec, path)} 应为非负整数，实为“{raw}”。")
