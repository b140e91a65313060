"""The seed report (重庆市大渡口区人民防空办公室 2020): Word "save as text", tab cells, blank header cells."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ogi.parse import parse
from tests.shared import SEED


@pytest.fixture(scope="module")
def report():
    return parse(SEED)


def test_it_reads_format_year_and_organ(report):
    assert (report.format, report.year, report.organ) == (
        "2019",
        2020,
        "重庆市大渡口区人民防空办公室",
    )


def test_it_reads_the_two_nonzero_cells_of_table_2(report):
    assert report.value("s2.art20_5.admin_licensing.prev_year_items") == 4
    assert report.value("s2.art20_6.admin_penalty.prev_year_items") == 4


def test_it_reads_every_other_cell_as_zero(report):
    nonzero = {
        "s2.art20_5.admin_licensing.prev_year_items",
        "s2.art20_6.admin_penalty.prev_year_items",
    }
    paths = report.spec.paths()
    assert all(report.has(p) for p in paths)
    assert {p for p in paths if report.value(p) != 0} == nonzero


def test_it_keeps_the_printed_procurement_amount(report):
    path = "s2.art20_9.gov_centralized_procurement.total_amount_wan_yuan"
    assert report.value(path) == Decimal(0)
    assert report.cells_meta[path].raw == "0万元"


def test_it_has_no_diagnostics(report):
    assert report.diagnostics == []


def test_it_keeps_the_narratives(report):
    assert report.sections.s1_text.startswith("2020年，区人民防空办认真贯彻落实")
    assert report.sections.s5_text.startswith("2020年，区人民防空办的信息公开工作虽然取得了一些进")
    assert report.sections.s6_text == ""
