"""Template filters of the register screens (every table of applications, whichever app renders it)."""

from __future__ import annotations

from django import template

from ogi.idnumbers import mask
from ogi.web.applications.presenters import application_rows
from ogi.web.lib import checks

register = template.Library()


@register.filter
def masked(value: str) -> str:
    """An ID number with its middle hidden (``ogi.idnumbers.mask``): for those who do not handle the case."""
    return mask(value) if value else ""


@register.simple_tag
def register_rows(apps, show_organ, personal, signals=None):  # noqa: ANN001, ANN201
    """The rows of a register table (``presenters.application_rows``)."""
    return application_rows(apps, today=checks.today(), show_organ=bool(show_organ), personal=personal or (),
                            signals=signals if isinstance(signals, dict) else None)
