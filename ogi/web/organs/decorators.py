"""Cross-cutting checks of the register screens: which organ a URL names, and who may act on it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from ogi.web.organs.access import can_edit, organs_for
from ogi.web.organs.models import Organ

View = Callable[..., HttpResponse]


def organ_for_user(request: HttpRequest, code: str, *, write: bool = False) -> Organ:
    """The organ named in the URL, or 404 when the user may not see it (or not change it)."""
    organ = get_object_or_404(organs_for(request.user), code=code)
    if write and not can_edit(request.user, organ):
        raise Http404("无权修改该机关的台账")
    return organ


def organ_view(view: View) -> View:
    """Login required; the URL's ``code`` becomes the ``organ`` argument (404 for another organ's)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, code: str, *args, **kwargs) -> HttpResponse:  # noqa: ANN002, ANN003
        return view(request, organ_for_user(request, code), *args, **kwargs)

    return wrapper
