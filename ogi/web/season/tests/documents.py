"""Report documents made by hand for the season's tests (and the portal's): every figure written here,
so each test knows what the checker must say."""

from __future__ import annotations

from ogi.model import blank_report, set_value

TEXTS = {
    "s1_text": "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息。",
    "s5_text": "存在的主要问题是公开内容不够全面，下一步将加强培训。",
    "s6_text": "本年度未收取信息处理费。",
}


def good_document(organ: str, year: int = 2024, new: int = 5, *, fmt: str = "2021") -> dict:
    """A report that passes every rule: ``new`` applications of natural persons received, all disclosed
    (一 = （一）予以公开 = （七）总计 = new; nothing carried over or forward), no appeals."""
    report = blank_report(fmt, year=year, organ=organ)
    for key, text in TEXTS.items():
        setattr(report.sections, key, text)
    for row in ("new_received", "r_open", "r_total"):
        set_value(report, f"s3.{row}.natural_person", new)
        set_value(report, f"s3.{row}.total", new)
    return report.to_dict()


def r3_1_document(organ: str, year: int = 2024) -> dict:
    """``good_document`` with one application carried over from last year that is neither handled nor
    carried forward: 一 + 二 = 5 + 1 = 6 but （七）总计 + 四 = 5 + 0 = 5 — R3-1 fails in the 自然人 and the
    总计 columns (every row still adds up across, so R3-3 holds)."""
    doc = good_document(organ, year)
    doc["sections"]["s3"]["carried_over"]["natural_person"] = 1
    doc["sections"]["s3"]["carried_over"]["total"] = 1
    return doc
