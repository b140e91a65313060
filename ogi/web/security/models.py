"""One-time form tokens, kept in the database so that they hold under concurrency."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FormToken(models.Model):
    """A token handed out with a create form; consumed once, in the same transaction as the write."""

    key = models.CharField("令牌", max_length=43, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField("签发时间", auto_now_add=True)

    class Meta:
        verbose_name = "表单令牌"
        verbose_name_plural = "表单令牌"
        indexes = [models.Index(fields=["created_at"], name="formtoken_created")]
