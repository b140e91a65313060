"""Synthetic reports are consistent by construction: the table rules hold, printed marks read back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ogi.fixtures import random_report, sample_report
from ogi.spec import FORMATS
from ogi.values import read_cell

APPLICANTS = [
    "natural_person",
    "org_commercial",
    "org_research",
    "org_public_welfare",
    "org_legal_service",
    "org_other",
]
SEEDS = range(40)


def result_rows(fmt):
    return [r.key for r in FORMATS[fmt].s3_rows if r.key.startswith("r_") and r.key != "r_total"]


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_it_draws_reports_that_satisfy_the_section_three_rules(fmt):
    for seed in SEEDS:
        v = random_report(seed, fmt).value
        for col in [*APPLICANTS, "total"]:
            # R3-1: 一 + 二 = （七） + 四, and 四 ≥ 0
            assert v(f"s3.new_received.{col}") + v(f"s3.carried_over.{col}") == v(
                f"s3.r_total.{col}"
            ) + v(f"s3.carry_forward.{col}")
            assert v(f"s3.carry_forward.{col}") >= 0
            # R3-2: （七）总计 = the result rows
            assert v(f"s3.r_total.{col}") == sum(v(f"s3.{r}.{col}") for r in result_rows(fmt))
        for row in FORMATS[fmt].s3_rows:  # R3-3, R3-4
            values = [v(f"s3.{row.key}.{c}") for c in APPLICANTS]
            assert v(f"s3.{row.key}.total") == sum(values) and min(values) >= 0


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_it_sums_section_four(fmt):
    for seed in SEEDS:
        v = random_report(seed, fmt).value
        for g in ("review", "litigation_direct", "litigation_after_review"):
            parts = [v(f"s4.{g}.{c}") for c in ("upheld", "corrected", "other", "pending")]
            assert v(f"s4.{g}.total") == sum(parts) and min(parts) >= 0


@pytest.mark.parametrize("fmt", ["2019", "2021"])
def test_it_keeps_every_printed_mark_consistent_with_its_number(fmt):
    for seed in SEEDS:
        report = random_report(seed, fmt)
        for path, meta in report.cells_meta.items():
            money = FORMATS[fmt].column_kind(path) == "money"
            cell = read_cell(meta.raw, money=money)
            assert (cell.value, cell.semantic) == (report.value(path), meta.semantic), path


def test_it_produces_the_variety_the_round_trip_needs():
    reports = [random_report(s, f) for s in SEEDS for f in ("2019", "2021")]
    semantics = {m.semantic for r in reports for m in r.cells_meta.values()}
    assert semantics >= {"blank", "dash", "slash", "none", "text"}
    changes = [
        r.value(f"s2.art20_5.{row}.change")
        for r in reports
        if r.format == "2019"
        for row in ("admin_licensing", "other_external_services")
    ]
    assert min(changes) < 0
    money = [
        r.value("s2.art20_8.admin_fees.amount_wan_yuan") for r in reports if r.format == "2021"
    ]
    assert any(isinstance(m, Decimal) and m != m.to_integral_value() for m in money)


def test_it_draws_the_same_report_from_the_same_seed():
    assert random_report(11, "2021") == random_report(11, "2021")
    assert random_report(11, "2021") != random_report(12, "2021")


def test_it_quotes_the_tables_in_the_narrative():
    report = random_report(5, "2021")
    v = report.value
    assert f"共收到政府信息公开申请{v('s3.new_received.total')}件" in report.sections.s1_text
    assert f"办结{v('s3.r_total.total')}件" in report.sections.s1_text


@pytest.mark.parametrize("fmt, year", [("2019", 2020), ("2021", 2021)])
def test_it_builds_the_hand_checked_sample(fmt, year):
    report = sample_report(fmt)
    v = report.value
    assert (report.year, report.format) == (year, fmt)
    # 自然人: 20+3+1+2+8+2+1 and 2 in （六） = 39 done, 3 carried forward, 2 carried over → 40 new
    assert [
        v(f"s3.{r}.natural_person")
        for r in ("new_received", "carried_over", "r_total", "carry_forward")
    ] == [40, 2, 39, 3]
    assert [
        v(f"s3.{r}.total") for r in ("new_received", "carried_over", "r_total", "carry_forward")
    ] == [44, 2, 43, 3]
    assert [
        v(f"s4.{g}.total") for g in ("review", "litigation_direct", "litigation_after_review")
    ] == [4, 2, 0]
