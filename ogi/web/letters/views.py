"""The letters' screens: a new letter (form, preview, issue), an issued letter (its text, files, deliveries,
e-mails), and an organ's letter settings and templates. Each view: the access check, one service call,
the page."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from ogi import letters as law
from ogi.web.applications import services as steps
from ogi.web.applications.models import Application
from ogi.web.lib import checks
from ogi.web.lib.forms import attach_errors, refusal_status
from ogi.web.organs.access import can_edit, can_see_personal, is_admin, is_head, organs_for
from ogi.web.organs.decorators import organ_view
from ogi.web.organs.models import Organ
from ogi.web.security import tokens

from . import mail, services
from . import render as letter_render
from .forms import DeliveryForm, IssueForm, SettingsForm, TemplateForm
from .models import Letter, LetterTemplate, Mail, TemplateKey

log = logging.getLogger("ogi.letters")


def _application(request: HttpRequest, pk: int) -> Application:
    visible = Application.objects.filter(organ__in=organs_for(request.user)).select_related("organ")
    return get_object_or_404(visible, pk=pk)


def _letter(request: HttpRequest, pk: int) -> Letter:
    visible = Letter.objects.filter(organ__in=organs_for(request.user)).select_related("application", "organ", "corrects")
    letter = get_object_or_404(visible, pk=pk)
    if not can_see_personal(request.user, letter.organ):
        raise Http404("文书含个人信息，仅本机关经办人和负责人可查看")
    return letter


# ---------------------------------------------------------------- a new letter


@login_required
def new(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    app = _application(request, pk)
    if kind not in law.KINDS or not can_edit(request.user, app.organ):
        raise Http404("没有这种文书")
    corrects = _corrected(request, app)
    if request.method != "POST":
        initial = {"version": app.version, "on": checks.today(), "token": tokens.issue(request),
                   "corrects": corrects.pk if corrects else None}
        if corrects:
            initial |= corrects.facts.get("input", {})
        return _new_page(request, app, IssueForm(initial=initial, kind=kind), corrects)
    form = IssueForm(request.POST, kind=kind)
    if not form.is_valid():
        return _new_page(request, app, form, corrects, status=400)
    facts, on = form.facts(), form.cleaned_data["on"]
    arguments = {"version": form.cleaned_data["version"], "on": on, "corrects": corrects, **facts}
    try:
        if kind == "fee" and app.fee_notice_on is None and "issue" not in request.POST:
            quote = steps.fee_quote(app, facts.get("method", ""), facts.get("pages"))
            arguments["confirmed"] = quote.amount
            form.data = form.data.copy()
            form.data["confirmed"] = str(quote.amount)
        if "issue" not in request.POST:
            draft = services.preview(request.user, app, kind, **arguments)
            return _new_page(request, app, form, corrects, draft=draft)
        letter = tokens.once(request, form.cleaned_data.get("token"),
                             lambda: services.issue(request.user, app, kind, **arguments))
    except tokens.AlreadyPosted as exc:
        form.add_error(None, exc.message)
        return _new_page(request, app, form, corrects, status=409)
    except ValidationError as exc:
        attach_errors(form, exc)
        log.info("refused letter %s on application %s by user %s", kind, app.pk, request.user.pk)
        return _new_page(request, app, form, corrects, status=refusal_status(exc))
    messages.success(request, f"已发出《{letter.title}》（{letter.docno}）")
    return redirect("letters:letter", pk=letter.pk)


def _corrected(request: HttpRequest, app: Application) -> Letter | None:
    raw = request.POST.get("corrects") or request.GET.get("corrects")
    if not raw:
        return None
    try:
        return Letter.objects.get(pk=int(raw), application=app)
    except (ValueError, Letter.DoesNotExist):
        raise Http404("没有要更正的文书") from None


def _new_page(request: HttpRequest, app: Application, form: IssueForm, corrects: Letter | None,
              draft: services.Draft | None = None, status: int = 200) -> HttpResponse:
    if form.is_bound:  # a fresh one-time token for the next post (the one posted may be used up)
        form.data = form.data.copy()
        form.data["token"] = tokens.issue(request)
    return render(request, "letters/new.html", {
        "app": app, "form": form, "draft": draft, "corrects": corrects, "kind": law.KINDS[form.kind],
    }, status=status)


# ---------------------------------------------------------------- an issued letter


@require_safe
@login_required
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    x = _letter(request, pk)
    return render(request, "letters/letter.html", {
        "letter": x, "app": x.application, "deliveries": x.deliveries.select_related("by"),
        "mails": x.mails.all(), "corrections": x.corrections.all(),
        "editable": can_edit(request.user, x.organ), "delivery_form": DeliveryForm(initial={"on": checks.today()}),
    })


@require_safe
@login_required
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    x = _letter(request, pk)
    f = {"pdf": x.pdf, "docx": x.docx}.get(fmt)
    if f is None:
        raise Http404("没有这种格式")
    log.info("letter %s downloaded as %s by user %s", x.pk, fmt, request.user.pk)
    return FileResponse(f.open("rb"), as_attachment=True, filename=f"{x.docno}.{fmt}")


@require_POST
@login_required
def delivery(request: HttpRequest, pk: int) -> HttpResponse:
    x = _letter(request, pk)
    form = DeliveryForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("")
        services.record_delivery(request.user, x, **form.cleaned_data)
    except ValidationError as exc:
        if exc.messages != [""]:
            attach_errors(form, exc)
        return render(request, "letters/letter.html", {
            "letter": x, "app": x.application, "deliveries": x.deliveries.select_related("by"),
            "mails": x.mails.all(), "corrections": x.corrections.all(), "editable": True, "delivery_form": form,
        }, status=400)
    except PermissionDenied:
        raise Http404("无权登记送达") from None
    messages.success(request, "已登记送达")
    return redirect("letters:letter", pk=x.pk)


@require_POST
@login_required
def resend(request: HttpRequest, pk: int, mail_id: int) -> HttpResponse:
    x = _letter(request, pk)
    row = get_object_or_404(Mail, pk=mail_id, letter=x)
    try:
        row = mail.resend(request.user, row)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("letters:letter", pk=x.pk)
    except PermissionDenied:
        raise Http404("无权发送") from None
    if row is not None and row.status == "sent":
        messages.success(request, "邮件已发送")
    else:
        messages.error(request, f"邮件发送失败：{row.last_error if row else '请稍后再试'}")
    return redirect("letters:letter", pk=x.pk)


# ---------------------------------------------------------------- an organ's settings and templates


def _require_manage(request: HttpRequest, organ: Organ) -> None:
    if not (is_head(request.user, organ) or is_admin(request.user)):
        raise Http404("只有政府信息公开工作机构负责人或系统管理员可以修改文书模板和设置")


@organ_view
def settings_page(request: HttpRequest, organ: Organ) -> HttpResponse:
    _require_manage(request, organ)
    conf = services.settings_of(organ)
    if request.method != "POST":
        initial = {f: getattr(conf, f) for f in services.SETTINGS_FIELDS}
        return _settings_page(request, organ, SettingsForm(initial=initial))
    form = SettingsForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, organ, form, 400)
    try:
        services.save_settings(request.user, organ, **form.cleaned_data)
    except ValidationError as exc:
        attach_errors(form, exc)
        return _settings_page(request, organ, form, 400)
    messages.success(request, "已保存文书设置")
    return redirect("letters:settings", code=organ.code)


def _settings_page(request: HttpRequest, organ: Organ, form: SettingsForm, status: int = 200) -> HttpResponse:
    own = {t.key: t for t in LetterTemplate.objects.filter(organ=organ).select_related("updated_by")}
    rows = [(key, TemplateKey(key).label, own.get(key)) for key, _, _ in law.template_keys()]
    return render(request, "letters/settings.html", {"organ": organ, "form": form, "templates": rows}, status=status)


@organ_view
def template_page(request: HttpRequest, organ: Organ, key: str) -> HttpResponse:
    _require_manage(request, organ)
    if key not in TemplateKey.values:
        raise Http404("没有这个文书模板")
    body, version = services.template_of(organ, key)
    sample = None
    if request.method != "POST":
        form = TemplateForm(initial={"body": body})
    else:
        form = TemplateForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError("")
            if "reset" in request.POST:
                services.reset_template(request.user, organ, key)
                messages.success(request, "已恢复为项目默认模板")
                return redirect("letters:template", code=organ.code, key=key)
            if "save" in request.POST:
                services.save_template(request.user, organ, key, form.cleaned_data["body"])
                messages.success(request, "已保存模板")
                return redirect("letters:template", code=organ.code, key=key)
            sample = services.check_template(organ, key, form.cleaned_data["body"])
        except ValidationError as exc:
            if exc.messages != [""]:
                attach_errors(form, exc)
            return _template_page(request, organ, key, form, version, None, 400)
    return _template_page(request, organ, key, form, version, sample)


def _template_page(request, organ, key, form, version, sample, status=200):  # noqa: ANN001, ANN202
    kind, outcome = services.kind_of_key(key)
    parts = [law.PARTS[p] + f"（{{{{ {p} }}}}）" for p in law.required_parts(kind, outcome)]
    return render(request, "letters/template.html", {
        "organ": organ, "key": key, "label": TemplateKey(key).label, "form": form, "version": version,
        "sample": sample, "parts": parts, "default": letter_render.default_body(key),
    }, status=status)
