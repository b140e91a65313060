"""The checks every service makes at its edge, and the limits they enforce — each defined once.

Bad input raises Django's ``ValidationError`` keyed by the field it is about, with a Chinese message,
so that a form shows it next to that field.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from ogi.spec import FORMATS

# -- limits (each fact once; forms, services and models read these) -------------------------
MAX_EXTENSION_DAYS = 20  # 条例第三十三条：延长答复期限最长不超过20个工作日
ANSWER_WORKDAYS = 20  # 条例第三十三条：收到申请之日起20个工作日内答复
CONSULTATION_WORKDAYS = 15  # 条例第三十二条、第三十四条：第三方/其他机关15个工作日内提出意见
CORRECTION_NOTICE_WORKDAYS = 7  # 条例第三十条：收到申请之日起7个工作日内一次性告知补正
FEE_PAYMENT_WORKDAYS = 20  # 国办函〔2020〕109号：自收到收费通知之日起20个工作日内缴费
# 条例第三十条 leaves the 补正 period to the organ ("合理的补正期限"); the default is the setting
# OGI_CORRECTION_PERIOD_WORKDAYS; more than a quarter's working days is taken for a typing error.
MAX_CORRECTION_PERIOD_WORKDAYS = 60
MAX_PAGES = 10**6  # 按量计收的页数; a million pages is far beyond any application
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_SEARCH_CHARS = 100  # a register search: a number, a name or words of the content (the server takes 8,190 bytes)
MAX_COUNT = 10**9 - 1  # a report cell holds at most nine digits (件/条/次); larger is a typing error
MAX_AMOUNT = 10**9  # 万元 (section 二 amounts) or 元 (fees)
FEE_DIGITS = 12  # a fee column holds MAX_AMOUNT with two decimals (元.分)
EARLIEST_YEAR = 2008  # 条例 (2007) in force from 2008-05-01
FIRST_REPORT_YEAR = min(f.first_year for f in FORMATS.values())  # the first national format's first year (ogi.spec)


def today() -> date:
    return timezone.localdate()


def bounded(field: str, value: object, label: str, low: int, high: int) -> int:
    """An integer within [low, high] (the form's and the model's bound), else a refusal naming both ends."""
    try:
        n = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        refuse(field, f"{label}应为整数")
    if isinstance(value, bool) or not low <= n <= high:
        refuse(field, f"{label}应在{low}到{high}之间，不能为{value}")
    return n


def refuse(field: str, message: str) -> None:
    raise ValidationError({field: message})


def require_date(field: str, value: date | None, label: str) -> date:
    if not isinstance(value, date):
        refuse(field, f"请填写{label}")
    if value > today():
        refuse(field, f"{label}不能晚于今天（{today().isoformat()}）")
    if value.year < EARLIEST_YEAR:
        refuse(field, f"{label}（{value.isoformat()}）早于{EARLIEST_YEAR}年，请核对")
    return value


def not_before(field: str, value: date, earlier: date | None, label: str, earlier_label: str) -> None:
    if earlier is not None and value < earlier:
        refuse(field, f"{label}（{value.isoformat()}）不能早于{earlier_label}（{earlier.isoformat()}）")


def require_text(field: str, value: str | None, message: str) -> str:
    text = (value or "").strip()
    if not text:
        refuse(field, message)
    return text


def require_choice(field: str, value: str, choices: type, label: str) -> str:
    if value not in choices.values:
        refuse(field, f"{label}「{value}」不是有效选项")
    return value


def as_version(version: object) -> int | None:
    try:
        return int(version)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def require_version(obj, version: object, what: str) -> None:  # noqa: ANN001
    """Optimistic locking: refuse a change made from a stale (or missing) ``version``."""
    if as_version(version) != obj.version:
        refuse(
            "version",
            f"{what}已被他人修改（当前版本 {obj.version}，您看到的是 {version}），请刷新后重试",
        )


def acting_user(user):  # noqa: ANN001, ANN201
    """The user to store on a row, or None for an anonymous or system actor."""
    return user if getattr(user, "is_authenticated", False) else None


def report_years() -> range:
    """The years a report can be built for: the national formats' first year up to next year."""
    return range(FIRST_REPORT_YEAR, today().year + 2)


def require_report_year(year: int) -> int:
    """The year, or Http404 with a Chinese message naming the years that can be reported."""
    from django.http import Http404

    years = report_years()
    if year not in years:
        raise Http404(f"{year}年不在可编制年度报告的年度范围（{years[0]}—{years[-1]}年）内")
    return year
