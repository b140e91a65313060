"""Structure findings (S-…): what the reader noticed (missing rows, mixed formats, label variants,
splits it could not make) becomes a finding, so that ``ogi check`` shows it with the arithmetic.
Codes and levels are those of the catalogue :mod:`ogi.diagnostics`."""

from __future__ import annotations

from collections.abc import Iterator

from ogi.diagnostics import code
from ogi.model import Report

from .registry import Finding

_UNCHECKED = {
    "pre2019": ("S-pre2019", "2019年以前的年度报告（旧格式）：已识别，不适用现行格式的勾稽校验。"),
    "unknown": ("S-unknown-format", "未能识别年度报告的格式，未作勾稽校验。"),
}


def structure_findings(report: Report) -> Iterator[Finding]:
    for d in report.diagnostics:
        if d.code.startswith("S-"):
            yield Finding(d.code, d.level, tuple(d.cells), None, None, d.message, "structure")
    said = {d.code for d in report.diagnostics}
    unchecked = _UNCHECKED.get(report.format)
    if unchecked and unchecked[0] not in said:  # a document that came without its diagnostic
        yield Finding(unchecked[0], code(unchecked[0]).level, (), None, None, unchecked[1], "structure")
