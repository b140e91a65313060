"""Screens of the application register: the list, the form, the application page and its actions,
and the audit trail of one application.

Every view finds its object through an access helper that answers 404 for another organ's objects;
every change goes through ``services`` / ``records`` (one transaction, audit, optimistic locking).
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from ogi.errors import UsageError
from ogi.web.audit.models import AuditEntry
from ogi.web.audit.presenters import audit_page
from ogi.web.lib import checks
from ogi.web.lib.forms import attach_errors, refusal_status
from ogi.web.lib.paging import page_of
from ogi.web.organs.access import (
    can_edit,
    can_see_personal,
    editable_organs,
    organs_for,
    personal_organ_ids,
)
from ogi.web.organs.models import Organ
from ogi.web.security import tokens
from ogi.web.workcalendar.days import db_calendar

from . import abuse, deadlines, lifecycle, services
from .choices import Decision, Timeliness
from .deadlines import by_due
from .export import register_xlsx
from .forms import (
    ACTIONS,
    ApplicationEditForm,
    ApplicationForm,
    AttachmentForm,
    FeeNoticeForm,
    RegisterFilterForm,
)
from .models import Application

log = logging.getLogger("ogi.applications")
PAGE_SIZE = 50


# ---------------------------------------------------------------- access


def _get_application_for_user(request: HttpRequest, pk: int) -> Application:
    """The application, or 404 when it belongs to an organ the user may not see."""
    visible = Application.objects.filter(organ__in=organs_for(request.user)).select_related("organ")
    return get_object_or_404(visible, pk=pk)



# ---------------------------------------------------------------- the register


def _register_query(request: HttpRequest) -> tuple[list[Organ], RegisterFilterForm, QuerySet[Application]]:
    """The organs the user sees, the filter form and the filtered applications (the list and the export)."""
    organs = list(organs_for(request.user).order_by("code"))
    form = RegisterFilterForm(request.GET or None, organs=organs)
    apps = Application.objects.filter(organ__in=organs).select_related("organ")
    if form.is_valid():
        apps = filter_register(apps, form.cleaned_data, request.user)
    return organs, form, apps


@login_required
def register_list(request: HttpRequest) -> HttpResponse:
    organs, form, apps = _register_query(request)
    number = request.GET.get("page")
    # a search reads every case the user sees (LIKE '%…%'): the count comes with the page, one read
    # instead of two; a filter an index answers counts from the index and pages by LIMIT
    page = page_of(apps, PAGE_SIZE, number) if form.is_valid() and form.cleaned_data.get("q") else (
        Paginator(apps, PAGE_SIZE).get_page(number))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "applications/register.html", {
        "form": form, "page": page, "query": query.urlencode(), "signals": abuse.signals_for(page.object_list),
        "personal": personal_organ_ids(request.user),
        "can_register": bool(editable_organs(request.user)),
        "several_organs": len(organs) > 1, "today": checks.today(),
    })


@require_safe
@login_required
def register_export(request: HttpRequest) -> HttpResponse:
    """The register as filtered on screen, as an XLSX workbook (personal data only where the user may see it)."""
    _, form, apps = _register_query(request)
    if request.GET and not form.is_valid():
        return HttpResponse("筛选条件有误：" + "；".join(str(e) for errs in form.errors.values() for e in errs),
                            status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(
        register_xlsx(apps, personal_organ_ids(request.user), checks.today()),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="register-{checks.today().isoformat()}.xlsx"'
    log.info("register exported by user %s", request.user.pk)
    return response


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
    if data.get("due"):
        apps = by_due(apps, data["due"], checks.today())
    if data.get("timeliness") == Timeliness.LATE:
        apps = apps.answered_late()
    elif data.get("timeliness") == Timeliness.ON_TIME:
        apps = apps.answered_on_time()
    return apps


def _search(text: str, user) -> Q:
    """Number and content for everyone; the applicant's name only where the user may see it."""
    own = personal_organ_ids(user)
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
        form = ApplicationForm(initial={"token": tokens.issue(request)}, organs=organs)
        return _form_page(request, form)
    form = ApplicationForm(request.POST, organs=organs)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    organ = _chosen_organ(organs, form.cleaned_data.get("organ"))
    try:
        app = tokens.once(
            request, form.cleaned_data.get("token"),
            lambda: services.register(request.user, organ, **form.details()),
        )
    except tokens.AlreadyPosted as exc:
        form.add_error(None, exc.message)
        return _form_page(request, form, status=409)
    except ValidationError as exc:
        attach_errors(form, exc)
        return _form_page(request, form, status=400)
    messages.success(request, f"已登记申请 {app.number}，答复期限 {app.due_date}")
    return redirect("applications:detail", pk=app.pk)


def _form_page(request: HttpRequest, form: ApplicationForm, status: int = 200) -> HttpResponse:
    if form.is_bound:
        _log_refusal(request, "register", "new application", form)
        form.data = form.data.copy()
        form.data["token"] = tokens.issue(request)
    return render(request, "applications/application_form.html", {
        "form": form, "receipt_help": ApplicationForm.RECEIPT_HELP.items(),
    }, status=status)


def _chosen_organ(organs: list[Organ], code: str | None) -> Organ:
    return next((o for o in organs if o.code == code), organs[0])


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
        return _edit_page(request, app, form, refusal_status(exc))
    messages.success(request, "已修改登记信息")
    return redirect("applications:detail", pk=app.pk)


def _edit_page(request: HttpRequest, app: Application, form: ApplicationEditForm, status: int = 200) -> HttpResponse:
    return render(request, "applications/application_edit.html", {"app": app, "form": form}, status=status)


# ---------------------------------------------------------------- the application page


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    app = _get_application_for_user(request, pk)
    return _detail_page(request, app)


def _detail_page(request: HttpRequest, app: Application, bound: dict | None = None, status: int = 200) -> HttpResponse:
    editable = can_edit(request.user, app.organ)
    forms = _action_forms(request, app, bound or {}) if editable else {}
    calendar = db_calendar()
    pauses = [(p, deadlines.consultation_period(p, calendar)) for p in app.pauses.all()]
    requests = list(app.extension_requests.select_related("requested_by", "decided_by"))
    return render(request, "applications/application.html", {
        "app": app,
        "today": checks.today(),
        "overdue": app.overdue_on(checks.today()),
        "correction_period": _period(deadlines.correction_period, app, calendar),
        "fee_period": _period(deadlines.fee_period, app, calendar),
        "extension_requests": requests,
        "pending_extension": next((r for r in requests if r.decision == Decision.PENDING), None),
        "events": app.events.select_related("by"),
        "pauses": pauses,
        "attachments": app.attachments.all(),
        "steps": (app.deadline_steps or {}).get("steps", []) if isinstance(app.deadline_steps, dict) else app.deadline_steps,
        "personal": can_see_personal(request.user, app.organ),
        "editable": editable,
        "forms": forms,
        "attach_form": (bound or {}).get("attach") or AttachmentForm(),
        "appeals": app.appeals.all(),
        "signals": abuse.signals_for([app]).get(app.pk, []),
    }, status=status)


def _period(compute, app: Application, calendar):  # noqa: ANN001, ANN202
    """A period to show, or None — never a 500 for stored dates the calendar cannot count."""
    try:
        return compute(app, calendar)
    except UsageError:
        log.warning("application %s: period not computable", app.pk)
        return None


def _action_forms(request: HttpRequest, app: Application, bound: dict) -> dict:
    """The forms of the actions the lifecycle table allows this user now (a refused form keeps its messages)."""
    today = checks.today().isoformat()
    allowed = {a.key for a in lifecycle.allowed(request.user, app)}
    out = {}
    for key, form_class in ACTIONS.items():
        if key in bound:
            out[key] = bound[key]
        elif key in allowed:
            out[key] = form_class(initial={"version": app.version, "on": today} | form_class.initial_for(app))
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
            if _needs_confirmation(app, form):
                return _detail_page(request, app, {action: form})
            _perform(request, app, action, form)
        except ValidationError as exc:
            attach_errors(form, exc)
            _log_refusal(request, action, f"application {app.pk}", form)
            app.refresh_from_db()
            return _detail_page(request, app, {action: form}, status=refusal_status(exc))
        messages.success(request, f"已{form_class.title}")
        return redirect("applications:detail", pk=app.pk)
    _log_refusal(request, action, f"application {app.pk}", form)
    return _detail_page(request, app, {action: form}, status=400)


def _needs_confirmation(app: Application, form) -> bool:  # noqa: ANN001
    """The 收费通知's first post: show the fee computed from 109号 with its working, to be confirmed."""
    if not isinstance(form, FeeNoticeForm):
        return False
    quote = services.fee_quote(app, form.cleaned_data["method"], form.cleaned_data.get("pages"))
    if form.cleaned_data.get("confirmed") == quote.amount:
        return False
    form.show_quote(quote)  # first post, or the method or pages changed since the amount was shown
    return True


def _perform(request: HttpRequest, app: Application, action: str, form) -> Application:  # noqa: ANN001
    return getattr(services, action)(request.user, app, form.cleaned_data["version"], **form.arguments())


def _log_refusal(request: HttpRequest, what: str, obj_id: object, form) -> None:  # noqa: ANN001
    """Log a refused form: which fields, never their values (no personal data in logs)."""
    fields = ",".join(sorted(k or "-" for k in form.errors)) if form.errors else "-"
    log.info("refused %s on %s by user %s: fields %s", what, obj_id, request.user.pk, fields)


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
    return redirect("applications:detail", pk=app.pk)


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
    attachments = [str(i) for i in app.attachments.values_list("pk", flat=True)]
    entries = AuditEntry.objects.filter(
        Q(object_type="application", object_id=str(app.pk)) | Q(object_type="attachment", object_id__in=attachments)
    )
    return render(request, "audit/audit.html", {
        "title": f"申请 {app.number} 的审计记录", "app": app,
        **audit_page(request, entries, can_see_personal(request.user, app.organ)),
    })
