"""The append-only audit trail: who did what, when, with the state before and after."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models

from ogi.web.organs.models import Organ

User = settings.AUTH_USER_MODEL


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
