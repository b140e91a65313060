"""The append-only audit trail: who did what, when, with the state before and after, hash-chained."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from ogi.web.organs.models import Organ

from . import chain

User = settings.AUTH_USER_MODEL


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ANN201
        raise PermissionDenied("审计记录不可修改")

    def delete(self):  # noqa: ANN201
        raise PermissionDenied("审计记录不可删除")

    def bulk_create(self, *args, **kwargs):  # noqa: ANN201
        raise PermissionDenied("审计记录须逐条写入（每条接在链上）")

    def bulk_update(self, *args, **kwargs):  # noqa: ANN201
        raise PermissionDenied("审计记录不可修改")


class ChainHead(models.Model):
    """The last entry of the chain (one row): its number, hash and time. Moves forward only."""

    seq = models.PositiveBigIntegerField("最后一条的序号", default=0)
    hash = models.CharField("最后一条的哈希", max_length=64, default=chain.GENESIS)
    at = models.DateTimeField("最后一条的时间", null=True, blank=True)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"


class AuditEntry(models.Model):
    """Who did what, when, with the state before and after. Append-only, each entry chained to the last."""

    seq = models.PositiveBigIntegerField("序号", unique=True, editable=False)
    at = models.DateTimeField("时间", default=timezone.now, editable=False)
    user = models.ForeignKey(User, verbose_name="用户", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organ = models.ForeignKey(Organ, verbose_name="机关", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField("操作", max_length=40)
    object_type = models.CharField("对象类型", max_length=40)
    object_id = models.CharField("对象", max_length=40)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)
    prev_hash = models.CharField("前一条的哈希", max_length=64, editable=False)
    hash = models.CharField("哈希", max_length=64, editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-seq"]
        indexes = [models.Index(fields=["organ", "-seq"]), models.Index(fields=["object_type", "object_id"])]

    def save(self, *args, **kwargs) -> None:
        """Append: under the lock on the head row, take the next number and the head's hash."""
        if self.pk is not None:
            raise PermissionDenied("审计记录不可修改")
        with transaction.atomic():
            head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
            now = timezone.now()
            self.at = max(now, head.at) if head.at else now
            self.seq, self.prev_hash = head.seq + 1, head.hash
            self.before, self.after = chain.plain_json(self.before), chain.plain_json(self.after)
            self.hash = chain.digest({name: getattr(self, name) for name in chain.FIELDS})
            super().save(*args, **kwargs)
            ChainHead.objects.filter(pk=1).update(seq=self.seq, hash=self.hash, at=self.at)

    def delete(self, *args, **kwargs):  # noqa: ANN201
        raise PermissionDenied("审计记录不可删除")
