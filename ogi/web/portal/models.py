"""The public portal's records: published reports (one row per version, never changed), the files each
version is offered as, and the tokens of organs that submit through the API.

A published report is stored once: ``Publication.save`` refuses an existing row, the queryset refuses
``update`` and ``delete``, the admin shows it read only, the API has no write path to it, and the
database's triggers (``guards.py``) refuse UPDATE, DELETE and TRUNCATE. A correction is a new row with
the next version, a 更正说明 and ``corrects`` pointing at the version it replaces; the old one stays.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ogi.web.lib.frozen import FrozenModel, FrozenQuerySet
from ogi.web.organs.models import Organ

# Key figures kept as columns at publication (the index, the charts and the roll-up sum them in the
# database): column → cell path(s) of the report, summed; None where every cell is blank.
FIGURES: dict[str, tuple[str, ...]] = {
    "new_received": ("s3.new_received.total",),
    "carried_over": ("s3.carried_over.total",),
    "disclosed_full": ("s3.r_open.total",),
    "answered_total": ("s3.r_total.total",),
    "review_total": ("s4.review.total",),
    "review_corrected": ("s4.review.corrected",),
    "litigation_total": ("s4.litigation_direct.total", "s4.litigation_after_review.total"),
    "litigation_corrected": ("s4.litigation_direct.corrected", "s4.litigation_after_review.corrected"),
}
FIGURE_LABELS = {
    "new_received": "本年新收申请",
    "carried_over": "上年结转",
    "disclosed_full": "予以公开",
    "answered_total": "办理结果总计",
    "review_total": "行政复议",
    "review_corrected": "复议结果纠正",
    "litigation_total": "行政诉讼",
    "litigation_corrected": "诉讼结果纠正",
}


class PublicationQuerySet(FrozenQuerySet):
    def current(self) -> PublicationQuerySet:
        """The newest version of each report: those no later version corrects."""
        return self.filter(~Exists(Publication.objects.filter(corrects=OuterRef("pk"))))


class Publication(FrozenModel):
    """One published version of an organ's annual report for a year."""

    organ = models.ForeignKey(Organ, verbose_name="机关", on_delete=models.PROTECT, related_name="publications")
    organ_name = models.CharField("机关名称（公开时）", max_length=200, db_index=True)
    organ_kind = models.CharField("机关类别（公开时）", max_length=20, choices=Organ.Kind.choices)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    version = models.PositiveIntegerField("版本")
    document = models.JSONField("报告文档")
    sha256 = models.CharField("SHA-256", max_length=64)
    published_at = models.DateTimeField("公开时间")
    published_on = models.DateField("公开日期")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="公开人", on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField("法定公开期限")
    late_workdays = models.PositiveIntegerField("逾期工作日数", default=0)
    correction_note = models.TextField("更正说明", blank=True)
    corrects = models.OneToOneField(
        "self", verbose_name="更正的版本", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by"
    )
    source_sha256 = models.CharField("所据报送版本的 SHA-256", max_length=64, blank=True)
    submission = models.OneToOneField(
        "season.Submission", verbose_name="所据报送版本", null=True, blank=True, on_delete=models.PROTECT,
        related_name="publication",
    )
    new_received = models.BigIntegerField("本年新收申请", null=True, blank=True)
    carried_over = models.BigIntegerField("上年结转", null=True, blank=True)
    disclosed_full = models.BigIntegerField("予以公开", null=True, blank=True)
    answered_total = models.BigIntegerField("办理结果总计", null=True, blank=True)
    review_total = models.BigIntegerField("行政复议", null=True, blank=True)
    review_corrected = models.BigIntegerField("复议结果纠正", null=True, blank=True)
    litigation_total = models.BigIntegerField("行政诉讼", null=True, blank=True)
    litigation_corrected = models.BigIntegerField("诉讼结果纠正", null=True, blank=True)

    objects = PublicationQuerySet.as_manager()
    frozen_what = "已公开的年度报告"  # lib.frozen: refused changes and deletes say what

    class Meta:
        verbose_name = "已公开年度报告"
        verbose_name_plural = "已公开年度报告"
        ordering = ["-year", "organ_name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["organ", "year", "version"], name="publication_unique_version"),
            models.CheckConstraint(
                condition=models.Q(version=1, corrects__isnull=True, correction_note="")
                | models.Q(version__gt=1, corrects__isnull=False) & ~models.Q(correction_note=""),
                name="publication_correction_has_note",
                violation_error_message="更正版本须写明更正说明并指明所更正的版本",
            ),
        ]
        indexes = [models.Index(fields=["year", "organ_name"], name="publication_year_name")]

    def __str__(self) -> str:
        return f"{self.organ_name}{self.year}年度报告（第{self.version}版）"

    @property
    def title(self) -> str:
        return f"{self.organ_name}{self.year}年政府信息公开工作年度报告"

    @property
    def late(self) -> bool:
        return self.late_workdays > 0

    def file_name(self, kind: str) -> str:
        return f"{self.title}（第{self.version}版）.{kind}"


class PublishedFile(FrozenModel):
    """A published version rendered as one kind of file (DOCX, PDF, XLSX, HTML), stored once: the
    download is always these bytes, and their SHA-256 is shown next to the link."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField("格式", max_length=10)
    body = models.BinaryField("内容")
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField("字节数")
    rendered_at = models.DateTimeField("生成时间")

    frozen_what = "已公开的年度报告"  # lib.frozen: refused changes and deletes say what

    class Meta:
        verbose_name = "已公开报告文件"
        verbose_name_plural = "已公开报告文件"
        constraints = [models.UniqueConstraint(fields=["publication", "kind"], name="published_file_unique_kind")]


# ---------------------------------------------------------------- the submit API's tokens

TOKEN_PREFIX = "ogi_"
HINT_CHARS = len(TOKEN_PREFIX) + 8  # the key's first characters kept to tell tokens apart: the prefix and 8 of its own
TOKEN_DAYS = 365


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class SubmitToken(models.Model):
    """A key with which an organ's own system submits its report through the API. Only its SHA-256 is
    stored; the key itself is shown once, when it is issued. It expires, and can be revoked."""

    organ = models.ForeignKey(Organ, verbose_name="机关", on_delete=models.PROTECT, related_name="submit_tokens")
    name = models.CharField("用途", max_length=100)
    key_hash = models.CharField("密钥摘要", max_length=64, unique=True)
    hint = models.CharField("密钥前几位", max_length=12)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="签发人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("签发时间", default=timezone.now)
    expires_at = models.DateTimeField("有效期至")
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "报送接口令牌"
        verbose_name_plural = "报送接口令牌"
        ordering = ["organ", "-created_at"]

    def __str__(self) -> str:
        return f"{self.organ.name}：{self.name}（{self.hint}…）"

    @staticmethod
    def new_key() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)

    @staticmethod
    def default_expiry():  # noqa: ANN205
        return timezone.now() + timedelta(days=TOKEN_DAYS)

    def usable(self, now=None) -> bool:  # noqa: ANN001
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now

    def state(self, now=None) -> str:  # noqa: ANN001
        """有效, 已吊销 or 已过期 (revoked before it expired says 已吊销)."""
        if self.revoked_at is not None:
            return "已吊销"
        return "有效" if self.usable(now) else "已过期"
