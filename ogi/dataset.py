"""Many reports into one table: one row per report, one column per cell path (``ogi dataset``).

Files are read in parallel processes; a file that fails becomes a row with its error.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import OgiError, UsageError
from .parse.readers import KINDS
from .spec import FORMATS

HEAD = ["source", "format", "year", "organ", "status", "error", "errors", "warnings", "infos"]


def columns() -> list[str]:
    """Fixed columns, then every cell path of each format, newest format first (each path once)."""
    paths: dict[str, None] = {}
    for fmt in reversed(FORMATS.values()):
        paths.update(dict.fromkeys(fmt.paths()))
    return HEAD + list(paths)


def collect(inputs: Iterable[str]) -> list[Path]:
    """The report files named, directories searched recursively for readable kinds, in sorted order."""
    found: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in KINDS))
        elif p.exists():
            found.append(p)
        else:
            raise UsageError(f"找不到文件或目录：{item}")
    return found


def row_for(path: Path) -> dict[str, Any]:
    """Parse and check one file; never raises (an unreadable file is a row with its error)."""
    from .parse import parse
    from .rules import check

    row: dict[str, Any] = {"source": str(path)}
    try:
        report = parse(path)
        findings = check(report)
    except OgiError as exc:
        return row | {"status": "error", "error": exc.message}
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the run
        return row | {"status": "error", "error": f"内部错误（{type(exc).__name__}）：{exc}"}
    row |= {"format": report.format, "year": report.year, "organ": report.organ, "status": "ok"}
    for level, key in (("error", "errors"), ("warning", "warnings"), ("info", "infos")):
        row[key] = sum(1 for f in findings if f.severity == level)
    row.update({p: (float(v) if isinstance(v, Decimal) else v) for p, v in report.cells().items()})
    return row


def rows(files: list[Path], *, workers: int | None = None, tick: Callable[[], None] = lambda: None) -> Iterator[dict[str, Any]]:
    """Rows in the order of ``files``, computed on ``workers`` processes (default: all cores)."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(files) < 4:
        for f in files:
            yield row_for(f)
            tick()
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for row in pool.map(row_for, files, chunksize=max(1, min(32, len(files) // (workers * 8)))):
            yield row
            tick()


def write(table: list[dict[str, Any]], out: Path) -> None:
    suffix = out.suffix.lower()
    cols = columns()
    if suffix == ".csv":
        with out.open("w", newline="", encoding="utf-8-sig") as fh:
            w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
            w.writeheader()
            w.writerows(table)
    elif suffix == ".xlsx":
        _write_xlsx(table, cols, out)
    elif suffix == ".parquet":
        _write_parquet(table, cols, out)
    else:
        raise UsageError(f"不支持的输出格式：{out.name}（请用 .csv、.xlsx 或 .parquet）")


def _write_xlsx(table: list[dict[str, Any]], cols: list[str], out: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    sheet = book.add_worksheet("reports")
    sheet.write_row(0, 0, cols)
    for i, row in enumerate(table, start=1):
        sheet.write_row(i, 0, [row.get(c) for c in cols])
    book.close()


def _write_parquet(table: list[dict[str, Any]], cols: list[str], out: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise UsageError("写 .parquet 需要 pyarrow：pip install 'ogi[parquet]'") from exc
    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64()}
    arrays = {c: pa.array([row.get(c) for row in table], type=types[column_type(c)]) for c in cols}
    pq.write_table(pa.table(arrays), out)


def column_type(column: str) -> str:
    """``string``, ``int`` or ``float`` (amounts in 万元) — the type of a column in typed outputs."""
    if column in ("source", "format", "organ", "status", "error"):
        return "string"
    if column in HEAD:
        return "int"
    fmt = next(f for f in FORMATS.values() if column in f.paths())
    return "float" if fmt.column_kind(column) == "money" else "int"
