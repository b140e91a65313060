"""Disclosure applications (依申请公开) with their timeline: pauses, steps, attachments."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ogi.web.organs.models import Organ

from .choices import (
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

    # shown only to the organ's clerks and heads (organs.access.can_see_personal); hidden in audit views
    personal_fields = (
        "applicant_name", "applicant_id_number", "applicant_contact", "applicant_email", "applicant_address",
    )

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
