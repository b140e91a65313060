"""Round trip: a report rendered to every output kind and read back with ``ogi.parse.parse`` is the
same report — same format, year, organ and sections (every cell, and the narrative texts).

Random reports of both formats (``ogi.fixtures.random_report``) carry blank/“-”/“—”/“/”/“无” cells,
negative 本年增/减 (2019) and money with decimals or printed with a unit. PDF is slow (WeasyPrint and
the PDF reader), so it runs on a few examples and is marked ``slow`` (it still runs in CI).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ogi.fixtures import random_report, sample_report
from ogi.model import CellMeta, Report, set_value
from ogi.parse import parse
from ogi.render import render
from tests.shared import REAL, SEED

FORMATS = st.sampled_from(["2019", "2021"])
SEEDS = st.integers(min_value=0, max_value=10**6)
FAST_KINDS = ["json", "txt", "html", "docx", "xlsx"]
_SPACE = re.compile(r"\s+")


def read_back(report: Report, kind: str, tmp_path) -> Report:
    path = tmp_path / f"report.{kind}"
    path.write_bytes(render(report, kind))
    return parse(str(path))


def differences(got: Report, want: Report, *, flat_text: bool = False) -> list[str]:
    """What differs, by cell path and text name (empty when the round trip holds)."""
    out = [
        f"{k}: {getattr(got, k)!r} ≠ {getattr(want, k)!r}"
        for k in ("format", "year", "organ")
        if getattr(got, k) != getattr(want, k)
    ]
    g, w = got.cells(), want.cells()
    out += [
        f"{p}: {g.get(p)!r} ≠ {w.get(p)!r}" for p in sorted(set(g) | set(w)) if g.get(p) != w.get(p)
    ]
    for name in ("s1_text", "s5_text", "s6_text"):
        a, b = getattr(got.sections, name), getattr(want.sections, name)
        if flat_text:
            a, b = _SPACE.sub("", a), _SPACE.sub("", b)
        if a != b:
            out.append(f"{name}: {a[:60]!r}… ≠ {b[:60]!r}…")
    return out


@pytest.mark.parametrize("kind", FAST_KINDS)
@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_it_reads_back_the_sample_report(kind, fmt, tmp_path):
    report = sample_report(fmt)
    assert differences(read_back(report, kind, tmp_path), report) == []


@pytest.mark.parametrize("kind", FAST_KINDS)
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=SEEDS, fmt=FORMATS)
def test_it_reads_back_random_reports(kind, seed, fmt, tmp_path):
    report = random_report(seed, fmt)
    assert differences(read_back(report, kind, tmp_path), report) == []


MARKED = {  # zero cells of the sample, printed the five ways real reports print nothing
    "s3.r_open.org_research": ("", "blank"),
    "s3.r_partial.org_commercial": ("-", "dash"),
    "s3.r_deny_state_secret.total": ("—", "dash"),
    "s4.litigation_after_review.upheld": ("/", "slash"),
    "s2.art20_6.admin_coercion.prev_year_items": ("无", "none"),
}


@pytest.mark.parametrize("kind", FAST_KINDS)
def test_it_keeps_what_each_cell_printed(kind, tmp_path):
    report = sample_report("2019")
    for path, (raw, semantic) in MARKED.items():
        report.cells_meta[path] = CellMeta(raw=raw, semantic=semantic)
    got = read_back(report, kind, tmp_path)
    printed = {p: (m.raw, m.semantic) for p, m in report.cells_meta.items()}
    assert {
        p: (got.cells_meta[p].raw, got.cells_meta[p].semantic)
        for p in printed
        if p in got.cells_meta
    } == printed


@pytest.mark.slow
def test_it_keeps_what_each_cell_printed_in_a_pdf(tmp_path):
    test_it_keeps_what_each_cell_printed("pdf", tmp_path)


def _pdf_report(case: str) -> Report:
    kind, _, arg = case.partition(":")
    return sample_report(arg) if kind == "sample" else random_report(int(kind), arg)


@pytest.mark.slow
@pytest.mark.parametrize(  # 6:2021 and 13:2019 print rows of 二 with no value at all
    "case", ["sample:2019", "sample:2021", "0:2019", "5:2021", "6:2021", "13:2019"]
)
def test_it_reads_back_the_pdf(case, tmp_path):
    report = _pdf_report(case)
    # a PDF wraps paragraphs into lines: the narrative is compared without line breaks and spaces
    assert differences(read_back(report, "pdf", tmp_path), report, flat_text=True) == []


# -- cells the readers once lost: “无”, a blank in table 四's single row, a tiny amount ---------------


def _printed(report: Report, path: str, raw: str, semantic: str) -> Report:
    report.cells_meta[path] = CellMeta(raw=raw, semantic=semantic)
    return report


@pytest.mark.slow
def test_it_reads_back_a_cell_printed_none_from_pdf(tmp_path):
    report = _printed(sample_report("2021"), "s3.r_open.org_research", "无", "none")
    assert differences(read_back(report, "pdf", tmp_path), report, flat_text=True) == []


@pytest.mark.slow
def test_it_reads_back_a_blank_cell_of_table_four_from_pdf(tmp_path):
    report = _printed(sample_report("2021"), "s4.review.other", "", "blank")
    assert differences(read_back(report, "pdf", tmp_path), report, flat_text=True) == []


def test_it_reads_back_a_tiny_amount_from_xlsx(tmp_path):
    report = sample_report("2021")
    set_value(report, "s2.art20_8.admin_fees.amount_wan_yuan", Decimal("0.00005"))
    assert differences(read_back(report, "xlsx", tmp_path), report) == []


# -- real reports: read, render, read again ------------------------------------------------------

REAL_REPORTS = [  # reports whose every cell the readers read (others have unreadable digit runs → missing cells)
    SEED,
    REAL / "2019_shanghai_bgt.html",  # blanks in the 总计 column, “251000元”
    REAL / "2024_huaian_shi.pdf",
    REAL / "2023_hongze_qu.pdf",  # mixed formats: 2021 二, 2019 （六）其他处理
]


@pytest.mark.parametrize("kind", FAST_KINDS)
@pytest.mark.parametrize("source", REAL_REPORTS, ids=lambda p: p.name)
def test_it_reads_back_real_reports_it_renders(source, kind, tmp_path):
    report = parse(source)
    assert differences(read_back(report, kind, tmp_path), report) == []
