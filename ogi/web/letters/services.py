"""Issuing the letters of a case, and every other change of the letters app.

The services other apps call (the applicant's online application, the status page):

- ``preview(user, application, kind, *, version, on=None, outcome="", corrects=None, **facts) -> Draft``
  the letter exactly as ``issue`` would write it, with “（发文时编号）” in place of the 文号; nothing is kept.
- ``issue(user, application, kind, *, version, on=None, outcome="", corrects=None, **facts) -> Letter``
  one transaction: performs the register's step the letter notifies (see ``STEPS``) on the letter's date,
  takes the next 文号 of the organ's year and kind (a counter row locked with ``select_for_update``),
  renders the HTML, DOCX and PDF, stores them with their SHA-256, adds the timeline entry and the audit
  entry, and queues the e-mail to an applicant with an address. Any failure (a refused step, a template
  that drops a required part, a renderer error) leaves nothing: no number used, no step, no file.
- ``record_delivery(user, letter, *, channel, on, note="") -> Delivery``
- ``letters_of(application)`` the case's letters, oldest first (with deliveries and mails prefetched).
- ``save_template(user, organ, key, body)``, ``reset_template(user, organ, key)``,
  ``save_settings(user, organ, **fields)``: the organ's head or an admin.

``facts`` by kind (all text is stripped; what the law needs is required):

================== =========================================================================================
receipt            —
correction         ``what`` (what to correct, required), ``period_days`` (the 补正 period, default the setting)
reasons            ``question`` (what the applicant is asked to explain, required), ``reply_days`` (default 15)
extension          — (the head's approved extension must be recorded first)
third_party_consult ``third_party`` (required), ``third_party_address``
third_party_notice  — (a consultation must be under way)
third_party_disclosure ``third_party`` (required), ``reason`` (the public interest, required)
organ_consult      ``other_organ`` (required)
fee                ``method`` (``per_item``/``per_page``), ``pages`` (按量), ``confirmed`` (the amount shown)
answer             ``outcome`` (a section 三 row), ``reason``, ``where`` (how/where to obtain it),
                   ``referral`` (the responsible organ and its contact: art. 36(五)), ``already_public``
================== =========================================================================================

Where the register's step has already been recorded (by the register's own form) and no letter notifies
it yet, ``issue`` writes the letter from the recorded step, dated the step's date.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet

from ogi import letters as law
from ogi.web.applications import services as steps
from ogi.web.applications.choices import Channel, EventKind, FeeMethod, Outcome, PauseKind, Status
from ogi.web.applications.models import Application, ApplicationEvent
from ogi.web.audit import services as audit
from ogi.web.lib import checks
from ogi.web.lib.checks import acting_user, refuse, require_date, require_text, require_version
from ogi.web.organs.access import can_edit, is_admin, is_head, require_edit
from ogi.web.organs.models import Organ

from . import render
from .models import (
    Counter,
    Delivery,
    DeliveryChannel,
    Letter,
    LetterSettings,
    LetterTemplate,
    TemplateKey,
)

log = logging.getLogger("ogi.letters")
PLACEHOLDER_DOCNO = "（发文时编号）"
SEAL = "（机关印章）"
# The timeline entry of a letter that performs no step (the register's own kinds have none for letters).
LETTER_EVENT = getattr(EventKind, "LETTER_ISSUED", EventKind.ATTACHED)


def cn_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


@dataclass
class Draft:
    """A letter rendered but not issued (``preview``), or about to be (``issue``)."""

    kind: str
    outcome: str
    title: str
    addressee: str
    to: str
    on: date
    html: str
    facts: dict
    template_key: str
    template_version: int
    adverse: bool


# ---------------------------------------------------------------- access


EDITING = "办理{organ}的文书"  # what require_edit refuses: 无权…


def _require_manage(user, organ: Organ) -> None:
    if not (is_head(user, organ) or is_admin(user)):
        raise PermissionDenied(f"只有{organ.name}的政府信息公开工作机构负责人或系统管理员可以修改文书模板和设置")


# ---------------------------------------------------------------- settings and templates


def settings_of(organ: Organ) -> LetterSettings:
    """The organ's letter settings (unsaved defaults when none were entered)."""
    try:
        return organ.letter_settings
    except LetterSettings.DoesNotExist:
        return LetterSettings(organ=organ)


SETTINGS_FIELDS = ("docno_prefix", "review_body", "court", "address", "contact", "payment", "review_first")


def save_settings(user, organ: Organ, **fields) -> LetterSettings:
    _require_manage(user, organ)
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}")
    review_first = fields.get("review_first")
    if review_first is not None:
        bad = [o for o in review_first if o not in Outcome.values]
        if bad:
            refuse("review_first", f"办理结果「{bad[0]}」不是有效选项")
    with transaction.atomic():
        current = LetterSettings.objects.select_for_update().filter(organ=organ).first()
        before = audit.snapshot(current)
        obj = current or LetterSettings(organ=organ)
        for k, v in fields.items():
            setattr(obj, k, v.strip() if isinstance(v, str) else list(v))
        obj.full_clean()
        obj.save()
        audit.record(user, organ, "save_letter_settings", obj, before, audit.snapshot(obj))
    return obj


def template_of(organ: Organ, key: str) -> tuple[str, int]:
    """The template an organ's letters of ``key`` use: its own (body, version) or the project's (body, 0)."""
    own = LetterTemplate.objects.filter(organ=organ, key=key).first()
    return (own.body, own.version) if own else (render.default_body(key), 0)


def kind_of_key(key: str) -> tuple[str, str]:
    for k, kind, outcome in law.template_keys():
        if k == key:
            return kind, outcome
    refuse("key", f"没有文书模板「{key}」")
    raise AssertionError


def check_template(organ: Organ, key: str, body: str) -> str:
    """Compile ``body`` and render it with sample facts; refuse it (Chinese message) when it does not
    compile or drops a required part (the legal basis; the remedy clause where the letter is adverse).
    Returns the sample letter's HTML."""
    kind, outcome = kind_of_key(key)
    require_text("body", body, "模板不能为空")
    context = sample_context(organ, kind, outcome)
    html = render.render_body(body, context)
    render.check_parts(html, context, law.required_parts(kind, outcome))
    return html


def save_template(user, organ: Organ, key: str, body: str) -> LetterTemplate:
    """Save an organ's own template for ``key`` after ``check_template``; audited, versioned."""
    _require_manage(user, organ)
    check_template(organ, key, body)
    with transaction.atomic():
        current = LetterTemplate.objects.select_for_update().filter(organ=organ, key=key).first()
        before = audit.snapshot(current)
        if current is None:
            current = LetterTemplate(organ=organ, key=key, body=body, updated_by=acting_user(user))
        else:
            current.body, current.version, current.updated_by = body, current.version + 1, acting_user(user)
        current.save()
        audit.record(user, organ, "save_letter_template", current, before, audit.snapshot(current))
    log.info("letter template %s of organ %s saved by user %s", key, organ.pk, getattr(user, "pk", None))
    return current


def reset_template(user, organ: Organ, key: str) -> None:
    """Back to the project's default template for ``key`` (the organ's own is deleted; audited)."""
    _require_manage(user, organ)
    with transaction.atomic():
        current = LetterTemplate.objects.select_for_update().filter(organ=organ, key=key).first()
        if current is None:
            return
        before = audit.snapshot(current)
        audit.record(user, organ, "reset_letter_template", current, before, None)
        current.delete()


# ---------------------------------------------------------------- the context of a letter


def _base_context(app: Application, organ: Organ, conf: LetterSettings, kind: str, outcome: str, on: date) -> dict:
    k = law.KINDS[kind]
    return {
        "title": k.title,
        "kind_title": k.title,
        "number": app.number,
        "applicant_name": app.applicant_name,
        "received_on": cn_date(app.received_on),
        "channel": Channel(app.channel).label if app.channel in Channel.values else app.channel,
        "content": app.content,
        "facts": app.content,
        "form_requested": app.form_requested,
        "due_date": cn_date(app.due_date),
        "correction_requested_on": cn_date(app.correction_requested_on),
        "correction_due": cn_date(app.correction_due),
        "fee_notice_on": cn_date(app.fee_notice_on),
        "fee_due": cn_date(app.fee_due),
        "organ_name": organ.name,
        "organ_address": conf.address,
        "organ_contact": conf.contact,
        "review_body": conf.review_body,
        "court": conf.court,
        "date": cn_date(on),
        "seal": SEAL,
        "outcome": outcome,
        "outcome_title": law.ANSWERS[outcome].summary if outcome else "",
    }


def _finish_context(ctx: dict, kind: str, outcome: str, conf: LetterSettings, cites: tuple) -> dict:
    ctx["citations"] = law.cite(cites)
    ctx["basis"] = law.basis_sentence(cites)
    if law.is_adverse(kind, outcome):
        if not conf.review_body or not conf.court:
            raise ValidationError(
                "请先在本机关的文书设置中填写行政复议机关和管辖法院：含救济途径的文书须写明二者"
            )
        subject = "本决定" if kind == "third_party_disclosure" else "本答复"
        ctx["remedy"] = law.remedy_clause(
            conf.review_body, conf.court, review_first=outcome in (conf.review_first or []), subject=subject,
        )
    else:
        ctx["remedy"] = ""
    return ctx


def sample_context(organ: Organ, kind: str, outcome: str) -> dict:
    """Facts of an imagined case, for checking a template before it is saved."""
    conf = settings_of(organ)
    if not conf.review_body or not conf.court:
        conf = LetterSettings(organ=organ, review_body=conf.review_body or "（行政复议机关）",
                              court=conf.court or "（管辖法院）", review_first=conf.review_first)
    app = Application(
        number=f"{organ.code}-2025-0001", applicant_name="申请人", received_on=date(2025, 3, 3),
        channel=Channel.ONLINE, content="（申请公开的政府信息）", due_date=date(2025, 3, 31),
        form_requested="电子邮件",
    )
    on = date(2025, 3, 5)
    ctx = _base_context(app, organ, conf, kind, outcome, on)
    ctx |= {
        "docno": law.docno(conf.docno_prefix, kind, 2025, 1),
        "addressee": "（收件人）",
        "what": "（需要补正的事项）", "correction_due": "2025年3月26日", "period_days": 15,
        "question": "（需要说明的理由）", "reply_days": 15,
        "extension_days": 20, "extension_reason": "（延期理由）", "new_due": "2025年4月28日",
        "third_party": "（第三方）", "third_party_address": "", "other_organ": "（被征求意见机关）",
        "consult_days": law.CONSULTATION_WORKDAYS, "reason": "（理由）", "where": "", "referral": "",
        "fee_method": "按件计收", "fee_amount": "100", "fee_working": ["（计算过程）"], "fee_due": "2025年4月3日",
        "fee_days": law.FEE_PAYMENT_WORKDAYS, "payment": conf.payment or "（缴费方式）",
        "consultations": "征求第三方意见", "corrects": None,
    }
    cites = law.citations_for(kind, outcome=outcome, channel="online", method="per_item")
    return _finish_context(ctx, kind, outcome, conf, cites)


# ---------------------------------------------------------------- steps: what each kind does to the case


def _text(facts: dict, key: str, message: str) -> str:
    return require_text(key, facts.get(key), message)


def _last_event(app: Application, kind: str) -> ApplicationEvent | None:
    return app.events.filter(kind=kind).order_by("-id").first()


def _open_pause(app: Application):  # noqa: ANN202
    return app.pauses.filter(ended_on__isnull=True).exclude(kind=PauseKind.FEE).first()


def _step_correction(user, app: Application, version: int, on: date, facts: dict) -> tuple[Application, ApplicationEvent | None]:
    if app.correction_requested_on is None:
        what = _text(facts, "what", "请写明需要补正的事项（条例第三十条：一次性告知）")
        days = facts.get("period_days") or None
        app = steps.request_correction(user, app, version, on=on, note=what, period_days=days)
        return app, _last_event(app, EventKind.CORRECTION_REQUESTED)
    event = _last_event(app, EventKind.CORRECTION_REQUESTED)
    facts.setdefault("what", event.note if event else "")
    return app, event


def _step_extension(user, app: Application, version: int, on: date, facts: dict) -> tuple[Application, ApplicationEvent | None]:
    if not app.extended:
        raise ValidationError("延长答复期限须先经政府信息公开工作机构负责人同意（条例第三十三条第二款）：请先登记延期审批")
    return app, _last_event(app, EventKind.EXTENDED)


def _step_consult(pause_kind: str) -> Callable:
    def step(user, app: Application, version: int, on: date, facts: dict) -> tuple[Application, ApplicationEvent | None]:
        who = "third_party" if pause_kind == PauseKind.THIRD_PARTY else "other_organ"
        name = _text(facts, who, "请填写第三方名称" if who == "third_party" else "请填写被征求意见的机关")
        if app.status == Status.PROCESSING:
            app = steps.start_pause(user, app, version, kind=pause_kind, on=on, note=f"征求{name}意见")
            return app, _last_event(app, EventKind.PAUSE_STARTED)
        if app.status != Status.PAUSED:
            raise ValidationError(f"申请{app.number}当前状态为「{app.get_status_display()}」，不能征求意见")
        return app, None

    return step


def _step_consultation_under_way(user, app: Application, version: int, on: date, facts: dict) -> tuple[Application, None]:
    if _open_pause(app) is None:
        raise ValidationError("本申请没有正在进行的征求意见，无需告知")
    return app, None


def _step_disclosure(user, app: Application, version: int, on: date, facts: dict) -> tuple[Application, None]:
    _text(facts, "third_party", "请填写第三方名称")
    _text(facts, "reason", "请写明不公开可能对公共利益造成重大影响的理由（条例第三十二条）")
    if not app.pauses.filter(kind=PauseKind.THIRD_PARTY).exists():
        raise ValidationError("本申请没有征求第三方意见的记录，不能发出依申请公开告知书")
    return app, None


def _step_reasons(user, app: Application, version: int, on: date, facts: dict) -> tuple[Application, None]:
    _text(facts, "question", "请写明需要申请人说明理由的事项（条例第三十五条）")
    if app.status == Status.ANSWERED:
        raise ValidationError(f"申请{app.number}已办结")
    return app, None


def _step_fee(user, app: Application, version: int, on: date, facts: dict) -> tuple[Application, ApplicationEvent | None]:
    if app.fee_notice_on is None:
        app = steps.fee_notice(
            user, app, version, on=on, method=facts.get("method", ""), pages=facts.get("pages"),
            confirmed=facts.get("confirmed"),
        )
    return app, _last_event(app, EventKind.FEE_NOTICE)


def _step_answer(user, app: Application, version: int, on: date, facts: dict) -> tuple[Application, ApplicationEvent | None]:
    outcome = facts["outcome"]
    if app.status != Status.ANSWERED:
        app = steps.answer(user, app, version, on=on, outcome=outcome, reason=facts.get("reason", ""))
    elif app.outcome != outcome:
        refuse("outcome", f"本申请已按「{app.get_outcome_display()}」办结，答复书的办理结果应与之一致")
    return app, _last_event(app, EventKind.ANSWERED)


def _no_step(user, app: Application, version: int, on: date, facts: dict) -> tuple[Application, None]:
    return app, None


# The register's step each kind performs (or finds recorded), and the date that step carries.
STEPS: dict[str, Callable] = {
    "receipt": _no_step,
    "correction": _step_correction,
    "reasons": _step_reasons,
    "extension": _step_extension,
    "third_party_consult": _step_consult(PauseKind.THIRD_PARTY),
    "third_party_notice": _step_consultation_under_way,
    "third_party_disclosure": _step_disclosure,
    "organ_consult": _step_consult(PauseKind.OTHER_ORGAN),
    "fee": _step_fee,
    "answer": _step_answer,
}
STEP_DATE = {
    "correction": "correction_requested_on", "fee": "fee_notice_on", "answer": "answered_on", "extension": "extended_on",
}


def _letter_date(app: Application, kind: str, on: date | None, corrects: Letter | None) -> date:
    """The letter's date: the day given (today by default); for a step already recorded, that step's date."""
    field = STEP_DATE.get(kind)
    recorded = getattr(app, field) if field else None
    if corrects is None and recorded is not None and kind != "extension":
        if on is not None and on != recorded:
            refuse("on", f"该步骤已登记于{cn_date(recorded)}，文书日期应为同一天")
        return recorded
    when = require_date("on", on or checks.today(), "发文日期")
    if recorded is not None and when < recorded:
        refuse("on", f"发文日期不能早于该步骤的登记日期（{cn_date(recorded)}）")
    if when < app.received_on:
        refuse("on", f"发文日期不能早于收到申请日期（{cn_date(app.received_on)}）")
    return when


def _consulting(app: Application) -> str:
    pause = _open_pause(app)
    return law.OTHER_ORGAN if pause is not None and pause.kind == PauseKind.OTHER_ORGAN else law.THIRD_PARTY


def _kind_context(app: Application, kind: str, facts: dict, ctx: dict) -> None:
    """The facts a kind's template names, from the case after its step."""
    if kind == "correction":
        ctx["what"] = facts.get("what", "")
        ctx["period_days"] = app.correction_period_days
        ctx["correction_due"] = cn_date(app.correction_due)
    elif kind == "reasons":
        ctx["question"] = facts["question"]
        ctx["reply_days"] = int(facts.get("reply_days") or law.CONSULTATION_WORKDAYS)
    elif kind == "extension":
        ctx["extension_days"] = app.extension_days
        ctx["extension_reason"] = app.extension_reason
        ctx["new_due"] = cn_date(app.due_date)
    elif kind in ("third_party_consult", "third_party_disclosure"):
        ctx["third_party"] = facts["third_party"]
        ctx["third_party_address"] = facts.get("third_party_address", "")
        ctx["consult_days"] = law.CONSULTATION_WORKDAYS
        ctx["reason"] = facts.get("reason", "")
    elif kind == "organ_consult":
        ctx["other_organ"] = facts["other_organ"]
        ctx["consult_days"] = law.CONSULTATION_WORKDAYS
    elif kind == "third_party_notice":
        pause = _open_pause(app)
        ctx["consultations"] = PauseKind(pause.kind).label if pause else ""
    elif kind == "fee":
        ctx["fee_method"] = FeeMethod(app.fee_method).label if app.fee_method else ""
        ctx["fee_amount"] = f"{app.fee_amount:.0f}" if app.fee_amount is not None else ""
        ctx["fee_working"] = [line for line in (app.fee_working or "").splitlines() if line.strip()]
        ctx["fee_due"] = cn_date(app.fee_due)
        ctx["fee_days"] = law.FEE_PAYMENT_WORKDAYS
        ctx["payment"] = ctx.get("payment") or "请与本机关联系办理缴费（缴入国库，开具财政票据）"
    elif kind == "answer":
        ctx["reason"] = app.outcome_reason
        ctx["where"] = facts.get("where", "")
        ctx["referral"] = facts.get("referral", "")
        ctx["already_public"] = bool(facts.get("already_public"))


def _addressee(app: Application, kind: str, facts: dict) -> tuple[str, str]:
    to = law.KINDS[kind].to
    if to == law.THIRD_PARTY:
        return facts["third_party"], to
    if to == law.OTHER_ORGAN:
        return facts["other_organ"], to
    return app.applicant_name, to


def _clean_facts(facts: dict) -> dict:
    allowed = {"what", "period_days", "question", "reply_days", "third_party", "third_party_address", "reason",
               "other_organ", "method", "pages", "confirmed", "where", "referral", "already_public"}
    unknown = set(facts) - allowed
    if unknown:
        raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}")
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in facts.items() if v not in (None, "")}


def _compose(user, app: Application, kind: str, version: int, on: date | None, outcome: str,
             corrects: Letter | None, facts: dict, docno: Callable[[Organ, date], str]) -> tuple[Application, Draft, ApplicationEvent | None, str]:
    """Inside the caller's transaction: lock the case, perform the step, render the letter."""
    if kind not in law.KINDS:
        refuse("kind", f"没有文书种类「{kind}」")
    app = Application.objects.select_for_update().select_related("organ").get(pk=app.pk)
    require_edit(user, app.organ, EDITING)
    _require_confirmed(app)
    facts = _clean_facts(facts)
    if corrects is not None:
        corrects = _correctable(app, kind, corrects)
        outcome = corrects.outcome
        facts = {**corrects.facts.get("input", {}), **facts}
    if kind == "answer":
        outcome = outcome or facts.get("outcome", "") or app.outcome
        if outcome not in law.ANSWERS:
            refuse("outcome", "请选择办理结果" if not outcome else f"办理结果「{outcome}」不是有效选项")
        facts["outcome"] = outcome
    else:
        outcome = ""
    _refuse_second(app, kind, corrects)
    on = _letter_date(app, kind, on, corrects)
    seen = app.version
    event = None
    if corrects is None:
        app, event = STEPS[kind](user, app, version, on, facts)
    if app.version == seen:  # no step was performed: the version the user saw is still checked
        require_version(app, version, f"申请{app.number}")
    app.refresh_from_db()
    conf = settings_of(app.organ)
    key = law.template_key(kind, outcome)
    body, template_version = template_of(app.organ, key)
    addressee, to = _addressee(app, kind, facts)
    ctx = _base_context(app, app.organ, conf, kind, outcome, on)
    ctx["addressee"] = addressee
    ctx["docno"] = docno(app.organ, on)
    ctx["payment"] = conf.payment
    ctx["corrects"] = (
        {"title": corrects.title, "docno": corrects.docno, "date": cn_date(corrects.issued_on)} if corrects else None
    )
    _kind_context(app, kind, facts, ctx)
    cites = law.citations_for(
        kind, outcome=outcome, channel=app.channel, method=app.fee_method or "",
        already_public=bool(facts.get("already_public")), referred=bool(facts.get("referral")),
        consulting=_consulting(app) if kind == "third_party_notice" else "",
    )
    _finish_context(ctx, kind, outcome, conf, cites)
    html = render.render_body(body, ctx)
    try:
        render.check_parts(html, ctx, law.required_parts(kind, outcome))
    except ValidationError as exc:
        raise ValidationError(f"本机关的「{TemplateKey(key).label}」模板有误：{exc.messages[0]}") from exc
    draft = Draft(
        kind=kind, outcome=outcome, title=ctx["title"], addressee=addressee, to=to, on=on, html=html,
        facts={"input": {k: v for k, v in facts.items() if k != "outcome"}, "citations": ctx["citations"]},
        template_key=key, template_version=template_version, adverse=law.is_adverse(kind, outcome),
    )
    return app, draft, event, key


# The states a case has once its receipt is fixed; before (an online application 待确认, 条例第三十一条:
# received the day both sides confirm) no letter goes out — the 登记回执 comes with the confirmation.
WORKING = frozenset({Status.PROCESSING, Status.AWAITING_CORRECTION, Status.PAUSED, Status.AWAITING_FEE, Status.ANSWERED})


def _require_confirmed(app: Application) -> None:
    if app.status not in WORKING:
        raise ValidationError(
            f"申请{app.number}当前状态为「{app.get_status_display()}」，确认收到申请后才能发出文书"
        )


def _correctable(app: Application, kind: str, corrects: Letter) -> Letter:
    letter = Letter.objects.filter(pk=getattr(corrects, "pk", corrects), application=app).first()
    if letter is None:
        refuse("corrects", "要更正的文书不属于本申请")
    if letter.kind != kind:
        refuse("corrects", f"更正文书应与被更正的文书同一种类（{letter.title}）")
    if letter.corrections.exists():
        refuse("corrects", f"{letter.docno}已有更正文书，请更正最新的一份")
    return letter


def _refuse_second(app: Application, kind: str, corrects: Letter | None) -> None:
    if corrects is not None or not law.KINDS[kind].once:
        return
    first = Letter.objects.filter(application=app, kind=kind).order_by("id").first()
    if first is not None:
        raise ValidationError(
            f"本申请已发出《{first.title}》（{first.docno}），不能再次发出；如有错误，请发出更正文书"
        )


class _Rollback(Exception):
    pass


def preview(user, application: Application, kind: str, *, version: int, on: date | None = None, outcome: str = "",
            corrects: Letter | None = None, **facts) -> Draft:
    """The letter as ``issue`` would write it now (the same checks and the same step, then rolled back),
    with “（发文时编号）” for its 文号. Nothing is kept; the same refusals as ``issue``."""
    result: list[Draft] = []
    try:
        with transaction.atomic():
            _, draft, _, _ = _compose(user, application, kind, version, on, outcome, corrects, facts,
                                      lambda organ, when: PLACEHOLDER_DOCNO)
            result.append(draft)
            raise _Rollback
    except _Rollback:
        pass
    return result[0]


def _next_serial(organ: Organ, year: int, kind: str) -> int:
    """The next serial of the organ's year and kind: the counter row is created if missing (a concurrent
    creation is ignored) and locked until the issuing transaction ends."""
    Counter.objects.bulk_create([Counter(organ=organ, year=year, kind=kind, last=0)], ignore_conflicts=True)
    counter = Counter.objects.select_for_update().get(organ=organ, year=year, kind=kind)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def issue(user, application: Application, kind: str, *, version: int, on: date | None = None, outcome: str = "",
          corrects: Letter | None = None, **facts) -> Letter:
    """Issue a letter of ``kind`` for the case (module docstring: the facts each kind needs). One
    transaction; refused with a Chinese ValidationError (keyed by field where there is one) or
    PermissionDenied, leaving nothing behind."""
    serial: list[int] = []
    numbers: list[str] = []

    def number(organ: Organ, when: date) -> str:
        serial.append(_next_serial(organ, when.year, kind))
        numbers.append(law.docno(settings_of(organ).docno_prefix, kind, when.year, serial[0]))
        return numbers[0]

    saved: list = []
    try:
        with transaction.atomic():
            app, draft, event, key = _compose(user, application, kind, version, on, outcome, corrects, facts, number)
            docno = numbers[0]
            docx = render.docx_bytes(draft.title, draft.html)
            pdf = render.pdf_bytes(draft.title, draft.html)
            letter = Letter(
                application=app, organ=app.organ, kind=kind, outcome=draft.outcome, template_key=key,
                template_version=draft.template_version, year=draft.on.year, serial=serial[0], docno=docno,
                title=draft.title, addressee=draft.addressee, to=draft.to, issued_on=draft.on, adverse=draft.adverse,
                facts=draft.facts, html=draft.html, docx_sha256=render.sha256(docx), pdf_sha256=render.sha256(pdf),
                corrects=_as_letter(corrects), issued_by=acting_user(user),
            )
            stem = f"{kind}-{draft.on.year}-{serial[0]:05d}-{app.pk}"
            letter.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
            saved.append(letter.docx)
            letter.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
            saved.append(letter.pdf)
            letter.save()
            _timeline(user, app, letter, event)
            audit.record(user, app.organ, "issue_letter", letter, None, _letter_snapshot(letter))
            from . import mail

            mail.queue(letter)
    except BaseException:
        for f in saved:
            f.storage.delete(f.name)
        raise
    log.info("letter %s (%s) issued for application %s by user %s", letter.pk, kind, app.pk, getattr(user, "pk", None))
    return letter


def _as_letter(corrects: Letter | int | None) -> Letter | None:
    if corrects is None:
        return None
    return corrects if isinstance(corrects, Letter) else Letter.objects.get(pk=corrects)


def _letter_snapshot(letter: Letter) -> dict:
    snap = audit.snapshot(letter)
    snap.pop("html", None)  # the text is in the stored files, named by their hashes
    return snap


def _timeline(user, app: Application, letter: Letter, event: ApplicationEvent | None) -> None:
    """The letter on the case's timeline: on the step's own entry where the letter performs or notifies a
    step of the same day, else as an entry of its own."""
    words = f"《{letter.title}》{letter.docno}"
    if event is not None and event.on == letter.issued_on and not event.data.get("letter"):
        ApplicationEvent.objects.filter(pk=event.pk).update(
            note=(f"{event.note}（{words}）" if event.note else words), data={**event.data, "letter": letter.pk},
        )
        return
    what = "更正文书" if letter.corrects_id else "发出文书"
    ApplicationEvent.objects.create(
        application=app, kind=LETTER_EVENT, on=letter.issued_on, note=f"{what}：{words}",
        data={"letter": letter.pk}, by=acting_user(user),
    )


def available_kinds(user, application: Application, issued: list[Letter] | None = None) -> list[str]:
    """The kinds ``user`` may issue for the case now, in the order of ``ogi.letters.KINDS`` (what the
    case page offers; ``issue`` checks again)."""
    if not can_edit(user, application.organ) or application.status not in WORKING:
        return []
    app = application
    done = {x.kind for x in (issued if issued is not None else letters_of(app))}
    open_ = app.status != Status.ANSWERED
    pauses = list(app.pauses.all())
    consulting = any(p.ended_on is None and p.kind != PauseKind.FEE for p in pauses)
    offer = {
        "receipt": "receipt" not in done,
        "correction": "correction" not in done and (
            app.correction_requested_on is not None or app.status == Status.PROCESSING),
        "reasons": open_,
        "extension": app.extended and "extension" not in done,
        "third_party_consult": app.status in (Status.PROCESSING, Status.PAUSED),
        "third_party_notice": consulting,
        "third_party_disclosure": open_ and any(p.kind == PauseKind.THIRD_PARTY for p in pauses),
        "organ_consult": app.status in (Status.PROCESSING, Status.PAUSED),
        "fee": "fee" not in done and (app.fee_notice_on is not None or app.status == Status.PROCESSING),
        "answer": "answer" not in done and app.status != Status.PAUSED,
    }
    return [k for k in law.KINDS if offer[k]]


# ---------------------------------------------------------------- delivery


def record_delivery(user, letter: Letter, *, channel: str, on: date, note: str = "") -> Delivery:
    """Record how and when the letter reached its addressee (art. 40); audited."""
    require_edit(user, letter.organ, EDITING)
    if channel not in DeliveryChannel.values:
        refuse("channel", "请选择送达方式")
    when = require_date("on", on, "送达日期")
    if when < letter.issued_on:
        refuse("on", f"送达日期不能早于发文日期（{cn_date(letter.issued_on)}）")
    with transaction.atomic():
        d = Delivery.objects.create(letter=letter, channel=channel, on=when, note=(note or "").strip()[:300],
                                    by=acting_user(user))
        audit.record(user, letter.organ, "record_letter_delivery", d, None, audit.snapshot(d))
    return d


def letters_of(application: Application) -> QuerySet[Letter]:
    """The case's letters, oldest first, with their deliveries, mails and corrections at hand."""
    return (
        Letter.objects.filter(application=application).select_related("corrects", "issued_by")
        .prefetch_related("deliveries", "mails", "corrections").order_by("issued_on", "id")
    )


def latest_letters(application: Application) -> list[Letter]:
    """The letters in force: those not corrected by a later one (for the applicant's status page)."""
    return [x for x in letters_of(application) if not x.corrections.all()]


__all__ = [
    "Draft", "available_kinds", "check_template", "issue", "latest_letters", "letters_of", "preview", "record_delivery",
    "reset_template", "save_settings", "save_template", "settings_of", "template_of",
]
