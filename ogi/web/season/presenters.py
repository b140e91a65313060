"""What the season's screens show, computed here so templates only print: the official layout with each
cell's errors, comments and corrections beside it; findings in Chinese; dates as people read them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ogi.model import Report
from ogi.render.layout import report_layout
from ogi.rules import Finding
from ogi.rules.labels import cell as cell_label
from ogi.web.reports.presenters import present as present_findings

from . import gate


def day_text(value: date | datetime | None) -> str:
    """``YYYY年M月D日`` (the local date of a moment)."""
    day = _local_date(value)
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def short_day(value: date | datetime | None) -> str:
    """``YYYY-MM-DD`` (the local date of a moment): the board's columns, as the registers print dates."""
    day = _local_date(value)
    return day.isoformat() if day else ""


def _local_date(value: date | datetime | None) -> date | None:
    return timezone.localtime(value).date() if isinstance(value, datetime) else value


def annotated_layout(
    report: Report, *, errors: dict[str, list[str]] | None = None, comments: dict[str, list[Any]] | None = None,
    corrections: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The report's official layout as rows of cell dicts: text, spans, role, path and what is said about
    the cell (errors of the gate, review comments, the correction made to an upload)."""
    layout = report_layout(report)
    errors, comments, corrections = errors or {}, comments or {}, corrections or {}
    parts = []
    for part in layout.parts:
        grid = None
        if part.grid is not None:
            grid = {"key": part.grid.key, "rows": [[{
                "text": c.text, "role": c.role, "rowspan": c.rowspan, "colspan": c.colspan, "path": c.path,
                "label": cell_label(report.spec, c.path) if c.path else "",
                "errors": errors.get(c.path, []) if c.path else [], "comments": comments.get(c.path, []) if c.path else [],
                "correction": corrections.get(c.path) if c.path else None,
            } for c in row] for row in part.grid.rows()]}
        parts.append({"key": part.key, "heading": part.heading, "paragraphs": part.paragraphs, "grid": grid,
                      "comments": comments.get(f"{part.key}_text", [])})
    return {"title": layout.title, "parts": parts}


def errors_by_cell(findings: list[Finding]) -> dict[str, list[str]]:
    """Each error's message at its first cell (the total: ``report-model.md`` §3); the equation's other
    cells are marked (an empty message)."""
    out: dict[str, list[str]] = {}
    for f in findings:
        if f.severity == "error":
            cells = [p for p in f.cells if "." in p and not p.startswith("previous:")]
            for i, p in enumerate(cells):
                out.setdefault(p, []).append(f.message if i == 0 else "")
    return out


def findings_of(verdict: gate.Verdict, explained: dict[str, str] | None = None) -> list[dict[str, str]]:
    shown = [f for f in verdict.findings if f.severity in ("error", "warning")]
    return present_findings(shown, verdict.report.spec, explained or {})


def rollup_layout(roll) -> dict[str, Any]:  # noqa: ANN001
    """The roll-up in the official tables: each value cell holds the sum (``sum``), how many organs it
    covers (``n``) and the government's own figure (``own``); a cell no organ reported stays empty."""
    from ogi.model import blank_report

    layout = report_layout(blank_report(roll.spec.name, year=roll.season.year, organ=roll.season.supervisor.name))
    lines = {ln["path"]: ln for ln in roll.lines()}
    parts = []
    for part in layout.parts:
        if part.grid is None:
            continue
        rows = []
        for row in part.grid.rows():
            cells = []
            for c in row:
                cell = {"text": c.text, "role": c.role, "rowspan": c.rowspan, "colspan": c.colspan, "path": c.path}
                if c.path:
                    ln = lines.get(c.path, {})
                    cell.update(text=ln.get("sum", ""), n=ln.get("n", 0), own=ln.get("own", ""), diff=ln.get("diff", ""))
                cells.append(cell)
            rows.append(cells)
        parts.append({"key": part.key, "heading": part.heading, "grid": {"key": part.grid.key, "rows": rows}})
    return {"parts": parts}


def rollup_tables(roll, cell_prefix: str, query: str) -> list[dict[str, Any]]:  # noqa: ANN001
    """The roll-up's three tables, each with its rows as HTML (``rollup_rows``)."""
    return [{"key": p["key"], "heading": p["heading"], "html": rollup_rows(p["grid"], cell_prefix, query)}
            for p in rollup_layout(roll)["parts"]]


def _td(cell: dict[str, Any], classes: str, inner: str) -> str:
    attrs = f' class="{escape(classes)}"'
    if cell["rowspan"] > 1:
        attrs += f' rowspan="{cell["rowspan"]}"'
    if cell["colspan"] > 1:
        attrs += f' colspan="{cell["colspan"]}"'
    if cell["path"]:
        attrs += f' data-path="{escape(cell["path"])}"'
    return f"<td{attrs}>{inner}</td>"


def rollup_rows(grid: dict[str, Any], cell_prefix: str, query: str) -> SafeString:
    """A roll-up table's rows as HTML: each summed cell links to the organs behind it (``cell_prefix`` +
    path + ``/`` + ``query``), with the count of organs and the government's own figure. Written here, not
    in the template: some 300 cells, which Django's template engine takes longer over than the queries."""
    out = []
    for row in grid["rows"]:
        out.append("<tr>")
        for c in row:
            if not c["path"]:
                out.append(_td(c, c["role"], escape(c["text"])))
                continue
            inner = ""
            if c["n"]:
                inner = (f'<a class="sum" href="{escape(cell_prefix)}{escape(c["path"])}/{escape(query)}" '
                         f'title="{c["n"]} 个机关">{escape(c["text"])}</a><span class="cell-note count">{c["n"]}个</span>')
            if c["own"]:
                inner += f'<span class="cell-note own{" differs" if c["diff"] else ""}">本级 {escape(c["own"])}</span>'
            out.append(_td(c, c["role"], inner))
        out.append("</tr>\n")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
