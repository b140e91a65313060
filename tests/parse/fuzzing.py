"""Mutated report files for fuzzing the readers and the checker (``test_fuzz.py``, ``bench/fuzz_readers.py``).

Seeds: every report of ``../shared/corpus/real`` and ``seed``, the PDFs of ``tests/files``, and the
sample reports of both formats rendered by ``ogi.render`` to each output kind (html, docx, pdf, txt,
json, xlsx). A mutation is cheap and aimed at what broke readers before:

- bytes: a bit flipped, the file cut short, a slice deleted or repeated, a payload inserted (huge
  numbers of 16–6,000 digits, deep nesting of HTML/JSON, odd Unicode: BOM, NUL, bidi controls,
  surrogates, full-width digits, private use);
- a digit run of the text replaced by a huge number;
- zip (docx, xlsx): a member's bytes mutated as above and the archive rebuilt (so the zip layer is
  sound and the XML is not), a member dropped, or a hostile XLSX sheet (a merged range
  ``A1:XFD1048576``, a ``<dimension>`` of the whole grid, a cell at ``XFD1048576``, overlapping
  ranges); a DOCX cell spanning 10⁹ columns or content controls nested 300 deep;
- JSON: any field set to any JSON value, unknown keys in sections 二/三/四, a 5,000-digit number in
  the narrative, years 0 and 10³⁰, odd publication dates.

:func:`run_one` applies the rule: ``ogi.parse`` and ``ogi.check`` raise nothing but
:class:`~ogi.errors.OgiError`, and never :class:`~ogi.errors.ReaderFault` (a foreign exception that
reached the last guard); no run takes over ``MAX_SECONDS`` of CPU time (the machine may be shared: a
wall clock would also measure the neighbours); no run raises the process's peak memory
by more than ``MAX_RSS_GROWTH_MB``.
"""

from __future__ import annotations

import io
import json
import re
import resource
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

import ogi
from ogi.errors import OgiError, ReaderFault
from ogi.parse.safety import ZIP_ERRORS

from .test_bad_input import zip_of

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "corpus"
KINDS = ("txt", "md", "html", "docx", "pdf", "xlsx", "json")
MAX_SECONDS = 5.0
MAX_RSS_GROWTH_MB = 256

HUGE = [
    b"9" * 16,
    b"1" * 4301,
    b"7" * 5000,
    b"-" + b"8" * 6000,
    b"3" * 40 + b".5",
    b"12" * 2000 + b"\xe4\xbb\xb6",
]
DEEP = [
    b"<div>" * 300,
    b"<table><tr><td>" * 120,
    b"<span><b>" * 200,
    b"[" * 3000,
    b'{"a":' * 1500,
    b"<p>" * 5000,
]
ODD = [
    "\ufeff", "\x00", "\u202e", "\u200b", "\u3000", "\uffff", "\U0010ffff", "\ue000", "１２３", "①②",
    "\u0301" * 50, "𠀀𪚥", "\r", "\r\n" * 50, "\t" * 20, "—", "／", "%", "\\", '"', "<", "]]>", "&#0;",
]  # fmt: skip
PAYLOADS = (
    HUGE
    + DEEP
    + [s.encode("utf-8", "surrogatepass") for s in ODD]
    + [b"\xed\xa0\x80", b"\xff\xfe", b"\x80\x81"]
)


@dataclass
class Stats:
    """What a fuzz run did: examples per kind, outcomes, slowest run, largest memory growth."""

    examples: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    slowest: tuple[float, str] = (0.0, "")
    rss_growth_mb: float = 0.0

    def summary(self) -> str:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.examples.items()))
        outcomes = ", ".join(f"{k} {n}" for k, n in self.outcomes.most_common())
        return (
            f"{sum(self.examples.values())} examples ({kinds}); outcomes: {outcomes}; "
            f"slowest {self.slowest[0]:.2f} s ({self.slowest[1]}); peak memory grew {self.rss_growth_mb:.0f} MB"
        )


STATS = Stats()


@cache
def seeds() -> dict[str, list[tuple[str, bytes]]]:
    """Every seed file, by kind: (file name, bytes)."""
    found: dict[str, list[tuple[str, bytes]]] = {k: [] for k in KINDS}
    files = [
        *(SHARED / "real").glob("*.*"),
        *(SHARED / "seed").glob("*.*"),
        *(ROOT / "tests/files").glob("*.pdf"),
    ]
    for path in sorted(files):
        kind = path.suffix.lstrip(".")
        if kind in found and path.name != "NOTES.md":
            found[kind].append((path.name, path.read_bytes()))
    from ogi.fixtures import sample_report

    for fmt in ("2019", "2021"):
        report = sample_report(fmt)
        for kind in ("html", "docx", "pdf", "txt", "json", "xlsx"):
            found[kind].append((f"rendered_{fmt}.{kind}", ogi.render(report, kind)))
    return found


@dataclass(frozen=True)
class Op:
    """One mutation, with a short repr for Hypothesis' report (``flip(1234, 5)``)."""

    fn: Callable[..., bytes]
    args: tuple[object, ...]

    def __call__(self, data: bytes) -> bytes:
        return self.fn(data, *self.args)

    def __repr__(self) -> str:
        shown = (
            repr(a) if not isinstance(a, bytes) or len(a) <= 12 else f"{a[:8]!r}…×{len(a)}"
            for a in self.args
        )
        return f"{self.fn.__name__}({', '.join(shown)})"

    def _repr_pretty_(self, printer, cycle: bool) -> None:  # noqa: ANN001 - Hypothesis' printer
        printer.text(repr(self))


@dataclass(frozen=True)
class Example:
    """A mutated seed: its name, its bytes and the mutations that made it."""

    name: str
    data: bytes
    ops: tuple[Op, ...]

    def __repr__(self) -> str:
        return f"{self.name} {list(self.ops)} ({len(self.data)} bytes)"

    def _repr_pretty_(self, printer, cycle: bool) -> None:  # noqa: ANN001 - Hypothesis' printer
        printer.text(repr(self))


def op(fn: Callable[..., bytes], *args: st.SearchStrategy[object]) -> st.SearchStrategy[Op]:
    return st.tuples(*args).map(lambda a: Op(fn, a))


# -- byte mutations -------------------------------------------------------------------------
def _at(data: bytes, where: int) -> int:
    return where % (len(data) + 1)


def flip(data: bytes, where: int, bit: int) -> bytes:
    if not data:
        return data
    i = where % len(data)
    return data[:i] + bytes([data[i] ^ (1 << bit)]) + data[i + 1 :]


def cut(data: bytes, where: int) -> bytes:
    return data[: _at(data, where)]


def delete(data: bytes, where: int, length: int) -> bytes:
    i = _at(data, where)
    return data[:i] + data[i + length :]


def repeat(data: bytes, where: int, length: int) -> bytes:
    i = _at(data, where)
    return data[:i] + data[i : i + length] * 3 + data[i:]


def insert(data: bytes, where: int, payload: bytes) -> bytes:
    i = _at(data, where)
    return data[:i] + payload + data[i:]


def huge_number(data: bytes, which: int, digits: int) -> bytes:
    """Replace the ``which``-th digit run of the file by a number of ``digits`` digits."""
    runs = list(re.finditer(rb"\d+", data))
    if not runs:
        return insert(data, which, b"7" * digits)
    m = runs[which % len(runs)]
    return data[: m.start()] + b"7" * digits + data[m.end() :]


WHERE = st.integers(0, 2**31)
BYTE_OPS = st.one_of(
    op(flip, WHERE, st.integers(0, 7)),
    op(cut, WHERE),
    op(delete, WHERE, st.integers(1, 4096)),
    op(repeat, WHERE, st.integers(1, 512)),
    op(insert, WHERE, st.sampled_from(PAYLOADS)),
    op(insert, WHERE, st.binary(min_size=1, max_size=16)),
    op(huge_number, st.integers(0, 10_000), st.sampled_from([16, 40, 4301, 6000])),
)


# -- zip (docx, xlsx) -----------------------------------------------------------------------
def members(data: bytes) -> dict[str, bytes] | None:
    """The members of a zip, or None when an earlier mutation broke the zip itself."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist()}
    except ZIP_ERRORS:
        return None


def in_member(data: bytes, which: int, mutation: Op) -> bytes:
    """Mutate one member (XML members first) and rebuild the archive."""
    parts = members(data)
    if not parts:
        return mutation(data)
    names = sorted(parts, key=lambda n: (not n.endswith(".xml"), n))
    name = names[which % len(names)]
    parts[name] = mutation(parts[name])
    return zip_of(parts)


def drop_member(data: bytes, which: int) -> bytes:
    parts = members(data)
    if not parts:
        return data
    del parts[sorted(parts)[which % len(parts)]]
    return zip_of(parts)


def _sheets(parts: dict[str, bytes]) -> list[str]:
    return sorted(n for n in parts if n.startswith("xl/worksheets/sheet"))


def hostile_sheet(data: bytes, which: int, how: str) -> bytes:
    """An XLSX sheet made hostile: a merged range over the whole grid, a whole-grid dimension,
    a cell at the grid's far corner, or a thousand copies of one merged range (overlapping)."""
    parts = members(data)
    sheets = _sheets(parts or {})
    if not parts or not sheets:
        return data
    name = sheets[which % len(sheets)]
    xml = parts[name]
    if how == "merge":
        merge = b'<mergeCell ref="A1:XFD1048576"/>'
        xml = (
            xml.replace(b"<mergeCells", b"<mergeCells", 1).replace(
                b'<mergeCell ref="', merge + b'<mergeCell ref="', 1
            )
            if b"<mergeCell " in xml
            else xml.replace(
                b"</sheetData>", b"</sheetData><mergeCells>" + merge + b"</mergeCells>", 1
            )
        )
    elif how == "dimension":
        xml = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml)
    elif how == "far-cell":
        xml = re.sub(rb"<dimension [^>]*/>", b"", xml)
        xml = xml.replace(
            b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>', 1
        )
    else:  # overlapping
        many = b'<mergeCell ref="A1:Z200"/>' * 1000
        xml = xml.replace(b"</sheetData>", b"</sheetData><mergeCells>" + many + b"</mergeCells>", 1)
    parts[name] = xml
    return zip_of(parts)


def hostile_docx(data: bytes, how: str) -> bytes:
    """A DOCX body made hostile: a cell spanning 10⁹ grid columns, or content controls nested deep."""
    parts = members(data)
    if not parts:
        return data
    body = parts.get("word/document.xml", b"")
    if how == "span":
        body = body.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="999999999"/>', 1)
    else:
        body = body.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * 300, 1)
    parts["word/document.xml"] = body
    return zip_of(parts)


ZIP_OPS = st.one_of(
    op(in_member, st.integers(0, 100), BYTE_OPS), op(drop_member, st.integers(0, 100)), BYTE_OPS
)
XLSX_OPS = st.one_of(
    ZIP_OPS,
    op(
        hostile_sheet,
        st.integers(0, 10),
        st.sampled_from(["merge", "dimension", "far-cell", "overlapping"]),
    ),
)
DOCX_OPS = st.one_of(ZIP_OPS, op(hostile_docx, st.sampled_from(["span", "nest"])))


# -- JSON -----------------------------------------------------------------------------------
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
    | st.sampled_from(["2019", "2021", "pre2019", "unknown", "", "0000-01-01", "2021-02-30", "9999-12-31"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)  # fmt: skip
_FIELDS = [
    "schema",
    "format",
    "year",
    "organ",
    "published",
    "source",
    "sections",
    "cells_meta",
    "diagnostics",
]
_SECTION_KEYS = ["s1_text", "s2", "s3", "s4", "s5_text", "s6_text", "zz"]


def set_field(data: bytes, path: list[str], value: object) -> bytes:
    """Set a field of a JSON report document (creating dicts on the way); bytes that are not one pass."""
    try:
        doc = json.loads(data)
    except ValueError:
        return data
    node = doc
    for key in path[:-1]:
        if not isinstance(node, dict):
            return data
        node = node.setdefault(key, {})
    if isinstance(node, dict):
        node[path[-1]] = value
    return json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")


def json_path():  # -> strategy of key paths into a report document
    return st.one_of(
        st.builds(lambda f: [f], st.sampled_from(_FIELDS + ["zz"])),
        st.builds(lambda k: ["sections", k], st.sampled_from(_SECTION_KEYS)),
        st.builds(lambda s, a, b: ["sections", s, a, b], st.sampled_from(["s3", "s4"]),
                  st.sampled_from(["r_total", "review", "new_received", "zz"]), st.sampled_from(["total", "natural_person", "zz"])),
        st.builds(lambda b, r, c: ["sections", "s2", b, r, c], st.sampled_from(["art20_1", "art20_8", "zz"]),
                  st.sampled_from(["regulations", "admin_fees", "zz"]), st.sampled_from(["total_published", "amount_wan_yuan", "zz"])),
        st.builds(lambda p: ["cells_meta", p], st.sampled_from(["s3.r_total.total", "s2.zz.x.y", "zz"])),
    )  # fmt: skip


def narrative_number(data: bytes, digits: int) -> bytes:
    return set_field(
        data, ["sections", "s1_text"], "本年度收到政府信息公开申请" + "9" * digits + "件"
    )


JSON_OPS = st.one_of(
    BYTE_OPS,
    op(set_field, json_path(), JSON_VALUES),
    op(set_field, st.just(["year"]), st.sampled_from([0, -1, 10**30, 9999, 2**63])),
    op(narrative_number, st.sampled_from([16, 4301, 5000])),
)
OPS = {"docx": DOCX_OPS, "xlsx": XLSX_OPS, "json": JSON_OPS}


@st.composite
def mutated(draw, kind: str) -> Example:  # noqa: ANN001
    """A seed of the kind with one to three mutations applied."""
    name, data = draw(st.sampled_from(seeds()[kind]))
    ops = tuple(draw(st.lists(OPS.get(kind, BYTE_OPS), min_size=1, max_size=3)))
    for mutation in ops:
        data = mutation(data)
    return Example(name, data, ops)


# -- the rule -------------------------------------------------------------------------------
def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


@contextmanager
def memory_cap(extra_mb: int = 2048) -> Iterator[None]:
    """A safety net while fuzzing: the address space may grow by ``extra_mb`` at most (a runaway reader
    gets MemoryError instead of taking the machine's memory); the limit is restored afterwards."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except OSError:  # not Linux: no cap
        yield
        return
    cap = pages * resource.getpagesize() + (extra_mb << 20)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def run_one(kind: str, example: Example) -> None:
    """Parse and check one input under the rule of the module docstring; AssertionError if broken
    (the input is then written to ``FAILURES`` when that is set)."""
    try:
        _run(kind, example.name, example.data)
    except BaseException:
        if FAILURES is not None:
            FAILURES.mkdir(parents=True, exist_ok=True)
            (FAILURES / f"{kind}-{abs(hash(example.data)):x}-{example.name}").write_bytes(
                example.data
            )
        raise


FAILURES: Path | None = None  # where run_one keeps a breaking input (the bench sets it)


def _run(kind: str, name: str, data: bytes) -> None:
    rss, start = _peak_rss_mb(), time.process_time()
    try:
        report = ogi.parse(name, data)
        ogi.check(report)
        ogi.check(report, previous=report)
        outcome = "read"
    except ReaderFault as exc:
        raise AssertionError(f"{name}: {exc} ← {exc.__cause__!r}") from exc
    except OgiError as exc:
        outcome = type(exc).__name__
    elapsed, grown = time.process_time() - start, _peak_rss_mb() - rss
    STATS.examples[kind] += 1
    STATS.outcomes[outcome] += 1
    STATS.slowest = max(STATS.slowest, (elapsed, name))
    STATS.rss_growth_mb = max(STATS.rss_growth_mb, grown)
    assert elapsed < MAX_SECONDS, f"{name}: {elapsed:.1f} s"
    assert grown < MAX_RSS_GROWTH_MB, f"{name}: peak memory grew {grown:.0f} MB"
