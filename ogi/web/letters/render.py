"""A letter from its template: the template engine (Django's language, nothing loadable), the check of a
template (it compiles and keeps its required parts), and the outputs — HTML, DOCX (python-docx) and PDF
(WeasyPrint with the Noto CJK fonts embedded) — from one rendered HTML body.

A letter's body is a sequence of blocks the templates write as ``<h1>`` (title), ``<p class="docno">``,
``<p class="to">`` (addressee), ``<p>`` (running text), ``<p class="basis">``, ``<p class="remedy">``,
``<p class="sign">`` (organ), ``<p class="date">``, ``<p class="seal">`` and ``<ol><li>`` (a list). The DOCX
is written from these blocks, the PDF printed from the HTML: both say the same words.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError

from ogi import letters as law

DEFAULTS = Path(__file__).parent / "templates" / "letters" / "kinds"
# Tags an organ's template may not use: they reach outside the letter's facts (files, other templates,
# the whole context) — the engine has no loader anyway, so include/extends could never work.
FORBIDDEN_TAGS = ("load", "include", "extends", "debug", "ssi", "templatetag", "csrf_token", "url", "static")
_TAG = re.compile(r"{%\s*(\w+)")

ENGINE = Engine(dirs=[], app_dirs=False, libraries={}, debug=True, autoescape=True, string_if_invalid="")


def default_body(key: str) -> str:
    return (DEFAULTS / f"{key}.html").read_text(encoding="utf-8")


def compile_body(body: str):  # noqa: ANN201
    """The compiled template, or a ValidationError in Chinese naming the line."""
    for match in _TAG.finditer(body):
        if match.group(1) in FORBIDDEN_TAGS:
            line = body.count("\n", 0, match.start()) + 1
            raise ValidationError({"body": f"模板第{line}行使用了不允许的标签「{match.group(1)}」"})
    try:
        return ENGINE.from_string(body)
    except TemplateSyntaxError as exc:
        info = getattr(exc, "template_debug", None) or {}
        where = f"第{info['line']}行" if info.get("line") else ""
        raise ValidationError({"body": f"模板{where}有语法错误：{exc}"}) from exc


def render_body(body: str, context: dict) -> str:
    try:
        return compile_body(body).render(Context(context, autoescape=True))
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - a template's filter can raise anything; say which
        raise ValidationError({"body": f"模板无法生成文书：{exc}"}) from exc


def missing_parts(html: str, context: dict, parts: tuple[str, ...]) -> list[str]:
    """The required parts whose text is not in the rendered letter (by the parts' values in ``context``)."""
    text = plain_text(html)
    return [p for p in parts if _norm(str(context.get(p, ""))) not in text or not context.get(p)]


def check_parts(html: str, context: dict, parts: tuple[str, ...]) -> None:
    missing = missing_parts(html, context, parts)
    if missing:
        names = "、".join(f"{law.PARTS[p]}（{{{{ {p} }}}}）" for p in missing)
        raise ValidationError({"body": f"模板缺少必备部分：{names}"})


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- blocks


@dataclass
class Block:
    tag: str  # h1, p, li
    cls: str
    text: str


class _Blocks(HTMLParser):
    BLOCK = ("h1", "h2", "p", "li")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._open: Block | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.BLOCK:
            self._close()
            self._open = Block(tag, dict(attrs).get("class") or "", "")
        elif tag == "br" and self._open is not None:
            self._open.text += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCK:
            self._close()

    def handle_data(self, data: str) -> None:
        if self._open is None:
            if data.strip():
                self._open = Block("p", "", "")
            else:
                return
        self._open.text += re.sub(r"[ \t\r\n]+", " ", data) if "\n" in data else data

    def _close(self) -> None:
        if self._open is not None:
            self._open.text = self._open.text.strip()
            if self._open.text:
                self.blocks.append(self._open)
        self._open = None

    def close(self) -> None:
        super().close()
        self._close()


def blocks(html: str) -> list[Block]:
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return parser.blocks


def plain_text(html: str) -> str:
    return _norm("".join(b.text for b in blocks(html)))


# ---------------------------------------------------------------- outputs

CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.75; color: #000; }
h1 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 20pt; text-align: center; font-weight: bold;
     margin: 0 0 8pt; line-height: 1.4; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.docno { text-align: center; text-indent: 0; margin-bottom: 12pt; }
p.to { text-indent: 0; }
p.sign, p.date { text-align: right; text-indent: 0; }
p.sign { margin-top: 24pt; }
p.seal { text-align: right; text-indent: 0; color: #555; font-size: 12pt; }
p.quote { font-family: "Noto Sans CJK SC", sans-serif; }
p.note { font-size: 12pt; text-indent: 0; margin-top: 12pt; }
ol { margin: 0 0 0 2em; padding: 0; }
"""


def html_document(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{_escape(title)}</title>'
        f"<style>{CSS}</style></head><body>{body}</body></html>"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def pdf_bytes(title: str, body: str) -> bytes:
    from weasyprint import HTML  # loaded on first use: it takes a second

    return HTML(string=html_document(title, body)).write_pdf()


def docx_bytes(title: str, body: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from ogi.render.docx import set_font

    doc = Document()
    doc.core_properties.title = title
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    for b in blocks(body):
        para = doc.add_paragraph()
        fmt = para.paragraph_format
        if b.tag in ("h1", "h2"):
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_font(para.add_run(b.text), "方正小标宋简体", 22, bold=True)
            continue
        if b.cls == "docno":
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.cls in ("sign", "date", "seal"):
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif b.cls != "to" and b.tag != "li":
            fmt.first_line_indent = Pt(32)
        for i, line in enumerate(b.text.split("\n")):
            if i:
                para.add_run().add_break()
            set_font(para.add_run(line), "仿宋_GB2312", 12 if b.cls in ("seal", "note") else 16)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
