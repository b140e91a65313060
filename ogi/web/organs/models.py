"""Organs (机关) as a tree, and who works for which organ in which role."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Organ(models.Model):
    """A disclosing organ: a people's government, one of its departments, or a township."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "政府部门"
        TOWNSHIP = "township", "乡镇（街道）"

    code = models.SlugField("代码", max_length=64, unique=True)
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级机关", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def subtree_ids(self) -> list[int]:
        """This organ's id and the ids of every organ below it (one query per level, once per instance:
        an instance lives for a request)."""
        if (ids := self.__dict__.get("_subtree_ids")) is None:
            ids, level = [self.pk], [self.pk]
            while level:
                level = list(Organ.objects.filter(parent_id__in=level).values_list("pk", flat=True))
                ids.extend(level)
            self.__dict__["_subtree_ids"] = ids
        return list(ids)


class Membership(models.Model):
    """A user's role at one organ. A supervisor's role reaches the organ's whole subtree."""

    class Role(models.TextChoices):
        CLERK = "clerk", "经办人"
        HEAD = "head", "公开工作机构负责人"
        SUPERVISOR = "supervisor", "监督管理员"
        AUDITOR = "auditor", "审计（只读）"
        ADMIN = "admin", "系统管理员"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE,
        related_name="memberships",
    )
    organ = models.ForeignKey(Organ, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        constraints = [
            models.UniqueConstraint(fields=["user", "organ", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organ} · {self.get_role_display()}"
