"""The 信息处理费 of one application, computed by ``ogi.fees`` (国办函〔2020〕109号) from the register.

按件计收 (第四条) counts the same applicant's applications to this organ in the natural month of this one's
receipt, in the order received (ties by registration order): the k-th pays ``item_rate(k)``. The same
applicant: the same name and, where both records carry one, the same 证件号码 (a record without a number
cannot be told apart from one with, so it counts). 按量计收 (第五条) charges the pages provided.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from ogi import fees
from ogi.web.lib.checks import MAX_PAGES, bounded, refuse

from .choices import FeeMethod
from .models import Application


@dataclass(frozen=True)
class Quote:
    method: str
    pages: int | None
    amount: int  # 元
    lines: list[str]


def quote(app: Application, method: str, pages: int | None = None) -> Quote:
    if method == FeeMethod.PER_ITEM:
        k, month = ordinal_in_month(app)
        lines = [*fees.explain_item(k), f"（{month.year}年{month.month}月本机关收到该申请人的第{k}件申请，即本件）"]
        return Quote(method, None, fees.item_rate(k), lines)
    if method == FeeMethod.PER_PAGE:
        n = bounded("pages", pages, "页数", 1, MAX_PAGES)
        return Quote(method, n, fees.per_page(n), fees.explain_pages(n))
    refuse("method", "请选择按件计收或按量计收（109号第三条，二者择一）")
    raise AssertionError  # unreachable: refuse raises


def same_applicant(app: Application) -> Q:
    q = Q(organ=app.organ_id, applicant_name=app.applicant_name)
    if app.applicant_id_number:
        q &= Q(applicant_id_number=app.applicant_id_number) | Q(applicant_id_number="")
    return q


def ordinal_in_month(app: Application) -> tuple[int, date]:
    """Which of the applicant's applications this is in its natural month (1-based), and the month."""
    month = app.received_on.replace(day=1)
    earlier = Q(received_on__lt=app.received_on) | Q(received_on=app.received_on, pk__lte=app.pk)
    k = Application.objects.filter(same_applicant(app), earlier, received_on__gte=month).count()
    return k, month
