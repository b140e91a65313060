"""The appeals register's vocabularies; results from the format data."""

from __future__ import annotations

from django.db import models

from ogi.spec.common import S4_COLUMNS


class AppealKind(models.TextChoices):
    REVIEW = "review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"


# The results of section 四 (结果维持 …), from the format data.
AppealResult = models.TextChoices(
    "AppealResult", [(c.key.upper(), (c.key, c.label)) for c in S4_COLUMNS if c.key != "total"]
)
