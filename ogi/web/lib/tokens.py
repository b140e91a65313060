"""One-time form tokens: a create form posted twice is refused the second time."""

from __future__ import annotations

import secrets

from django.http import HttpRequest

TOKENS = "form_tokens"


def new_token(request: HttpRequest) -> str:
    token = secrets.token_urlsafe(16)
    request.session[TOKENS] = (request.session.get(TOKENS, []) + [token])[-20:]
    return token


def use_token(request: HttpRequest, token: str | None) -> bool:
    """True once per token: a form posted twice is refused the second time."""
    tokens = request.session.get(TOKENS, [])
    if not token or token not in tokens:
        return False
    tokens.remove(token)
    request.session[TOKENS] = tokens
    return True
