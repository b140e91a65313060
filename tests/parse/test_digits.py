"""Splitting glued digit runs (平潭 crawler text) into cells."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ogi.parse.digits import row_splits, sum_splits


def test_it_cuts_each_space_separated_chunk_into_cells():
    # （七）总计 of 平潭 2020: “20 0 00 0 121” → 20|0|0|0|0|1|21, the only split with 总计 = the six columns
    assert sum_splits(["20", "0", "00", "0", "121"], 7, 7) == [
        ("20", "0", "0", "0", "0", "1", "21")
    ]


def test_it_never_reads_a_leading_zero():
    assert list(row_splits(["007"], 3)) == [("0", "0", "7")]
    assert list(row_splits(["000"], 3)) == [("0", "0", "0")]


def test_it_returns_every_split_that_fits_the_row_sum():
    # 平潭 2021 （一）予以公开 “270020130”: two readings satisfy R3-3
    assert sorted(sum_splits(["270020130"], 7, 7)) == sorted(
        [("27", "0", "0", "2", "0", "1", "30"), ("2", "7", "0", "0", "20", "1", "30")]
    )


def test_it_splits_table_4_by_group_totals():
    # 平潭 2021 table 四 “10203120001200000” = 1|0|2|0|3 | 12|0|0|0|12 | 0|0|0|0|0
    assert sum_splits(["10203120001200000"], 15, 5) == [
        ("1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0")
    ]


def test_it_keeps_a_minus_sign_on_the_cell_it_opens():
    # 平潭 2020 行政事业性收费 “35-15”: the tokenizer gives 35 and -15
    assert list(row_splits(["35", "-15"], 2)) == [("35", "-15")]


def test_it_keeps_the_decimal_part_on_the_last_cell_of_a_chunk():
    assert ("1357", "5394432.52元") in list(row_splits(["13575394432.52元"], 2))


def test_it_finds_no_split_when_the_digits_are_too_few():
    assert sum_splits(["33"], 7, 7) == []
    assert list(row_splits(["12", "3"], 7)) == []


def test_it_finds_no_split_when_no_reading_adds_up():
    assert sum_splits(["1234567"], 7, 7) == []


@given(
    st.text(alphabet="00001234567890", min_size=7, max_size=12),
    st.sets(st.integers(1, 11), max_size=3),
)
def test_it_finds_exactly_the_splits_a_brute_force_search_finds(digits, cuts):
    cuts = sorted(c for c in cuts if c < len(digits))
    chunks = [digits[i:j] for i, j in zip([0, *cuts], [*cuts, len(digits)], strict=True)]
    brute = [c for c in row_splits(chunks, 7) if sum(map(int, c[:-1])) == int(c[-1])]
    assert sorted(sum_splits(chunks, 7, 7)) == sorted(brute)
