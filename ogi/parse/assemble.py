"""The assembler: a :class:`SourceDoc` (pieces of text in reading order) → :class:`Report`.

Stages: ``identity_to_report`` (title, year, organ), format detection → ``find_headings`` (sections 一…六) →
``read_s2`` / ``read_s3`` / ``read_s4`` (rows found by label, values read) → ``*_to_report``
(values into the report, everything unreadable into diagnostics). The same for every kind of file.

Diagnostic codes (``report.diagnostics``): the catalogue :mod:`ogi.diagnostics` (``docs/structure.md``).
"""

from __future__ import annotations

from functools import lru_cache

from ogi.errors import SectionNotFound
from ogi.model import Report, Sections, Source, cell_meta, set_value
from ogi.spec import FORMATS, Format, Row, current, format_for_year
from ogi.values import MAX_DIGITS

from . import detect
from .document import SourceDoc
from .flat import Flat
from .rows import RowRead, merge_readings, read_value
from .sections import EXPECTED, Found, find_headings, first_hit, spans
from .tables import printed_label, read_s2, read_s3, read_s4

Col = tuple[str, bool]  # column key, money
S2_ANCHORS = ("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项")
TABLE_ANCHORS = S2_ANCHORS + (
    "一、本年新收政府信息公开申请数量",
    "本列数据的勾稽关系",
    "未经复议直接起诉",
)
NOT_A_REPORT = "不是政府信息公开工作年度报告：未找到年度报告的章节标题（一、总体情况 … 六、其他需要报告的事项）和统计表格"


def assemble(doc: SourceDoc, source: Source | None = None) -> Report:
    """Read one report out of the pieces of a document."""
    flat = Flat(doc)
    report = Report(source=source or Source(kind=doc.kind))
    for note in doc.notes:
        report.diagnose("S-reader-note", note)
    identity_to_report(flat, doc, report)
    if detect.is_pre2019(flat.text, report.year):
        return _pre2019(report)
    found = _headings(flat, report)
    bounds = spans(found, len(flat.text))
    fmt_name, conflict = _section2_format(flat, bounds, report.year)
    report.format = fmt_name
    _check_headings(report, found, flat)
    _texts_to_report(flat, bounds, report)
    if fmt_name == "unknown":
        report.diagnose(
            "S-unknown-format", f"无法判断报告格式（{' 或 '.join(FORMATS)}），表格未读取"
        )
        return report
    _check_format(report, conflict)
    _tables_to_report(flat, FORMATS[fmt_name], found, bounds, report)
    if "s5" not in found and "s4" in bounds:
        _untitled_s5(flat, bounds["s4"], report)
    return report


def _headings(flat: Flat, report: Report) -> dict[str, Found]:
    """The section headings; a text with neither table headings nor tables is not a report."""
    found = find_headings(flat)
    no_tables = not {"s2", "s3", "s4"} & set(found) and first_hit(flat, TABLE_ANCHORS) is None
    anonymous = not found and report.year is None  # no heading, no title, no period: notes, not a report
    if no_tables or anonymous:
        raise SectionNotFound(NOT_A_REPORT, where=report.source.path or None)
    return found


def _untitled_s5(flat: Flat, span: tuple[int, int], report: Report) -> None:
    """Without a “五、” heading, the text after table 四 (when that table is made of cells) is section 五."""
    frags = flat.fragments(*span)
    last = max((i for i, f in enumerate(frags) if f.cell and f.whole), default=None)
    if last is None:
        return
    text = "\n".join(f.text.strip() for f in frags[last + 1 :] if not f.cell and f.text.strip())
    if len(text) >= 10:
        report.sections.s5_text = text
        report.diagnose(
            "S-untitled-section",
            "第五部分没有标题，取第四部分表格之后、第六部分之前的文字作为第五部分",
        )


# -- identity -------------------------------------------------------------------------------------
def identity_to_report(flat: Flat, doc: SourceDoc, report: Report) -> None:
    """Year and organ from the title, cross-checked with the statistics period."""
    lines = [doc.meta["title"]] if doc.meta.get("title") else []
    lines += [p.text for p in flat.pieces[:60] if p.text.strip()]
    title = detect.find_title(lines)
    period = detect.period_year(flat.text)
    report.year = title.year if title and title.year else period
    report.organ = title.organ if title else ""
    published = doc.meta.get("published") or detect.published_date(flat.text[:3000])
    if published:
        report.published = published
    if title is None:
        report.diagnose(
            "S-no-title",
            "未找到报告标题（<机关>YYYY年政府信息公开工作年度报告），机关名称未知",
        )
    elif period and title.year != period:
        report.diagnose(
            "S-year-mismatch",
            f"标题年度 {title.year} 与统计期限年度 {period} 不一致，按标题取 {title.year}",
        )


def _pre2019(report: Report) -> Report:
    report.format = "pre2019"
    when = f"（{report.year}年度）" if report.year else ""
    report.diagnose(
        "S-pre2019",
        f"2019年以前格式的年度报告{when}：按旧条例编制，表格不按现行格式读取，不做勾稽检查",
    )
    return report


def _section2_format(
    flat: Flat, bounds: dict[str, tuple[int, int]], year: int | None
) -> tuple[str, bool]:
    """The format of section 二 (its signals), else of the whole text, else of the year."""
    if "s2" in bounds:
        a, b = bounds["s2"]
        name, conflict = detect.choose_format(detect.signals(flat.text, a, b), None)
        if name != "unknown":
            return name, conflict
    return detect.choose_format(detect.signals(flat.text), year)


def _check_format(report: Report, conflict: bool) -> None:
    """Signals of two formats in section 二; a format that is not the one of the year."""
    if conflict:
        report.diagnose(
            "S-mixed-format",
            f"第二部分同时出现不止一种格式的栏目，按出现较多的 {report.format} 格式读取",
        )
    if report.year is None:
        return
    expected, fmt_name = format_for_year(report.year).name, report.format
    if expected != fmt_name:
        report.diagnose(
            "S-format-year",
            f"{report.year}年度报告应使用 {expected} 格式，实际为 {fmt_name} 格式",
        )


def _check_headings(report: Report, found: dict, flat: Flat) -> None:
    fmt = FORMATS.get(report.format) or current()
    for key, numeral in EXPECTED.items():
        if key not in found:
            label = fmt.heading(key).label
            report.diagnose("S-missing-section", f"未找到第{numeral}部分“{label}”")
        elif found[key].numeral != numeral:
            report.diagnose(
                "S-heading-numbering",
                f"第{numeral}部分的标题编号为“{found[key].numeral}”",
                flat.where(found[key].start),
            )


def _texts_to_report(flat: Flat, bounds: dict[str, tuple[int, int]], report: Report) -> None:
    texts = {key: flat.plain(*bounds[key]) for key in ("s1", "s5", "s6") if key in bounds}
    report.sections = Sections(
        s1_text=texts.get("s1", ""), s5_text=texts.get("s5", ""), s6_text=texts.get("s6", "")
    )


# -- tables ---------------------------------------------------------------------------------------
def _table_span(
    flat: Flat, key: str, bounds: dict[str, tuple[int, int]], found: dict
) -> tuple[int, int]:
    """A table section's span; without its heading, from the previous heading's span to the next."""
    if key in bounds:
        return bounds[key]
    after = [found[k].start for k in ("s3", "s4", "s5", "s6") if k in found and k > key]
    start = max([found[k].end for k in found if k < key] + [0])
    return start, min(after) if after else len(flat.text)


def _tables_to_report(flat: Flat, fmt: Format, found: dict, bounds: dict, report: Report) -> None:
    s2_span = _table_span(flat, "s2", bounds, found)
    s2 = read_s2(flat, fmt, list(FORMATS.values()), *s2_span)
    s2_to_report(fmt, s2, report, flat.where(s2_span[0]))
    s3_span = _table_span(flat, "s3", bounds, found)
    rows = s3_rows(flat, fmt, s3_span, report)
    table = read_s3(flat, rows, *s3_span, len(fmt.s3_columns))
    if table.positional:
        report.diagnose(
            "S-positional-rows",
            "第三部分表格的行标签错位或缺失，按表格行序逐行读取（值的行数与格式相符）",
        )
    for label, values, pos in table.subtotals:
        report.diagnose(
            "S-subtotal-row",
            f"“{label}”一行印有数值（{values}），表格格式中没有这一行，未读取",
            flat.where(pos),
        )
    _misprinted_labels(flat, fmt, rows, table.hits, report)
    if table.reads:
        wheres = {key: flat.where(hit.start) for key, hit in table.hits.items()}
        s3_to_report(fmt, rows, table.reads, report, {"": flat.where(s3_span[0]), **wheres})
    else:
        report.diagnose(
            "S-missing-table",
            "未找到第三部分“收到和处理政府信息公开申请情况”的表格",
            flat.where(s3_span[0]),
        )
    s4_span = _table_span(flat, "s4", bounds, found)
    s4_to_report(fmt, read_s4(flat, *s4_span), report, flat.where(s4_span[0]))
    if any(r.glued for r in list(table.reads.values()) + list(s2.values())):
        report.diagnose(
            "S-glued-digits",
            "表格数字之间没有分隔，已按印出的数字拆分（有多种拆法时按各行合计及列合计选择）；拆分不唯一的单元格未填入",
        )


def _misprinted_labels(
    flat: Flat, fmt: Format, rows: tuple[Row, ...], hits: dict, report: Report
) -> None:
    for row in rows:
        hit = hits.get(row.key)
        printed = printed_label(flat, row, hit) if hit else None
        if printed:
            report.diagnose(
                "S-label-variant",
                f"第三部分一行的标签印为“{printed}”，与官方标签“{row.label}”不一致（按该行读取）",
                flat.where(hit.start),
                cells=[f"s3.{row.key}.{c.key}" for c in fmt.s3_columns],
            )


def s3_rows(flat: Flat, fmt: Format, span: tuple[int, int], report: Report) -> tuple[Row, ...]:
    """The rows table 三 really has: a 2021 report with the single 2019 row （六）其他处理 keeps it."""
    if _has_rows(flat, _other_rows(fmt), span):
        return fmt.s3_rows
    other = next(
        (f for f in FORMATS.values() if f.other_rows != fmt.other_rows and _has_rows(flat, _other_rows(f), span)),
        None,
    )
    if other is None:
        return fmt.s3_rows
    report.diagnose(
        "S-mixed-format",
        f"第二部分为 {fmt.name} 格式，第三部分“（六）其他处理”却按 {other.name} 格式填报，按实际的行读取",
    )
    return other.s3_rows


def _other_rows(fmt: Format) -> list[Row]:
    return [r for r in fmt.s3_rows if r.key in fmt.other_rows]


def _has_rows(flat: Flat, rows: list[Row], span: tuple[int, int]) -> bool:
    if len(rows) == 1:  # the single 2019 row: （六）其他处理 followed by a number, not by 1.申请人…
        hit = flat.find(rows[0].label, *span)
        return (
            hit is not None and flat.find("1.申请人", hit.end, min(span[1], hit.end + 40)) is None
        )
    return flat.find(rows[0].label[:8], *span) is not None


def _set(report: Report, path: str, raw: str, money: bool = False) -> None:
    cell = read_value(raw, money=money)
    if cell.value is None:
        report.diagnose(
            "S-unreadable-cell", f"单元格 {path} 的内容“{raw}”不是数字，未填入", cells=[path]
        )
        return
    set_value(report, path, cell.value)
    if cell.semantic != "value" or (money and raw.strip() != str(cell.value)):
        semantic = cell.semantic if cell.semantic != "value" else "text"
        report.cells_meta[path] = cell_meta(raw, semantic)
    if money and cell.unit in ("元", "亿元"):
        report.diagnose(
            "S-money-unit", f"{path} 印为“{raw}”，已换算为 {cell.value} 万元", cells=[path]
        )


def _row_problem(
    report: Report, name: str, path: str, read: RowRead | None, columns: list[Col], where: str
) -> bool:
    """Diagnostics for a row that was not read as exactly its cells; True when it was."""
    report.printed_at(path, where)
    if read is not None and read.cells is not None:
        return True
    n = len(columns)
    cells = [f"{path}.{key}" for key, _ in columns]
    if read is None or read.problem == "missing":
        report.diagnose("S-missing-row", f"未找到“{name}”这一行", where, cells=cells)
    elif read.problem == "ambiguous":
        shown = "；".join("|".join(c) for c in read.candidates[:6])
        more = f" 等 {len(read.candidates)} 种" if len(read.candidates) > 6 else ""
        report.diagnose(
            "S-ambiguous-split",
            f"“{name}”的数字串可拆分为多种读法（{shown}{more}），无法唯一确定；读法不一致的单元格未填入",
            where,
            cells=cells,
        )
        _agreeing_cells(report, path, read, columns)
    elif read.cells is None:
        got = {
            "none": "没有数值",
            "short": f"只读到 {read.found} 个数值",
            "extra": f"读到 {read.found} 个数值",
            "text": "数值无法拆分或含有文字",
        }
        report.diagnose(
            "S-row-values",
            f"“{name}”应有 {n} 个数值，{got.get(read.problem, '无法读取')}，未填入",
            where,
            cells=cells,
        )
    return read is not None and read.cells is not None


def _agreeing_cells(report: Report, path: str, read: RowRead, columns: list[Col]) -> None:
    """Cells on which every candidate split agrees are certain; they are filled in."""
    for (key, money), raws in zip(columns, zip(*read.candidates, strict=True), strict=True):
        cell = merge_readings([(raw,) for raw in set(raws)])
        if cell is not None:
            _set(report, f"{path}.{key}", cell[0], money)


def _fill(report: Report, path: str, read: RowRead, columns: list[Col]) -> None:
    cells = read.cells or ()
    plan, plain = _plan(tuple(columns))
    if plain and _plain_numbers(cells, len(plain)):  # the commonest rows, all at once
        if all(cells):
            _row_dict(report, path).update(zip(plain, map(int, cells), strict=True))
            return
        _row_dict(report, path).update(zip(plain, [int(c) if c else 0 for c in cells], strict=True))
        blank = cell_meta("", "blank")
        report.cells_meta.update((f"{path}.{key}", blank) for key, raw in zip(plain, cells, strict=True) if not raw)
        return
    node: dict | None = None  # type: ignore[type-arg]
    blank = None
    for (key, money, group, col), raw in zip(plan, cells, strict=True):
        if money or not (not raw or raw.isascii() and raw.isdigit() and len(raw) <= MAX_DIGITS):
            _set(report, f"{path}.{key}", raw, money)
            continue
        node = _row_dict(report, path) if node is None else node  # the common cases, fast
        (node.setdefault(group, {}) if group else node)[col] = int(raw) if raw else 0
        if not raw:
            blank = blank or cell_meta("", "blank")
            report.cells_meta[f"{path}.{key}"] = blank


def _plain_numbers(cells: tuple[str, ...], n: int) -> bool:
    """``n`` cells, each blank or a number of ASCII digits no longer than ``MAX_DIGITS``."""
    if len(cells) != n:
        return False
    digits = "".join(cells)
    return digits.isdigit() and digits.isascii() and max(map(len, cells)) <= MAX_DIGITS


@lru_cache(maxsize=256)
def _plan(columns: tuple[Col, ...]) -> tuple[tuple[tuple[str, bool, str, str], ...], tuple[str, ...]]:
    """Each column as (key, money, group, key in its group) — table 四's “review.upheld” — and, when
    no column is money or grouped, the keys alone."""
    plan = tuple((key, money, *key.rpartition(".")[::2]) for key, money in columns)
    plain = () if any(money or group for _, money, group, _ in plan) else tuple(c[0] for c in columns)
    return plan, plain


def _row_dict(report: Report, path: str) -> dict:  # type: ignore[type-arg]
    section, *keys = path.split(".")
    node = getattr(report.sections, section)
    for k in keys:
        node = node.setdefault(k, {})
    return node


def s3_to_report(
    fmt: Format,
    rows: tuple[Row, ...],
    reads: dict[str, RowRead],
    report: Report,
    wheres: dict[str, str],
) -> None:
    columns = [(c.key, False) for c in fmt.s3_columns]
    for row in rows:
        read = reads.get(row.key)
        where = wheres.get(row.key, wheres.get("", ""))
        if _row_problem(report, row.name, f"s3.{row.key}", read, columns, where):
            _fill(report, f"s3.{row.key}", read, columns)  # type: ignore[arg-type]


def s4_to_report(fmt: Format, read: RowRead, report: Report, where: str) -> None:
    columns = [(f"{g.key}.{c.key}", False) for g in fmt.s4_groups for c in fmt.s4_columns]
    if _row_problem(report, "第四部分表格（行政复议、行政诉讼）", "s4", read, columns, where):
        _fill(report, "s4", read, columns)


def s2_to_report(
    fmt: Format, reads: dict[tuple[str, str], RowRead], report: Report, where: str
) -> None:
    for block in fmt.s2:
        columns = [(c.key, c.kind == "money") for c in block.columns]
        for row in block.rows:
            read = reads[(block.key, row.key)]
            path = f"s2.{block.key}.{row.key}"
            if _row_problem(report, f"{block.label}·{row.label}", path, read, columns, where):
                _fill(report, path, read, columns)
