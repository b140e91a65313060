"""Check digits computed by hand from GB 11643-1999 and GB 32100-2015."""

from __future__ import annotations

from datetime import date

import pytest

from ogi.idnumbers import (
    ID_WEIGHTS,
    USCC_WEIGHTS,
    id_check_char,
    mask,
    resident_id_problem,
    uscc_check_char,
    uscc_problem,
)


def test_the_weights_are_the_standards():
    assert ID_WEIGHTS == (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    assert USCC_WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_resident_id_check_by_hand():
    # 11010519491231002X (the standard's example): products 7 9 0 5 0 20 2 9 24 27 7 18 30 5 0 0 4, sum 167;
    # 167 mod 11 = 2 → X.
    assert id_check_char("11010519491231002") == "X"
    assert resident_id_problem("11010519491231002X") is None
    assert resident_id_problem("110105 19491231 002x") is None  # spaces and a small x are typing
    # 440524188001010014: products 28 36 0 25 16 16 2 8 48 0 0 9 0 5 0 0 2, sum 195; 195 mod 11 = 8 → 4.
    assert id_check_char("44052418800101001") == "4"
    assert resident_id_problem("440524188001010014") is None


@pytest.mark.parametrize(("value", "words"), [
    ("110105194912310021", "校验码不正确"),  # the check is X, not 1
    ("440524188001010015", "校验码不正确"),
    ("11010519491331002X", "不是有效日期"),  # month 13
    ("11010520990101002X", "不合理"),  # born in the future
    ("1101051949123100", "应为18位，实为16位"),
    ("11010519491231A02X", "前17位应为数字"),
])
def test_resident_id_refused(value, words):
    problem = resident_id_problem(value, today=date(2026, 12, 1))
    assert problem is not None and words in problem


def test_uscc_check_by_hand():
    # 91350100M000100Y43: values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4; products 9 3 27 135 0 26 0 0 420
    # 0 0 0 8 0 0 900 112, sum 1640; 1640 mod 31 = 28 (31 × 52 = 1612); 31 − 28 = 3.
    assert uscc_check_char("91350100M000100Y4") == "3"
    assert uscc_problem("91350100M000100Y43") is None
    assert uscc_problem("91350100m000100y43") is None


@pytest.mark.parametrize(("value", "words"), [
    ("91350100M000100Y44", "校验码不正确"),
    ("91350100M000100Y4", "应为18位，实为17位"),
    ("91350100MO00100Y43", "不能有「O」"),  # the letter O is not a sign of the code
    ("913501A0M000100Y43", "第3–8位"),
])
def test_uscc_refused(value, words):
    problem = uscc_problem(value)
    assert problem is not None and words in problem


def test_mask():
    assert mask("11010519491231002X") == "1101**********002X"
    assert mask("E12345678") == "E123*5678"
    assert mask("G1234567") == "******67"
    assert mask("1234") == "****"
