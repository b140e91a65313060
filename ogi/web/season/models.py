"""The supervising office's reporting season (条例第四十九条、第五十条).

- ``Season``: one supervising organ (a people's government) and one report year, with the default
  deadlines (31 January of the next year for its departments, townships and subordinate governments;
  31 March for the government's own report), editable per season.
- ``RosterEntry``: one organ that must report in the season, its own deadline, its state
  (``choices.Status``, moved only by ``lifecycle``) and the dates of each step; ``current`` is its last
  submission. The board reads entries only (with ``current``'s stored figures), never a JSON document.
- ``Draft``: an uploaded file being prepared: the original bytes kept, the report document as the core's
  reader read it, the document with the clerk's corrections, each correction (who, cell, from, to).
- ``Submission``: one submitted version of an entry's report: the report document of the contract, its
  SHA-256 (``reports.finalise.digest``), source, who and when, the explanations of warnings, corrections,
  the change against the version before, and the board's key figures. Never changed, never deleted.
- ``SubmissionCell``: the numeric cells of a submission, one row each, so the roll-up is a grouped SUM.
- ``Comment``: the supervisor's review comment on a submission, on the report or on one cell path.
- ``EntryEvent``: the entry's history (each lifecycle action: when, who, which submission, a note).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from ogi.web.lib.frozen import FrozenError, FrozenModel
from ogi.web.organs.models import Organ

from .choices import Source as SourceChoice
from .choices import Status


def default_department_deadline(year: int) -> date:
    """条例第四十九条：部门于每年1月31日前向本级政府信息公开工作主管部门提交上一年度报告."""
    return date(year + 1, 1, 31)


def default_government_deadline(year: int) -> date:
    """条例第四十九条：县级以上人民政府于每年3月31日前公布本级政府上一年度报告."""
    return date(year + 1, 3, 31)


class Season(models.Model):
    """A supervising organ's reporting season for one report year."""

    supervisor = models.ForeignKey(
        Organ, verbose_name="主管机关", on_delete=models.PROTECT, related_name="seasons",
    )
    year = models.PositiveSmallIntegerField("报告年度")
    department_deadline = models.DateField("部门、乡镇（街道）及下级政府报送期限")
    government_deadline = models.DateField("本级政府报告公布期限")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    opened_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "年报报送季"
        verbose_name_plural = "年报报送季"
        ordering = ["supervisor", "-year"]
        constraints = [models.UniqueConstraint(fields=["supervisor", "year"], name="season_unique_year")]

    def __str__(self) -> str:
        return f"{self.supervisor.name}{self.year}年度年报报送"

    def deadline_for(self, organ: Organ) -> date:
        """The default deadline of ``organ`` in this season: the government's own report by 31 March,
        every other organ by 31 January."""
        return self.government_deadline if organ.pk == self.supervisor_id else self.department_deadline


class RosterEntry(models.Model):
    """One organ that must report in a season, its deadline and its state (``lifecycle``)."""

    season = models.ForeignKey(Season, verbose_name="报送季", on_delete=models.CASCADE, related_name="entries")
    organ = models.ForeignKey(Organ, verbose_name="机关", on_delete=models.PROTECT, related_name="season_entries")
    deadline = models.DateField("报送期限")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    current = models.ForeignKey(
        "Submission", verbose_name="最新报送版本", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    # the dates of each step (the board's columns; the history is in EntryEvent)
    drafted_at = models.DateTimeField("开始起草", null=True, blank=True)
    first_submitted_at = models.DateTimeField("首次报送", null=True, blank=True)
    submitted_at = models.DateTimeField("最近报送", null=True, blank=True)
    returned_at = models.DateTimeField("最近退回", null=True, blank=True)
    accepted_at = models.DateTimeField("审核通过", null=True, blank=True)
    published_at = models.DateTimeField("公开", null=True, blank=True)
    # findings of the last draft or submission (a submission has no error: the gate blocks them)
    error_count = models.PositiveIntegerField("错误数", default=0)
    warning_count = models.PositiveIntegerField("警告数", default=0)

    class Meta:
        verbose_name = "报送名单"
        verbose_name_plural = "报送名单"
        ordering = ["season", "organ__code"]
        constraints = [models.UniqueConstraint(fields=["season", "organ"], name="roster_unique_organ")]
        indexes = [models.Index(fields=["season", "status"], name="roster_season_status")]

    def __str__(self) -> str:
        return f"{self.season} · {self.organ.name}"

    @property
    def is_own(self) -> bool:
        """The supervising government's own report (not one of its departments')."""
        return self.organ_id == self.season.supervisor_id


class Draft(models.Model):
    """An uploaded report being prepared for submission (changes until submitted; then frozen)."""

    entry = models.ForeignKey(RosterEntry, verbose_name="报送名单", on_delete=models.CASCADE, related_name="drafts")
    filename = models.CharField("文件名", max_length=255)
    kind = models.CharField("文件类型", max_length=10)
    original = models.BinaryField("原始文件")
    original_sha256 = models.CharField("原始文件 SHA-256", max_length=64)
    original_text = models.TextField("原文件文字（读取所见）", blank=True)
    parsed = models.JSONField("读取结果")
    document = models.JSONField("报告文档（含更正）")
    corrections = models.JSONField("更正记录", default=list, blank=True)
    error_count = models.PositiveIntegerField("错误数", default=0)
    warning_count = models.PositiveIntegerField("警告数", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间")
    submitted = models.BooleanField("已报送", default=False)

    class Meta:
        verbose_name = "上传的报告草稿"
        verbose_name_plural = "上传的报告草稿"
        ordering = ["entry", "-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.entry} · {self.filename}"

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        if self.pk is not None and not self._state.adding:
            was = Draft.objects.filter(pk=self.pk).values_list("submitted", flat=True).first()
            if was:
                raise FrozenError("已报送的草稿不可修改")
        super().save(*args, **kwargs)


class Submission(FrozenModel):
    """One submitted version of a roster entry's report. Stored once, never changed (the portal
    publishes it; a correction after publication is a new version)."""

    entry = models.ForeignKey(RosterEntry, verbose_name="报送名单", on_delete=models.PROTECT, related_name="submissions")
    version = models.PositiveIntegerField("版本")
    document = models.JSONField("报告文档")
    sha256 = models.CharField("SHA-256", max_length=64)
    source = models.CharField("来源", max_length=10, choices=SourceChoice.choices)
    final_report = models.ForeignKey(
        "reports.FinalReport", verbose_name="定稿版本", null=True, blank=True, on_delete=models.PROTECT,
        related_name="submissions",
    )
    draft = models.ForeignKey(
        Draft, verbose_name="上传的文件", null=True, blank=True, on_delete=models.PROTECT, related_name="submissions",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("报送时间")
    explanations = models.JSONField("警告说明", default=list, blank=True)
    corrections = models.JSONField("对上传文件的更正", default=list, blank=True)
    change_note = models.JSONField("与上一版相比的变化", default=list, blank=True)
    correction_note = models.TextField("更正说明", blank=True)
    # the board's figures, taken from the document at submit time (``figures.key_figures``)
    warning_count = models.PositiveIntegerField("警告数", default=0)
    new_received = models.BigIntegerField("本年新收申请", null=True, blank=True)
    carried_over = models.BigIntegerField("上年结转申请", null=True, blank=True)
    disclosed = models.BigIntegerField("予以公开", null=True, blank=True)
    appeals_corrected = models.BigIntegerField("复议诉讼结果纠正", null=True, blank=True)
    appeals_concluded = models.BigIntegerField("复议诉讼已审结", null=True, blank=True)
    answers_late = models.BigIntegerField("逾期答复", null=True, blank=True)

    frozen_what = "已报送的版本"  # lib.frozen: refused changes and deletes say what

    class Meta:
        verbose_name = "报送版本"
        verbose_name_plural = "报送版本"
        ordering = ["entry", "-version"]
        constraints = [models.UniqueConstraint(fields=["entry", "version"], name="submission_unique_version")]

    def __str__(self) -> str:
        return f"{self.entry} · 第{self.version}版"

    @property
    def correction_rate(self) -> float | None:
        """纠错率 of the appeals (复议和诉讼): 结果纠正 ÷ 已审结 (维持 + 纠正 + 其他); None when none concluded."""
        if not self.appeals_concluded:
            return None
        return (self.appeals_corrected or 0) / self.appeals_concluded


class SubmissionCell(FrozenModel):
    """One numeric cell (section 二/三/四) of a submission: the roll-up sums these by path."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="cells")
    path = models.CharField("单元格", max_length=80)
    value = models.DecimalField("数值", max_digits=20, decimal_places=4)

    frozen_what = "已报送的版本"  # lib.frozen: refused changes and deletes say what

    class Meta:
        verbose_name = "报送版本单元格"
        verbose_name_plural = "报送版本单元格"
        constraints = [models.UniqueConstraint(fields=["submission", "path"], name="submission_cell_unique")]
        indexes = [models.Index(fields=["path", "submission"], name="submission_cell_path")]


class RollupTotal(models.Model):
    """The roll-up's running sum of one cell over the accepted and published reports of one kind of organ
    in a season (the government's own report not included). Kept by the services in the transaction that
    accepts a report (added) or takes a published one back for correction (subtracted); derived data —
    ``rollup.rebuild`` recomputes it from ``SubmissionCell`` by one grouped query."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="rollup_totals")
    kind = models.CharField("机关类别", max_length=20)
    path = models.CharField("单元格", max_length=80)
    total = models.DecimalField("合计", max_digits=24, decimal_places=4)
    n = models.PositiveIntegerField("计入机关数")

    class Meta:
        verbose_name = "汇总合计"
        verbose_name_plural = "汇总合计"
        constraints = [models.UniqueConstraint(fields=["season", "kind", "path"], name="rollup_total_unique")]


class Comment(models.Model):
    """A review comment on a submission: on the whole report (``path`` empty) or on one cell path."""

    submission = models.ForeignKey(Submission, verbose_name="报送版本", on_delete=models.PROTECT, related_name="comments")
    path = models.CharField("单元格", max_length=80, blank=True)
    text = models.TextField("意见")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "审核意见"
        verbose_name_plural = "审核意见"
        ordering = ["submission", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class EntryEvent(models.Model):
    """One step of an entry's history: a lifecycle action (``lifecycle.ACTIONS`` key), when, who."""

    entry = models.ForeignKey(RosterEntry, verbose_name="报送名单", on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=20)
    status = models.CharField("之后的状态", max_length=20, choices=Status.choices)
    submission = models.ForeignKey(
        Submission, verbose_name="报送版本", null=True, blank=True, on_delete=models.PROTECT, related_name="events",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("时间")
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "报送记录"
        verbose_name_plural = "报送记录"
        ordering = ["entry", "at", "id"]


class Reminder(models.Model):
    """A reminder e-mail sent (``ogi remind``): at most one per entry, kind and day."""

    class Kind(models.TextChoices):
        DUE = "due", "报送期限将到"
        LATE = "late", "逾期未报送（致主管部门）"

    entry = models.ForeignKey(RosterEntry, verbose_name="报送名单", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    day = models.DateField("日期")
    recipients = models.TextField("收件人")
    sent_at = models.DateTimeField("发送时间")

    class Meta:
        verbose_name = "催报提醒"
        verbose_name_plural = "催报提醒"
        constraints = [models.UniqueConstraint(fields=["entry", "kind", "day"], name="reminder_once_a_day")]
