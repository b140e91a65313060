"""The layout grid itself: every grid position covered exactly once, printed values as the spec says."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ogi.errors import SpecError, UsageError
from ogi.fixtures import random_report, sample_report
from ogi.model import Report
from ogi.render import RENDERERS, render
from ogi.render.layout import number_text, report_layout


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("seed", range(5))
def test_it_covers_every_grid_position_exactly_once(fmt, seed):
    for part in report_layout(random_report(seed, fmt)).parts:
        if part.grid is None:
            continue
        g = part.grid
        covered = [
            (r, c)
            for x in g.cells
            for r in range(x.row, x.row + x.rowspan)
            for c in range(x.col, x.col + x.colspan)
        ]
        assert sorted(covered) == [(r, c) for r in range(g.nrows) for c in range(g.ncols)]


def test_it_prints_numbers_as_a_report_does():
    assert number_text(Decimal("0.28959")) == "0.28959"
    assert number_text(Decimal("12.000")) == "12"
    assert number_text(Decimal("1E+2")) == "100"
    assert number_text(Decimal("0.10")) == "0.1"
    assert number_text(-8) == "-8"


def test_it_names_every_value_cell_of_the_format_once():
    report = sample_report("2021")
    paths = [c.path for p in report_layout(report).parts if p.grid for c in p.grid.cells if c.path]
    assert paths == report.spec.paths()


def test_it_offers_the_six_output_kinds():
    assert set(RENDERERS) == {"html", "docx", "pdf", "txt", "json", "xlsx"}
    assert {k for k, r in RENDERERS.items() if r.text} == {"html", "txt", "json"}
    assert all(r.extension == f".{k}" and r.media_type for k, r in RENDERERS.items())
    assert render(sample_report("2021"), "json").startswith(b'{\n  "schema": "ogi.report/1"')


def test_it_refuses_an_unknown_output_kind_in_chinese():
    with pytest.raises(UsageError, match="不支持的输出格式“odt”"):
        render(sample_report("2021"), "odt")


def test_it_refuses_a_report_without_a_national_format():
    with pytest.raises(SpecError, match="pre2019"):
        render(Report(format="pre2019", year=2015, organ="某局"), "html")


def test_it_writes_json_that_reads_back_as_the_same_report():
    report = random_report(7, "2021")
    again = Report.from_json(render(report, "json"))
    assert again.sections == report.sections and again.cells_meta == report.cells_meta


def test_it_leaves_a_cell_the_report_lacks_empty():
    report = sample_report("2021")
    del report.sections.s3["r_other_fee_unpaid"]  # e.g. a mixed-format report without this row
    cells = {c.path: c.text for p in report_layout(report).parts if p.grid for c in p.grid.cells}
    assert cells["s3.r_other_fee_unpaid.total"] == ""
    assert cells["s3.r_other_other.total"] == "1"


def test_it_prints_the_section_three_rows_a_mixed_format_report_has():
    # 洪泽区 2023/2024: 2021-format section 二, but section 三 with the 2019 row （六）其他处理
    report = sample_report("2021")
    for key in ("r_other_no_correction", "r_other_fee_unpaid", "r_other_other"):
        del report.sections.s3[key]
    report.sections.s3["r_other"] = dict.fromkeys(report.sections.s3["r_open"], 0)
    parts = report_layout(report).parts
    labels = [c.text for c in parts[2].grid.cells if c.role in ("label", "group")]
    assert "（六）其他处理" in labels and "3.其他" not in labels
    assert parts[1].grid.cells[1].text == "信息内容" and parts[1].grid.ncols == 4  # 二 stays 2021
