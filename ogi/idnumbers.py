"""Check digits of the two identifiers an applicant gives (条例第二十九条：身份证明).

* 公民身份号码, GB 11643-1999: 17 digits and a check character. Position i (1–17) weighs 2^(18−i) mod 11
  (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2); the check is (12 − S mod 11) mod 11, written ``X`` for 10.
  Positions 7–14 are the date of birth (YYYYMMDD).
* 统一社会信用代码, GB 32100-2015: 18 characters from ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (31 signs: no I,
  O, Z, S, V). Position i (1–17) weighs 3^(i−1) mod 31 (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28); the
  check is 31 − S mod 31, with 31 written as ``0``. Positions 3–8 are the administrative area code (digits).

Each check returns None for a good identifier, else a Chinese sentence saying what is wrong.
"""

from __future__ import annotations

from datetime import date

ID_WEIGHTS = tuple(2 ** (17 - i) % 11 for i in range(17))
ID_CHECK = "10X98765432"  # S mod 11 → check character
USCC_SIGNS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = tuple(3**i % 31 for i in range(17))


def normalise(value: str) -> str:
    """Upper case, without spaces (people type ``x`` and group digits)."""
    return "".join(value.split()).upper()


def id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def resident_id_problem(value: str, today: date | None = None) -> str | None:
    """What is wrong with a 18-digit 公民身份号码 (GB 11643), or None."""
    v = normalise(value)
    if len(v) != 18:
        return f"公民身份号码应为18位，实为{len(v)}位"
    if not v[:17].isdigit() or not (v[17].isdigit() or v[17] == "X"):
        return "公民身份号码前17位应为数字，最后一位为数字或X"
    try:
        born = date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return f"公民身份号码第7–14位（出生日期{v[6:14]}）不是有效日期"
    if born > (today or date.today()):
        return f"公民身份号码第7–14位（出生日期{v[6:14]}）不合理"
    if id_check_char(v[:17]) != v[17]:
        return "公民身份号码校验码不正确，请核对是否有输错的数字"
    return None


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_SIGNS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_SIGNS[(31 - total % 31) % 31]


def uscc_problem(value: str) -> str | None:
    """What is wrong with a 统一社会信用代码 (GB 32100), or None."""
    v = normalise(value)
    if len(v) != 18:
        return f"统一社会信用代码应为18位，实为{len(v)}位"
    bad = sorted({c for c in v if c not in USCC_SIGNS})
    if bad:
        return f"统一社会信用代码中不能有「{'、'.join(bad)}」（不使用I、O、Z、S、V）"
    if not v[2:8].isdigit():
        return "统一社会信用代码第3–8位（登记管理机关行政区划码）应为数字"
    if uscc_check_char(v[:17]) != v[17]:
        return "统一社会信用代码校验码不正确，请核对是否有输错的字符"
    return None


def mask(value: str) -> str:
    """An identifier with its middle hidden: the first and last four signs of a long one
    (``1101**********002X``), the last two of a short one, nothing of one of four signs or fewer."""
    v = value.strip()
    n = len(v)
    if n <= 4:
        return "*" * n
    if n <= 8:
        return "*" * (n - 2) + v[-2:]
    return v[:4] + "*" * (n - 8) + v[-4:]
