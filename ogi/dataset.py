"""Many reports into one table: one row per report, one column per cell path (``ogi dataset``).

Files are read in parallel processes; a file that fails becomes a row with its error. Outputs:

- ``.csv`` / ``.xlsx`` / ``.parquet``: the wide table, written to a temporary file beside the output
  and renamed over it at the end (an interrupted run leaves the old file or none, never half of one);
- ``.sqlite`` / ``.db``: three tables for any SQL tool or datasette — ``reports`` (one row per file,
  with its hash and the parser version), ``cells`` (long form: report, path, value, raw, semantic,
  where it was printed, OCR confidence) and ``findings`` (rule, severity, cells, message), plus
  ``diagnostics``. Each report goes in with its cells and findings in one transaction, so an interrupted
  run leaves only whole reports; a re-run skips the files whose hash and parser version are unchanged
  (resumable);
- ``--scheduler ADDRESS`` (:func:`run_on_dask`): the same job on a Dask cluster, written as Parquet
  partitioned by year (``DIR/year=2021/part-<run>-00003.parquet``), resumable in the same way.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import __version__
from .errors import OgiError, UsageError
from .parse.readers import KINDS
from .spec import FORMATS

PARSER_VERSION = __version__  # a file read by another version of ogi is read again by a re-run
SQLITE = (".sqlite", ".db", ".sqlite3")
WIDE = (".csv", ".xlsx", ".parquet")
CHUNK = 64  # files per Dask task
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
    return record_for(path)["row"]


def record_for(path: Path) -> dict[str, Any]:
    """Everything a dataset keeps of one file: its wide ``row``, ``sha256``, ``kind``, and (when it was
    read) its ``cells`` in long form, ``findings`` and ``diagnostics``. Never raises."""
    from .parse import parse, sniff_kind
    from .rules import check

    row: dict[str, Any] = {"source": str(path)}
    record: dict[str, Any] = {"row": row, "sha256": "", "kind": path.suffix.lower().lstrip(".")}
    try:
        data = path.read_bytes()
        record["sha256"] = hashlib.sha256(data).hexdigest()
        record["kind"] = sniff_kind(path.name, data)
        report = parse(path, data)
        findings = check(report)
    except OgiError as exc:
        row |= {"status": "error", "error": exc.message}
        return record
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the run
        row |= {"status": "error", "error": f"内部错误（{type(exc).__name__}）：{exc}"}
        return record
    row |= report_row(report, findings)
    confidence = (getattr(report, "ocr", None) or {}).get("confidence", {})
    record["cells"] = [
        (p, float(v) if isinstance(v, Decimal) else v, *_printed(report, p, v), report.where_of(p), confidence.get(p))
        for p, v in report.cells().items()
    ]
    record["findings"] = [
        (f.rule, f.severity, json.dumps(list(f.cells)), _text(f.expected), _text(f.actual), f.message)
        for f in findings
    ]
    record["diagnostics"] = [(d.code, d.level, d.message, d.where) for d in report.diagnostics]
    return record


def report_row(report: Any, findings: Iterable[Any]) -> dict[str, Any]:
    """The columns of a report that was read and checked: format, year, organ, status, finding counts
    and every cell (the web portal's bulk files of published reports use this too)."""
    found = list(findings)
    row: dict[str, Any] = {"format": report.format, "year": report.year, "organ": report.organ, "status": "ok"}
    for level, key in (("error", "errors"), ("warning", "warnings"), ("info", "infos")):
        row[key] = sum(1 for f in found if f.severity == level)
    row.update({p: (float(v) if isinstance(v, Decimal) else v) for p, v in report.cells().items()})
    return row


def _printed(report: Any, path: str, value: Any) -> tuple[str, str]:
    meta = report.cells_meta.get(path)
    return (meta.raw, meta.semantic) if meta else (str(value), "value")


def _text(x: Any) -> str | None:
    return None if x is None else str(x)


def rows(files: list[Path], *, workers: int | None = None, tick: Callable[[], None] = lambda: None) -> Iterator[dict[str, Any]]:
    """Rows in the order of ``files``, computed on ``workers`` processes (default: all cores)."""
    for record in records(files, workers=workers, tick=tick):
        yield record["row"]


def records(files: list[Path], *, workers: int | None = None, tick: Callable[[], None] = lambda: None) -> Iterator[dict[str, Any]]:
    """``record_for`` of each file in the order of ``files``, on ``workers`` processes (default: all cores)."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(files) < 4:
        for f in files:
            yield record_for(f)
            tick()
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for record in pool.map(record_for, files, chunksize=max(1, min(32, len(files) // (workers * 8)))):
            yield record
            tick()


def write(table: list[dict[str, Any]], out: Path) -> None:
    """The wide table into ``out`` (.csv, .xlsx or .parquet): written beside it, then renamed over it."""
    suffix = out.suffix.lower()
    if suffix not in WIDE:
        raise UsageError(f"不支持的输出格式：{out.name}（请用 .csv、.xlsx、.parquet 或 .sqlite）")
    temporary = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        _write_wide(table, temporary, suffix)
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)


def _write_wide(table: list[dict[str, Any]], out: Path, suffix: str) -> None:
    cols = columns()
    if suffix == ".csv":
        with out.open("w", newline="", encoding="utf-8-sig") as fh:
            w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
            w.writeheader()
            w.writerows(table)
    elif suffix == ".xlsx":
        _write_xlsx(table, cols, out)
    else:
        _write_parquet(table, cols, out)


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


# -- SQLite: reports, cells in long form, findings; resumable --------------------------------------
SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
  id INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE, sha256 TEXT, parser_version TEXT, kind TEXT,
  format TEXT, year INTEGER, organ TEXT, status TEXT, error TEXT, errors INTEGER, warnings INTEGER,
  infos INTEGER);
CREATE TABLE IF NOT EXISTS cells (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, path TEXT NOT NULL,
  section TEXT, value NUMERIC, raw TEXT, semantic TEXT, printed_at TEXT, ocr_confidence REAL,
  PRIMARY KEY (report_id, path));
CREATE TABLE IF NOT EXISTS findings (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, rule TEXT, severity TEXT,
  cells TEXT, expected TEXT, actual TEXT, message TEXT);
CREATE TABLE IF NOT EXISTS diagnostics (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, code TEXT, level TEXT,
  message TEXT, printed_at TEXT);
CREATE INDEX IF NOT EXISTS cells_path ON cells (path);
CREATE INDEX IF NOT EXISTS findings_rule ON findings (rule);
"""
BATCH = 200  # reports per transaction


def open_store(out: Path) -> sqlite3.Connection:
    """The SQLite dataset at ``out`` (created with its tables if new)."""
    try:
        db = sqlite3.connect(out)
        db.execute("PRAGMA foreign_keys = ON")
        db.executescript(SCHEMA)
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"{out} 不是可写入的 SQLite 数据库（{exc}）") from exc
    return db


def unchanged(db: sqlite3.Connection, files: list[Path]) -> set[Path]:
    """The files already in the dataset with the same hash, read by this parser version (a file that
    could not be read is tried again)."""
    known = dict(
        db.execute(
            "SELECT source, sha256 FROM reports WHERE parser_version = ? AND status = 'ok'",
            (PARSER_VERSION,),
        )
    )
    same = set()
    for f in files:
        digest = known.get(str(f))
        if digest and _sha256(f) == digest:
            same.add(f)
    return same


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def store(db: sqlite3.Connection, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Write records (replacing an older reading of the same file), ``BATCH`` reports a transaction;
    yields each record once it is written."""
    pending: list[dict[str, Any]] = []
    for record in records:
        pending.append(record)
        if len(pending) >= BATCH:
            yield from _commit(db, pending)
            pending = []
    yield from _commit(db, pending)


def _commit(db: sqlite3.Connection, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    with db:
        for record in batch:
            row = record["row"]
            db.execute("DELETE FROM reports WHERE source = ?", (row["source"],))
            cur = db.execute(
                "INSERT INTO reports (source, sha256, parser_version, kind, format, year, organ, status,"
                " error, errors, warnings, infos) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (row["source"], record["sha256"], PARSER_VERSION, record["kind"], row.get("format"),
                 row.get("year"), row.get("organ"), row["status"], row.get("error"), row.get("errors"),
                 row.get("warnings"), row.get("infos")),
            )  # fmt: skip
            rid = cur.lastrowid
            db.executemany(
                "INSERT INTO cells VALUES (?,?,?,?,?,?,?,?)",
                ((rid, p, p.split(".", 1)[0], v, raw, sem, at, conf) for p, v, raw, sem, at, conf in record.get("cells", ())),
            )
            db.executemany("INSERT INTO findings VALUES (?,?,?,?,?,?,?)", ((rid, *f) for f in record.get("findings", ())))
            db.executemany("INSERT INTO diagnostics VALUES (?,?,?,?,?)", ((rid, *d) for d in record.get("diagnostics", ())))
    return batch


# -- the summary ------------------------------------------------------------------------------------
def summary(records: Iterable[dict[str, Any]], skipped: int = 0) -> str:
    """Files read and failed, by kind; findings by rule — a few lines for the end of a run."""
    read: dict[str, int] = {}
    failed: dict[str, int] = {}
    rules: dict[str, int] = {}
    for record in records:
        kind = record.get("kind") or "?"
        bucket = read if record["row"]["status"] == "ok" else failed
        bucket[kind] = bucket.get(kind, 0) + 1
        for rule, n in _rules_of(record).items():
            rules[rule] = rules.get(rule, 0) + n
    lines = [
        f"读取 {sum(read.values())} 份{_by(read)}，失败 {sum(failed.values())} 份{_by(failed)}"
        + (f"，未变而跳过 {skipped} 份" if skipped else "")
    ]
    if rules:
        lines.append("发现问题（按规则）：" + "，".join(f"{r} {n}" for r, n in sorted(rules.items())))
    return "\n".join(lines)


def _rules_of(record: dict[str, Any]) -> dict[str, int]:
    if "rules" in record:
        return record["rules"]
    out: dict[str, int] = {}
    for f in record.get("findings", ()):
        out[f[0]] = out.get(f[0], 0) + 1
    return out


def _by(counts: dict[str, int]) -> str:
    return "（" + "，".join(f"{k} {n}" for k, n in sorted(counts.items())) + "）" if counts else ""


# -- Dask: the same job on a cluster, Parquet partitioned by year; resumable -----------------------------
_PART = re.compile(r"^part-(\d{20})-\d{5}\.parquet$")
DASK_EXTRA = ("sha256", "parser_version")  # columns of the Parquet rows that make a re-run resumable


def run_on_dask(
    files: list[Path],
    out: Path,
    address: str,
    *,
    chunk: int = CHUNK,
    on_part: Callable[[int], None] = lambda n: None,
) -> tuple[list[dict[str, Any]], int]:
    """Read ``files`` on the Dask cluster at ``address`` (``chunk`` files a task) into the Parquet
    dataset ``out/year=YYYY/part-*.parquet``; returns one small record per file read (for
    :func:`summary`) and the number of files skipped. The workers must see the files at the same
    paths (a shared file system).

    Resumable, as the SQLite output: a file whose newest reading has the same SHA-256 and parser
    version and was read is skipped (a file that failed is tried again). Nothing is ever half-written:
    each task writes its part beside its name and renames it into ``.out.partial/``, where the parts
    of an interrupted run stay for the next one; when every task is done the dataset is put together
    in ``.out.next/`` — for each file its newest reading only, parts linked (or filtered) — and renamed
    over ``out``. ``on_part`` is told the number of files done after each task."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise UsageError("--scheduler 需要 Dask：pip install 'ogi[dask]'") from exc
    partial, building, old = (out.with_name(f".{out.name}.{x}") for x in ("partial", "next", "old"))
    _recover(out, building, old)
    _check_dataset_dir(out)
    known = _readings([out, partial])
    paths = [str(f.resolve()) for f in files]
    todo = [p for p in paths if not _same_reading(known.get(p), p)]
    stamp = f"{time.time_ns():020d}"
    chunks = [todo[i : i + chunk] for i in range(0, len(todo), chunk)]
    done: list[dict[str, Any]] = []
    if chunks:
        try:
            client = Client(address, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"无法连接 Dask 调度器 {address}（{exc}）") from exc
        try:
            names = [f"{stamp}-{i:05d}" for i in range(len(chunks))]
            futures = client.map(write_part, chunks, [str(partial)] * len(chunks), names, pure=False)
            try:
                for future in as_completed(futures):
                    done.extend(future.result())
                    on_part(len(done))
            except BaseException:
                client.cancel(futures)  # tasks not started are dropped; a running one ends its part
                raise
        finally:
            client.close()
    if chunks or partial.exists() or not out.exists():
        _publish(out, partial, building, old)
    return done, len(paths) - len(todo)


def _recover(out: Path, building: Path, old: Path) -> None:
    """Undo what an interrupted publication left: the previous dataset put back (or, when the new one
    is in place, removed), the half-built one dropped (it is built again from the parts)."""
    if old.exists():
        if out.exists():
            shutil.rmtree(old)
        else:
            os.replace(old, out)
    shutil.rmtree(building, ignore_errors=True)


def _check_dataset_dir(out: Path) -> None:
    """``out`` is new, or a dataset this command wrote (it is replaced): never another directory."""
    if not out.exists():
        return
    strange = [
        f for f in out.rglob("*") if f.is_file() and not (f.parent.name.startswith("year=") and f.suffix == ".parquet")
    ]
    if not out.is_dir() or strange:
        raise UsageError(f"输出 {out} 已存在，且不是 ogi dataset 写的 Parquet 目录：请换一个名字")


def _parts(folders: list[Path]) -> list[Path]:
    """The part files of the folders, oldest reading first (a part's name holds the time of its run;
    parts written by an older ogi count as the oldest)."""
    found = [f for d in folders if d.is_dir() for f in d.glob("year=*/part-*.parquet")]

    def age(f: Path) -> tuple[int, str]:
        m = _PART.match(f.name)
        return (int(m.group(1)) if m else 0, f.name)

    return sorted(found, key=age)


def _readings(folders: list[Path]) -> dict[str, tuple[str, str, str]]:
    """source → (sha256, parser version, status) of its newest reading in the folders' parts."""
    import pyarrow.parquet as pq

    out: dict[str, tuple[str, str, str]] = {}
    for part in _parts(folders):
        meta = pq.ParquetFile(part)
        if not set(DASK_EXTRA) <= set(meta.schema_arrow.names):
            continue  # written by an older ogi: its files are read again
        table = meta.read(columns=["source", *DASK_EXTRA, "status"]).to_pydict()
        for source, sha, version, status in zip(*table.values(), strict=True):
            out[source] = (sha, version, status)
    return out


def _same_reading(reading: tuple[str, str, str] | None, path: str) -> bool:
    if reading is None:
        return False
    sha, version, status = reading
    return status == "ok" and version == PARSER_VERSION and sha == _sha256(Path(path))


def _publish(out: Path, partial: Path, building: Path, old: Path) -> None:
    """Build the dataset from the parts of ``out`` and ``partial`` (each file's newest reading only)
    in ``building``, and rename it over ``out``."""
    import pyarrow.parquet as pq

    parts = _parts([out, partial])
    sources = {part: pq.ParquetFile(part).read(columns=["source"]).column(0).to_pylist() for part in parts}
    newest = {source: part for part in parts for source in sources[part]}
    building.mkdir(parents=True)
    for part in parts:
        keep = [i for i, source in enumerate(sources[part]) if newest[source] == part]
        if not keep:
            continue
        target = building / part.parent.name / part.name
        target.parent.mkdir(exist_ok=True)
        if len(keep) == len(sources[part]):
            try:
                os.link(part, target)
            except OSError:
                shutil.copyfile(part, target)
        else:
            pq.write_table(pq.ParquetFile(part).read().take(keep), target)
    if out.exists():
        os.replace(out, old)
    os.replace(building, out)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(partial, ignore_errors=True)


def write_part(paths: list[str], folder: str, name: str) -> list[dict[str, Any]]:
    """One Dask task: read the files, write their rows as ``folder/year=Y/part-<name>.parquet``
    (each file written beside its name, then renamed), return their summaries."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    found = [record_for(Path(p)) for p in paths]
    cols = [c for c in columns() if c != "year"]
    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64()}
    by_year: dict[Any, list[dict[str, Any]]] = {}
    for record in found:
        row = record["row"] | {"sha256": record["sha256"], "parser_version": PARSER_VERSION}
        by_year.setdefault(record["row"].get("year"), []).append(row)
    for year, table in by_year.items():
        part = Path(folder) / f"year={'__HIVE_DEFAULT_PARTITION__' if year is None else year}"
        part.mkdir(parents=True, exist_ok=True)
        arrays = {c: pa.array([row.get(c) for row in table], type=types[column_type(c)]) for c in cols}
        arrays |= {c: pa.array([row[c] for row in table], type=pa.string()) for c in DASK_EXTRA}
        temporary = part / f".part-{name}.partial"
        pq.write_table(pa.table(arrays), temporary)
        os.replace(temporary, part / f"part-{name}.parquet")
    return [
        {"row": {k: r["row"].get(k) for k in ("source", "status", "errors")}, "kind": r["kind"], "rules": _rules_of(r)}
        for r in found
    ]
