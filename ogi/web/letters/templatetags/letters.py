"""``{% letters_panel app %}``: the 文书 panel of the application page (the applications app's template
includes it; the letters sit above the applications, so the panel comes from here)."""

from __future__ import annotations

from django import template

from ogi import letters as law
from ogi.web.letters import services
from ogi.web.organs.access import can_see_personal

register = template.Library()


@register.inclusion_tag("letters/panel.html", takes_context=True)
def letters_panel(context, app) -> dict:  # noqa: ANN001
    """The case's letters (three queries however many), what the user may issue now."""
    user = context["request"].user
    issued = list(services.letters_of(app))
    return {
        "app": app,
        "letters": issued,
        "personal": can_see_personal(user, app.organ),
        "kinds": [(k, law.KINDS[k].title) for k in services.available_kinds(user, app, issued)],
    }
