"""Template filters of the register screens (every table of applications, whichever app renders it)."""

from __future__ import annotations

from django import template

from ogi.web.lib import checks

register = template.Library()


@register.filter
def overdue(app) -> bool:  # noqa: ANN001
    """已超期 today (``Application.overdue_on``)."""
    return app.overdue_on(checks.today())
