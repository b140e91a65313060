"""Structure findings (S-…): what the reader noticed (missing rows, mixed formats, label variants,
splits it could not make) becomes a finding, so that ``ogi check`` shows it with the arithmetic."""

from __future__ import annotations

from collections.abc import Iterator

from ogi.model import Report

from .registry import Finding

_LEVEL = {"error": "error", "warning": "warning", "info": "info"}


def structure_findings(report: Report) -> Iterator[Finding]:
    for d in report.diagnostics:
        if d.code.startswith("S-"):
            cells = tuple(c for c in d.where.split(",") if c.startswith(("s2.", "s3.", "s4.")))
            yield Finding(d.code, _LEVEL[d.level], cells, None, None, d.message, "structure")  # type: ignore[arg-type]
    said = {d.code for d in report.diagnostics}
    if report.format == "pre2019" and "S-pre2019" not in said:
        yield Finding("S-pre2019", "info", (), None, None,
                      "2019年以前的年度报告（旧格式）：已识别，不适用现行格式的勾稽校验。", "structure")
    elif report.format == "unknown" and "S-unknown-format" not in said:
        yield Finding("S-unknown-format", "warning", (), None, None,
                      "未能识别年度报告格式（2019 或 2021 格式），未作勾稽校验。", "structure")
