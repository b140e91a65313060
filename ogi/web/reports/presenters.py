"""Findings as a clerk reads them: the rule's Chinese title and the cells' Chinese row/column labels;
the rule id and the cell paths stay for a tooltip. The report's tables as HTML rows."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ogi.diagnostics import CODES
from ogi.render.layout import Grid
from ogi.rules import RULES, Finding
from ogi.rules.labels import cell as cell_label
from ogi.spec import Format

from .finalise import finding_key

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def title(rule: str) -> str:
    if rule in RULES:
        return RULES[rule].title
    return "报告结构" if rule in CODES else rule


def present(findings: list[Finding], spec: Format | None, explained: dict[str, str]) -> list[dict[str, str]]:
    out = []
    for f in findings:
        key = finding_key(f)
        cells = [cell_label(spec, p.removeprefix("previous:")) + ("（上年）" if p.startswith("previous:") else "")
                 for p in f.cells if "." in p]
        out.append({
            "key": key, "severity": f.severity, "severity_label": SEVERITY[f.severity], "title": title(f.rule),
            "message": f.message, "cells": "、".join(cells), "detail": " ".join([f.rule, *f.cells]),
            "explanation": explained.get(key, ""),
        })
    return out


def grid_rows(grid: Grid, cell_prefix: str, query: str) -> SafeString:
    """A table of the official layout as HTML rows; each cell of sections 三 and 四 links to the cases it
    counts (``cell_prefix`` + path + ``/`` + ``query``). Written here rather than in the template: a page
    has some 400 cells, and Django's template engine takes longer over them than the rest of the page."""
    what = "案件" if grid.key == "s4" else "申请"
    out = []
    for row in grid.rows():
        out.append("<tr>")
        for cell in row:
            attrs = f' class="{escape(cell.role)}"'
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            text = escape(cell.text)
            if cell.path:
                path = escape(cell.path)
                attrs += f' data-path="{path}"'
                if grid.key != "s2":
                    text = f'<a href="{escape(cell_prefix)}{path}/{escape(query)}" title="查看该单元格对应的{what}">{text}</a>'
            out.append(f"<td{attrs}>{text}</td>")
        out.append("</tr>\n")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
