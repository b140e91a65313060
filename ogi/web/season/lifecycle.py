"""The roster entry's lifecycle, defined once: each action, the states it may start from, the state it
leads to, and who may take it. Services, the screens' buttons and the tests read this table.

    未开始 ──submit──▶ 已报送 ──accept──▶ 已通过 ──publish──▶ 已公开
      │draft            ▲  │return                             │correct (with a 更正说明)
      ▼                 │  ▼                                   ▼
    起草中 ──submit─────┘ 已退回 ──submit──▶ 已报送        已报送 (a new version)

``who``: ``ORGAN`` = the reporting organ's clerks and heads (``organs.access.can_edit``), ``SUPERVISOR`` =
the supervising office (``access.can_supervise``), ``SYSTEM`` = called by code, not by a person (the
portal's publication). A submission after acceptance is refused (``submit`` does not start from 已通过);
after publication a new version is a correction (``correct``), which needs a 更正说明.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from .choices import Status

ORGAN = "organ"
SUPERVISOR = "supervisor"
SYSTEM = "system"
WHO_TITLES = {ORGAN: "报送机关的经办人或负责人", SUPERVISOR: "政府信息公开工作主管部门", SYSTEM: "系统"}

SUBMITTABLE = (Status.NOT_STARTED, Status.DRAFTING, Status.RETURNED)


@dataclass(frozen=True)
class Action:
    key: str
    title: str
    start: tuple[str, ...]
    to: str | None
    who: str


ACTIONS: dict[str, Action] = {
    a.key: a
    for a in (
        Action("draft", "上传报告草稿", SUBMITTABLE, Status.DRAFTING, ORGAN),
        Action("submit", "报送", SUBMITTABLE, Status.SUBMITTED, ORGAN),
        Action("correct", "报送更正版本", (Status.PUBLISHED,), Status.SUBMITTED, ORGAN),
        Action("comment", "写审核意见", (Status.SUBMITTED,), None, SUPERVISOR),
        Action("return", "退回", (Status.SUBMITTED,), Status.RETURNED, SUPERVISOR),
        Action("accept", "审核通过", (Status.SUBMITTED,), Status.ACCEPTED, SUPERVISOR),
        Action("publish", "公开", (Status.ACCEPTED,), Status.PUBLISHED, SYSTEM),
    )
}

# the state after ``draft`` when the entry was returned: it stays 已退回 (the board keeps showing it)
DRAFT_KEEPS = (Status.RETURNED,)


def can_start(key: str, status: str) -> bool:
    return status in ACTIONS[key].start


def require_start(key: str, entry) -> None:  # noqa: ANN001
    """Refuse ``key`` when the entry's state does not allow it (Chinese message naming the state)."""
    if can_start(key, entry.status):
        return
    act = ACTIONS[key]
    if key == "submit" and entry.status == Status.ACCEPTED:
        raise ValidationError(f"{entry.organ.name}的报告已审核通过，不能再次报送；如需更正，请在公开后报送更正版本")
    if key == "submit" and entry.status == Status.PUBLISHED:
        raise ValidationError(f"{entry.organ.name}的报告已公开，只能报送附更正说明的更正版本")
    if key == "submit" and entry.status == Status.SUBMITTED:
        raise ValidationError(f"{entry.organ.name}的报告已报送，正在审核，审核退回后才能再次报送")
    raise ValidationError(f"{entry.organ.name}当前状态为「{Status(entry.status).label}」，不能{act.title}")


def move(key: str, entry) -> None:  # noqa: ANN001
    """Put the entry in the state the action leads to (unchanged where the table says None)."""
    to = ACTIONS[key].to
    if key == "draft" and entry.status in DRAFT_KEEPS:
        return
    if to is not None:
        entry.status = to
