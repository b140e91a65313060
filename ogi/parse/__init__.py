"""Reading published annual reports: ``parse(path)`` → :class:`~ogi.model.Report`.

``parse`` picks a reader by extension and content (txt, md, json, html, docx, pdf, xlsx), the reader
turns the file into a :class:`~ogi.parse.document.SourceDoc`, and :func:`assemble` reads the report out
of it. Readers of heavy formats are imported only when needed. Every failure is a
:class:`~ogi.errors.ParseError` with one line in Chinese naming the file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ogi import make_callable
from ogi.errors import OgiError, ParseError, ReaderFault, UnsupportedFormat
from ogi.model import Report, Source

from .assemble import assemble
from .readers import KINDS, READERS, ReadFn, extensions_text
from .safety import check_size, read_file, read_stream


def reader_for(kind: str) -> ReadFn:
    """The reader function of a kind of file (imported lazily)."""
    reader = READERS.get(kind)
    if reader is None or not reader.function:  # pragma: no cover - kinds come from KINDS
        raise UnsupportedFormat(f"不支持的文件类型：{kind}")
    return reader.load()


def sniff_kind(name: str, data: bytes, where: str | None = None) -> str:
    """The kind of a file from its extension, corrected by what its first bytes say (``where`` names it
    in messages: default its name)."""
    where = where or name
    ext = Path(name).suffix.lower()
    kind = KINDS.get(ext)
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return "image"
    if head.startswith(b"PK\x03\x04"):
        return (
            kind
            if kind in ("docx", "xlsx")
            else _unsupported(where, "压缩包（zip），不是可读的报告文件")
        )
    if kind in ("txt", None) and head[:1] == b"{" and b"ogi.report/1" in data[:4096]:
        return "json"
    if kind in ("txt", None) and head[:1] == b"<" and b"<table" in data[:200000].lower():
        return "html"
    if kind is None:
        return _unsupported(
            where,
            f"不支持的文件类型“{ext or '（无扩展名）'}”（支持 {extensions_text()}）",
        )
    return kind


def _unsupported(name: str, message: str) -> str:
    raise UnsupportedFormat(message, where=name)


def parse(path: str | Path, data: bytes | None = None, *, where: str | None = None) -> Report:
    """Read one published report (or a report document in JSON). ``where`` names it in messages and in
    the report's source (default: the file's name, whose extension tells the kind)."""
    name = Path(path).name
    where = where or name
    try:
        return _parse(Path(path), name, data, where)
    except ParseError:
        raise
    except OgiError as exc:
        raise ParseError(exc.message, where=where) from exc
    except Exception as exc:  # noqa: BLE001 - no foreign exception may escape parse()
        raise ReaderFault(
            f"读取时出现未预料的错误（{type(exc).__name__}），这是 ogi 的缺陷，请连同此文件报告", where=where
        ) from exc


STDIN = "标准输入"


def parse_stream(stream, where: str = STDIN) -> Report:  # noqa: ANN001 - a binary file object
    """Read one report from a stream (``ogi parse -``): there is no file name, so the kind is told by
    the content alone — PDF, image, JSON, HTML and zip packages (Word or Excel, by their parts) by their
    bytes, anything else as text."""
    data = read_stream(stream, where)
    return parse(f"stdin{_extension_of(data)}", data, where=where)


def _extension_of(data: bytes) -> str:
    head = data[:1024].lstrip()
    if head.startswith(b"PK\x03\x04"):
        import io
        import zipfile

        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return ".zip"
        return ".docx" if "word/document.xml" in names else ".xlsx" if "xl/workbook.xml" in names else ".zip"
    return ".txt"  # sniff_kind tells PDF, images, our JSON and HTML by their bytes; else it is text


def _parse(path: Path, name: str, data: bytes | None, where: str) -> Report:
    if data is None:
        data = read_file(path, where)
    check_size(data, where)  # bytes given by the caller too (the readers check again when used alone)
    kind = sniff_kind(name, data, where)
    if kind == "json":
        return Report.from_json(data, where=where)
    source = Source(path=where, sha256=hashlib.sha256(data).hexdigest(), kind=kind)
    doc = reader_for(kind)(data, where)
    report = assemble(doc, source)
    if doc.ocr is not None:
        from .ocr import review

        review(report, doc.ocr)
    return report


__all__ = ["KINDS", "READERS", "STDIN", "assemble", "parse", "parse_stream", "reader_for", "sniff_kind"]

make_callable(__name__)  # ogi.parse(path) calls parse (see ogi/__init__.py)
