"""What the readers do with files a user should not have given them: empty, huge, zip bombs, disguised, mis-encoded."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from ogi.errors import EmptyDocument, UnsupportedFormat
from ogi.parse import safety
from ogi.parse.docx import read_docx
from ogi.parse.html import read_html
from ogi.parse.pdf import read_pdf
from ogi.parse.safety import canonical_encoding, check_size, check_zip, decode_text
from ogi.parse.xlsx import read_xlsx

READERS = [read_html, read_docx, read_pdf, read_xlsx]


def declare_size(zip_bytes: bytes, size: int, packed: int | None = None) -> bytes:
    """The zip with every central-directory entry claiming ``size`` uncompressed bytes (and ``packed``
    compressed bytes, when given)."""
    data = bytearray(zip_bytes)
    at = data.find(b"PK\x01\x02")
    while at != -1:
        struct.pack_into("<I", data, at + 24, size)
        if packed is not None:
            struct.pack_into("<I", data, at + 20, packed)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("data", [b"", b"  \n\t "])
def test_it_refuses_empty_files_with_every_reader(reader, data):
    with pytest.raises(EmptyDocument, match="e.bin：文件是空的"):
        reader(data, "e.bin")


@pytest.mark.parametrize("reader", READERS)
def test_it_refuses_files_above_the_size_limit_before_reading_them(reader, monkeypatch):
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", 1024 * 1024)
    with pytest.raises(UnsupportedFormat, match="big.bin：文件过大（1.5 MB），超过 1 MB 上限"):
        reader(b"x" * (3 * 1024 * 512), "big.bin")


def test_it_keeps_the_documented_limit_of_one_hundred_megabytes():
    assert (
        safety.MAX_FILE_BYTES == 100 * 1024 * 1024
        and safety.MAX_UNZIPPED_BYTES == 200 * 1024 * 1024
    )


def test_it_refuses_a_zip_declaring_more_than_two_hundred_megabytes():
    bomb = declare_size(
        zip_of({"word/document.xml": b"<w/>", "a.bin": b"0" * 100}), 150 * 1024 * 1024
    )
    with pytest.raises(UnsupportedFormat, match="疑似压缩炸弹"):
        read_docx(bomb, "bomb.docx")


MB = 1024 * 1024
DOCX = {
    "word/document.xml": b"<w/>",
    "a.bin": b"0" * 100,
}  # two members: declared sizes count twice


def test_it_refuses_a_zip_over_two_hundred_megabytes_even_at_a_harmless_ratio():
    # 2 × 100.5 MB = 201 MB declared, 2 × 10.05 MB packed: ratio 10, far below 100 — only the size bound fires.
    bomb = declare_size(zip_of(DOCX), 201 * MB // 2, packed=201 * MB // 20)
    with pytest.raises(UnsupportedFormat, match="压缩包解压后 201 MB（压缩比 10）"):
        check_zip(bomb, "big.docx", member="word/document.xml", kind="Word")


def test_it_accepts_a_zip_just_under_two_hundred_megabytes_at_a_harmless_ratio(monkeypatch):
    monkeypatch.setattr(
        safety, "MAX_XML_PART_BYTES", safety.MAX_UNZIPPED_BYTES
    )  # the bound of one part: test_guards.py
    ok = declare_size(zip_of(DOCX), 199 * MB // 2, packed=199 * MB // 20)
    assert check_zip(ok, "big.docx", member="word/document.xml", kind="Word") is None


@pytest.mark.parametrize(
    ("unzipped_mb", "ratio", "refused"),
    [(11, 101, True), (11, 99, False), (9, 1000, False)],  # the ratio bound, and its 10 MB floor
)
def test_it_applies_the_ratio_bound_above_ten_megabytes_only(unzipped_mb, ratio, refused):
    data = declare_size(zip_of(DOCX), unzipped_mb * MB // 2, packed=unzipped_mb * MB // 2 // ratio)
    if refused:
        with pytest.raises(UnsupportedFormat, match="疑似压缩炸弹"):
            check_zip(data, "r.docx", member="word/document.xml", kind="Word")
    else:
        assert check_zip(data, "r.docx", member="word/document.xml", kind="Word") is None


def test_it_refuses_a_zip_whose_compression_ratio_is_extreme():
    bomb = zip_of({"xl/workbook.xml": b"<w/>", "xl/sheet.xml": b"\0" * (20 * 1024 * 1024)})
    with pytest.raises(UnsupportedFormat, match="压缩比"):
        read_xlsx(bomb, "bomb.xlsx")


def test_it_accepts_small_well_compressed_office_files():
    check_zip(
        zip_of({"word/document.xml": b"<w/>" * 100_000}),
        "ok.docx",
        member="word/document.xml",
        kind="Word",
    )


def test_it_refuses_a_zip_with_too_many_members(monkeypatch):
    monkeypatch.setattr(safety, "MAX_MEMBERS", 3)
    with pytest.raises(UnsupportedFormat, match="文件数 4"):
        read_docx(zip_of({f"{i}.xml": b"x" for i in range(4)}), "many.docx")


@pytest.mark.parametrize(("reader", "name"), [(read_docx, "r.docx"), (read_xlsx, "r.xlsx")])
def test_it_refuses_a_pdf_renamed_as_an_office_file(reader, name):
    with pytest.raises(UnsupportedFormat, match=f"{name}：不是有效的"):
        reader(b"%PDF-1.7\n" + b"1 0 obj\n" * 50, name)


def test_it_refuses_a_docx_renamed_as_a_pdf():
    with pytest.raises(UnsupportedFormat, match="不是 PDF"):
        read_pdf(zip_of({"word/document.xml": b"<w/>"}), "r.pdf")


def test_it_lets_a_small_non_blank_file_pass():
    check_size(b"a" * 1000, "small.txt")  # no exception: a small, non-blank file passes


@pytest.mark.parametrize(
    ("data", "declared", "text", "codec"),
    [
        ("年报".encode("utf-8-sig"), None, "年报", "utf-8-sig"),
        ("年报".encode("utf-16"), None, "年报", "utf-16"),
        ("年报".encode("gbk"), None, "年报", "gb18030"),
        ("年报".encode("gbk"), "gb2312", "年报", "gb18030"),
        ("年報".encode("big5"), "big5", "年報", "big5"),
    ],
)
def test_it_decodes_text_by_bom_utf8_declaration_then_gb18030(data, declared, text, codec):
    assert decode_text(data, declared)[:2] == (text, codec)


def test_it_reads_a_gbk_page_with_one_broken_byte_as_gbk_and_notes_it():
    data = "三、收到和处理政府信息公开申请情况".encode("gbk") + b"\xff" + "四、结转".encode("gbk")
    text, codec, notes = decode_text(data, None)
    assert codec == "gb18030" and text.startswith("三、收到和处理") and text.endswith("四、结转")
    assert "1 处字节" in notes[0]


def test_it_reads_utf8_with_one_broken_byte_as_utf8():
    text, codec, notes = decode_text("第二十条第（一）项".encode() + b"\xff", None)
    assert (codec, text) == ("utf-8", "第二十条第（一）项�") and notes


@pytest.mark.parametrize(
    ("name", "codec"),
    [("GB2312", "gb18030"), ("gbk", "gb18030"), ("UTF8", "utf-8"), ("nonsense-x", None)],
)
def test_it_maps_declared_charsets_to_codecs(name, codec):
    assert canonical_encoding(name) == codec
