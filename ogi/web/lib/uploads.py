"""Uploads checked by their content, not by their name: what the first bytes say the file is must be a
kind we accept and agree with the file's extension (an executable renamed .pdf is refused)."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from .checks import refuse

# kind → (extensions, label)
KINDS = {
    "pdf": ((".pdf",), "PDF"),
    "docx": ((".docx",), "Word 文档（.docx）"),
    "xlsx": ((".xlsx",), "Excel 表格（.xlsx）"),
    "ole": ((".doc", ".xls"), "旧版 Word/Excel 文档（.doc/.xls）"),
    "png": ((".png",), "PNG 图片"),
    "jpeg": ((".jpg", ".jpeg"), "JPEG 图片"),
    "text": ((".txt", ".csv", ".md", ".html", ".htm"), "文本"),
}
ATTACHMENT_KINDS = frozenset(KINDS)
HEAD = 64 * 1024


def sniff(data: bytes) -> str | None:
    """The kind of file ``data`` (its first bytes, or all of it for a zip) is, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    if data.startswith((b"MZ", b"\x7fELF", b"#!")):
        return None
    return "text" if _is_text(data[:HEAD]) else None


def _office_kind(data: bytes) -> str | None:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut by the end of the sample
                return True
            continue
        return True
    return False


def check_upload(file, allowed: frozenset[str] = ATTACHMENT_KINDS, field: str = "file") -> str:  # noqa: ANN001
    """The kind of an uploaded file, or a Chinese ValidationError on ``field``."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    if not data:
        refuse(field, "文件是空的")
    kind = sniff(data)
    suffix = PurePath(getattr(file, "name", "") or "").suffix.lower()
    if kind is None or kind not in allowed:
        accepted = "、".join(KINDS[k][1] for k in KINDS if k in allowed)
        refuse(field, f"文件“{PurePath(file.name).name}”的内容不是可接受的格式（可接受：{accepted}）")
    if suffix not in KINDS[kind][0]:
        refuse(field, f"文件“{PurePath(file.name).name}”的扩展名与内容不符：内容是{KINDS[kind][1]}")
    return kind
