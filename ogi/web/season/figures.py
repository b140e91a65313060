"""The board's key figures of a report, defined once (stored on the submission at submit time)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ogi.model import Report

APPEAL_GROUPS = ("review", "litigation_direct", "litigation_after_review")

# figure → (title on the board, cell path or None when not a single cell)
FIGURES = {
    "new_received": ("本年新收", "s3.new_received.total"),
    "carried_over": ("上年结转", "s3.carried_over.total"),
    "disclosed": ("予以公开", "s3.r_open.total"),
    "appeals_corrected": ("复议诉讼纠正", None),
    "appeals_concluded": ("复议诉讼审结", None),
}


def _int(report: Report, path: str) -> int | None:
    return int(report.value(path)) if report.has(path) else None


def key_figures(report: Report) -> dict[str, int | None]:
    """新收、结转、予以公开 (section 三 总计 column) and, over 行政复议 and both 行政诉讼 groups of
    section 四, the 结果纠正 count and the concluded count (维持 + 纠正 + 其他): 纠错率 = corrected ÷
    concluded. A figure whose cells the report does not have is None (never 0)."""
    out = {k: _int(report, p) for k, (_, p) in FIGURES.items() if p}
    corrected = concluded = 0
    for g in APPEAL_GROUPS:
        parts = [_int(report, f"s4.{g}.{c}") for c in ("upheld", "corrected", "other")]
        if any(v is None for v in parts):
            corrected = concluded = None  # type: ignore[assignment]
            break
        corrected += parts[1]
        concluded += sum(parts)
    out["appeals_corrected"], out["appeals_concluded"] = corrected, concluded
    return out


def numeric_cells(report: Report) -> dict[str, Decimal]:
    """Every numeric cell the report has (sections 二, 三, 四), as Decimal, by path."""
    return {p: Decimal(str(v)) for p, v in report.cells().items()}


def rate_text(corrected: Any, concluded: Any) -> str:
    """纠错率 as shown: one decimal percent, “—” when nothing was concluded."""
    if not concluded:
        return "—"
    return f"{Decimal(corrected or 0) * 100 / Decimal(concluded):.1f}%"
