"""The season's choices, each defined once (models, forms, screens and the lifecycle read them)."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    """A roster entry's state (the board's 状态 column); moves only as ``lifecycle.ACTIONS`` says."""

    NOT_STARTED = "not_started", "未开始"
    DRAFTING = "drafting", "起草中"
    SUBMITTED = "submitted", "已报送"
    RETURNED = "returned", "已退回"
    ACCEPTED = "accepted", "已通过"
    PUBLISHED = "published", "已公开"


class Source(models.TextChoices):
    """How a submission arrived."""

    FINAL = "final", "定稿"
    UPLOAD = "upload", "上传"
    API = "api", "接口"


# what the roll-up sums: accepted reports and published ones (a submission under review is not yet counted)
ROLLED_UP = (Status.ACCEPTED, Status.PUBLISHED)
