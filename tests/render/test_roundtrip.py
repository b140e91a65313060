"""Round trip: a report rendered to every output kind and read back with ``ogi.parse.parse`` is the
same report — same format, year, organ and sections (every cell, and the narrative texts).

Random reports of both formats (``ogi.fixtures.random_report``) carry blank/“-”/“—”/“/”/“无” cells,
negative 本年增/减 (2019) and money with decimals or printed with a unit. PDF is slow (WeasyPrint and
the PDF reader), so it runs on a few examples and is marked ``slow`` (it still runs in CI).
"""

from __future__ import annotations

import importlib
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ogi.fixtures import random_report, sample_report
from ogi.model import Report
from ogi.render import render

parse = getattr(importlib.import_module("ogi.parse"), "parse", None)
pytestmark = pytest.mark.skipif(parse is None, reason="ogi.parse.parse 尚未实现")

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
    out = [f"{k}: {getattr(got, k)!r} ≠ {getattr(want, k)!r}" for k in ("format", "year", "organ") if getattr(got, k) != getattr(want, k)]
    g, w = got.cells(), want.cells()
    out += [f"{p}: {g.get(p)!r} ≠ {w.get(p)!r}" for p in sorted(set(g) | set(w)) if g.get(p) != w.get(p)]
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
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=SEEDS, fmt=FORMATS)
def test_it_reads_back_random_reports(kind, seed, fmt, tmp_path):
    report = random_report(seed, fmt)
    assert differences(read_back(report, kind, tmp_path), report) == []


@pytest.mark.parametrize("kind", FAST_KINDS)
def test_it_keeps_what_each_cell_printed(kind, tmp_path):
    report = random_report(3, "2019")  # many marks: blank, -, —, /, 无
    got = read_back(report, kind, tmp_path)
    wrong = {p: (got.semantic(p), m.semantic) for p, m in report.cells_meta.items() if got.semantic(p) != m.semantic}
    assert wrong == {}


@pytest.mark.slow
@pytest.mark.parametrize("seed, fmt", [(0, "2019"), (1, "2021"), (2, "2019")])
def test_it_reads_back_the_pdf(seed, fmt, tmp_path):
    report = random_report(seed, fmt)
    # a PDF wraps paragraphs into lines: the narrative is compared without line breaks and spaces
    assert differences(read_back(report, "pdf", tmp_path), report, flat_text=True) == []
