"""The kinds of file ogi reads, registered once: kind, file extensions, media type, reader function.

``ogi.parse`` picks the reader from here, ``ogi dataset`` collects files by these extensions and the
command line's help lists them. A reader is ``(data: bytes, where: str) -> SourceDoc``, imported only
when a file of its kind is read (pdfium, python-docx and openpyxl are slow to load). The JSON report
document has no reader function: :meth:`ogi.model.Report.from_json` reads it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from .document import SourceDoc

ReadFn = Callable[[bytes, str], SourceDoc]


@dataclass(frozen=True)
class Reader:
    kind: str
    extensions: tuple[str, ...]
    media_type: str
    function: str = ""  # "module:function", lazily imported; "" for the JSON document

    def load(self) -> ReadFn:
        module, name = self.function.split(":")
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


READERS: dict[str, Reader] = {
    r.kind: r
    for r in (
        Reader("txt", (".txt",), "text/plain", "ogi.parse.txt:read_txt"),
        Reader("md", (".md", ".markdown"), "text/markdown", "ogi.parse.md:read_md"),
        Reader("html", (".html", ".htm"), "text/html", "ogi.parse.html:read_html"),
        Reader(
            "docx",
            (".docx",),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "ogi.parse.docx:read_docx",
        ),
        Reader("pdf", (".pdf",), "application/pdf", "ogi.parse.pdf:read_pdf"),
        Reader(
            "xlsx",
            (".xlsx",),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "ogi.parse.xlsx:read_xlsx",
        ),
        Reader("image", (".png", ".jpg", ".jpeg"), "image/png", "ogi.parse.ocr:read_image"),
        Reader("json", (".json",), "application/json"),
    )
}
KINDS: dict[str, str] = {ext: r.kind for r in READERS.values() for ext in r.extensions}


def extensions_text() -> str:
    """“.txt .md .html .docx .pdf .xlsx .json”: one extension per kind, for messages and help."""
    return " ".join(r.extensions[0] for r in READERS.values())
