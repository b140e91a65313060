"""Screens of the application register: the list, the form, the application page and its actions,
the appeals register, and the audit trail of one application.

Every view finds its object through an access helper that answers 404 for another organ's objects;
every change goes through ``services`` / ``records`` (one transaction, audit, optimistic locking).
"""

from __future__ import annotations

import logging
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from ogi.web.organs.access import can_edit, can_see_personal, is_head, organs_for
from ogi.web.organs.models import Organ

from . import records, services
from .choices import Status
from .forms import (
    ACTIONS,
    AppealDecisionForm,
    AppealForm,
    ApplicationEditForm,
    ApplicationForm,
    AttachmentForm,
    RegisterFilterForm,
    attach_errors,
)
from .models import Appeal, Application, AuditEntry

log = logging.getLogger("ogi.registers")
PAGE_SIZE = 50
PERSONAL_FIELDS = (
    "applicant_name", "applicant_id_number", "applicant_contact", "applicant_email", "applicant_address",
)
TOKENS = "application_form_tokens"


# ---------------------------------------------------------------- access


def _get_application_for_user(request: HttpRequest, pk: int) -> Application:
    """The application, or 404 when it belongs to an organ the user may not see."""
    visible = Application.objects.filter(organ__in=organs_for(request.user)).select_related("organ")
    return get_object_or_404(visible, pk=pk)


def _get_appeal_for_user(request: HttpRequest, pk: int) -> Appeal:
    visible = Appeal.objects.filter(organ__in=organs_for(request.user)).select_related("organ", "application")
    return get_object_or_404(visible, pk=pk)


def editable_organs(user) -> list[Organ]:
    return [o for o in organs_for(user).order_by("code") if can_edit(user, o)]


def redact(snapshot: dict | None) -> dict | None:
    """An audit snapshot without the applicant's personal data."""
    if snapshot is None:
        return None
    return {k: ("（已隐藏）" if k in PERSONAL_FIELDS and v else v) for k, v in snapshot.items()}


# ---------------------------------------------------------------- the register


@login_required
def register_list(request: HttpRequest) -> HttpResponse:
    organs = organs_for(request.user).order_by("code")
    form = RegisterFilterForm(request.GET or None, organs=organs)
    apps = Application.objects.filter(organ__in=organs).select_related("organ")
    if form.is_valid():
        apps = filter_register(apps, form.cleaned_data, request.user)
    page = Paginator(apps, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "registers/register.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "personal": {o.pk for o in organs if can_see_personal(request.user, o)},
        "can_register": bool(editable_organs(request.user)),
        "several_organs": len(organs) > 1,
    })


def filter_register(apps: QuerySet[Application], data: dict, user) -> QuerySet[Application]:
    for field in ("status", "applicant_type", "channel"):
        if data.get(field):
            apps = apps.filter(**{field: data[field]})
    if data.get("organ"):
        apps = apps.filter(organ__code=data["organ"])
    if data.get("received_from"):
        apps = apps.filter(received_on__gte=data["received_from"])
    if data.get("received_to"):
        apps = apps.filter(received_on__lte=data["received_to"])
    if data.get("q"):
        apps = apps.filter(_search(data["q"].strip(), user))
    return apps


def _search(text: str, user) -> Q:
    """Number and content for everyone; the applicant's name only where the user may see it."""
    own = [o.pk for o in organs_for(user) if can_see_personal(user, o)]
    return (
        Q(number__icontains=text)
        | Q(content__icontains=text)
        | Q(applicant_name__icontains=text, organ__in=own)
    )


# ---------------------------------------------------------------- registering


@login_required
def application_new(request: HttpRequest) -> HttpResponse:
    organs = editable_organs(request.user)
    if not organs:
        raise Http404("无权登记申请")
    if request.method != "POST":
        form = ApplicationForm(initial={"token": _new_token(request)}, organs=organs)
        return _form_page(request, form)
    form = ApplicationForm(request.POST, organs=organs)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    if not _use_token(request, form.cleaned_data.get("token")):
        form.add_error(None, "该登记表已经提交过（或已过期），请勿重复提交；如需登记新的申请，请重新打开登记页面")
        return _form_page(request, form, status=409)
    organ = _chosen_organ(organs, form.cleaned_data.get("organ"))
    try:
        app = services.register(request.user, organ, **form.details())
    except ValidationError as exc:
        attach_errors(form, exc)
        return _form_page(request, form, status=400)
    messages.success(request, f"已登记申请 {app.number}，答复期限 {app.due_date}")
    return redirect("registers:application", pk=app.pk)


def _form_page(request: HttpRequest, form: ApplicationForm, status: int = 200) -> HttpResponse:
    if form.is_bound:
        _log_refusal(request, "register", "new application", form)
        form.data = form.data.copy()
        form.data["token"] = _new_token(request)
    return render(request, "registers/application_form.html", {
        "form": form, "receipt_help": ApplicationForm.RECEIPT_HELP.items(),
    }, status=status)


def _chosen_organ(organs: list[Organ], code: str | None) -> Organ:
    return next((o for o in organs if o.code == code), organs[0])


def _new_token(request: HttpRequest) -> str:
    token = secrets.token_urlsafe(16)
    request.session[TOKENS] = (request.session.get(TOKENS, []) + [token])[-20:]
    return token


def _use_token(request: HttpRequest, token: str | None) -> bool:
    """True once per token: a form posted twice is refused the second time."""
    tokens = request.session.get(TOKENS, [])
    if not token or token not in tokens:
        return False
    tokens.remove(token)
    request.session[TOKENS] = tokens
    return True


@login_required
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application_for_user(request, pk)
    if not can_edit(request.user, app.organ) or not app.is_open:
        raise Http404("不能修改该申请")
    if request.method != "POST":
        initial = {k: getattr(app, k) for k in services.DETAIL_FIELDS} | {"version": app.version}
        return _edit_page(request, app, ApplicationEditForm(initial=initial))
    form = ApplicationEditForm(request.POST)
    if not form.is_valid():
        _log_refusal(request, "update_details", f"application {app.pk}", form)
        return _edit_page(request, app, form, 400)
    try:
        services.update_details(request.user, app, form.cleaned_data["version"], **form.details())
    except ValidationError as exc:
        attach_errors(form, exc)
        _log_refusal(request, "update_details", f"application {app.pk}", form)
        return _edit_page(request, app, form, _refusal_status(exc))
    messages.success(request, "已修改登记信息")
    return redirect("registers:application", pk=app.pk)


def _edit_page(request: HttpRequest, app: Application, form: ApplicationEditForm, status: int = 200) -> HttpResponse:
    return render(request, "registers/application_edit.html", {"app": app, "form": form}, status=status)


# ---------------------------------------------------------------- the application page


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application_for_user(request, pk)
    return _detail_page(request, app)


def _detail_page(request: HttpRequest, app: Application, bound: dict | None = None, status: int = 200) -> HttpResponse:
    editable = can_edit(request.user, app.organ)
    forms = _action_forms(request, app, bound or {}) if editable else {}
    return render(request, "registers/application.html", {
        "app": app,
        "events": app.events.select_related("by"),
        "pauses": app.pauses.all(),
        "attachments": app.attachments.all(),
        "steps": (app.deadline_steps or {}).get("steps", []) if isinstance(app.deadline_steps, dict) else app.deadline_steps,
        "personal": can_see_personal(request.user, app.organ),
        "editable": editable,
        "forms": forms,
        "attach_form": (bound or {}).get("attach") or AttachmentForm(),
        "appeals": app.appeals.all(),
    }, status=status)


def _action_forms(request: HttpRequest, app: Application, bound: dict) -> dict:
    """The forms of the actions allowed in the application's state (extension: heads only)."""
    today = services.today().isoformat()
    out = {}
    for key, form_class in ACTIONS.items():
        if key in bound:  # the form just refused: shown with its messages
            out[key] = bound[key]
            continue
        if app.status not in form_class.statuses:
            continue
        if key == "extend" and (app.extended or not is_head(request.user, app.organ)):
            continue
        out[key] = form_class(initial={"version": app.version, "on": today})
    return out


@login_required
@require_POST
def application_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    app = _get_application_for_user(request, pk)
    form_class = ACTIONS.get(action)
    if form_class is None or not can_edit(request.user, app.organ):
        raise Http404("没有这项操作")
    form = form_class(request.POST)
    if form.is_valid():
        try:
            _perform(request, app, action, form)
        except ValidationError as exc:
            attach_errors(form, exc)
            _log_refusal(request, action, f"application {app.pk}", form)
            app.refresh_from_db()
            return _detail_page(request, app, {action: form}, status=_refusal_status(exc))
        messages.success(request, f"已{form_class.title}")
        return redirect("registers:application", pk=app.pk)
    _log_refusal(request, action, f"application {app.pk}", form)
    return _detail_page(request, app, {action: form}, status=400)


def _perform(request: HttpRequest, app: Application, action: str, form) -> Application:  # noqa: ANN001
    kwargs = form.arguments()
    if action == "extend":
        kwargs["approved_by"] = request.user
    return getattr(services, action)(request.user, app, form.cleaned_data["version"], **kwargs)


def _log_refusal(request: HttpRequest, what: str, obj_id: object, form) -> None:  # noqa: ANN001
    """Log a refused form: which fields, never their values (no personal data in logs)."""
    fields = ",".join(sorted(k or "-" for k in form.errors)) if form.errors else "-"
    log.info("refused %s on %s by user %s: fields %s", what, obj_id, request.user.pk, fields)


def _refusal_status(exc: ValidationError) -> int:
    """409 when someone else changed the application meanwhile, else 400."""
    stale = hasattr(exc, "error_dict") and "version" in exc.error_dict
    return 409 if stale else 400


@login_required
@require_POST
def application_attach(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application_for_user(request, pk)
    if not can_edit(request.user, app.organ):
        raise Http404("无权上传")
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail_page(request, app, {"attach": form}, status=400)
    try:
        services.attach(request.user, app, title=form.cleaned_data["title"], file=form.cleaned_data["file"])
    except ValidationError as exc:
        attach_errors(form, exc)
        return _detail_page(request, app, {"attach": form}, status=400)
    messages.success(request, "已上传文件")
    return redirect("registers:application", pk=app.pk)


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    from django.http import FileResponse

    app = _get_application_for_user(request, pk)
    if not can_see_personal(request.user, app.organ):
        raise Http404("无权查看附件")
    attachment = get_object_or_404(app.attachments, pk=attachment_id)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1])


@require_safe
@login_required
def application_audit(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application_for_user(request, pk)
    entries = AuditEntry.objects.filter(object_type="application", object_id=str(app.pk)).select_related("user")
    personal = can_see_personal(request.user, app.organ)
    return render(request, "registers/audit.html", {
        "title": f"申请 {app.number} 的审计记录", "app": app,
        "entries": audit_rows(entries, personal),
    })


def audit_rows(entries, personal: bool) -> list[dict]:  # noqa: ANN001
    """Each entry with the fields that changed, before → after (personal data hidden unless allowed)."""
    rows = []
    for e in entries:
        before, after = (e.before, e.after) if personal else (redact(e.before), redact(e.after))
        keys = sorted(set(before or {}) | set(after or {}))
        changes = [(k, (before or {}).get(k), (after or {}).get(k)) for k in keys if (before or {}).get(k) != (after or {}).get(k)]
        rows.append({"entry": e, "changes": changes})
    return rows


# ---------------------------------------------------------------- appeals


@login_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    organs = organs_for(request.user)
    appeals = Appeal.objects.filter(organ__in=organs).select_related("organ", "application")
    if request.GET.get("organ"):
        appeals = appeals.filter(organ__code=request.GET["organ"])
    for field in ("kind", "result"):
        if request.GET.get(field):
            appeals = appeals.filter(**{field: request.GET[field]})
    page = Paginator(appeals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registers/appeals.html", {
        "page": page, "can_register": bool(editable_organs(request.user)),
    })


@login_required
def appeal_new(request: HttpRequest) -> HttpResponse:
    organs = editable_organs(request.user)
    if not organs:
        raise Http404("无权登记复议/诉讼")
    organ = _chosen_organ(organs, request.POST.get("organ") or request.GET.get("organ"))
    applications = Application.objects.filter(organ=organ)
    form = AppealForm(request.POST or None, applications=applications,
                      initial={"application": request.GET.get("application"), "token": _new_token(request)})
    status = 200
    if request.method == "POST":
        status = _record_appeal(request, organ, form)
        if status == 302:
            messages.success(request, "已登记行政复议/行政诉讼")
            return redirect("registers:appeals")
        form.data = form.data.copy()
        form.data["token"] = _new_token(request)
    return render(request, "registers/appeal_form.html", {"form": form, "organs": organs, "organ": organ}, status=status)


def _record_appeal(request: HttpRequest, organ: Organ, form: AppealForm) -> int:
    """Record the appeal once per form; the HTTP status of the outcome."""
    if not form.is_valid():
        return 400
    if not _use_token(request, form.cleaned_data.get("token")):
        form.add_error(None, "该登记表已经提交过（或已过期），请勿重复提交；如需再登记，请重新打开登记页面")
        return 409
    try:
        records.record_appeal(request.user, organ, **form.arguments())
    except ValidationError as exc:
        attach_errors(form, exc)
        return 400
    return 302


@login_required
def appeal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = _get_appeal_for_user(request, pk)
    editable = can_edit(request.user, appeal.organ)
    initial = {"version": appeal.version, "result": appeal.result, "decided_on": appeal.decided_on}
    form = AppealDecisionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not editable:
            raise Http404("无权修改")
        if form.is_valid():
            try:
                records.decide_appeal(request.user, appeal, **form.cleaned_data)
            except ValidationError as exc:
                attach_errors(form, exc)
                return _appeal_page(request, appeal, form, editable, _refusal_status(exc))
            messages.success(request, "已保存复议/诉讼结果")
            return redirect("registers:appeals")
        return _appeal_page(request, appeal, form, editable, 400)
    return _appeal_page(request, appeal, form, editable, 200)


def _appeal_page(request: HttpRequest, appeal: Appeal, form, editable: bool, status: int) -> HttpResponse:  # noqa: ANN001
    return render(request, "registers/appeal.html", {"appeal": appeal, "form": form, "editable": editable}, status=status)


STATUS_ORDER = [s for s, _ in Status.choices]
