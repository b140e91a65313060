"""What the report needs beyond the registers: section 二 counts and the texts of 一, 五, 六."""

from __future__ import annotations

from django.db import models

from ogi.web.organs.models import Organ


class ProactiveCount(models.Model):
    """One section 二 cell (``s2.<block>.<row>.<col>``) of an organ's year, either format."""

    organ = models.ForeignKey(Organ, on_delete=models.CASCADE, related_name="proactive_counts")
    year = models.PositiveSmallIntegerField("年度")
    path = models.CharField("单元格", max_length=80)
    value = models.DecimalField("数值", max_digits=16, decimal_places=4)

    class Meta:
        verbose_name = "主动公开数据"
        verbose_name_plural = "主动公开数据"
        constraints = [
            models.UniqueConstraint(fields=["organ", "year", "path"], name="proactive_unique_cell"),
        ]


class ReportText(models.Model):
    """The narrative sections 一, 五, 六 of an organ's report for a year."""

    class Section(models.TextChoices):
        S1 = "s1", "一、总体情况"
        S5 = "s5", "五、存在的主要问题及改进情况"
        S6 = "s6", "六、其他需要报告的事项"

    organ = models.ForeignKey(Organ, on_delete=models.CASCADE, related_name="report_texts")
    year = models.PositiveSmallIntegerField("年度")
    section = models.CharField("部分", max_length=4, choices=Section.choices)
    text = models.TextField("内容", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "报告文字"
        verbose_name_plural = "报告文字"
        constraints = [
            models.UniqueConstraint(fields=["organ", "year", "section"], name="report_text_unique"),
        ]
