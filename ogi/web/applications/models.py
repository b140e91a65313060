"""Disclosure applications (依申请公开) with their timeline: pauses, steps, attachments."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone

from ogi.web.lib.checks import (
    FEE_DIGITS,
    MAX_AMOUNT,
    MAX_CORRECTION_PERIOD_WORKDAYS,
    MAX_EXTENSION_DAYS,
    MAX_PAGES,
)
from ogi.web.organs.models import Organ

from .choices import (
    ApplicantType,
    Channel,
    Decision,
    Delivery,
    EventKind,
    FeeMethod,
    IdType,
    Outcome,
    PauseKind,
    Status,
)

User = settings.AUTH_USER_MODEL

# Answered after the due date (逾期答复). An answer ON the due date is on time: 条例第三十三条 "自收到申请之日起
# 20个工作日内予以答复" includes the 20th working day, which is the due date (ogi.deadline counts from the day after).
# A case closed while its clock was stopped (逾期不补正 before any corrected application) has no due date.
LATE = Q(due_date__isnull=False, answered_on__gt=F("due_date"))


def _between(field: str, low: int, high: int) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high})


def _range(low: int, high: int, unit: str) -> list:
    return [
        MinValueValidator(low, f"不能小于{low}{unit}"),
        MaxValueValidator(high, f"不能大于{high}{unit}"),
    ]


class ApplicationQuerySet(models.QuerySet):
    def answered_late(self) -> ApplicationQuerySet:
        """Answered after the due date (逾期答复); see ``LATE``."""
        return self.filter(LATE, status=Status.ANSWERED)

    def answered_on_time(self) -> ApplicationQuerySet:
        return self.filter(status=Status.ANSWERED).exclude(LATE)

    def overdue(self, today: date) -> ApplicationQuerySet:
        """Open with the clock running and the due date passed (已超期). While waiting for 补正, for a
        consultation or for the fee the clock is stopped, so those cases are not overdue."""
        return self.filter(status=Status.PROCESSING, due_date__lt=today)

    def late_answers_by_organ(self, year: int) -> models.QuerySet:
        """Per organ, the applications answered in ``year`` and how many of them late — one grouped query
        (the supervising office's season reads it): rows ``{"organ": id, "answered": n, "late": n}``."""
        return (
            self.filter(status=Status.ANSWERED, answered_on__gte=date(year, 1, 1), answered_on__lte=date(year, 12, 31))
            .values("organ").annotate(answered=Count("id"), late=Count("id", filter=LATE)).order_by("organ")
        )


class Application(models.Model):
    """One 政府信息公开申请 and its current state. Changed only through ``services``."""

    # shown only to the organ's clerks and heads (organs.access.can_see_personal); hidden in audit views
    personal_fields = (
        "applicant_name", "applicant_id_number", "applicant_contact", "applicant_email", "applicant_address",
    )

    organ = models.ForeignKey(Organ, verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications")
    # 编号: «organ code»-«year received»-«serial», e.g. dadukou-rfb-2025-0001 (services._number)
    number = models.CharField("编号", max_length=90)
    number_year = models.PositiveSmallIntegerField("编号年度", null=True, blank=True)
    serial = models.PositiveIntegerField("年度序号", null=True, blank=True)
    # -- the applicant (personal data: shown only to the organ's clerks and heads) ---------
    applicant_type = models.CharField("申请人类型", max_length=24, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名/名称", max_length=200)
    applicant_id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    applicant_id_number = models.CharField("证件号码", max_length=64, blank=True)
    applicant_contact = models.CharField("联系电话", max_length=64, blank=True)
    applicant_email = models.CharField("电子邮箱", max_length=200, blank=True)
    applicant_address = models.CharField("通讯地址", max_length=300, blank=True)
    # -- the application ----------------------------------------------------------------
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    # None while an online application waits for the clerk's confirmation (status 待确认): until both
    # sides confirm, it is not received (条例第三十一条) — no deadline runs and no report counts it.
    received_on = models.DateField("收到申请日期", null=True, blank=True, help_text="条例第三十一条确定的收到日期")
    submitted_at = models.DateTimeField("在线提交时间", null=True, blank=True)
    content = models.TextField("申请内容")
    info_document_number = models.CharField("所需信息的文号", max_length=100, blank=True)
    form_requested = models.CharField("获取信息的方式/载体", max_length=200, blank=True)
    delivery = models.CharField("获取信息的途径", max_length=10, choices=Delivery.choices, blank=True)
    # -- the timeline (dates; the steps themselves are ApplicationEvent / Pause rows) -----
    status = models.CharField("状态", max_length=24, choices=Status.choices, default=Status.PROCESSING)
    correction_requested_on = models.DateField("告知补正日期", null=True, blank=True)
    correction_period_days = models.PositiveSmallIntegerField(
        "补正期限（工作日）", null=True, blank=True, validators=_range(1, MAX_CORRECTION_PERIOD_WORKDAYS, "个工作日"),
    )
    correction_received_on = models.DateField("收到补正日期", null=True, blank=True)
    extended = models.BooleanField("已延期", default=False)
    extension_days = models.PositiveSmallIntegerField(
        "延长工作日数", null=True, blank=True, validators=_range(1, MAX_EXTENSION_DAYS, "个工作日"),
    )
    extension_reason = models.TextField("延期理由", blank=True)
    extension_approved_by = models.ForeignKey(
        User, verbose_name="延期批准人", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    extended_on = models.DateField("延期日期", null=True, blank=True)
    fee_method = models.CharField("计收方式", max_length=10, choices=FeeMethod.choices, blank=True)
    fee_pages = models.PositiveIntegerField("页数", null=True, blank=True, validators=_range(1, MAX_PAGES, "页"))
    fee_working = models.TextField("收费计算过程", blank=True)
    fee_amount = models.DecimalField(
        "信息处理费（元）", max_digits=FEE_DIGITS, decimal_places=2, null=True, blank=True,
        validators=_range(0, MAX_AMOUNT, "元"),
    )
    fee_notice_on = models.DateField("收费通知日期", null=True, blank=True)
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)
    outcome = models.CharField("办理结果", max_length=32, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField("理由/说明", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    # -- computed by the deadline engine, stored so the dashboard can query them ---------
    due_date = models.DateField("答复期限", null=True, blank=True)
    due_provisional = models.BooleanField("期限为暂定", default=False)
    correction_notice_due = models.DateField("补正告知期限", null=True, blank=True)
    correction_due = models.DateField("补正期满日", null=True, blank=True)
    fee_due = models.DateField("缴费期满日", null=True, blank=True)
    deadline_steps = models.JSONField("期限计算过程", default=list, blank=True)
    # -- bookkeeping ----------------------------------------------------------------------
    version = models.PositiveIntegerField("版本", default=1)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "依申请公开申请"
        verbose_name_plural = "依申请公开申请"
        # 待确认 first (no receipt date yet: they wait for the clerk), then the newest
        ordering = [F("received_on").desc(nulls_first=True), "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organ", "number"], name="application_unique_number"),
            models.UniqueConstraint(fields=["organ", "number_year", "serial"], name="application_unique_serial"),
            models.CheckConstraint(condition=_between("fee_amount", 0, MAX_AMOUNT), name="app_fee_amount_range"),
            models.CheckConstraint(condition=_between("fee_pages", 1, MAX_PAGES), name="app_fee_pages_range"),
            models.CheckConstraint(
                condition=_between("extension_days", 1, MAX_EXTENSION_DAYS), name="app_extension_days_range",
            ),
            models.CheckConstraint(
                condition=_between("correction_period_days", 1, MAX_CORRECTION_PERIOD_WORKDAYS),
                name="app_correction_period_range",
            ),
        ]
        indexes = [
            # Covering indexes for the report's grouped queries (reports.basis: one per slice), each slice
            # a range of one of them that the database answers from the index alone, without the rows:
            # received in a year, and answered in a year or after a day (the received-on date checked in
            # the index).
            models.Index(fields=["organ", "received_on", "answered_on", "applicant_type"], name="app_organ_received"),
            models.Index(
                fields=["organ", "answered_on", "received_on", "outcome", "applicant_type"], name="app_report_results"
            ),
            models.Index(fields=["organ", "status", "due_date"], name="app_organ_status_due"),
            # the report's fees (reports.build.fee_facts): without it every report page reads the organ's rows
            models.Index(fields=["organ", "fee_paid_on"], name="app_organ_fee_paid"),
        ]

    def __str__(self) -> str:
        return f"{self.number}"

    @property
    def is_open(self) -> bool:
        return self.status != Status.ANSWERED

    @property
    def answered_late(self) -> bool:
        """逾期答复 (``LATE``: an answer on the due date is on time)."""
        return bool(self.answered_on and self.due_date and self.answered_on > self.due_date)

    def overdue_on(self, today: date) -> bool:
        """已超期: the clock runs and the due date has passed (``ApplicationQuerySet.overdue``)."""
        return self.status == Status.PROCESSING and self.due_date is not None and self.due_date < today

    @property
    def awaiting_confirmation(self) -> bool:
        """An online application whose receipt the organ has not confirmed yet (条例第三十一条)."""
        return self.status == Status.AWAITING_CONFIRMATION

    @property
    def submitted_on(self) -> date | None:
        """The local day an online application was submitted."""
        return timezone.localdate(self.submitted_at) if self.submitted_at else None

    @property
    def clock_stopped(self) -> bool:
        """Waiting for the corrected application: the answer period restarts on its receipt (art. 30)."""
        return self.status == Status.AWAITING_CORRECTION

    @property
    def extension_pending(self) -> bool:
        return self.extension_requests.filter(decision=Decision.PENDING).exists()

    def pending_extension(self) -> ExtensionRequest | None:
        return self.extension_requests.filter(decision=Decision.PENDING).first()


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


class ExtensionRequestQuerySet(models.QuerySet):
    def waiting_for(self, user) -> ExtensionRequestQuerySet:  # noqa: ANN001
        """Requests waiting for ``user``'s decision: pending, at an organ where ``user`` is the head."""
        heads = Organ.objects.filter(memberships__user=user, memberships__role="head")
        return (
            self.filter(decision=Decision.PENDING, application__organ__in=heads)
            .select_related("application", "application__organ", "requested_by").order_by("requested_on", "id")
        )


class ExtensionRequest(models.Model):
    """A clerk's request to extend the answer period (art. 33) and the head's decision on it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="extension_requests")
    days = models.PositiveSmallIntegerField("申请延长工作日数", validators=_range(1, MAX_EXTENSION_DAYS, "个工作日"))
    reason = models.TextField("延期理由")
    requested_on = models.DateField("申请日期")
    requested_by = models.ForeignKey(User, verbose_name="申请人", null=True, on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField("审批结果", max_length=10, choices=Decision.choices, default=Decision.PENDING)
    approved_days = models.PositiveSmallIntegerField(
        "批准延长工作日数", null=True, blank=True, validators=_range(1, MAX_EXTENSION_DAYS, "个工作日"),
    )
    decided_on = models.DateField("审批日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        User, verbose_name="审批人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    decision_note = models.TextField("审批意见", blank=True)

    objects = ExtensionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"
        ordering = ["requested_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"], condition=Q(decision=Decision.PENDING), name="one_pending_extension",
            ),
            models.CheckConstraint(condition=Q(days__gte=1, days__lte=MAX_EXTENSION_DAYS), name="ext_days_range"),
            models.CheckConstraint(
                condition=_between("approved_days", 1, MAX_EXTENSION_DAYS), name="ext_approved_days_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.number} 延期申请（{self.get_decision_display()}）"


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
