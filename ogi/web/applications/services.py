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
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.dispatch import Signal
from django.utils import timezone

from ogi.errors import UsageError
from ogi.web.audit import services as audit
from ogi.web.lib import checks
from ogi.web.lib.checks import (
    MAX_ATTACHMENT_BYTES,
    MAX_CORRECTION_PERIOD_WORKDAYS,
    MAX_EXTENSION_DAYS,
    acting_user,
    bounded,
    not_before,
    refuse,
    require_choice,
    require_date,
    require_text,
    require_version,
)
from ogi.web.lib.uploads import check_upload
from ogi.web.organs.access import require_edit
from ogi.web.organs.models import Organ

from . import lifecycle
from .choices import (
    OUTCOMES_NEEDING_REASON,
    ApplicantType,
    Channel,
    Decision,
    EventKind,
    Outcome,
    PauseKind,
    Status,
)
from .deadlines import apply_deadline
from .fees import Quote, quote
from .models import Application, ApplicationEvent, Attachment, ExtensionRequest, Pause

# Sent inside the transaction that confirms an online application's receipt (``confirm_receipt``): a layer
# above (the applicant's side) issues the 登记回执 there, so a receipt that cannot be issued undoes the
# confirmation. Arguments: ``application``, ``user``.
receipt_confirmed = Signal()

log = logging.getLogger("ogi.applications")
DUPLICATE_WINDOW = timedelta(minutes=10)
DETAIL_FIELDS = (
    "applicant_type", "applicant_name", "applicant_id_number", "applicant_contact", "applicant_email",
    "applicant_address", "channel", "received_on", "content", "form_requested",
)


# ---------------------------------------------------------------- checks


EDITING = "办理{organ}的申请"  # what require_edit refuses: 无权…


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
        require_edit(user, app.organ, EDITING)
        lifecycle.require_who(user, action, app)
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
    require_edit(user, organ, EDITING)
    clean = _clean_details(fields)
    with transaction.atomic():
        Organ.objects.select_for_update().filter(pk=organ.pk).first()  # serialise numbering per organ
        _refuse_duplicate(organ, clean)
        year = clean["received_on"].year
        serial = _next_serial(organ, year)
        app = Application(
            organ=organ, number=number(organ, year, serial), number_year=year, serial=serial,
            created_by=acting_user(user), **clean,
        )
        _apply_deadline(app)
        app.save()
        ApplicationEvent.objects.create(
            application=app, kind=EventKind.REGISTERED, on=app.received_on,
            note=f"经{Channel(app.channel).label}收到申请", by=acting_user(user),
        )
        audit.record(user, organ, "register", app, None, audit.snapshot(app))
    log.info("application %s registered at organ %s by user %s", app.pk, organ.pk, getattr(user, "pk", None))
    return app


ONLINE_FIELDS = (
    *(f for f in DETAIL_FIELDS if f not in ("channel", "received_on")),
    "applicant_id_type", "info_document_number", "delivery",
)
MAX_ID_SCAN_BYTES = 5 * 1024 * 1024
ID_SCAN_KINDS = frozenset({"pdf", "png", "jpeg"})


def submit_online(organ: Organ, *, id_scan, **fields) -> Application:  # noqa: ANN001
    """An application submitted by the applicant online (条例第二十九条), without a login: it enters the
    organ's register as 待确认 with its 身份证明 scan; it is received, and its answer period starts, when
    a clerk confirms it (``confirm_receipt``, 条例第三十一条). The caller (the applicant's side) has checked
    the identifiers and the rate limits; this checks what the register needs and the scan's content."""
    unknown = set(fields) - set(ONLINE_FIELDS)
    if unknown:
        raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}")
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    require_choice("applicant_type", clean.get("applicant_type", ""), ApplicantType, "申请人类型")
    require_text("applicant_name", clean.get("applicant_name"), "请填写申请人姓名或名称")
    require_text("content", clean.get("content"), "请填写申请公开的政府信息内容")
    if id_scan is None or not getattr(id_scan, "name", ""):
        refuse("id_scan", "请上传身份证明的扫描件或照片")
    if getattr(id_scan, "size", 0) > MAX_ID_SCAN_BYTES:
        refuse("id_scan", f"身份证明文件不能超过 {MAX_ID_SCAN_BYTES // (1024 * 1024)} MB")
    check_upload(id_scan, ID_SCAN_KINDS, "id_scan")
    now = timezone.now()
    with transaction.atomic():
        Organ.objects.select_for_update().filter(pk=organ.pk).first()  # serialise numbering per organ
        year = timezone.localdate(now).year
        serial = _next_serial(organ, year)
        app = Application(
            organ=organ, number=number(organ, year, serial), number_year=year, serial=serial,
            channel=Channel.ONLINE, received_on=None, submitted_at=now,
            status=Status.AWAITING_CONFIRMATION, **clean,
        )
        _apply_deadline(app)
        app.save()
        scan = Attachment.objects.create(application=app, title="身份证明（申请人在线提交）", file=id_scan)
        ApplicationEvent.objects.create(
            application=app, kind=EventKind.SUBMITTED_ONLINE, on=timezone.localdate(now),
            note="申请人在线提交申请，待本机关确认收到", data={"attachment": scan.pk},
        )
        audit.record(None, organ, "submit_online", app, None, audit.snapshot(app))
    log.info("application %s submitted online at organ %s", app.pk, organ.pk)
    return app


def confirm_receipt(user, application: Application, version: int, *, on: date) -> Application:
    """The clerk confirms an online application's receipt: ``on`` becomes the receipt date (条例第三十一条:
    双方确认之日) — not before the day it was submitted — and the answer period starts the day after. The
    ``receipt_confirmed`` signal is sent in the same transaction (the 登记回执 is issued there)."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        when = require_date("on", on, "确认收到日期")
        not_before("on", when, app.submitted_on, "确认收到日期", "在线提交日期")
        app.received_on = when
        note = f"确认收到在线申请，收到申请日期为{when.year}年{when.month}月{when.day}日（条例第三十一条：双方确认之日）"
        return EventKind.RECEIPT_CONFIRMED, when, note, {}

    with transaction.atomic():
        app = _transition(user, application, version, "confirm_receipt", change)
        receipt_confirmed.send(sender=Application, application=app, user=user)
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


def number(organ: Organ, year: int, serial: int) -> str:
    """编号: the organ's code, the year the application was received, the serial in that year —
    ``dadukou-rfb-2025-0001`` — unique across organs and readable on a letter or the phone."""
    return f"{organ.code}-{year}-{serial:04d}"


def _next_serial(organ: Organ, year: int) -> int:
    """The next serial of the organ's year. The caller holds the organ's row lock (``register``), so two
    registrations at once wait for each other; the unique constraint (organ, year, serial) backs it."""
    last = Application.objects.filter(organ=organ, number_year=year).aggregate(n=Max("serial"))["n"]
    return (last or 0) + 1


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


def request_correction(
    user, application: Application, version: int, *, on: date, note: str, period_days: int | None = None,
) -> Application:
    """Notify the applicant, once, what to correct (due within 7 working days of receipt) and by when: the
    notice sets the applicant's 补正 period in working days (default: the setting
    ``OGI_CORRECTION_PERIOD_WORKDAYS``). The answer period stops until the corrected application arrives."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        if app.correction_requested_on is not None:
            raise ValidationError("补正应当一次性告知（条例第三十条），本申请已告知过补正")
        when = require_date("on", on, "告知补正日期")
        _after_latest(app, "on", when, "告知补正日期")
        text = require_text("note", note, "请写明需要补正的内容")
        days = settings.OGI_CORRECTION_PERIOD_WORKDAYS if period_days is None else period_days
        app.correction_period_days = bounded("period_days", days, "补正期限（工作日）", 1, MAX_CORRECTION_PERIOD_WORKDAYS)
        app.correction_requested_on = when
        late = app.correction_notice_due is not None and when > app.correction_notice_due
        return EventKind.CORRECTION_REQUESTED, when, text, {"late": late, "period_days": app.correction_period_days}

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


def request_extension(user, application: Application, version: int, *, on: date, days: int, reason: str) -> Application:
    """The clerk asks the head to extend the answer period (at most 20 working days, with a reason)."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        req = _new_request(user, app, "request_extension", on, days, reason, "申请延期日期")
        shown = f"申请延长{req.days}个工作日：{req.reason}"
        return EventKind.EXTENSION_REQUESTED, req.requested_on, shown, {"days": req.days, "request": req.pk}

    return _transition(user, application, version, "request_extension", change)


def decide_extension(
    user, application: Application, version: int, *, on: date, approve: bool, days: int | None = None, note: str = "",
) -> Application:
    """The head approves the clerk's request (the due date moves by the approved days) or refuses it with a note."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        req = app.pending_extension()
        if req is None:
            raise ValidationError("没有待审批的延期申请")
        before = audit.snapshot(req)
        when = require_date("on", on, "审批日期")
        not_before("on", when, req.requested_on, "审批日期", "申请延期日期")
        text = (note or "").strip()
        if approve:
            _extension_date(app, when, "审批日期")
            n = _extension_days(req.days if days is None else days)
            _grant(app, user, when, n, req.reason)
            req.decision, req.approved_days = Decision.APPROVED, n
            kind, shown = EventKind.EXTENDED, f"负责人同意延长{n}个工作日" + (f"：{text}" if text else "")
        else:
            text = require_text("note", note, "不同意延期时请写明理由")
            req.decision, n = Decision.REFUSED, None
            kind, shown = EventKind.EXTENSION_REFUSED, f"负责人不同意延期：{text}"
        req.decided_on, req.decided_by, req.decision_note = when, acting_user(user), text
        req.save()
        audit.record(user, app.organ, "decide_extension", req, before, audit.snapshot(req))
        return kind, when, shown, {"request": req.pk, "requested_days": req.days, "days": n}

    return _transition(user, application, version, "decide_extension", change)


def extend(user, application: Application, version: int, *, on: date, days: int, reason: str) -> Application:
    """The head extends directly (their own approval): recorded as a request approved at once."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        req = _new_request(user, app, "extend", on, days, reason, "延期日期", approved=True)
        _grant(app, user, req.requested_on, req.days, req.reason)
        return EventKind.EXTENDED, req.requested_on, req.reason, {"days": req.days, "approved_by": user.pk, "request": req.pk}

    return _transition(user, application, version, "extend", change)


def _new_request(
    user, app: Application, action: str, on: date, days: object, reason: str, label: str, approved: bool = False,
) -> ExtensionRequest:
    """A checked extension request, saved and audited; ``approved``: the head's own, decided at once."""
    _refuse_second_extension(app)
    n = _extension_days(days)
    text = require_text("reason", reason, "请填写延期理由")
    when = _extension_date(app, on, label)
    decided = {"decision": Decision.APPROVED, "approved_days": n, "decided_on": when, "decided_by": acting_user(user)}
    req = ExtensionRequest.objects.create(
        application=app, days=n, reason=text, requested_on=when, requested_by=acting_user(user),
        **(decided if approved else {}),
    )
    audit.record(user, app.organ, action, req, None, audit.snapshot(req))
    return req


def _refuse_second_extension(app: Application) -> None:
    if app.extended:
        raise ValidationError("本申请已延期，延长答复期限只能一次且最多20个工作日")
    if app.extension_pending:
        raise ValidationError("本申请已有延期申请等待负责人审批")


def _extension_date(app: Application, on: date, label: str) -> date:
    """A step of the extension: not before the last step, and within the original answer period."""
    when = require_date("on", on, label)
    _after_latest(app, "on", when, label)
    if app.due_date is not None and when > app.due_date:
        refuse("on", f"原答复期限（{app.due_date.isoformat()}）已过，不能再延期")
    return when


def _grant(app: Application, head, when: date, days: int, reason: str) -> None:
    app.extended, app.extension_days, app.extension_reason = True, days, reason
    app.extension_approved_by, app.extended_on = head, when


def _extension_days(days: object) -> int:
    try:
        n = int(days)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        refuse("days", "延长的工作日数应为整数")
    if not 1 <= n <= MAX_EXTENSION_DAYS:
        refuse("days", f"延长答复期限最多{MAX_EXTENSION_DAYS}个工作日（条例第三十三条），不能为{n}个")
    return n


# ---------------------------------------------------------------- 信息处理费 (109号)


def fee_quote(application: Application, method: str, pages: int | None = None) -> Quote:
    """The 信息处理费 109号 gives for this application (not saved): the clerk sees it, with its working,
    before confirming the 收费通知. Refused when 109号 gives nothing to charge."""
    q = quote(application, method, pages)
    if q.amount == 0:
        refuse("method", "按109号本申请不收费（" + "；".join(q.lines) + "），无需发出收费通知")
    return q


def fee_notice(
    user, application: Application, version: int, *, on: date, method: str, pages: int | None = None,
    confirmed: int | None = None, note: str = "",
) -> Application:
    """Send the 收费通知 with the fee computed by ``ogi.fees`` (the clerk confirms the amount they were shown);
    the period until payment is not counted (treated as a pause); the applicant has 20 working days to pay."""

    def change(app: Application) -> tuple[str, date, str, dict]:
        if app.fee_notice_on is not None:
            raise ValidationError("本申请已发出过收费通知")
        q = fee_quote(app, method, pages)
        if confirmed is None or _as_int(confirmed) != q.amount:
            refuse("confirmed", f"请核对计算结果（{q.amount}元）后再确认发出收费通知")
        when = require_date("on", on, "收费通知日期")
        _after_latest(app, "on", when, "收费通知日期")
        if app.due_date is not None and when > app.due_date:
            refuse("on", f"收费通知应在答复期限（{app.due_date.isoformat()}）内发出")
        Pause.objects.create(application=app, kind=PauseKind.FEE, started_on=when, note=note.strip())
        app.fee_method, app.fee_pages, app.fee_working = q.method, q.pages, "\n".join(q.lines)
        app.fee_amount, app.fee_notice_on = Decimal(q.amount), when
        return EventKind.FEE_NOTICE, when, note.strip() or "；".join(q.lines), {"amount": str(q.amount), "method": q.method}

    return _transition(user, application, version, "fee_notice", change)


def _as_int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


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
        when = require_date("on", on, "答复日期")
        _require_answerable(app, outcome, when)
        text = (reason or "").strip()
        if outcome in OUTCOMES_NEEDING_REASON and not text:
            refuse("reason", f"办理结果为「{Outcome(outcome).label}」时须写明理由或说明")
        _after_latest(app, "on", when, "答复日期")
        if app.status == Status.AWAITING_FEE:
            _close_fee_pause(app, when)
        app.outcome, app.outcome_reason, app.answered_on = outcome, text, when
        return EventKind.ANSWERED, when, text, {"outcome": outcome, "on_time": app.due_date is None or when <= app.due_date}

    return _transition(user, application, version, "answer", change)


def _require_period_over(app: Application, outcome: str, when: date) -> None:
    """逾期不补正 / 逾期未缴费 only once the applicant's period has ended (art. 30; 109号)."""
    for closing, end, what, short in (
        (Outcome.R_OTHER_NO_CORRECTION, app.correction_due, "补正期限", "逾期不补正"),
        (Outcome.R_OTHER_FEE_UNPAID, app.fee_due, "缴费期限", "逾期未缴费"),
    ):
        if outcome == closing and end is not None and when <= end:
            refuse("on", f"{what}至{end.isoformat()}，期满后（{end.isoformat()}之后）才能按「{short}」办结")


def _require_answerable(app: Application, outcome: str, when: date) -> None:
    if app.status == Status.ANSWERED:
        raise ValidationError(f"申请{app.number}已办结，不能再次答复")
    if app.status == Status.PAUSED:
        raise ValidationError("正在征求意见，请先登记征求意见结束")
    if outcome == Outcome.R_OTHER_NO_CORRECTION and app.status != Status.AWAITING_CORRECTION:
        refuse("outcome", "只有已告知补正、申请人逾期未补正的申请才能按「逾期不补正」办结")
    if outcome == Outcome.R_OTHER_FEE_UNPAID and app.status != Status.AWAITING_FEE:
        refuse("outcome", "只有已发出收费通知、申请人逾期未缴费的申请才能按「逾期未缴费」办结")
    _require_period_over(app, outcome, when)
    if app.status == Status.AWAITING_CORRECTION and outcome != Outcome.R_OTHER_NO_CORRECTION:
        refuse("outcome", "申请人尚未补正：请先登记收到补正，或按「逾期不补正」办结")
    if app.status == Status.AWAITING_FEE and outcome != Outcome.R_OTHER_FEE_UNPAID:
        refuse("outcome", "申请人尚未缴费：请先登记缴费，或按「逾期未缴费」办结")
    if outcome == Outcome.R_UNABLE_UNCLEAR and app.correction_received_on is None:
        refuse("outcome", "「补正后申请内容仍不明确」只适用于已收到补正的申请")


# ---------------------------------------------------------------- documents


def attach(user, application: Application, *, title: str, file) -> Attachment:  # noqa: ANN001
    """Attach a document (notice, answer letter, receipt…) to the application's file."""
    require_edit(user, application.organ, EDITING)
    text = require_text("title", title, "请填写文件名称")
    if file is None or not getattr(file, "name", ""):
        refuse("file", "请选择要上传的文件")
    if getattr(file, "size", 0) > MAX_ATTACHMENT_BYTES:
        refuse("file", f"文件不能超过 {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB")
    check_upload(file)
    with transaction.atomic():
        attachment = Attachment.objects.create(application=application, title=text, file=file, uploaded_by=acting_user(user))
        ApplicationEvent.objects.create(
            application=application, kind=EventKind.ATTACHED, on=checks.today(), note=text,
            data={"attachment": attachment.pk}, by=acting_user(user),
        )
        audit.record(user, application.organ, "attach", attachment, None, audit.snapshot(attachment))
    log.info("application %s: attachment %s by user %s", application.pk, attachment.pk, getattr(user, "pk", None))
    return attachment
