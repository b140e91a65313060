"""What the menu offers a user, from ``organs.access`` (a menu entry never leads to a refusal)."""

from __future__ import annotations

from django import template

from ogi.web.organs.access import editable_organs

register = template.Library()


@register.simple_tag
def may_register(user) -> bool:  # noqa: ANN001
    """Whether ``user`` may register an application at some organ (clerk, head, admin)."""
    return bool(editable_organs(user))
