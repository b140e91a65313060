"""Every URL pattern of the site, walked with bad values in its path and its query: the answer is a
page (200/302/400/403/404/405/409), never a 500. New patterns are walked automatically."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from ogi.web.conftest import as_user

BAD_PATH = {
    "id": ["0", "999999999999999999"],
    "int": ["0", "99999", "99999999999999999999"],
    "year": ["0000", "1999", "2031", "9999"],
    "slug": ["nowhere", "x" * 300, "dadukou-rfb"],
    "str": ["s3.nowhere.x", "x" * 3000, "s3.r_open.natural_person", "%E5%95%8A"],
    "path": ["x/y"],
}
BAD_QUERY = [
    "", "page=abc", "page=-1", "page=99999999999999999999", "year=0", "year=99999999999999999999",
    "organ=%E2%80%AE", "status=bogus", "q=" + "x" * 5000, "received_from=2025-13-45", "kind=x&result=y",
    "children=1", "year=abc",
]
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def patterns(resolver: URLResolver = None, prefix: str = "") -> list[str]:  # noqa: RUF013
    out = []
    for p in (resolver or get_resolver()).url_patterns:
        route = prefix + str(p.pattern)
        if route == "logout/":
            continue  # would end the walker's session
        if isinstance(p, URLResolver):
            if route.startswith("admin/"):
                continue  # Django's own admin
            out += patterns(p, route)
        elif isinstance(p, URLPattern):
            out.append(route)
    return out


def substitute(route: str, values: list[str]) -> str:
    parts = PARAM.split(route)  # text, conv, name, text, conv, name, …, text
    out = parts[0::3]
    return "".join(t + v for t, v in zip(out, [*values, ""], strict=True))


def fill(route: str) -> list[str]:
    """The route with each parameter replaced by each of its bad values (one at a time)."""
    params = PARAM.findall(route)
    if not params:
        return ["/" + route]
    urls = []
    for i, (conv, _) in enumerate(params):
        for bad in BAD_PATH.get(conv or "str", ["x"]):
            values = [BAD_PATH.get(c or "str", ["x"])[-1] if j != i else bad for j, (c, _) in enumerate(params)]
            urls.append("/" + substitute(route, values))
    return urls


def test_it_walks_every_pattern():
    routes = patterns()
    assert "applications/<id:pk>/" in routes and "organs/<slug:code>/<year:year>/report/" in routes
    assert len(routes) >= 15


@pytest.mark.parametrize("who", ["admin", "clerk", "auditor"])
def test_it_never_answers_500_to_a_bad_url(client, people, application, who):
    as_user(client, people[who])
    failures, redirected = [], 0
    for route in patterns():
        for url in fill(route):
            for query in BAD_QUERY:
                for method in ("get", "post"):
                    response = getattr(client, method)(f"{url}?{query}" if query else url)
                    redirected += response.status_code == 302 and "/login/" in response.get("Location", "")
                    if response.status_code >= 500:
                        failures.append(f"{method.upper()} {url[:80]}?{query[:40]} → {response.status_code}")
    assert failures == []
    assert redirected == 0  # the walk stayed logged in (else it tested only the login redirect)
