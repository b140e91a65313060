"""Every change to an application goes through here: one transaction, one timeline step, one audit entry.

Each function takes the acting user, the application and the ``version`` the user saw (optimistic
locking: a stale version is refused and nothing is saved). Bad input raises Django's
``ValidationError`` with a Chinese message keyed by the field it is about, so a form can show it next to
that field; a user acting outside their organ gets ``PermissionDenied``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ogi.errors import UsageError
from ogi.web.audit import services as audit
from ogi.web.lib import checks
from ogi.web.lib.checks import (
    MAX_ATTACHMENT_BYTES,
    MAX_EXTENSION_DAYS,
    acting_user,
    not_before,
    refuse,
    require_choice,
    require_date,
    require_text,
    require_version,
)
from ogi.web.organs.access import can_edit, is_head
from ogi.web.organs.models import Organ

from . import lifecycle
from .choices import (
    OUTCOMES_NEEDING_REASON,
    ApplicantType,
    Channel,
    EventKind,
    Outcome,
    PauseKind,
    Status,
)
from .deadlines import apply_deadline
from .models import Application, ApplicationEvent, Attachment, Pause

log = logging.getLogger("ogi.applications")
DUPLICATE_WINDOW = timedelta(minutes=10)
DETAIL_FIELDS = (
    "applicant_type", "applicant_name", "applicant_id_number", "applicant_contact", "applicant_email",
    "applicant_address", "channel", "received_on", "content", "form_requested",
)


# ---------------------------------------------------------------- checks


def _require_edit(user, organ: Organ) -> None:
    if not can_edit(user, organ):
        raise PermissionDenied(f"无权办理{organ.name}的申请")


def _latest_step(app: Application) -> tuple[date, str]:
    """The latest date already on the timeline: no new step may come before it."""
    candidates = [(app.received_on, "收到申请日期")]
    for value, label in (
        (app.correction_requested_on, "告知补正日期"),
        (app.correction_received_on, "收到补正日期"),
        (app.fee_notice_on, "收费通知日期"),
        (app.fee_paid_on, "缴费日期"),
        (app.extended_on, "延期日期"),
    ):
        if value is not None:
            candidates.append((value, label))
    for p in app.pauses.all():
        candidates.append((p.started_on, "征求意见开始日期"))
        if p.ended_on is not None:
            candidates.append((p.ended_on, "征求意见结束日期"))
    return max(candidates, key=lambda c: c[0])


def _after_latest(app: Application, field: str, on: date, label: str) -> None:
    latest, latest_label = _latest_step(app)
    not_before(field, on, latest, label, latest_label)


# ---------------------------------------------------------------- the transaction


def _transition(
    user,
    application: Application,
    version: int,
    action: str,
    change: Callable[[Application], tuple[str, date, str, dict]],
) -> Application:
    """Lock, check access and version, apply ``change``, recompute the deadline, save, log, audit."""
    with transaction.atomic():
        app = Application.objects.select_for_update().select_related("organ").get(pk=application.pk)
        _require_edit(user, app.organ)
        require_version(app, version, f"申请{app.number}")
        lifecycle.require_start(action, app)
        before = audit.snapshot(app)
        kind, on, note, data = change(app)
        lifecycle.move(action, app)
        app.version += 1
        _apply_deadline(app)
        app.save()
        ApplicationEvent.objects.create(application=app, kind=kind, on=on, note=note, data=data, by=acting_user(user))
        audit.record(user, app.organ, action, app, before, audit.snapshot(app))
    log.info("application %s: %s by user %s", app.pk, action, getattr(user, "pk", None))
    return app


def _apply_deadline(app: Application) -> None:
    try:
        apply_deadline(app)
    except UsageError as exc:
        raise ValidationError(str(exc)) from exc


# ---------------------------------------------------------------- register and edit


def register(user, organ: Organ, **fields) -> Application:
    """Register a new application (art. 29–31). ``fields`` are the DETAIL_FIELDS."""
    _require_edit(user, organ)
    clean = _clean_details(fields)
    with transaction.atomic():
        Organ.objects.select_for_update().filter(pk=organ.pk).first()  # serialise numbering per organ
        _refuse_duplicate(organ, clean)
        app = Application(organ=organ, number=_next_number(organ, clean["received_on"]), created_by=acting_user(user), **clean)
        _apply_deadline(app)
        app.save()
        ApplicationEvent.objects.create(
            application=app, kind=EventKind.REGISTERED, on=app.received_on,
            note=f"经{Channel(app.channel).label}收到申请", by=acting_user(user),
        )
        audit.record(user, organ, "register", app, None, audit.snapshot(app))
    log.info("application %s registered at organ %s by user %s", app.pk, organ.pk, getattr(user, "pk", None))
    return app


def _clean_details(fields: dict) -> dict:
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}")
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    require_choice("applicant_type", clean.get("applicant_type", ""), ApplicantType, "申请人类型")
    require_choice("channel", clean.get("channel", ""), Channel, "申请方式")
    require_text("applicant_name", clean.get("applicant_name"), "请填写申请人姓名或名称")
    require_text("content", clean.get("content"), "请填写申请公开的政府信息内容")
    require_date("received_on", clean.get("received_on"), "收到申请日期")
    return clean


def _refuse_duplicate(organ: Organ, clean: dict) -> None:
    """A form posted twice: the same application registered minutes ago is refused."""
    twin = Application.objects.filter(
        organ=organ, applicant_name=clean["applicant_name"], received_on=clean["received_on"],
        content=clean["content"], created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()
    if twin is not None:
        raise ValidationError(f"相同的申请刚刚已登记（编号 {twin.number}），请勿重复提交")


def _next_number(organ: Organ, received: date) -> str:
    prefix = f"{received.year}-"
    last = (
        Application.objects.filter(organ=organ, number__startswith=prefix)
        .order_by("-number").values_list("number", flat=True).first()
    )
    serial = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{serial:04d}"


def update_details(user, application: Application, version: int, **fields) -> Application:
    """Correct the registered details (applicant, channel, receipt date, content) of an open application."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        current = {k: getattr(app, k) for k in DETAIL_FIELDS}
        clean = _clean_details({**current, **fields})
        first_step = _first_step_after_receipt(app)
        if first_step is not None and clean["received_on"] > first_step:
            refuse("received_on", f"收到申请日期不能晚于已登记的后续办理日期（{first_step.isoformat()}）")
        changed = sorted(k for k in DETAIL_FIELDS if clean[k] != current[k])
        for k in changed:
            setattr(app, k, clean[k])
        return EventKind.EDITED, checks.today(), "修改了：" + "、".join(str(Application._meta.get_field(k).verbose_name) for k in changed), {"fields": changed}

    return _transition(user, application, version, "update_details", change)


def _first_step_after_receipt(app: Application) -> date | None:
    dates = [
        d for d in (app.correction_requested_on, app.correction_received_on, app.fee_notice_on,
                    app.fee_paid_on, app.extended_on) if d is not None
    ]
    dates += [p.started_on for p in app.pauses.all()]
    return min(dates, default=None)


# ---------------------------------------------------------------- 补正 (art. 30)


def request_correction(user, application: Application, version: int, *, on: date, note: str) -> Application:
    """Notify the applicant, once, what to correct (due within 7 working days of receipt)."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        if app.correction_requested_on is not None:
            raise ValidationError("补正应当一次性告知（条例第三十条），本申请已告知过补正")
        when = require_date("on", on, "告知补正日期")
        _after_latest(app, "on", when, "告知补正日期")
        text = require_text("note", note, "请写明需要补正的内容和补正期限")
        app.correction_requested_on = when
        late = app.correction_notice_due is not None and when > app.correction_notice_due
        return EventKind.CORRECTION_REQUESTED, when, text, {"late": late}

    return _transition(user, application, version, "request_correction", change)


def receive_correction(user, application: Application, version: int, *, on: date, note: str = "") -> Application:
    """The corrected application arrived: the answer period restarts from the next day."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        when = require_date("on", on, "收到补正日期")
        _after_latest(app, "on", when, "收到补正日期")
        app.correction_received_on = when
        return EventKind.CORRECTION_RECEIVED, when, note.strip(), {}

    return _transition(user, application, version, "receive_correction", change)


# ---------------------------------------------------------------- consultation (art. 32, 34)


def start_pause(user, application: Application, version: int, *, kind: str, on: date, note: str = "") -> Application:
    """Start consulting a third party or another organ: that time is not counted."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        if kind not in (PauseKind.THIRD_PARTY, PauseKind.OTHER_ORGAN):
            refuse("kind", "请选择征求第三方意见或征求其他机关意见")
        when = require_date("on", on, "征求意见开始日期")
        _after_latest(app, "on", when, "征求意见开始日期")
        Pause.objects.create(application=app, kind=kind, started_on=when, note=note.strip())
        return EventKind.PAUSE_STARTED, when, note.strip() or PauseKind(kind).label, {"kind": kind}

    return _transition(user, application, version, "start_pause", change)


def end_pause(user, application: Application, version: int, *, on: date, note: str = "") -> Application:
    """The opinion arrived (or the 15 working days passed): the clock runs again."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        pause = app.pauses.filter(ended_on__isnull=True).exclude(kind=PauseKind.FEE).get()
        when = require_date("on", on, "征求意见结束日期")
        not_before("on", when, pause.started_on, "征求意见结束日期", "开始日期")
        pause.ended_on = when
        pause.save(update_fields=["ended_on"])
        return EventKind.PAUSE_ENDED, when, note.strip(), {"kind": pause.kind, "started_on": pause.started_on.isoformat()}

    return _transition(user, application, version, "end_pause", change)


# ---------------------------------------------------------------- extension (art. 33)


def extend(
    user, application: Application, version: int, *, on: date, days: int, reason: str, approved_by
) -> Application:
    """Extend the answer period by at most 20 working days, approved by the disclosure office's head."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        if app.extended:
            raise ValidationError("本申请已延期，延长答复期限只能一次且最多20个工作日")
        n = _extension_days(days)
        text = require_text("reason", reason, "请填写延期理由")
        if approved_by is None or not is_head(approved_by, app.organ):
            refuse("approved_by", "延期须经政府信息公开工作机构负责人同意（条例第三十三条）")
        when = require_date("on", on, "延期日期")
        _after_latest(app, "on", when, "延期日期")
        if app.due_date is not None and when > app.due_date:
            refuse("on", f"原答复期限（{app.due_date.isoformat()}）已过，不能再延期")
        app.extended, app.extension_days, app.extension_reason = True, n, text
        app.extension_approved_by, app.extended_on = approved_by, when
        return EventKind.EXTENDED, when, text, {"days": n, "approved_by": approved_by.pk}

    return _transition(user, application, version, "extend", change)


def _extension_days(days: object) -> int:
    try:
        n = int(days)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        refuse("days", "延长的工作日数应为整数")
    if not 1 <= n <= MAX_EXTENSION_DAYS:
        refuse("days", f"延长答复期限最多{MAX_EXTENSION_DAYS}个工作日（条例第三十三条），不能为{n}个")
    return n


# ---------------------------------------------------------------- 信息处理费 (109号)


def fee_notice(user, application: Application, version: int, *, on: date, amount: Decimal | str, note: str = "") -> Application:
    """Send the 收费通知; the period until payment is not counted (treated as a pause)."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        if app.fee_notice_on is not None:
            raise ValidationError("本申请已发出过收费通知")
        fee = _fee_amount(amount)
        when = require_date("on", on, "收费通知日期")
        _after_latest(app, "on", when, "收费通知日期")
        if app.due_date is not None and when > app.due_date:
            refuse("on", f"收费通知应在答复期限（{app.due_date.isoformat()}）内发出")
        Pause.objects.create(application=app, kind=PauseKind.FEE, started_on=when, note=note.strip())
        app.fee_amount, app.fee_notice_on = fee, when
        return EventKind.FEE_NOTICE, when, note.strip(), {"amount": str(fee)}

    return _transition(user, application, version, "fee_notice", change)


def _fee_amount(amount: object) -> Decimal:
    try:
        fee = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        refuse("amount", f"收费金额「{amount}」不是有效数字")
    if not fee.is_finite() or fee <= 0 or fee != fee.quantize(Decimal("0.01")):
        refuse("amount", "收费金额应为大于0的金额（元，最多两位小数）")
    return fee


def fee_paid(user, application: Application, version: int, *, on: date, note: str = "") -> Application:
    def change(app: Application) -> tuple[str, date, str, dict]:
        when = require_date("on", on, "缴费日期")
        not_before("on", when, app.fee_notice_on, "缴费日期", "收费通知日期")
        _close_fee_pause(app, when)
        app.fee_paid_on = when
        return EventKind.FEE_PAID, when, note.strip(), {"amount": str(app.fee_amount)}

    return _transition(user, application, version, "fee_paid", change)


def _close_fee_pause(app: Application, when: date) -> None:
    app.pauses.filter(kind=PauseKind.FEE, ended_on__isnull=True).update(ended_on=when)


# ---------------------------------------------------------------- the answer (art. 36–39)


def answer(user, application: Application, version: int, *, on: date, outcome: str, reason: str = "") -> Application:
    """Answer the application; the outcome is a result row of section 三 (2021 taxonomy)."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        require_choice("outcome", outcome, Outcome, "办理结果")
        _require_answerable(app, outcome)
        text = (reason or "").strip()
        if outcome in OUTCOMES_NEEDING_REASON and not text:
            refuse("reason", f"办理结果为「{Outcome(outcome).label}」时须写明理由或说明")
        when = require_date("on", on, "答复日期")
        _after_latest(app, "on", when, "答复日期")
        if app.status == Status.AWAITING_FEE:
            _close_fee_pause(app, when)
        app.outcome, app.outcome_reason, app.answered_on = outcome, text, when
        return EventKind.ANSWERED, when, text, {"outcome": outcome, "on_time": app.due_date is None or when <= app.due_date}

    return _transition(user, application, version, "answer", change)


def _require_answerable(app: Application, outcome: str) -> None:
    if app.status == Status.ANSWERED:
        raise ValidationError(f"申请{app.number}已办结，不能再次答复")
    if app.status == Status.PAUSED:
        raise ValidationError("正在征求意见，请先登记征求意见结束")
    if outcome == Outcome.R_OTHER_NO_CORRECTION and app.status != Status.AWAITING_CORRECTION:
        refuse("outcome", "只有已告知补正、申请人逾期未补正的申请才能按「逾期不补正」办结")
    if outcome == Outcome.R_OTHER_FEE_UNPAID and app.status != Status.AWAITING_FEE:
        refuse("outcome", "只有已发出收费通知、申请人逾期未缴费的申请才能按「逾期未缴费」办结")
    if app.status == Status.AWAITING_CORRECTION and outcome != Outcome.R_OTHER_NO_CORRECTION:
        refuse("outcome", "申请人尚未补正：请先登记收到补正，或按「逾期不补正」办结")
    if app.status == Status.AWAITING_FEE and outcome != Outcome.R_OTHER_FEE_UNPAID:
        refuse("outcome", "申请人尚未缴费：请先登记缴费，或按「逾期未缴费」办结")
    if outcome == Outcome.R_UNABLE_UNCLEAR and app.correction_received_on is None:
        refuse("outcome", "「补正后申请内容仍不明确」只适用于已收到补正的申请")


# ---------------------------------------------------------------- documents


def attach(user, application: Application, *, title: str, file) -> Attachment:  # noqa: ANN001
    """Attach a document (notice, answer letter, receipt…) to the application's file."""
    _require_edit(user, application.organ)
    text = require_text("title", title, "请填写文件名称")
    if file is None or not getattr(file, "name", ""):
        refuse("file", "请选择要上传的文件")
    if getattr(file, "size", 0) > MAX_ATTACHMENT_BYTES:
        refuse("file", f"文件不能超过 {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB")
    with transaction.atomic():
        attachment = Attachment.objects.create(application=application, title=text, file=file, uploaded_by=acting_user(user))
        ApplicationEvent.objects.create(
            application=application, kind=EventKind.ATTACHED, on=checks.today(), note=text,
            data={"attachment": attachment.pk}, by=acting_user(user),
        )
        audit.record(user, application.organ, "attach", attachment, None, audit.snapshot(attachment))
    log.info("application %s: attachment %s by user %s", application.pk, attachment.pk, getattr(user, "pk", None))
    return attachment
