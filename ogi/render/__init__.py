"""Writing a report in the official layout: ``render(report, to="html")`` → bytes.

``RENDERERS`` registers each output kind once — its file extension, media type, whether it is text
(may go to standard output), and its function — and everything that offers outputs reads it: ``ogi
render``, ``ogi report`` and the web system's export links. The official layout itself
(``annual-report.md`` §3/§4/§12) is computed once in :mod:`ogi.render.layout` and drawn by each renderer;
each renderer is imported only when used (WeasyPrint takes a second to load).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from ogi import make_callable
from ogi.errors import UsageError
from ogi.model import Report


@dataclass(frozen=True)
class Renderer:
    kind: str
    extension: str
    media_type: str
    text: bool  # UTF-8 text that may be written to standard output
    function: str  # "module:function", imported on first use

    def load(self) -> Callable[[Report], bytes]:
        module, name = self.function.split(":")
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


RENDERERS: dict[str, Renderer] = {
    r.kind: r
    for r in (
        Renderer("html", ".html", "text/html; charset=utf-8", True, "ogi.render.html:render_html"),
        Renderer(
            "docx",
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            False,
            "ogi.render.docx:render_docx",
        ),
        Renderer("pdf", ".pdf", "application/pdf", False, "ogi.render.pdf:render_pdf"),
        Renderer("txt", ".txt", "text/plain; charset=utf-8", True, "ogi.render.txt:render_txt"),
        Renderer("json", ".json", "application/json; charset=utf-8", True, "ogi.render:render_json"),
        Renderer(
            "xlsx",
            ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            False,
            "ogi.render.xlsx:render_xlsx",
        ),
    )
}


def render_json(report: Report) -> bytes:
    return (report.to_json(indent=2) + "\n").encode("utf-8")


def renderer(to: str) -> Renderer:
    """The registered renderer of output kind ``to``; a :class:`UsageError` naming the kinds otherwise."""
    found = RENDERERS.get(to)
    if found is None:
        raise UsageError(f"不支持的输出格式“{to}”，可选：{'、'.join(RENDERERS)}")
    return found


def render(report: Report, to: str) -> bytes:
    """The report as the bytes of a file of kind ``to`` (one of ``RENDERERS``)."""
    return renderer(to).load()(report)


__all__ = ["RENDERERS", "Renderer", "render", "renderer"]

make_callable(__name__)  # ogi.render(report, to) calls render (see ogi/__init__.py)
