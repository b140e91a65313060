"""The application lifecycle, defined once: each action, the states it may start from, the state it
leads to, and who may take it. Services, forms, the case page's list of actions and the tests read it.

``to`` is None where the action leaves the state as it is (an extension, an edit of the details);
``unless`` names the application attributes that, when set, rule the action out (it was taken and cannot be
again, or another step is waiting); ``needs`` names one that must be set.

Extensions (art. 33: "经政府信息公开工作机构负责人同意"): the clerk requests (``request_extension``, with a
reason and the days), the head decides (``decide_extension``: approves the days, or refuses with a note).
A head handling a case themselves may still extend directly (``extend``): that is the head's own approval,
recorded as one request approved at once — but not while a clerk's request waits for their decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from ogi.web.organs.access import can_edit, is_head

from .choices import OPEN_STATUSES, Status

CLERK = "clerk"  # the organ's clerks and heads (and admins): organs.access.can_edit
HEAD = "head"  # the head of the disclosure office only: organs.access.is_head
STAFF = "staff"  # those who may change the case but are not its head (a head extends directly)

WHO = {
    CLERK: can_edit,
    HEAD: is_head,
    STAFF: lambda user, organ: can_edit(user, organ) and not is_head(user, organ),
}
WHO_TITLES = {CLERK: "本机关经办人或负责人", HEAD: "政府信息公开工作机构负责人", STAFF: "本机关经办人"}
EXTENDING = (Status.PROCESSING, Status.PAUSED, Status.AWAITING_FEE)


@dataclass(frozen=True)
class Action:
    key: str
    title: str
    start: tuple[str, ...]
    to: str | None
    who: str = CLERK
    unless: tuple[str, ...] = ()
    needs: str = ""


RECEIVED = tuple(s for s in OPEN_STATUSES if s != Status.AWAITING_CONFIRMATION)

ACTIONS: dict[str, Action] = {
    a.key: a
    for a in (
        # 条例第三十一条: an online application is received on the day both sides confirm — the clerk's
        # confirmation fixes the receipt date and starts the answer period.
        Action("confirm_receipt", "确认收到申请", (Status.AWAITING_CONFIRMATION,), Status.PROCESSING),
        Action(
            "request_correction", "告知补正", (Status.PROCESSING,), Status.AWAITING_CORRECTION,
            unless=("correction_requested_on",),
        ),
        Action("receive_correction", "收到补正", (Status.AWAITING_CORRECTION,), Status.PROCESSING),
        Action("start_pause", "开始征求意见", (Status.PROCESSING,), Status.PAUSED),
        Action("end_pause", "征求意见结束", (Status.PAUSED,), Status.PROCESSING),
        Action(
            "request_extension", "申请延期", EXTENDING, None, STAFF, unless=("extended", "extension_pending"),
        ),
        Action("decide_extension", "审批延期申请", EXTENDING, None, HEAD, needs="extension_pending"),
        Action("extend", "延长答复期限", EXTENDING, None, HEAD, unless=("extended", "extension_pending")),
        Action("fee_notice", "发出收费通知", (Status.PROCESSING,), Status.AWAITING_FEE, unless=("fee_notice_on",)),
        Action("fee_paid", "登记缴费", (Status.AWAITING_FEE,), Status.PROCESSING),
        Action(
            "answer", "答复",
            (Status.PROCESSING, Status.AWAITING_CORRECTION, Status.AWAITING_FEE), Status.ANSWERED,
        ),
        Action("update_details", "修改登记信息", RECEIVED, None),
    )
}


def action(key: str) -> Action:
    return ACTIONS[key]


def can_start(key: str, status: str) -> bool:
    return status in ACTIONS[key].start


def require_start(key: str, app) -> None:  # noqa: ANN001
    """Refuse ``key`` when the application's state does not allow it (Chinese message)."""
    if not can_start(key, app.status):
        raise ValidationError(
            f"申请{app.number}当前状态为「{app.get_status_display()}」，不能{ACTIONS[key].title}"
        )


def require_who(user, key: str, app) -> None:  # noqa: ANN001
    """Refuse a user whose role does not allow ``key`` (PermissionDenied, Chinese message)."""
    act = ACTIONS[key]
    if not WHO[act.who](user, app.organ):
        raise PermissionDenied(f"{act.title}须由{WHO_TITLES[act.who]}办理")


def move(key: str, app) -> None:  # noqa: ANN001
    """Put the application in the state the action leads to (unchanged where the table says None)."""
    to = ACTIONS[key].to
    if to is not None:
        app.status = to


def may(user, key: str, app) -> bool:  # noqa: ANN001
    """Whether ``user`` may take action ``key`` on the application now (state, role, not yet taken)."""
    act = ACTIONS[key]
    if app.status not in act.start or any(getattr(app, f) for f in act.unless):
        return False
    if act.needs and not getattr(app, act.needs):
        return False
    return WHO[act.who](user, app.organ)


def allowed(user, app) -> list[Action]:  # noqa: ANN001
    """The actions ``user`` may take on the application now, in the table's order."""
    return [a for a in ACTIONS.values() if may(user, a.key, app)]
