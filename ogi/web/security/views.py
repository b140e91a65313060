"""Error pages in Chinese: a 404 says why when the code gave a Chinese reason, and nothing more."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CJK = re.compile(r"[\u4e00-\u9fff]")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = str(exception.args[0]) if exception is not None and exception.args else ""
    return render(request, "404.html", {"reason": reason if CJK.search(reason) else ""}, status=404)
