"""An uploaded report read by the core's readers (``ogi.parse``): DOCX, PDF, HTML, TXT, XLSX or our JSON.

Refused, each with one Chinese line and nothing stored: an empty file, a file over ``MAX_UPLOAD_BYTES``
(the request itself is cut at ``MAX_REQUEST_BYTES`` before it reaches here), a file whose content is not
one of the kinds above (an executable renamed .docx, an image), anything the readers refuse (a zip bomb,
a broken file, a document with no table three …), and a file in which no report of a national format is
found.

**Scanned PDFs are refused** (decision): a page without a text layer would be read by OCR, which takes
about 3 s a page here and leaves cells that must be checked against the scan by hand; the season wants the
exact figures the organ holds, so the clerk is asked for the Word/Excel file or a PDF with text (or to
submit the 定稿 from the register). ``ogi parse`` on the command line still reads scans.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath

from django.core.exceptions import ValidationError

from ogi.errors import OgiError
from ogi.model import Report, Source
from ogi.parse import assemble, reader_for, sniff_kind
from ogi.parse.safety import check_size
from ogi.web.lib.uploads import sniff

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # a real report is 10 KB – 5 MB
ACCEPTED = {".docx": "docx", ".xlsx": "xlsx", ".pdf": "pdf", ".html": "text", ".htm": "text", ".txt": "text",
            ".md": "text", ".json": "text"}
ACCEPTED_TEXT = "Word（.docx）、PDF（带文字层）、网页（.html）、文本（.txt）、Excel（.xlsx）或 ogi 报告 JSON"


def refuse(message: str) -> None:
    raise ValidationError({"file": message})


_ROW = re.compile(r"^(.*?第\d+行)")


def read_upload(name: str, data: bytes) -> tuple[Report, str]:
    """The report read from an uploaded file's bytes and the file's text as the reader saw it (table
    rows on one line, cells separated by “ │ ”: the clerk's view of the original beside the parsed cells),
    or ValidationError on ``file`` (Chinese)."""
    label = PurePath(name or "").name or "（无文件名）"
    if not data:
        refuse(f"文件“{label}”是空的")
    if len(data) > MAX_UPLOAD_BYTES:
        refuse(f"文件“{label}”有 {len(data) // (1024 * 1024)} MB，超过 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB 上限，不像年度报告")
    suffix = PurePath(label).suffix.lower()
    want = ACCEPTED.get(suffix)
    kind = sniff(data)
    if want is None or kind != want:
        refuse(f"文件“{label}”不是可读取的年度报告文件（可接受：{ACCEPTED_TEXT}）")
    if kind == "pdf" and is_scan(data, label):
        refuse(f"文件“{label}”是扫描件（有页面没有文字层），不能在线读取：请上传 Word、Excel 或带文字层的 PDF，或从台账报送定稿")
    try:
        report, text = _read(label, data)
    except OgiError as exc:
        refuse(f"无法读取文件“{label}”：{exc.message}")
    except Exception as exc:  # noqa: BLE001 - a reader's bug must not become a 500
        refuse(f"读取文件“{label}”时出现未预料的错误（{type(exc).__name__}），请改传其他格式并报告此问题")
    if report.spec is None:
        refuse(f"文件“{label}”中没有读出国家统一格式的年度报告（没有找到统计表格），请检查是否上传了报告正文")
    return report, text


def _read(label: str, data: bytes) -> tuple[Report, str]:
    """``ogi.parse`` step by step (one reading gives both the report and the text it was read from)."""
    check_size(data, label)
    kind = sniff_kind(label, data)
    if kind == "json":
        return Report.from_json(data, where=label), data.decode("utf-8", "replace")
    doc = reader_for(kind)(data, label)
    report = assemble(doc, Source(path=label, sha256=hashlib.sha256(data).hexdigest(), kind=kind))
    return report, source_text(doc.pieces)


def source_text(pieces) -> str:  # noqa: ANN001
    lines: list[str] = []
    row = None
    for p in pieces:
        m = _ROW.match(p.where) if p.cell else None
        key = m.group(1) if m else None
        if key is not None and key == row:
            lines[-1] += " │ " + p.text
        else:
            lines.append(p.text)
        row = key
    return "\n".join(lines)


def is_scan(data: bytes, label: str) -> bool:
    """Whether a PDF has a page without a usable text layer that holds an image (what the reader would
    send to OCR). A broken PDF is left to the reader, which says what is wrong with it."""
    from ogi.parse import pdf as reader

    try:
        doc = reader.bytes_to_document(data, label)
    except OgiError:
        return False
    try:
        for i in range(min(len(doc), reader.MAX_PAGES)):
            lines = reader.page_to_lines(doc, i, label)
            if (not lines or reader.broken_text(lines)) and reader.has_image(doc, i):
                return True
    finally:
        doc.close()
    return False
