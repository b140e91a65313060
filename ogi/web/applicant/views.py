"""The public pages (no login): choose the organ, apply online, follow the application.

No personal data in a URL: the organ's code is the only thing in the path; the tracking code and secret
travel in a POST body, and the letters of a tracked application are downloaded under the session that
showed them. Responses that carry a code or secret are not cached.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_safe

from ogi.web.applications.models import Application
from ogi.web.letters.models import Letter
from ogi.web.lib.forms import attach_errors
from ogi.web.organs.models import Organ

from . import presenters, services
from .forms import ApplyForm, OrganSearchForm, TrackForm

log = logging.getLogger("ogi.applicant")
PAGE_SIZE = 20
SESSION_KEY = "ogi_tracked"  # the applications this browser has shown with their code and secret


def _address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "-"


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


# ---------------------------------------------------------------- choose the organ


@require_safe
def choose(request: HttpRequest) -> HttpResponse:
    """The organs as a tree, or those whose name or code holds the search words (server side, no script)."""
    form = OrganSearchForm(request.GET or None)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    rows = presenters.organ_tree(q)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "applicant/choose.html", {
        "form": form, "page": page, "q": q, "query": urlencode({"q": q}) if q else "",
    })


# ---------------------------------------------------------------- apply


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, code: str) -> HttpResponse:
    organ = Organ.objects.filter(code=code).first()
    if organ is None:
        return render(request, "applicant/no_organ.html", {"code": code}, status=404)
    if request.method != "POST":
        return _apply_page(request, organ, ApplyForm(initial={"token": services.issue_token()}))
    form = ApplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _apply_page(request, organ, form, 400)
    try:
        app, code_, secret = services.apply(
            organ, address=_address(request), token=form.cleaned_data["token"], id_scan=form.cleaned_data["id_scan"],
            **form.details(),
        )
    except services.AlreadyPosted as exc:
        form.add_error(None, exc.message)
        return _apply_page(request, organ, form, 409)
    except services.Refused as exc:
        form.add_error(None, exc.message)
        return _apply_page(request, organ, form, 429)
    except ValidationError as exc:
        attach_errors(form, exc)
        return _apply_page(request, organ, form, 400)
    _remember(request, app)
    return _private(render(request, "applicant/submitted.html", {
        "app": app, "code": services.grouped(code_), "secret": services.grouped(secret),
    }))


def _apply_page(request: HttpRequest, organ: Organ, form: ApplyForm, status: int = 200) -> HttpResponse:
    if form.is_bound:
        log.info("online application refused (%s): fields %s", status, ",".join(sorted(k or "-" for k in form.errors)) or "-")
        form.data = form.data.copy()
        form.data["token"] = services.issue_token()
    return render(request, "applicant/apply.html", {"organ": organ, "form": form, "path": presenters.organ_path(organ)},
                  status=status)


# ---------------------------------------------------------------- track


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _private(render(request, "applicant/track.html", {"form": TrackForm()}))
    form = TrackForm(request.POST)
    if not form.is_valid():
        return _private(render(request, "applicant/track.html", {"form": form}, status=400))
    try:
        app = services.track(form.cleaned_data["code"], form.cleaned_data["secret"], address=_address(request))
    except services.TooManyTries as exc:
        return _private(render(request, "applicant/track.html", {"form": TrackForm(), "refused": exc.message}, status=429))
    if app is None:
        form.add_error(None, presenters.NOT_FOUND)
        return _private(render(request, "applicant/track.html", {"form": form}))
    _remember(request, app)
    return _private(render(request, "applicant/status.html", presenters.status(app)))


def _remember(request: HttpRequest, app: Application) -> None:
    seen = [pk for pk in request.session.get(SESSION_KEY, []) if pk != app.pk][-9:]
    request.session[SESSION_KEY] = [*seen, app.pk]


@require_safe
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF of a letter to the applicant, for the browser that has shown its case with the code and the
    secret (the session remembers which); anything else is a 404."""
    found = Letter.objects.filter(pk=pk).only("application_id").first()
    if found is None or found.application_id not in request.session.get(SESSION_KEY, []):
        raise Http404("请先凭查询码和查询密码打开办理进度")
    doc = presenters.applicant_letter(Application.objects.get(pk=found.application_id), pk)
    if doc is None:
        raise Http404("没有这份文书")
    response = FileResponse(doc.pdf.open("rb"), as_attachment=True, filename=f"{doc.title}-{doc.docno}.pdf",
                            content_type="application/pdf")
    return _private(response)
