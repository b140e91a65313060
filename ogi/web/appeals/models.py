"""Appeals (行政复议, 行政诉讼) arising from disclosure work: section 四 of the report."""

from __future__ import annotations

from django.db import models

from ogi.web.applications.models import Application
from ogi.web.organs.models import Organ

from .choices import AppealKind, AppealResult


class Appeal(models.Model):
    """行政复议 or 行政诉讼 arising from disclosure work (section 四)."""

    organ = models.ForeignKey(Organ, verbose_name="被申请/被告机关", on_delete=models.PROTECT, related_name="appeals")
    application = models.ForeignKey(
        Application, verbose_name="相关申请", null=True, blank=True, on_delete=models.PROTECT, related_name="appeals",
    )
    kind = models.CharField("类别", max_length=24, choices=AppealKind.choices)
    case_number = models.CharField("案号", max_length=100, blank=True)
    body = models.CharField("复议机关/法院", max_length=200, blank=True)
    filed_on = models.DateField("申请/起诉日期")
    result = models.CharField("结果", max_length=12, choices=AppealResult.choices, default=AppealResult.PENDING)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "行政复议/诉讼"
        verbose_name_plural = "行政复议/诉讼"
        ordering = ["-filed_on", "-id"]
        indexes = [models.Index(fields=["organ", "filed_on"], name="appeal_organ_filed")]
