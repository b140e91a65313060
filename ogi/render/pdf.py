"""The report as PDF: the HTML rendering printed by WeasyPrint with the Noto CJK fonts (embedded)."""

from __future__ import annotations

from ogi.model import Report

from .html import layout_to_html
from .layout import report_layout


def render_pdf(report: Report) -> bytes:
    from weasyprint import HTML  # imported here: loading WeasyPrint takes a second

    html = layout_to_html(report_layout(report))
    return HTML(string=html).write_pdf()
