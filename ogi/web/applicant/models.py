"""The applicant's side: the tracking code of an online application, the counters behind the rate limits,
and the one-time tokens of the public form (no login there, so no user to tie a token to)."""

from __future__ import annotations

from django.db import models

from ogi.web.applications.models import Application


class Tracking(models.Model):
    """The code and secret handed to the applicant once. The code is the key; of the secret only a salted
    SHA-256 is kept (``services.digest``): a leaked table lets nobody read a case."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="tracking")
    code = models.CharField("查询码", max_length=16, unique=True)
    secret_hash = models.CharField("查询密码摘要", max_length=100)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "进度查询码"
        verbose_name_plural = "进度查询码"

    def __str__(self) -> str:
        return self.code


class Attempt(models.Model):
    """One counted event of a rate limit: an application accepted from an address or an applicant, a
    wrong tracking try from an address. ``key`` is a keyed hash (HMAC with the site's secret key) of the
    address or certificate number: the table holds no personal data in the clear."""

    class Scope(models.TextChoices):
        APPLY_ADDRESS = "apply_address", "在线申请（地址）"
        APPLY_APPLICANT = "apply_applicant", "在线申请（申请人）"
        TRACK_FAILURE = "track_failure", "查询失败（地址）"

    scope = models.CharField("类别", max_length=20, choices=Scope.choices)
    key = models.CharField("键", max_length=64)
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "限流计数"
        verbose_name_plural = "限流计数"
        indexes = [models.Index(fields=["scope", "key", "at"], name="attempt_scope_key_at"),
                   models.Index(fields=["at"], name="attempt_at")]


class PublicFormToken(models.Model):
    """A token handed out with the public form; consumed once, in the transaction that stores the application."""

    key = models.CharField("令牌", max_length=43, unique=True)
    created_at = models.DateTimeField("签发时间", auto_now_add=True)

    class Meta:
        verbose_name = "在线申请表单令牌"
        verbose_name_plural = "在线申请表单令牌"
        indexes = [models.Index(fields=["created_at"], name="publictoken_created")]
