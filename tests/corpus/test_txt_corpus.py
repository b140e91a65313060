"""Every .txt/.md report of the real corpus parses to the numbers a person reads in it.

The expected tables below were read by hand from the files in ``../shared/corpus/real`` (for the
平潭 digit runs: the raw run is quoted next to its reading; every reading is the only one that
satisfies the row's own sum, or — 2021 （一）予以公开 — the column sums). Rows are in table order:
一 新收, 二 结转, （一）, （二）, （三）1–8, （四）1–3, （五）1–5, （六) [1–3], （七）总计, 四 结转下年度.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ogi.parse import parse
from tests.shared import REAL

Z = [0] * 7


def one(n: int, total: int | None = None) -> list[int]:
    """A row with only 自然人 = n (and 总计 = n)."""
    return [n, 0, 0, 0, 0, 0, n if total is None else total]


S3 = {
    "2019_pingtan.txt": [
        [23, 0, 0, 0, 0, 0, 23],  # 230 000023
        Z, one(7), one(1), Z, Z, Z, Z, Z, Z, Z, Z,
        one(7), Z, one(5),
        Z, one(3), Z, Z, Z,
        Z,  # （六）其他处理 0 0 0 0 0 00
        [23, 0, 0, 0, 0, 0, 23],  # 23 0 00 0 023
        Z,
    ],
    "2020_pingtan.txt": [
        [20, 0, 0, 0, 0, 1, 21],  # 200 000121
        Z, [6, 0, 0, 0, 0, 1, 7], one(6), Z, Z, Z, Z, Z, Z, Z, Z,
        one(4), Z, one(3),
        Z, one(3), Z, Z, Z,
        one(4),  # 4 0 0 0 0 0 4
        [20, 0, 0, 0, 0, 1, 21],  # 20 0 00 0 121
        Z,
    ],
    "2021_pingtan.txt": [
        [64, 0, 0, 2, 0, 4, 70],  # 640020470
        Z,
        [27, 0, 0, 2, 0, 1, 30],  # 270020130: 2|7|0|0|20|1|30 also fits R3-3; the columns decide
        one(5),  # 500000 5
        Z, Z, Z, Z, one(1), Z, one(6), one(1),
        [22, 0, 0, 0, 0, 3, 25], Z, Z,  # 220000325
        Z, Z, Z, Z, Z,
        Z, Z, one(1),
        [63, 0, 0, 2, 0, 4, 69],  # 630020469
        one(1),
    ],
    "2022_pingtan.txt": [
        [71, 3, 0, 0, 0, 0, 74], one(1), one(21), [8, 1, 0, 0, 0, 0, 9],
        Z, Z, Z, Z, one(1), one(2), one(1), Z,
        one(37), Z, Z,
        Z, Z, Z, Z, Z,
        one(2), Z, [0, 2, 0, 0, 0, 0, 2],
        [72, 3, 0, 0, 0, 0, 75], Z,
    ],
    "2023_pingtan.txt": [
        [80, 1, 0, 0, 0, 0, 81], Z, one(22), [19, 1, 0, 0, 0, 0, 20],
        Z, Z, Z, one(1), Z, one(1), one(1), one(2),
        one(31), Z, Z,
        Z, one(1), Z, Z, Z,
        one(1), Z, one(1),
        [80, 1, 0, 0, 0, 0, 81], Z,
    ],
    "2024_pingtan.txt": [
        [217, 1, 0, 0, 0, 0, 218], Z, one(71), one(29),
        one(4), Z, Z, one(3), one(32), Z, Z, Z,
        one(75), Z, Z,
        Z, one(1), Z, Z, Z,
        one(1), Z, [1, 1, 0, 0, 0, 0, 2],
        [217, 1, 0, 0, 0, 0, 218], Z,
    ],
    "2025_pingtan.txt": [
        [151, 3, 0, 0, 0, 0, 154], Z, one(33), one(38),
        Z, Z, Z, Z, one(3), one(2), one(3), one(3),
        [49, 1, 0, 0, 0, 0, 50], one(3), Z,  # 491000050 then the label 2.没有现成…
        one(2), Z, Z, Z, Z,
        one(8), one(2), one(1),
        [147, 1, 0, 0, 0, 0, 148], [4, 2, 0, 0, 0, 0, 6],
    ],
    "2025_shuyang_xian.txt": [
        [705, 3, 0, 0, 5, 0, 713], one(36), [290, 1, 0, 0, 3, 0, 294], [99, 0, 0, 0, 2, 0, 101],
        Z, Z, one(2), one(2), one(13), one(2), one(4), one(9),
        one(111), one(2), Z,
        one(12), [6, 1, 0, 0, 0, 0, 7], Z, Z, Z,
        one(9), one(7), [142, 1, 0, 0, 0, 0, 143],
        [710, 3, 0, 0, 5, 0, 718], one(31),
    ],
    "2024_shanghai_kewei.md": [
        [32, 2, 0, 0, 0, 0, 34], one(2), one(9), Z,
        Z, Z, Z, Z, one(1), one(1), Z, Z,
        one(4), one(6), Z,
        Z, Z, Z, Z, Z,
        [8, 2, 0, 0, 0, 0, 10], Z, one(4),
        [33, 2, 0, 0, 0, 0, 35],
        [1, 0, 0, 0, 0, 0, 0],  # 四、结转: the extraction left 总计 empty
    ],
    "2025_shanghai_bgt.md": [
        [1259, 36, 0, 0, 0, 0, 1295], [170, 15, 0, 0, 4, 0, 189], [201, 5, 0, 0, 0, 0, 206], one(2),
        one(4), Z, one(1), Z, [8, 0, 0, 0, 1, 0, 9], one(1), Z, one(5),
        [484, 28, 0, 0, 1, 0, 513], [47, 1, 0, 0, 0, 0, 48], one(3),
        [61, 1, 0, 0, 0, 0, 62], one(16), one(1), one(1), Z,
        [40, 1, 0, 0, 2, 0, 43], Z, [264, 12, 0, 0, 0, 0, 276],
        [1139, 48, 0, 0, 4, 0, 1191], [290, 3, 0, 0, 0, 0, 293],
    ],
}  # fmt: skip

S4 = {
    "2019_pingtan.txt": [0] * 15,
    "2020_pingtan.txt": [0] * 15,
    "2021_pingtan.txt": [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0],  # 10203120001200000
    "2022_pingtan.txt": [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0],
    "2023_pingtan.txt": [1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2],  # 110024001510102
    "2024_pingtan.txt": [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19],  # 21317000001324019
    "2025_pingtan.txt": [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3],  # 25380363300630003
    "2025_shuyang_xian.txt": [27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10],
    "2024_shanghai_kewei.md": [1, 0, 0, 0, 1] + [0] * 10,
    "2025_shanghai_bgt.md": [40, 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22],
}

# Section 二 cells that the text fixes (glued 2021 single-value rows, spaced or tabled rows).
S2 = {
    "2019_pingtan.txt": {"art20_1.regulations": [0, 0, 0]},  # 规章000
    "2020_pingtan.txt": {"art20_1.regulations": [0, 0, 7], "art20_8.admin_fees": [35, -15]},  # 007, 35-15
    "2021_pingtan.txt": {
        "art20_1.regulations": [0, 0, 0], "art20_5.admin_licensing": [2293], "art20_6.admin_penalty": [1282],
        "art20_6.admin_coercion": [42], "art20_8.admin_fees": [Decimal("24252.311082")],
    },
    "2022_pingtan.txt": {
        "art20_1.regulations": [0, 0, 0], "art20_5.admin_licensing": [10690], "art20_6.admin_penalty": [2113],
        "art20_6.admin_coercion": [0], "art20_8.admin_fees": [Decimal("9116.36")],
    },
    "2023_pingtan.txt": {
        "art20_5.admin_licensing": [2629], "art20_6.admin_penalty": [1330], "art20_6.admin_coercion": [54],
        "art20_8.admin_fees": [Decimal("5949.088667")],
    },
    "2024_pingtan.txt": {
        "art20_5.admin_licensing": [4529], "art20_6.admin_penalty": [1100], "art20_6.admin_coercion": [65],
        "art20_8.admin_fees": [Decimal("18651.06")],
    },
    "2025_pingtan.txt": {
        "art20_5.admin_licensing": [2418], "art20_6.admin_penalty": [644], "art20_6.admin_coercion": [64],
        "art20_8.admin_fees": [Decimal("4166.241619")],
    },
    "2025_shuyang_xian.txt": {
        "art20_1.regulations": [0, 0, 0], "art20_1.normative_documents": [6, 1, 32],
        "art20_5.admin_licensing": [517645], "art20_6.admin_penalty": [693957], "art20_6.admin_coercion": [2154],
        "art20_8.admin_fees": [Decimal("4068.208")],
    },
    "2024_shanghai_kewei.md": {
        "art20_1.regulations": [0, 0, 0], "art20_1.normative_documents": [13, 0, 55],
        "art20_5.admin_licensing": [97], "art20_6.admin_penalty": [0], "art20_6.admin_coercion": [0],
        "art20_8.admin_fees": [0],
    },
    "2025_shanghai_bgt.md": {
        "art20_5.admin_licensing": [0], "art20_6.admin_penalty": [0], "art20_6.admin_coercion": [0],
        "art20_8.admin_fees": [0],
    },
}  # fmt: skip

IDENTITY = {
    "2019_pingtan.txt": ("2019", 2019, "平潭综合实验区"),
    "2020_pingtan.txt": ("2019", 2020, "平潭综合实验区"),
    "2021_pingtan.txt": ("2021", 2021, "平潭综合实验区"),
    "2022_pingtan.txt": ("2021", 2022, "平潭综合实验区"),
    "2023_pingtan.txt": ("2021", 2023, "平潭综合实验区"),
    "2024_pingtan.txt": ("2021", 2024, "平潭综合实验区"),
    "2025_pingtan.txt": ("2021", 2025, "平潭综合实验区"),
    "2025_shuyang_xian.txt": ("2021", 2025, "沐阳县人民政府"),  # as printed (OCR of 沭阳)
    "2024_shanghai_kewei.md": ("2021", 2024, "上海市科委"),
    "2025_shanghai_bgt.md": ("2021", 2025, "上海市人民政府办公厅"),
}


@pytest.fixture(scope="module")
def reports():
    return {name: parse(REAL / name) for name in IDENTITY}


@pytest.mark.parametrize("name", sorted(IDENTITY))
def test_it_reads_format_year_and_organ(reports, name):
    r = reports[name]
    assert (r.format, r.year, r.organ) == IDENTITY[name]


@pytest.mark.parametrize("name", sorted(S3))
def test_it_reads_table_3_as_printed(reports, name):
    r = reports[name]
    columns = [c.key for c in r.spec.s3_columns]
    got = [[r.sections.s3.get(row.key, {}).get(c) for c in columns] for row in r.spec.s3_rows]
    assert got == S3[name]


@pytest.mark.parametrize("name", sorted(S4))
def test_it_reads_table_4_as_printed(reports, name):
    r = reports[name]
    assert [r.value(p) for p in r.spec.s4_paths()] == S4[name]
    assert all(r.has(p) for p in r.spec.s4_paths())


@pytest.mark.parametrize("name", sorted(S2))
def test_it_reads_the_certain_cells_of_table_2(reports, name):
    r = reports[name]
    for row, values in S2[name].items():
        block, key = row.split(".")
        columns = [c.key for c in r.spec.block(block).columns]
        assert [r.value(f"s2.{row}.{c}") for c in columns] == values, row


@pytest.mark.parametrize(
    ("name", "row"),
    [
        ("2021_pingtan.txt", "art20_1.normative_documents"),  # 693665
        ("2022_pingtan.txt", "art20_1.normative_documents"),  # 8855698
        ("2023_pingtan.txt", "art20_1.normative_documents"),  # 77132470
        ("2020_pingtan.txt", "art20_1.normative_documents"),  # 7777166
        ("2019_pingtan.txt", "art20_8.admin_fees"),  # 350: 3|50 or 35|0
    ],
)
def test_it_leaves_ambiguous_glued_cells_absent_and_says_so(reports, name, row):
    r = reports[name]
    block = row.split(".")[0]
    paths = [f"s2.{row}.{c.key}" for c in r.spec.block(block).columns]
    assert not any(r.has(p) for p in paths)
    assert any(
        d.code == "S-ambiguous-split" and r.spec.block(block).label in d.message
        for d in r.diagnostics
    )


def test_it_keeps_the_cell_all_splits_agree_on(reports):
    r = reports[
        "2020_pingtan.txt"
    ]  # 行政处罚 2648-18538: 2648 | -1…/-18…/-185…/-1853… — 上一年 is certain
    assert r.value("s2.art20_6.admin_penalty.prev_year_items") == 2648
    assert not r.has("s2.art20_6.admin_penalty.change")


def test_it_marks_the_empty_total_of_the_kewei_carry_forward_row_as_blank(reports):
    r = reports["2024_shanghai_kewei.md"]
    assert r.semantic("s3.carry_forward.total") == "blank"
    assert any(d.code == "S-positional-rows" for d in r.diagnostics)


def test_it_reports_the_shanghai_2025_rows_with_two_of_three_values(reports):
    r = reports["2025_shanghai_bgt.md"]
    assert not r.has("s2.art20_1.regulations.issued")
    messages = [d.message for d in r.diagnostics if d.code == "S-row-values"]
    assert any("规章" in m for m in messages) and any("行政规范性文件" in m for m in messages)


def test_it_keeps_the_narrative_sections(reports):
    r = reports["2021_pingtan.txt"]
    assert r.sections.s6_text.startswith("2021年，无收取信息处理费情况。")
    assert r.sections.s5_text.startswith("（一）存在的主要问题")
    assert r.sections.s1_text.startswith("2021年")


def test_it_says_when_a_section_heading_is_missing(reports):
    r = reports["2025_shanghai_bgt.md"]  # has no “五、…” heading
    assert [d.code for d in r.diagnostics].count("S-missing-section") == 1


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        (
            "2025_shanghai_bgt.md",
            "（一）2024 年工作中存在问题的改进情况",
            "应企业群众信息公开需求的能力尚需进一步提高。",
        ),
        (
            "2024_shanghai_kewei.md",
            "（一）主要问题",
            "调整工作和政务公开专栏改版工作正在有序进行中。",
        ),
    ],
)
def test_it_takes_the_text_after_table_4_as_an_untitled_section_5(reports, name, start, end):
    r = reports[name]
    assert r.sections.s5_text.startswith(start) and r.sections.s5_text.endswith(end)
    assert any(d.code == "S-untitled-section" for d in r.diagnostics)


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("2013_pingtan_xian.txt", 2013),
        ("2013_pingtan_dishuiju.txt", 2013),
        ("2017_pingtan.txt", 2017),
        ("2018_pingtan.txt", 2018),
    ],
)
def test_it_recognises_pre_2019_reports(name, year):
    r = parse(REAL / name)
    assert (r.format, r.year) == ("pre2019", year)
    assert [d.code for d in r.diagnostics] == ["S-pre2019"]
    assert r.sections.s3 == {}
