"""The six section headings (一 … 六) of a report and the spans between them.

A heading is its text after any Chinese numeral and 、 (reports renumber their parts: 上海市科委 2024
prints “一、主动公开政府信息情况”). A numeral is required, so the preamble's list of parts
(“本报告包括总体情况、主动公开政府信息情况…”) is not taken for headings. Table rows that start like
headings (“二、上年结转…”, “四、结转下年度继续办理”) never match a heading's text.

Which occurrence is the heading: section 三's is the last one before table 三 (its 勾稽 note or first
row), 二's the last before 三, 一's the last before 二; 四, 五, 六 are the first ones after the previous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ogi.spec import FORMATS
from ogi.text.normalise import fold

from .flat import GAP, Flat, Hit, label_pattern

NUMERALS = "一二三四五六七八九十"
EXPECTED = {"s1": "一", "s2": "二", "s3": "三", "s4": "四", "s5": "五", "s6": "六"}
EXTRA_BODIES = {
    "s4": ("政府信息公开行政法复议、行政诉讼情况", "因政府信息公开申请行政复议、提起行政诉讼情况"),
    "s5": ("政府信息公开工作存在的主要问题及改进措施",),
}
S3_ANCHORS = ("本列数据的勾稽关系", "一、本年新收政府信息公开申请数量")


@dataclass(frozen=True)
class Found:
    key: str
    start: int
    end: int
    numeral: str


def _body(label: str) -> str:
    return re.sub(rf"^[{NUMERALS}]+、", "", label)


def _family(lead: str, words: str, tail: str) -> str:
    """A heading worded freely: ``lead`` (its fixed start), then optionally “及/和/与” and a few more
    characters ending with one of ``tail``'s words (“五、存在的主要问题及明年工作计划”)."""
    rest = rf"(?:[^\s\d。，,：:；;]{GAP}){{0,12}}?"
    ending = "|".join(label_pattern(w).pattern for w in tail.split())
    return rf"{lead}(?:{GAP}[{words}]{GAP}{rest}(?:{ending}))?"


FAMILIES = {  # wordings too varied to list: the start fixed, the end one of a few words
    "s5": _family(
        rf"(?:{label_pattern('政府信息公开').pattern}{GAP}(?:工{GAP}作{GAP})?)?存{GAP}在{GAP}的{GAP}主{GAP}要{GAP}问{GAP}题",
        "及和与、",
        "情况 措施 计划 打算 方向 思路 举措 方法 安排 设想 建议 方案",
    ),
}


def _bodies(key: str) -> str:
    """A heading's texts (after its numbering) as one pattern, longest first, then its family."""
    bodies: dict[str, None] = {}
    for fmt in FORMATS.values():
        h = fmt.heading(key)
        for label in (h.label, *h.variants):
            bodies[fold(_body(label))] = None
    for extra in EXTRA_BODIES.get(key, ()):
        bodies[fold(extra)] = None
    exact = [label_pattern(b).pattern for b in sorted(bodies, key=len, reverse=True)]
    return "|".join(exact + ([FAMILIES[key]] if key in FAMILIES else []))


NUMBERED = rf"(?:(?P<n1>[{NUMERALS}]{{1,2}}){GAP}[、.．,，]|[(（]{GAP}(?P<n2>[{NUMERALS}]{{1,2}}){GAP}[)）])"
_NUMBERING = re.compile(rf"(?=[{NUMERALS}(（]){NUMBERED}")  # the lookahead lets re skip ahead fast


@lru_cache(maxsize=1)
def headings_pattern() -> re.Pattern[str]:
    """Any numbered heading: “二、” or “（二）” then one of the six headings' texts (a named group each)."""
    bodies = "|".join(f"(?P<{key}>{_bodies(key)})" for key in EXPECTED)
    return re.compile(rf"{NUMBERED}{GAP}(?:{bodies})")


def _every(flat: Flat) -> dict[str, list[Found]]:
    """All heading-like places, by section key, in text order. The numberings are found first (a
    simple pattern), the heading's text is tried only there: the same matches, found several times
    faster than by searching the whole heading pattern everywhere."""
    out: dict[str, list[Found]] = {key: [] for key in EXPECTED}
    heading, text, end = headings_pattern(), flat.text, -1
    for number in _NUMBERING.finditer(text):
        at = number.start()
        inner = (at + 1,) if len(number.group("n1") or "") == 2 else ()  # “一二、”: also “二、”
        for pos in (at, *inner):
            m = heading.match(text, pos) if pos >= end else None
            if m:
                key = m.lastgroup or ""
                out[key].append(Found(key, m.start(), m.end(), m.group("n1") or m.group("n2")))
                end = m.end()
                break
    return out



def _last_before(items: list[Found], pos: int | None) -> Found | None:
    if pos is None:
        return items[0] if items else None
    before = [f for f in items if f.start < pos]
    return before[-1] if before else None


def _first_after(items: list[Found], pos: int) -> Found | None:
    return next((f for f in items if f.start >= pos), None)


def find_headings(flat: Flat) -> dict[str, Found]:
    """The headings found, by key (s1 … s6); missing ones are absent."""
    every = _every(flat)
    anchors = [h.start for a in S3_ANCHORS if (h := flat.find(a))]
    found: dict[str, Found] = {}
    s3 = _last_before(every["s3"], min(anchors) if anchors else None)
    _put(found, s3)
    s2 = _last_before(every["s2"], s3.start if s3 else (min(anchors) if anchors else None))
    _put(found, s2)
    _put(found, _last_before(every["s1"], s2.start if s2 else (s3.start if s3 else None)))
    cursor = max([f.end for f in found.values()] + anchors + [0])
    for key in ("s4", "s5", "s6"):
        f = _first_after(every[key], cursor)
        _put(found, f)
        cursor = f.end if f else cursor
    return found


def _put(found: dict[str, Found], item: Found | None) -> None:
    if item is not None:
        found[item.key] = item


def spans(found: dict[str, Found], size: int) -> dict[str, tuple[int, int]]:
    """Each found section's body: from the end of its heading to the next heading (or the end)."""
    ordered = sorted(found.values(), key=lambda f: f.start)
    out: dict[str, tuple[int, int]] = {}
    for i, f in enumerate(ordered):
        out[f.key] = (f.end, ordered[i + 1].start if i + 1 < len(ordered) else size)
    return out


def first_hit(flat: Flat, labels: tuple[str, ...], start: int = 0) -> Hit | None:
    hits = [h for label in labels if (h := flat.find(label, start))]
    return min(hits, key=lambda h: h.start) if hits else None
