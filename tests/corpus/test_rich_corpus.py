"""The real HTML and PDF reports parse to the numbers a person reads in them.

Expected values were typed in from the documents themselves: the HTML source of 上海 2019 (and
annual-report.md §11.1 TV-1), ``pdftotext -layout`` of the three PDFs, and NOTES.md item 1 for the
order of 洪泽 2023 table 四. A blank printed cell is 0 here, with ``semantic`` “blank” in ``cells_meta``.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ogi.parse import parse
from tests.shared import REAL

S3_COLUMNS = [
    "natural_person",
    "org_commercial",
    "org_research",
    "org_public_welfare",
    "org_legal_service",
    "org_other",
    "total",
]
S4_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]
Z = [0] * 7

SHANGHAI_2019_S3 = {
    "new_received": [821, 35, 0, 0, 2, 1, 859],
    "carried_over": [18, 0, 0, 0, 0, 0, 18],
    "r_open": [258, 12, 0, 0, 1, 1, 0],
    "r_partial": [3, 0, 0, 0, 0, 0, 0],
    "r_deny_state_secret": [14, 0, 0, 0, 0, 0, 0],
    "r_deny_law_prohibited": Z,
    "r_deny_security_stability": Z,
    "r_deny_third_party": Z,
    "r_deny_internal_affairs": [5, 0, 0, 0, 0, 0, 0],
    "r_deny_process_info": [3, 1, 0, 0, 0, 0, 0],
    "r_deny_enforcement_file": Z,
    "r_deny_admin_inquiry": [10, 2, 0, 0, 0, 0, 0],
    "r_unable_not_held": [252, 12, 0, 0, 1, 0, 0],
    "r_unable_need_creation": [44, 3, 0, 0, 0, 0, 0],
    "r_unable_unclear": [25, 0, 0, 0, 0, 0, 0],
    "r_noproc_petition": [148, 1, 0, 0, 0, 0, 0],
    "r_noproc_duplicate": [5, 4, 0, 0, 0, 0, 0],
    "r_noproc_publication": Z,
    "r_noproc_mass_repeat": Z,
    "r_noproc_confirm": Z,
    "r_other": Z,
    "r_total": [767, 35, 0, 0, 2, 1, 805],
    "carry_forward": [72, 0, 0, 0, 0, 0, 72],
}

HUAIAN_2024_S3 = {
    "new_received": [3001, 53, 0, 0, 61, 4, 3119],
    "carried_over": [34, 0, 0, 0, 0, 0, 34],
    "r_open": [1288, 21, 0, 0, 50, 3, 1362],
    "r_partial": [447, 7, 0, 0, 0, 0, 454],
    "r_deny_state_secret": [2, 0, 0, 0, 0, 0, 2],
    "r_deny_law_prohibited": [30, 1, 0, 0, 0, 0, 31],
    "r_deny_security_stability": [5, 0, 0, 0, 0, 0, 5],
    "r_deny_third_party": [6, 0, 0, 0, 0, 0, 6],
    "r_deny_internal_affairs": [7, 1, 0, 0, 0, 0, 8],
    "r_deny_process_info": [12, 0, 0, 0, 0, 0, 12],
    "r_deny_enforcement_file": [9, 0, 0, 0, 0, 0, 9],
    "r_deny_admin_inquiry": [105, 0, 0, 0, 0, 0, 105],
    "r_unable_not_held": [746, 12, 0, 0, 10, 1, 769],
    "r_unable_need_creation": [11, 0, 0, 0, 0, 0, 11],
    "r_unable_unclear": [1, 0, 0, 0, 0, 0, 1],
    "r_noproc_petition": [56, 6, 0, 0, 0, 0, 62],
    "r_noproc_duplicate": [25, 0, 0, 0, 0, 0, 25],
    "r_noproc_publication": Z,
    "r_noproc_mass_repeat": Z,
    "r_noproc_confirm": [1, 0, 0, 0, 0, 0, 1],
    "r_other_no_correction": [67, 3, 0, 0, 1, 0, 71],
    "r_other_fee_unpaid": [6, 0, 0, 0, 0, 0, 6],
    "r_other_other": [108, 2, 0, 0, 0, 0, 110],
    "r_total": [2932, 53, 0, 0, 61, 4, 3050],
    "carry_forward": [103, 0, 0, 0, 0, 0, 103],
}


def hongze_s3(nonzero: dict[str, int]) -> dict[str, list[int]]:
    """洪泽: the 2019-style table 三 (single （六）其他处理 row), all applications from 自然人."""
    rows = list(SHANGHAI_2019_S3)
    return {row: [nonzero.get(row, 0), 0, 0, 0, 0, 0, nonzero.get(row, 0)] for row in rows}


HONGZE_2023_S3 = hongze_s3(
    {"new_received": 21, "r_partial": 4, "r_deny_state_secret": 1, "r_deny_process_info": 1, "r_deny_enforcement_file": 1,
     "r_unable_not_held": 10, "r_unable_need_creation": 3, "r_noproc_petition": 1, "r_total": 21}
)  # fmt: skip
HONGZE_2024_S3 = hongze_s3(
    {"new_received": 95, "r_open": 50, "r_partial": 9, "r_deny_security_stability": 1, "r_deny_process_info": 1,
     "r_deny_enforcement_file": 1, "r_unable_not_held": 31, "r_unable_need_creation": 1, "r_noproc_petition": 1, "r_total": 95}
)  # fmt: skip

CASES = {
    "2019_shanghai_bgt.html": (
        "2019",
        2019,
        SHANGHAI_2019_S3,
        [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0],
    ),
    "2024_huaian_shi.pdf": (
        "2021",
        2024,
        HUAIAN_2024_S3,
        [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20],
    ),
    "2023_hongze_qu.pdf": (
        "2021",
        2023,
        HONGZE_2023_S3,
        [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0],
    ),
    "2024_hongze_qu.pdf": (
        "2021",
        2024,
        HONGZE_2024_S3,
        [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3],
    ),
}

S2 = {
    "2019_shanghai_bgt.html": {
        "art20_1.regulations": [13, 13, 524], "art20_1.normative_documents": [60, 60, 368],
        "art20_5.admin_licensing": [0, 0, 0], "art20_5.other_external_services": [0, 0, 0],
        "art20_6.admin_penalty": [0, 0, 0], "art20_6.admin_coercion": [0, 0, 0], "art20_8.admin_fees": [0, 0],
        "art20_9.gov_centralized_procurement": [6, Decimal("25.1")],  # printed 251000元
    },
    "2024_huaian_shi.pdf": {
        "art20_1.regulations": [1, 0, 11], "art20_1.normative_documents": [8, 26, 66], "art20_5.admin_licensing": [447228],
        "art20_6.admin_penalty": [3985758], "art20_6.admin_coercion": [88283], "art20_8.admin_fees": [Decimal("96171.6")],
    },
    "2023_hongze_qu.pdf": {
        "art20_1.regulations": [0, 0, 0], "art20_1.normative_documents": [0, 5, 5], "art20_5.admin_licensing": [550],
        "art20_6.admin_penalty": [4119], "art20_6.admin_coercion": [195], "art20_8.admin_fees": [Decimal("7730.28")],
    },
    "2024_hongze_qu.pdf": {
        "art20_1.regulations": [0, 0, 0], "art20_1.normative_documents": [3, 0, 8], "art20_5.admin_licensing": [9487],
        "art20_6.admin_penalty": [2776], "art20_6.admin_coercion": [84], "art20_8.admin_fees": [Decimal("7545")],
    },
}  # fmt: skip

_parsed: dict[str, object] = {}


def report(name: str):
    if name not in _parsed:
        _parsed[name] = parse(REAL / name)
    return _parsed[name]


@pytest.mark.parametrize("name", CASES)
def test_it_reads_the_format_and_year(name):
    fmt, year, _, _ = CASES[name]
    assert (report(name).format, report(name).year) == (fmt, year)


@pytest.mark.parametrize("name", CASES)
def test_it_reads_every_section_three_cell(name):
    rows = CASES[name][2]
    got = {row: [report(name).value(f"s3.{row}.{col}") for col in S3_COLUMNS] for row in rows}
    assert got == rows
    assert set(report(name).sections.s3) == set(rows)


@pytest.mark.parametrize("name", CASES)
def test_it_reads_the_fifteen_section_four_cells_in_order(name):
    groups = ["review", "litigation_direct", "litigation_after_review"]
    got = [report(name).value(f"s4.{g}.{c}") for g in groups for c in S4_COLUMNS]
    assert got == CASES[name][3]


@pytest.mark.parametrize("name", CASES)
def test_it_reads_section_two(name):
    s2 = report(name).sections.s2
    got = {
        f"{block}.{row}": list(cells.values())
        for block, rows in s2.items()
        for row, cells in rows.items()
    }
    assert got == S2[name]


def test_it_keeps_shanghai_blank_total_cells_as_blank_not_as_printed_zeros():
    meta = report("2019_shanghai_bgt.html").cells_meta
    assert meta["s3.r_open.total"].semantic == "blank"
    assert meta["s3.new_received.org_research"].semantic == "blank"
    assert "s3.new_received.total" not in meta  # 859 is a plain number


@pytest.mark.parametrize("kind", ["html", "docx", "xlsx", "pdf"])
@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_it_parses_back_every_cell_the_renderer_writes_blank_cells_included(fmt, kind):
    from ogi.fixtures import sample_report
    from ogi.render import render

    written = sample_report(fmt)
    read = parse(f"sample.{kind}", render(written, kind))
    assert (read.format, read.year) == (written.format, written.year)
    assert read.cells() == written.cells()
    blanks = [path for path in written.cells() if written.semantic(path) == "blank"]
    assert blanks and [read.semantic(path) for path in blanks] == ["blank"] * len(blanks)
