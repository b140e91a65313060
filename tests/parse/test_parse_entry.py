"""``ogi.parse.parse``: the kind of file, the source, and one clear ParseError for every failure."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from ogi.errors import EmptyDocument, ParseError, SectionNotFound, UnsupportedFormat
from ogi.model import blank_report
from ogi.parse import parse, sniff_kind
from tests.shared import SEED


def test_it_fills_the_source_of_the_report():
    data = SEED.read_bytes()
    r = parse(SEED)
    assert (r.source.path, r.source.kind) == ("2020_dadukou_renfang.txt", "txt")
    assert r.source.sha256 == hashlib.sha256(data).hexdigest()


def test_it_reads_bytes_given_with_the_name():
    r = parse("x/2020_dadukou_renfang.txt", SEED.read_bytes())
    assert r.source.path == "2020_dadukou_renfang.txt" and r.year == 2020


def test_it_reads_its_own_json_document():
    report = blank_report("2021", year=2022, organ="某局")
    again = parse("r.json", report.to_json().encode())
    assert (again.format, again.year, again.organ) == ("2021", 2022, "某局")
    assert again.value("s3.r_total.total") == 0


def test_it_turns_a_bad_json_document_into_a_parse_error():
    with pytest.raises(ParseError, match="r.json"):
        parse("r.json", b'{"schema": "something else"}')


def test_it_names_the_file_of_an_empty_txt():
    with pytest.raises(EmptyDocument, match="^empty.txt：文件是空的"):
        parse("empty.txt", b"")


def test_it_refuses_binary_garbage_named_txt():
    with pytest.raises(UnsupportedFormat, match="^junk.txt："):
        parse("junk.txt", bytes(range(256)) * 50)


def test_it_refuses_a_text_that_is_not_a_report():
    with pytest.raises(SectionNotFound, match="^note.txt：不是政府信息公开工作年度报告"):
        parse("note.txt", "关于做好节日值班工作的通知\n各单位：请做好值班安排。\n".encode())


def test_it_refuses_an_unknown_extension():
    with pytest.raises(UnsupportedFormat, match="不支持的文件类型"):
        parse("report.rtf", b"{\\rtf1 hello}")


def test_it_names_a_file_that_does_not_exist():
    with pytest.raises(ParseError, match="^nothing.txt：无法打开文件"):
        parse("/no/such/dir/nothing.txt")


def test_it_trusts_content_over_a_wrong_extension():
    assert sniff_kind("a.txt", b"%PDF-1.7 ...") == "pdf"
    assert sniff_kind("a.txt", b"<div><table><tr><td>1</td></tr></table></div>") == "html"
    with pytest.raises(UnsupportedFormat, match="压缩包"):
        sniff_kind("a.txt", b"PK\x03\x04rest")


def test_it_does_not_import_heavy_readers_for_a_txt():
    code = (
        "import sys; from ogi.parse import parse; parse(sys.argv[1]); "
        "print(any(m in sys.modules for m in ('pdfplumber', 'pypdfium2', 'docx', 'openpyxl', 'lxml')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_it_reads_the_same_report_from_gb18030():
    utf8 = parse(SEED)
    gb = parse("seed.txt", SEED.read_text(encoding="utf-8").encode("gb18030"))
    assert gb.cells() == utf8.cells() and gb.organ == utf8.organ


def test_a_parsed_report_survives_its_json_document():
    report = parse(SEED)
    again = parse("seed.json", report.to_json().encode())
    assert again.cells() == report.cells()
    assert again.cells_meta == report.cells_meta
    assert again.source == report.source
