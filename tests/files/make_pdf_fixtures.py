"""Regenerate the small PDF fixtures (run by hand: ``python tests/files/make_pdf_fixtures.py``).

- ``table_across_pages.pdf``: a section 三-like table with a wrapped row label that breaks across a
  page, page numbers “— n —” in the footer (WeasyPrint, Noto CJK).
- ``blank_page.pdf``: one page, no text layer (what a scanned report looks like to a text reader).
- ``encrypted.pdf``: a one-page PDF protected by the user password ``secret`` (RC4 40-bit, written here).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

HERE = Path(__file__).parent
PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")

ROWS = (
    [("一、本年新收政府信息公开申请数量", "21 0 0 0 0 0 21")]
    + [(f"{i}.第{i}行", f"{i} 0 0 0 0 0 {i}") for i in range(1, 40)]
    + [
        (
            "5.要求行政机关确认或重新出具已获取信息要求行政机关确认或重新出具已获取信息",
            "7 0 0 0 0 1 8",
        )
    ]
)


def table_html() -> str:
    rows = "".join(
        f"<tr><td class=l>{label}</td>" + "".join(f"<td>{v}</td>" for v in values.split()) + "</tr>"
        for label, values in ROWS
    )
    four = "".join(f"<td>{v}</td>" for v in "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0".split())
    return f"""<html><head><style>
    @page {{ size: A4; margin: 20mm; @bottom-center {{ content: "— " counter(page) " —"; }} }}
    body {{ font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC'; font-size: 11pt; }}
    td {{ border: 1px solid black; padding: 2pt 6pt; }} td.l {{ width: 40mm; }}
    </style></head><body><p>三、收到和处理政府信息公开申请情况</p><table>{rows}</table>
    <p>四、政府信息公开行政复议、行政诉讼情况</p><table><tr>{four}</tr></table></body></html>"""


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user: bytes = b"secret", owner: bytes = b"owner") -> bytes:
    file_id = hashlib.md5(b"ogi").digest()
    o = rc4(hashlib.md5((owner + PAD)[:32]).digest()[:5], (user + PAD)[:32])
    p = (-44).to_bytes(4, "little", signed=True)
    key = hashlib.md5((user + PAD)[:32] + o + p + file_id).digest()[:5]
    u = rc4(key, PAD)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + o.hex().encode()
        + b"> /U <"
        + u.hex().encode()
        + b"> /P -44 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    trailer = b"<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>" % (
        len(objs) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def main() -> None:
    import pypdfium2 as pdfium
    from weasyprint import HTML

    HTML(string=table_html()).write_pdf(HERE / "table_across_pages.pdf")
    blank = pdfium.PdfDocument.new()
    blank.new_page(595, 842)
    blank.save(HERE / "blank_page.pdf")
    (HERE / "encrypted.pdf").write_bytes(encrypted_pdf())


if __name__ == "__main__":
    main()
