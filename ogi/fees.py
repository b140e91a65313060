"""信息处理费 — 国办函〔2020〕109号《政府信息公开信息处理费管理办法》 (annual-report.md §8.1).

Two methods, each 超额累进 (progressive: every tier charges only the part that falls in it); for one application
the organ uses one method, never both (第三条).

* 按件计收 (第四条): by the applicant's cumulative number of applications in one calendar month —
  1–10 free; 11–30 at 100 元/件; from 31 on, bands of 10 applications, each band 100 元/件 dearer than the one
  before (31–40: 200, 41–50: 300, …; the band reading is [I] in the spec).
* 按量计收 (第五条): by pages — 1–30 free; 31–100 at 10 元/页; 101–200 at 20 元/页; from 201 on 40 元/页.

Amounts are whole 元 (int).
"""

from __future__ import annotations

from ogi.errors import UsageError

#: 按量计收 tiers: (last page of the tier or None for open-ended, 元 per page), in order.
PAGE_TIERS: tuple[tuple[int | None, int], ...] = ((30, 0), (100, 10), (200, 20), (None, 40))

ITEMS_FREE = 10  # 含10件
ITEMS_FIRST_PAID_TO = 30  # 11–30 (含30件)
ITEM_BASE_RATE = 100  # 元/件 for 11–30
ITEM_BAND = 10  # from 31 on, bands of 10 applications
ITEM_STEP = 100  # each band 100 元/件 dearer


def _check_count(n: int, what: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise UsageError(f"{what}应为不小于 0 的整数，不能为「{n}」")


def item_rate(k: int) -> int:
    """The fee (元) for the ``k``-th application of the month on its own (1-based)."""
    _check_count(k, "申请件序号")
    if k <= ITEMS_FREE:
        return 0
    if k <= ITEMS_FIRST_PAID_TO:
        return ITEM_BASE_RATE
    band = (k - ITEMS_FIRST_PAID_TO - 1) // ITEM_BAND + 1
    return ITEM_BASE_RATE + ITEM_STEP * band


def per_item(n: int) -> int:
    """按件计收: the fee (元) for ``n`` applications cumulated in one calendar month (第四条)."""
    _check_count(n, "当月累计申请件数")
    return sum(item_rate(k) for k in range(ITEMS_FREE + 1, n + 1))


def per_page(pages: int) -> int:
    """按量计收: the fee (元) for ``pages`` pages (第五条)."""
    _check_count(pages, "页数")
    fee, floor = 0, 0
    for last, rate in PAGE_TIERS:
        top = pages if last is None else min(pages, last)
        fee += rate * max(0, top - floor)
        if last is None or pages <= last:
            break
        floor = last
    return fee


def explain_item(k: int) -> list[str]:
    """The working of 按件计收 for the applicant's ``k``-th application of the month, in Chinese."""
    rate = item_rate(k)
    if k <= ITEMS_FREE:
        tier = f"当月第1–{ITEMS_FREE}件免费"
    elif k <= ITEMS_FIRST_PAID_TO:
        tier = f"当月第{ITEMS_FREE + 1}–{ITEMS_FIRST_PAID_TO}件每件{ITEM_BASE_RATE}元"
    else:
        band = (k - ITEMS_FIRST_PAID_TO - 1) // ITEM_BAND
        lo = ITEMS_FIRST_PAID_TO + 1 + band * ITEM_BAND
        tier = f"当月第{lo}–{lo + ITEM_BAND - 1}件每件{rate}元"
    return [
        f"按件计收（109号第四条）：同一申请人本自然月累计第{k}件申请",
        f"{tier}，本件收费{rate}元",
    ]


def explain_pages(pages: int) -> list[str]:
    """The working of 按量计收 for ``pages`` pages, tier by tier, in Chinese."""
    lines, floor = [f"按量计收（109号第五条）：共{pages}页"], 0
    for last, rate in PAGE_TIERS:
        top = pages if last is None else min(pages, last)
        if top > floor:
            span = f"第{floor + 1}–{top}页"
            n = top - floor
            lines.append(f"{span}免费" if rate == 0 else f"{span}：{n}页×{rate}元={n * rate}元")
        if last is None or pages <= last:
            break
        floor = last
    lines.append(f"合计{per_page(pages)}元")
    return lines


def item_fee_for(previous: int, count: int = 1) -> int:
    """The fee (元) for ``count`` new applications when the applicant already filed ``previous`` this month."""
    _check_count(previous, "当月此前申请件数")
    _check_count(count, "本次申请件数")
    return per_item(previous + count) - per_item(previous)
