"""The one JSON API of the web system (django-ninja), mounted under ``/api/`` by ``urls.py``: each app
adds its router from its ``api.py``. The OpenAPI document is ``/api/openapi.json``, its pages
``/public/api/`` (a page of the portal, in Chinese, without scripts; ninja's own Swagger page is off: its
scripts would add megabytes to the static files compressed at every start) — docs/api.md."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from ogi.web.portal.api import router as portal_router
from ogi.web.portal.api import submit_router

api = NinjaAPI(
    title="政府信息公开工作年度报告 开放数据接口",
    version="1",
    description="已公开的政府信息公开工作年度报告（只读、公开）与机关报送接口（令牌）。说明见 docs/api.md。",
    urls_namespace="api",
    docs_url=None,
)
api.add_router("/", portal_router)
api.add_router("/", submit_router)


@api.exception_handler(AuthenticationError)
def refused(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """A missing, wrong, expired or revoked token: 401 with one Chinese line (the reason is logged)."""
    detail = getattr(request, "ogi_refusal", None)
    if detail is None:
        detail = "缺少令牌：请在请求头写 Authorization: Bearer 令牌"
        logging.getLogger("ogi.portal").warning("报送接口拒绝：缺少令牌（来自 %s）", request.META.get("REMOTE_ADDR", ""))
    return api.create_response(request, {"detail": detail}, status=401)
