"""The one JSON API of the web system (django-ninja), mounted under ``/api/`` by ``urls.py``: each app
adds its router from its ``api.py``. The OpenAPI document is ``/api/openapi.json``, its pages
``/public/api/`` (a page of the portal, in Chinese, without scripts; ninja's own Swagger page is off: its
scripts would add megabytes to the static files compressed at every start) — docs/api.md."""

from __future__ import annotations

from ninja import NinjaAPI

from ogi.web.portal.api import router as portal_router

api = NinjaAPI(
    title="政府信息公开工作年度报告 开放数据接口",
    version="1",
    description="已公开的政府信息公开工作年度报告（只读、公开）与机关报送接口（令牌）。说明见 docs/api.md。",
    urls_namespace="api",
    docs_url=None,
)
api.add_router("/", portal_router)
