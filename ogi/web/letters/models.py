"""The letters of a case: an organ's letter settings and templates, the 文号 counters, issued letters
(never changed), their deliveries and the e-mails that carry them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from ogi import letters as law
from ogi.web.applications.models import Application
from ogi.web.lib.frozen import FrozenModel
from ogi.web.organs.models import Organ

User = settings.AUTH_USER_MODEL

Kind = models.TextChoices("Kind", [(k.upper(), (k, v.title)) for k, v in law.KINDS.items()])
TemplateKey = models.TextChoices(
    "TemplateKey",
    [(key.upper(), (key, law.KINDS[kind].title + (f"·{law.ANSWERS[o].summary}" if o else "")))
     for key, kind, o in law.template_keys()],
)


class LetterSettings(models.Model):
    """What an organ's letters name: the 复议机关 and the court of the remedy clause, the 机关代字 of the
    文号, the address and contact, how to pay a fee, and the outcomes for which 行政复议 comes first."""

    organ = models.OneToOneField(Organ, verbose_name="机关", on_delete=models.CASCADE, related_name="letter_settings")
    docno_prefix = models.CharField("文号机关代字", max_length=30, blank=True, help_text="如“渡人防”，文号为“渡人防依申补〔2025〕1号”")
    review_body = models.CharField("行政复议机关", max_length=200, blank=True, help_text="如“重庆市大渡口区人民政府”")
    court = models.CharField("管辖法院", max_length=200, blank=True, help_text="如“重庆市大渡口区人民法院”")
    address = models.CharField("机关地址", max_length=300, blank=True)
    contact = models.CharField("联系电话", max_length=100, blank=True)
    payment = models.TextField("缴费方式", blank=True, help_text="收费通知书写明的缴纳方式（非税收入缴款账户等）")
    review_first = models.JSONField(
        "须先申请行政复议的办理结果", default=list, blank=True,
        help_text="这些办理结果的答复书写明先申请行政复议、对复议决定不服再提起诉讼（行政复议法第二十三条）",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "文书设置"
        verbose_name_plural = "文书设置"

    def __str__(self) -> str:
        return f"{self.organ.name}的文书设置"


class LetterTemplate(models.Model):
    """An organ's own version of one letter template (Django template language); without one, the
    project's default (``templates/letters/kinds/<key>.html``) is used. Saved only through
    ``services.save_template``, which compiles it and checks its required parts."""

    organ = models.ForeignKey(Organ, verbose_name="机关", on_delete=models.CASCADE, related_name="letter_templates")
    key = models.CharField("文书", max_length=48, choices=TemplateKey.choices)
    body = models.TextField("模板")
    version = models.PositiveIntegerField("版本", default=1)
    updated_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [models.UniqueConstraint(fields=["organ", "key"], name="letter_template_unique")]

    def __str__(self) -> str:
        return f"{self.organ.name} · {self.get_key_display()}"


class Counter(models.Model):
    """The last 文号 serial of an organ's year and kind; locked (select_for_update) by the issuing
    transaction, so numbers have no gaps and no duplicates."""

    organ = models.ForeignKey(Organ, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=32, choices=Kind.choices)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organ", "year", "kind"], name="letter_counter_unique")]


def letter_path(instance: Letter, filename: str) -> str:
    return f"letters/{instance.organ_id}/{instance.year}/{filename}"


class Letter(FrozenModel):
    """One issued letter: what was sent, exactly (the HTML, the DOCX and the PDF with their SHA-256), under
    which 文号, to whom, when, by whom. Created once by ``services.issue``; never changed or deleted — a
    correction is a new letter naming this one (``corrects``)."""

    application = models.ForeignKey(Application, verbose_name="申请", on_delete=models.PROTECT, related_name="letters")
    organ = models.ForeignKey(Organ, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("文书种类", max_length=32, choices=Kind.choices)
    outcome = models.CharField("办理结果", max_length=32, blank=True)
    template_key = models.CharField("模板", max_length=48)
    template_version = models.PositiveIntegerField("模板版本", default=0, help_text="0：项目默认模板")
    year = models.PositiveSmallIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    docno = models.CharField("文号", max_length=80)
    title = models.CharField("标题", max_length=100)
    addressee = models.CharField("收件人", max_length=200)
    to = models.CharField("收件方", max_length=20)
    issued_on = models.DateField("发文日期")
    adverse = models.BooleanField("含救济途径", default=False)
    facts = models.JSONField("文书事实", default=dict)
    html = models.TextField("正文（HTML）")
    docx = models.FileField("Word 文件", upload_to=letter_path)
    docx_sha256 = models.CharField("Word SHA-256", max_length=64)
    pdf = models.FileField("PDF 文件", upload_to=letter_path)
    pdf_sha256 = models.CharField("PDF SHA-256", max_length=64)
    corrects = models.ForeignKey(
        "self", verbose_name="更正的文书", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections",
    )
    issued_by = models.ForeignKey(User, verbose_name="发文人", null=True, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField("发文时间", auto_now_add=True)

    frozen_what = "已发出的文书"  # lib.frozen: refused changes and deletes say what, and what to do instead
    frozen_hint = "；如有错误，请发出更正文书"

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organ", "year", "kind", "serial"], name="letter_unique_serial"),
            models.UniqueConstraint(fields=["organ", "docno"], name="letter_unique_docno"),
        ]
        indexes = [models.Index(fields=["application", "issued_on"], name="letter_app_issued")]

    def __str__(self) -> str:
        return f"{self.title}（{self.docno}）"


class DeliveryChannel(models.TextChoices):
    IN_PERSON = "in_person", "当面送达"
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "网上申请平台"
    FAX = "fax", "传真"
    OTHER = "other", "其他"


class Delivery(models.Model):
    """How and when a letter reached its addressee (条例第四十条), as the clerk recorded it (or as the
    e-mail server accepted it)."""

    letter = models.ForeignKey(Letter, verbose_name="文书", on_delete=models.PROTECT, related_name="deliveries")
    channel = models.CharField("送达方式", max_length=20, choices=DeliveryChannel.choices)
    on = models.DateField("送达日期")
    note = models.CharField("说明", max_length=300, blank=True)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "送达记录"
        verbose_name_plural = "送达记录"
        ordering = ["on", "id"]


class MailStatus(models.TextChoices):
    PENDING = "pending", "待发送"
    FAILED = "failed", "发送失败，待重试"
    SENT = "sent", "已发送"
    GAVE_UP = "gave_up", "多次失败，已停止重试"


class Mail(models.Model):
    """The e-mail carrying an issued letter's PDF to the applicant: an outbox row, tried by the task and
    re-tried by ``ogi letters-mail`` until the server accepts it; every failure is kept and shown."""

    letter = models.ForeignKey(Letter, verbose_name="文书", on_delete=models.PROTECT, related_name="mails")
    to = models.CharField("收件地址", max_length=200)
    status = models.CharField("状态", max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.CharField("最近一次错误", max_length=300, blank=True)
    next_try_at = models.DateTimeField("下次尝试时间", null=True, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "文书邮件"
        verbose_name_plural = "文书邮件"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_try_at"], name="letter_mail_due")]
        constraints = [
            models.CheckConstraint(condition=~Q(status="sent") | Q(sent_at__isnull=False), name="letter_mail_sent_at"),
        ]
