"""Limits checked before a view runs: the body's declared size, and characters no form may carry.

A body larger than ``MAX_REQUEST_BYTES`` is refused by its Content-Length before any of it is read
(413); a path, query or form value with a NUL byte is refused (400) instead of reaching the database,
where PostgreSQL refuses it with an error.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    body = render_to_string("error.html", {"status": status, "message": message}, request=None)
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


class RequestLimits:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return refusal(request, 400, "请求头 Content-Length 无效")
        if length > settings.MAX_REQUEST_BYTES:
            limit = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            return refusal(request, 413, f"提交的内容过大（{length // (1024 * 1024)} MB），上限为 {limit} MB")
        raw = request.META.get("QUERY_STRING", "") + request.path
        if "\x00" in raw or "%00" in raw:
            return refusal(request, 400, "网址中含有无效字符")
        return self.get_response(request)
