"""The registers: applications with their timeline, appeals, proactive counts, report texts,
the working-day calendar, and the append-only audit trail."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models

from ogi.web.organs.models import Organ

from .choices import (
    AppealKind,
    AppealResult,
    ApplicantType,
    Channel,
    EventKind,
    Outcome,
    PauseKind,
    Status,
)

User = settings.AUTH_USER_MODEL


class Application(models.Model):
    """One 政府信息公开申请 and its current state. Changed only through ``services``."""

    organ = models.ForeignKey(Organ, verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications")
    number = models.CharField("编号", max_length=40)
    # -- the applicant (personal data: shown only to the organ's clerks and heads) ---------
    applicant_type = models.CharField("申请人类型", max_length=24, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名/名称", max_length=200)
    applicant_id_number = models.CharField("证件号码", max_length=64, blank=True)
    applicant_contact = models.CharField("联系电话", max_length=64, blank=True)
    applicant_email = models.CharField("电子邮箱", max_length=200, blank=True)
    applicant_address = models.CharField("通讯地址", max_length=300, blank=True)
    # -- the application ----------------------------------------------------------------
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    received_on = models.DateField("收到申请日期", help_text="条例第三十一条确定的收到日期")
    content = models.TextField("申请内容")
    form_requested = models.CharField("获取信息的方式/载体", max_length=200, blank=True)
    # -- the timeline (dates; the steps themselves are ApplicationEvent / Pause rows) -----
    status = models.CharField("状态", max_length=24, choices=Status.choices, default=Status.PROCESSING)
    correction_requested_on = models.DateField("告知补正日期", null=True, blank=True)
    correction_received_on = models.DateField("收到补正日期", null=True, blank=True)
    extended = models.BooleanField("已延期", default=False)
    extension_days = models.PositiveSmallIntegerField("延长工作日数", null=True, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    extension_approved_by = models.ForeignKey(
        User, verbose_name="延期批准人", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    extended_on = models.DateField("延期日期", null=True, blank=True)
    fee_amount = models.DecimalField("信息处理费（元）", max_digits=10, decimal_places=2, null=True, blank=True)
    fee_notice_on = models.DateField("收费通知日期", null=True, blank=True)
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)
    outcome = models.CharField("办理结果", max_length=32, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField("理由/说明", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    # -- computed by the deadline engine, stored so the dashboard can query them ---------
    due_date = models.DateField("答复期限", null=True, blank=True)
    due_provisional = models.BooleanField("期限为暂定", default=False)
    correction_notice_due = models.DateField("补正告知期限", null=True, blank=True)
    deadline_steps = models.JSONField("期限计算过程", default=list, blank=True)
    # -- bookkeeping ----------------------------------------------------------------------
    version = models.PositiveIntegerField("版本", default=1)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "依申请公开申请"
        verbose_name_plural = "依申请公开申请"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organ", "number"], name="application_unique_number"),
        ]
        indexes = [
            models.Index(fields=["organ", "received_on"], name="app_organ_received"),
            # Covering indexes for the report's grouped queries (reporting.section3_counts): the
            # database answers them from the index alone, without reading the rows.
            models.Index(fields=["organ", "answered_on", "outcome", "applicant_type"], name="app_report_results"),
            models.Index(
                fields=["organ", "applicant_type", "outcome", "received_on", "answered_on"], name="app_report_heads"
            ),
            models.Index(fields=["organ", "status", "due_date"], name="app_organ_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status != Status.ANSWERED


class Pause(models.Model):
    """A period not counted in the answer time: consultation (art. 32, 34) or the fee period."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField("类别", max_length=20, choices=PauseKind.choices)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "不计时段"
        verbose_name_plural = "不计时段"
        ordering = ["started_on", "id"]


class ApplicationEvent(models.Model):
    """One step of an application's timeline, as the clerk recorded it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("步骤", max_length=24, choices=EventKind.choices)
    on = models.DateField("日期")
    note = models.TextField("说明", blank=True)
    data = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "办理步骤"
        verbose_name_plural = "办理步骤"
        ordering = ["on", "id"]


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"applications/{instance.application_id}/{filename}"


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path)
    title = models.CharField("名称", max_length=200)
    uploaded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["uploaded_at", "id"]


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


class CalendarYear(models.Model):
    """A year of the working-day calendar; ``published`` when its holiday schedule is known."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    published = models.BooleanField("已公布放假安排", default=False)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """A day that differs from Mon–Fri work: a statutory holiday on a weekday, or a 调休 workday."""

    day = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否工作日")
    name = models.CharField("名称", max_length=60, blank=True)

    class Meta:
        verbose_name = "节假日/调休"
        verbose_name_plural = "节假日/调休"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {'上班' if self.is_workday else '放假'} {self.name}"


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ANN201
        raise PermissionDenied("审计记录不可修改")

    def delete(self):  # noqa: ANN201
        raise PermissionDenied("审计记录不可删除")


class AuditEntry(models.Model):
    """Who did what, when, with the state before and after. Append-only."""

    at = models.DateTimeField("时间", auto_now_add=True)
    user = models.ForeignKey(User, verbose_name="用户", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organ = models.ForeignKey(Organ, verbose_name="机关", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField("操作", max_length=40)
    object_type = models.CharField("对象类型", max_length=40)
    object_id = models.CharField("对象", max_length=40)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-at", "-id"]

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionDenied("审计记录不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # noqa: ANN201
        raise PermissionDenied("审计记录不可删除")
