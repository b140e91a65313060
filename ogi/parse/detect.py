"""What a document is: its title (organ, year), statistics period, format (one of ``ogi.spec.FORMATS``, or pre2019).

``annual-report.md`` §2.2 (title), §10.2 (format signals), §9.3 (pre-2019 reports).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ogi.spec import FORMATS, format_for_year

from .flat import label_pattern

_SQUEEZE = str.maketrans(
    {
        **dict.fromkeys(" \t\r\u3000\xa0\u200b\ufeff“”\"「」『』‘’'#*|"),
        "（": "(",
        "）": ")",
        "：": ":",
        "，": ",",
        "／": "/",
    }
)
_YEAR = r"((?:19|20)\d{2})"
_TAIL = r"年度?(?:政府)?信息公开(?:工作)?(?:年度)?报告"
_ORGAN = r"([^\s。,;:!?()《》、]{2,40}?)"
_TITLES = (
    re.compile(rf"^{_YEAR}{_TAIL[:3]}{_ORGAN}(?:政府)?信息公开(?:工作)?(?:年度)?报告"),
    re.compile(rf"^{_ORGAN}{_YEAR}{_TAIL}"),
    re.compile(rf"^{_ORGAN}(?:政府)?信息公开(?:工作)?{_YEAR}年度?报告"),
)
_TITLE_LEAD = re.compile(r"(?:关于|发布|公布|印发)+$")  # “…管理局关于2023年度…报告”: the sentence's start
_LEAD = re.compile(r"^(?:标题:|正文|当前位置:.*?年报)")
_PERIOD = re.compile(
    r"统计\s*(?:期限|周期|时限|区间|时间)[^。]{0,20}?(\d{4})\s*年\s*0?1\s*月\s*0?1\s*日"
)
POST2019_ANCHORS = (
    "第二十条第(一)项",
    "本列数据的勾稽关系",
    "本年度办理结果",
    "结转下年度继续办理",
    "未经复议直接起诉",
)
_PLAIN_ANCHORS = tuple(a for a in POST2019_ANCHORS if "(" not in a)  # printed as is: a substring test first
PRE2019_MARKERS = (
    "统计指标", "政府信息公开情况统计表", "申请答复数", "同意公开答复数", "不同意公开答复数",
    "维持具体行政行为数", "被依法纠错数", "举报投诉数量", "收费及减免", "依申请公开信息收取的费用",
    "国务院令第492号",
)  # fmt: skip


def squeeze(text: str) -> str:
    """Text without spaces or quotes, brackets and colons half-width: for finding signals."""
    return text.translate(_SQUEEZE)


@dataclass(frozen=True)
class Title:
    organ: str
    year: int | None
    text: str


def find_title(lines: list[str]) -> Title | None:
    """The title among the first lines (it may wrap over two lines; organ before or after the year)."""
    heads = (_LEAD.sub("", squeeze(_strip_md(x[:200]))) for x in lines[:40])
    heads = (h for h in heads if h)
    line = next(heads, None)
    for _ in range(20):  # lazily: the title is nearly always among the first lines
        if line is None:
            return None
        following = next(heads, None)
        for text in (line, line + (following or "")):
            title = _match_title(text)
            if title:
                return title
        line = following
    return None


def _strip_md(line: str) -> str:
    return line.lstrip("#> ").strip()


def _match_title(text: str) -> Title | None:
    for n, pattern in enumerate(_TITLES):
        m = pattern.match(text)
        if not m:
            continue
        year, organ = (m.group(1), m.group(2)) if n == 0 else (m.group(2), m.group(1))
        if organ.startswith(("关于", "根据")) or "年" in organ[-1:]:
            continue
        return Title(_TITLE_LEAD.sub("", organ), int(year), m.group(0))
    return None


def period_year(text: str) -> int | None:
    """The year of the statistics period (“统计期限自2020年1月1日起…”)."""
    m = _PERIOD.search(text)
    return int(m.group(1)) if m else None


@lru_cache(maxsize=16)
def any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern finding any of the words (width- and space-tolerant, see ``label_pattern``)."""
    return re.compile("|".join(f"({label_pattern(w).pattern})" for w in words))


def signals(text: str, start: int = 0, end: int | None = None) -> dict[str, frozenset[str]]:
    """The signal words of each format that the text contains (``annual-report.md`` §10.2)."""
    stop = len(text) if end is None else end
    out: dict[str, frozenset[str]] = {}
    for name, fmt in FORMATS.items():
        hits = any_of(fmt.signals).finditer(text, start, stop)
        out[name] = frozenset(fmt.signals[m.lastindex - 1] for m in hits if m.lastindex)
    return out


def is_pre2019(text: str, year: int | None) -> bool:
    """``annual-report.md`` §9.3."""
    if year is not None and year <= 2018:
        return True
    if any(anchor in text for anchor in _PLAIN_ANCHORS) or any_of(POST2019_ANCHORS).search(text):
        return False
    return any_of(PRE2019_MARKERS).search(text) is not None


def choose_format(found: dict[str, frozenset[str]], year: int | None) -> tuple[str, bool]:
    """(format, whether the signals conflict). The format with most of its signals found wins (ties:
    the one whose signals are found most completely, then the format of the year); they conflict when
    a word found is not one of the winner's signals. Without signals, the format of the year."""
    seen = [name for name, words in found.items() if words]
    if not seen:
        return (format_for_year(year).name, False) if year is not None else ("unknown", False)
    by_year = format_for_year(year).name if year is not None else None

    def score(name: str) -> tuple[int, float, bool]:
        return len(found[name]), len(found[name]) / len(FORMATS[name].signals), name == by_year

    best = max(seen, key=score)
    others = frozenset().union(*(found[n] for n in seen)) - set(FORMATS[best].signals)
    return best, bool(others)


_PUBLISHED = re.compile(
    r"(?:发布时间|发布日期|成文日期|发文日期)\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)


def published_date(text: str) -> str | None:
    """The publication date a page states (“发布时间: 2021-03-05 08:58”), as YYYY-MM-DD."""
    m = _PUBLISHED.search(text)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"
