"""What the report needs beyond the registers: section 二 counts and the texts of 一, 五, 六."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from ogi.spec import FORMATS
from ogi.web.lib.checks import MAX_AMOUNT, MAX_COUNT
from ogi.web.lib.frozen import FrozenModel
from ogi.web.organs.models import Organ

DECIMAL_PLACES = 4  # 万元 to the 元 (0.0001 万元)


def section2_kinds() -> dict[str, str]:
    """Cell path → kind (count/signed/money) of section 二 in every national format."""
    out: dict[str, str] = {}
    for fmt in FORMATS.values():
        for path in fmt.s2_paths():
            out.setdefault(path, fmt.column_kind(path))
    return out


def proactive_value(path: str, raw: object) -> Decimal | None:
    """A section 二 value as stored, or None for a blank; ValidationError keyed by ``path`` (Chinese)
    for anything a report cell cannot hold. The form, the service and the model all ask this."""
    kind = section2_kinds().get(path)
    if kind is None:
        raise ValidationError({path: f"「{path}」不是第二部分的单元格"})
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({path: f"「{raw}」不是有效数字"}) from None
    problem = _out_of_bounds(value, kind)
    if problem:
        raise ValidationError({path: problem})
    return value


def _out_of_bounds(value: Decimal, kind: str) -> str | None:
    if not value.is_finite():
        return "不是有效数字"
    if kind != "money" and value != value.to_integral_value():
        return "件数应为整数"
    if kind != "signed" and value < 0:
        return "该数值不能为负数（只有“本年增/减”可为负）"
    if kind == "money":
        if value > MAX_AMOUNT:
            return f"金额不能超过 {MAX_AMOUNT:,} 万元，请核对单位"
        if value != value.quantize(Decimal(1).scaleb(-DECIMAL_PLACES)):
            return f"金额最多保留 {DECIMAL_PLACES} 位小数（万元）"
    elif abs(value) > MAX_COUNT:
        return f"数值不能超过 {MAX_COUNT:,}"
    return None


class ProactiveCount(models.Model):
    """One section 二 cell (``s2.<block>.<row>.<col>``) of an organ's year, either format."""

    organ = models.ForeignKey(Organ, on_delete=models.CASCADE, related_name="proactive_counts")
    year = models.PositiveSmallIntegerField("年度")
    path = models.CharField("单元格", max_length=80)
    value = models.DecimalField("数值", max_digits=16, decimal_places=DECIMAL_PLACES)

    class Meta:
        verbose_name = "主动公开数据"
        verbose_name_plural = "主动公开数据"
        constraints = [
            models.UniqueConstraint(fields=["organ", "year", "path"], name="proactive_unique_cell"),
            models.CheckConstraint(
                condition=models.Q(value__gte=-MAX_COUNT, value__lte=max(MAX_AMOUNT, MAX_COUNT)),
                name="proactive_value_bounded",
                violation_error_message="第二部分的数值超出报告可容纳的范围",
            ),
        ]

    def clean(self) -> None:
        if proactive_value(self.path, self.value) is None:
            raise ValidationError({"value": "请填写数值"})

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        self.full_clean(exclude=["organ"], validate_unique=False, validate_constraints=False)
        super().save(*args, **kwargs)


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


class FinalReport(FrozenModel):
    """One finalised (定稿) version of an organ's annual report: the report document of the contract as
    it stood, its SHA-256, who finalised it and when, the written explanations of its warnings, and what
    changed against the version before. Stored once, never changed (publication builds on it)."""

    organ = models.ForeignKey(Organ, verbose_name="机关", on_delete=models.PROTECT, related_name="final_reports")
    year = models.PositiveSmallIntegerField("年度")
    version = models.PositiveIntegerField("版本")
    document = models.JSONField("报告文档")
    sha256 = models.CharField("SHA-256", max_length=64)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="定稿人", on_delete=models.PROTECT, related_name="+"
    )
    finalised_at = models.DateTimeField("定稿时间")
    explanations = models.JSONField("警告说明", default=list, blank=True)
    change_note = models.JSONField("与上一版相比的变化", default=list, blank=True)

    frozen_what = "定稿版本"  # lib.frozen: refused changes and deletes say what

    class Meta:
        verbose_name = "年度报告定稿"
        verbose_name_plural = "年度报告定稿"
        ordering = ["organ", "year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["organ", "year", "version"], name="final_report_unique_version"),
        ]
