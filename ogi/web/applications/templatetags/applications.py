"""Template filters of the register screens (every table of applications, whichever app renders it)."""

from __future__ import annotations

from django import template

from ogi.idnumbers import mask
from ogi.web.lib import checks

register = template.Library()


@register.filter
def overdue(app) -> bool:  # noqa: ANN001
    """已超期 today (``Application.overdue_on``)."""
    return app.overdue_on(checks.today())


@register.filter
def masked(value: str) -> str:
    """An ID number with its middle hidden (``ogi.idnumbers.mask``): for those who do not handle the case."""
    return mask(value) if value else ""


@register.filter
def signals_of(signals, pk: int) -> list:  # noqa: ANN001
    """The 重复申请 / 大量反复申请 signals of one application (``abuse.signals_for``), if the page has any."""
    return signals.get(pk, []) if isinstance(signals, dict) else []
