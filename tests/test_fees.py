"""信息处理费 (国办函〔2020〕109号, annual-report.md §8.1): expected amounts computed by hand."""

from __future__ import annotations

import pytest

from ogi.errors import UsageError
from ogi.fees import item_fee_for, item_rate, per_item, per_page


def test_it_charges_the_spec_example_per_item() -> None:
    # 45 applications in a month: 11–30 → 20 × 100 = 2000; 31–40 → 10 × 200 = 2000; 41–45 → 5 × 300 = 1500.
    assert per_item(45) == 5500


def test_it_charges_the_spec_example_per_page() -> None:
    # 250 pages: 31–100 → 70 × 10 = 700; 101–200 → 100 × 20 = 2000; 201–250 → 50 × 40 = 2000.
    assert per_page(250) == 4700


@pytest.mark.parametrize(
    ("count", "fee"),
    [
        (0, 0),
        (10, 0),  # 含10件 free
        (11, 100),  # 11th at 100
        (30, 2000),  # 20 × 100
        (31, 2200),  # 2000 + 1 × 200
        (40, 4000),  # 2000 + 10 × 200
        (41, 4300),  # 4000 + 1 × 300
        (50, 7000),  # 4000 + 10 × 300
        (51, 7400),  # 7000 + 1 × 400
    ],
)
def test_it_charges_per_item_by_progressive_tiers(count: int, fee: int) -> None:
    assert per_item(count) == fee


@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (0, 0),
        (30, 0),  # 含30页 free
        (31, 10),  # 1 × 10
        (100, 700),  # 70 × 10
        (101, 720),  # 700 + 1 × 20
        (200, 2700),  # 700 + 100 × 20
        (201, 2740),  # 2700 + 1 × 40
    ],
)
def test_it_charges_per_page_by_progressive_tiers(pages: int, fee: int) -> None:
    assert per_page(pages) == fee


def test_it_prices_single_applications_by_their_place_in_the_month() -> None:
    assert [item_rate(k) for k in (1, 10, 11, 30, 31, 40, 41, 50, 51)] == [
        0,
        0,
        100,
        100,
        200,
        200,
        300,
        300,
        400,
    ]


def test_it_charges_new_applications_against_the_running_monthly_count() -> None:
    # Already 29 this month, 3 more: the 30th at 100, the 31st and 32nd at 200 → 500.
    assert item_fee_for(29, 3) == 500
    assert item_fee_for(0, 10) == 0


@pytest.mark.parametrize("bad", [-1, 2.5, "3", True])
def test_it_refuses_counts_that_are_not_whole_numbers(bad: object) -> None:
    with pytest.raises(UsageError):
        per_page(bad)  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        per_item(bad)  # type: ignore[arg-type]


def test_it_shows_the_working_per_page_tier_by_tier() -> None:
    from ogi.fees import explain_pages

    # 250 pages, by hand as above: 700 + 2000 + 2000 = 4700.
    assert explain_pages(250) == [
        "按量计收（109号第五条）：共250页", "第1–30页免费", "第31–100页：70页×10元=700元",
        "第101–200页：100页×20元=2000元", "第201–250页：50页×40元=2000元", "合计4700元",
    ]
    assert explain_pages(30)[-1] == "合计0元"


def test_it_shows_the_working_per_item_with_the_band_of_the_kth_application() -> None:
    from ogi.fees import explain_item

    assert explain_item(10)[1] == "当月第1–10件免费，本件收费0元"
    assert explain_item(11)[1] == "当月第11–30件每件100元，本件收费100元"
    assert explain_item(45)[1] == "当月第41–50件每件300元，本件收费300元"  # the band 41–50 is 300 元/件
