"""Uploads: a DOCX in the official layout (``ogi.render``) read back by the core's reader; a broken one,
a zip bomb, a scan, something that is not a report, an oversized file — refused, nothing saved."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ogi.model import Report
from ogi.render import render
from ogi.web.season import reading, services
from ogi.web.season.choices import Source, Status
from ogi.web.season.models import Draft, RosterEntry, Submission

from .documents import good_document, r3_1_document

RFB = "重庆市大渡口区人民防空办公室"


@pytest.fixture
def season(organs, people):
    return services.open_season(people["supervisor"], organs["gov"], 2024)


@pytest.fixture
def entry(season, organs):
    return RosterEntry.objects.get(season=season, organ=organs["rfb"])


def docx_of(document: dict) -> bytes:
    return render(Report.from_dict(document), "docx")


def upload_file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_a_docx_with_an_r3_1_error_is_read_blocked_corrected_and_submitted(entry, people):
    clerk = people["clerk"]
    draft = services.upload(clerk, entry, upload_file("人防办2024年报.docx", docx_of(r3_1_document(RFB))))
    entry.refresh_from_db()
    assert entry.status == Status.DRAFTING and entry.error_count == 2
    assert draft.kind == "docx" and draft.original[:2] == b"PK"
    assert draft.parsed["sections"]["s3"]["carried_over"]["natural_person"] == 1
    with pytest.raises(ValidationError) as exc:
        services.submit_upload(clerk, draft, {})
    assert "s3.new_received.natural_person" in exc.value.message_dict
    assert Submission.objects.count() == 0
    # the clerk finds that nothing was carried over: two cells corrected, each recorded
    draft = services.correct_cell(clerk, draft, "s3.carried_over.natural_person", "0")
    draft = services.correct_cell(clerk, draft, "s3.carried_over.total", "0")
    assert draft.error_count == 0
    assert [(c["path"], c["before"], c["after"], c["by"]) for c in draft.corrections] == [
        ("s3.carried_over.natural_person", "1", "0", "clerk"), ("s3.carried_over.total", "1", "0", "clerk"),
    ]
    sub = services.submit_upload(clerk, draft, {})
    assert sub.source == Source.UPLOAD and sub.draft == draft and len(sub.corrections) == 2
    assert sub.document["sections"]["s3"]["carried_over"]["total"] == 0
    assert sub.draft.original == draft.original  # the file as uploaded is kept
    draft.refresh_from_db()
    assert draft.submitted
    with pytest.raises(ValidationError, match="已报送"):
        services.correct_cell(clerk, draft, "s3.carried_over.total", "1")


def test_a_correction_is_checked_like_a_cell(entry, people):
    draft = services.upload(people["clerk"], entry, upload_file("a.docx", docx_of(good_document(RFB))))
    for bad, message in (("abc", "不是数字"), ("-1", "应在0到"), ("1.5", "应为整数"), ("", "请填写数字")):
        with pytest.raises(ValidationError, match=message):
            services.correct_cell(people["clerk"], draft, "s3.new_received.total", bad)
    with pytest.raises(ValidationError, match="不是该报告格式的单元格"):
        services.correct_cell(people["clerk"], draft, "s3.no_such_row.total", "1")
    draft.refresh_from_db()
    assert draft.corrections == []


def test_a_corrupted_docx_is_refused_with_one_line_and_nothing_saved(entry, people):
    data = docx_of(good_document(RFB))
    broken = data[: len(data) // 2]  # cut in half: the zip's central directory is gone
    with pytest.raises(ValidationError) as exc:
        services.upload(people["clerk"], entry, upload_file("人防办.docx", broken))
    (message,) = exc.value.message_dict["file"]
    assert "人防办.docx" in message
    entry.refresh_from_db()
    assert entry.status == Status.NOT_STARTED and Draft.objects.count() == 0


def test_a_zip_bomb_is_refused(entry, people):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b"a" * (300 * 1024 * 1024) + b">")  # 300 MB of one letter
    with pytest.raises(ValidationError) as exc:
        services.upload(people["clerk"], entry, upload_file("bomb.docx", buf.getvalue()))
    assert "bomb.docx" in exc.value.message_dict["file"][0]
    assert Draft.objects.count() == 0


def test_a_scanned_pdf_is_refused(entry, people):
    from PIL import Image

    image = Image.new("RGB", (800, 1100), "white")
    buf = io.BytesIO()
    image.save(buf, "PDF")  # one page holding only an image: what a scanner produces
    with pytest.raises(ValidationError, match="扫描件"):
        services.upload(people["clerk"], entry, upload_file("scan.pdf", buf.getvalue()))
    assert Draft.objects.count() == 0


@pytest.mark.parametrize(("name", "data", "message"), [
    ("notes.txt", "会议纪要：下周二开会。".encode(), "不是政府信息公开工作年度报告"),
    ("tool.docx", b"MZ\x90\x00" + b"\x00" * 100, "不是可读取的年度报告文件"),
    ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "不是可读取的年度报告文件"),
    ("empty.txt", b"", "是空的"),
])
def test_what_is_not_a_report_is_refused(entry, people, name, data, message):
    with pytest.raises(ValidationError, match=message):
        services.upload(people["clerk"], entry, upload_file(name, data))
    assert Draft.objects.count() == 0


def test_an_oversized_file_is_refused_before_reading(entry, people):
    big = upload_file("big.txt", b"x" * (reading.MAX_UPLOAD_BYTES + 1))
    with pytest.raises(ValidationError, match="超过 20 MB 上限"):
        services.upload(people["clerk"], entry, big)


def test_an_upload_of_another_organs_report_is_refused(entry, people):
    other = docx_of(good_document("重庆市大渡口区教育委员会"))
    with pytest.raises(ValidationError, match="不是重庆市大渡口区人民防空办公室的"):
        services.upload(people["clerk"], entry, upload_file("edu.docx", other))
    assert Draft.objects.count() == 0


def test_our_json_is_read_too(entry, people):
    import json

    data = json.dumps(good_document(RFB, new=3), ensure_ascii=False).encode()
    draft = services.upload(people["clerk"], entry, upload_file("report.json", data))
    assert draft.document["sections"]["s3"]["new_received"]["total"] == 3
