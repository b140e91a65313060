"""Writing a report in the official layout: ``render(report, to="html")`` → bytes.

``RENDERERS`` maps each output kind (``html``, ``docx``, ``pdf``, ``txt``, ``json``, ``xlsx``) to its
function; the official layout itself (``annual-report.md`` §3/§4/§12) is computed once in
:mod:`ogi.render.layout` and drawn by each renderer.
"""

from __future__ import annotations

from collections.abc import Callable

from ogi.errors import UsageError
from ogi.model import Report

from .docx import render_docx
from .html import render_html
from .pdf import render_pdf
from .txt import render_txt
from .xlsx import render_xlsx


def render_json(report: Report) -> bytes:
    return (report.to_json(indent=2) + "\n").encode("utf-8")


RENDERERS: dict[str, Callable[[Report], bytes]] = {
    "html": render_html,
    "docx": render_docx,
    "pdf": render_pdf,
    "txt": render_txt,
    "json": render_json,
    "xlsx": render_xlsx,
}

MEDIA_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(report: Report, to: str) -> bytes:
    """The report as the bytes of a file of kind ``to`` (one of ``RENDERERS``)."""
    renderer = RENDERERS.get(to)
    if renderer is None:
        kinds = "、".join(RENDERERS)
        raise UsageError(f"不支持的输出格式“{to}”，可选：{kinds}")
    return renderer(report)


__all__ = ["MEDIA_TYPES", "RENDERERS", "render"]
