"""What may not happen to a letter: issued twice, changed, half-issued; a template that does not compile or
drops a required part; numbering per organ, year and kind without gaps."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from ogi.web.applications import services as steps
from ogi.web.audit.models import AuditEntry
from ogi.web.letters import render, services
from ogi.web.letters.models import Counter, Letter, LetterTemplate
from ogi.web.lib.frozen import FrozenError
from ogi.web.tests.refusals import refused

from .conftest import pdf_text


def _issue(people, app, kind, who="clerk", **kw):
    app.refresh_from_db()
    return services.issue(people[who], app, kind, version=app.version, **kw)


def _nothing_issued(app, status="processing"):
    app.refresh_from_db()
    assert app.status == status
    assert not Letter.objects.exists()
    assert all(c.last == 0 for c in Counter.objects.all())


# ---------------------------------------------------------------- issued once, never changed


def test_an_issued_letter_never_changes(application, people, conf):
    letter = _issue(people, application, "receipt", on=date(2025, 3, 3))
    letter.addressee = "王五"
    with pytest.raises(FrozenError, match="不可修改"):
        letter.save()
    with pytest.raises(FrozenError, match="不可修改"):
        Letter.objects.filter(pk=letter.pk).update(addressee="王五")
    with pytest.raises(FrozenError, match="不可删除"):
        letter.delete()
    with pytest.raises(FrozenError, match="不可删除"):
        Letter.objects.all().delete()
    assert Letter.objects.get(pk=letter.pk).addressee == "张三"


@pytest.mark.parametrize("sql", [
    "UPDATE letters_letter SET addressee = '王五'",
    "UPDATE letters_letter SET pdf_sha256 = 'forged'",
    "UPDATE letters_letter SET html = ''",
    "DELETE FROM letters_letter",
])
def test_the_database_refuses_sql_that_changes_an_issued_letter(application, people, conf, sql):
    letter = _issue(people, application, "receipt", on=date(2025, 3, 3))
    refused(sql, "已发出的文书不可修改、删除或清空")
    kept = Letter.objects.get(pk=letter.pk)
    assert (kept.addressee, kept.pdf_sha256, kept.html) == ("张三", letter.pdf_sha256, letter.html)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgresql_refuses_to_truncate_the_letters(application, people, conf):
    letter = _issue(people, application, "receipt", on=date(2025, 3, 3))
    refused("TRUNCATE letters_letter CASCADE", "已发出的文书")
    assert Letter.objects.filter(pk=letter.pk).exists()


def test_stored_files_match_their_hashes(application, people, conf):
    import hashlib

    letter = _issue(people, application, "receipt", on=date(2025, 3, 3))
    for f, digest in ((letter.pdf, letter.pdf_sha256), (letter.docx, letter.docx_sha256)):
        with f.open("rb") as fh:
            assert hashlib.sha256(fh.read()).hexdigest() == digest


def test_docx_says_what_the_pdf_says(application, people, conf):
    import io
    import re

    from docx import Document

    letter = _issue(people, application, "receipt", on=date(2025, 3, 3))
    with letter.docx.open("rb") as f:
        paragraphs = [p.text for p in Document(io.BytesIO(f.read())).paragraphs]
    assert paragraphs[0] == "政府信息公开申请登记回执" and paragraphs[1] == letter.docno
    assert re.sub(r"\s+", "", "".join(paragraphs)) == pdf_text(letter)


def test_pdf_embeds_the_cjk_font(application, people, conf, tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils (pdffonts) not installed")
    letter = _issue(people, application, "receipt", on=date(2025, 3, 3))
    path = tmp_path / "letter.pdf"
    with letter.pdf.open("rb") as f:
        path.write_bytes(f.read())
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all("CJK" in f for f in fonts)
    assert all(line.split()[-5] == "yes" for line in fonts)  # the “emb” column


def test_a_second_receipt_is_refused_and_a_correction_names_the_first(application, people, conf):
    first = _issue(people, application, "receipt", on=date(2025, 3, 3))
    with pytest.raises(ValidationError, match=r"已发出《政府信息公开申请登记回执》（渡人防依申受〔2025〕1号），不能再次发出"):
        _issue(people, application, "receipt", on=date(2025, 3, 4))
    fixed = _issue(people, application, "receipt", on=date(2025, 3, 4), corrects=first)
    assert fixed.corrects == first and fixed.docno == "渡人防依申受〔2025〕2号"
    text = pdf_text(fixed)
    assert "本文书更正本机关2025年3月3日发出的《政府信息公开申请登记回执》（渡人防依申受〔2025〕1号）" in text
    assert services.latest_letters(application) == [fixed]
    with pytest.raises(ValidationError, match="已有更正文书"):
        _issue(people, application, "receipt", on=date(2025, 3, 5), corrects=first)


def test_a_second_correction_notice_is_refused_once_only(application, people, conf):
    _issue(people, application, "correction", on=date(2025, 3, 4), what="请补充身份证明")
    with pytest.raises(ValidationError, match="不能再次发出"):
        _issue(people, application, "correction", on=date(2025, 3, 5), what="再补一项")


# ---------------------------------------------------------------- nothing half-issued


def test_no_review_body_configured_refuses_an_adverse_letter(application, people, organs):
    with pytest.raises(ValidationError, match="请先在本机关的文书设置中填写行政复议机关和管辖法院"):
        _issue(people, application, "answer", on=date(2025, 3, 10), outcome="r_deny_state_secret", reason="密级")
    _nothing_issued(application)
    assert not AuditEntry.objects.filter(action__in=("answer", "issue_letter")).exists()


def test_a_renderer_failure_leaves_nothing(application, people, conf, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def broken(title, body):
        raise OSError("字体文件无法读取")

    monkeypatch.setattr(render, "pdf_bytes", broken)
    with pytest.raises(OSError):
        _issue(people, application, "correction", on=date(2025, 3, 5), what="请补充身份证明")
    _nothing_issued(application)
    assert application.correction_requested_on is None
    assert not AuditEntry.objects.filter(action__in=("request_correction", "issue_letter")).exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]  # the DOCX written before the failure is gone


def test_a_stale_version_is_refused(application, people, conf):
    with pytest.raises(ValidationError, match="已被他人修改"):
        services.issue(people["clerk"], application, "receipt", version=application.version + 1, on=date(2025, 3, 3))
    _nothing_issued(application)


def test_another_organs_clerk_may_not_issue(application, people, conf):
    with pytest.raises(PermissionDenied):
        services.issue(people["other_clerk"], application, "receipt", version=1, on=date(2025, 3, 3))
    _nothing_issued(application)


def test_unknown_kind_and_outcome(application, people, conf):
    with pytest.raises(ValidationError, match="没有文书种类"):
        _issue(people, application, "notice")
    with pytest.raises(ValidationError, match="不是有效选项"):
        _issue(people, application, "answer", outcome="r_nothing")


def test_preview_keeps_nothing(application, people, conf):
    before = AuditEntry.objects.count()
    draft = services.preview(people["clerk"], application, "correction", version=1, on=date(2025, 3, 5),
                             what="请补充身份证明")
    assert services.PLACEHOLDER_DOCNO in draft.html and "2025年3月26日" in draft.html
    _nothing_issued(application)
    assert AuditEntry.objects.count() == before


# ---------------------------------------------------------------- numbering


def test_numbers_per_kind_and_year_without_gaps(application, people, conf, organs):
    a = _issue(people, application, "receipt", on=date(2025, 3, 3))
    b = _issue(people, application, "correction", on=date(2025, 3, 4), what="请补充身份证明")
    later = steps.register(people["clerk"], organs["rfb"], applicant_type="natural_person", applicant_name="李四",
                           channel="in_person", received_on=date(2026, 1, 5), content="2025年度人防经费")
    c = _issue(people, later, "receipt", on=date(2026, 1, 5))
    other = steps.register(people["clerk"], organs["rfb"], applicant_type="natural_person", applicant_name="王五",
                           channel="post", received_on=date(2025, 3, 4), content="人防工程名录")
    d = _issue(people, other, "receipt", on=date(2025, 3, 4))
    assert [x.docno for x in (a, b, c, d)] == [
        "渡人防依申受〔2025〕1号", "渡人防依申补〔2025〕1号", "渡人防依申受〔2026〕1号", "渡人防依申受〔2025〕2号",
    ]
    assert "第三十一条第（二）项" in pdf_text(d)  # by post: the day signed for


# ---------------------------------------------------------------- templates


def test_a_template_with_a_syntax_error_is_refused(organs, people):
    with pytest.raises(ValidationError, match=r"模板第2行有语法错误"):
        services.save_template(people["head"], organs["rfb"], "receipt", "<h1>{{ title }}</h1>\n{% if %}")
    assert not LetterTemplate.objects.exists()


def test_a_template_without_its_legal_basis_is_refused(organs, people):
    body = render.default_body("correction").replace("{{ basis }}，", "")
    with pytest.raises(ValidationError, match=r"模板缺少必备部分：法律依据（\{\{ basis \}\}）"):
        services.save_template(people["head"], organs["rfb"], "correction", body)


def test_an_adverse_template_without_the_remedy_clause_is_refused(organs, people):
    body = render.default_body("answer_r_deny_state_secret").replace("{{ remedy }}", "")
    with pytest.raises(ValidationError, match=r"救济途径"):
        services.save_template(people["head"], organs["rfb"], "answer_r_deny_state_secret", body)
    # a remedy clause hidden behind a condition that is never true is missing too
    body = render.default_body("answer_r_deny_state_secret").replace("{% if remedy %}", "{% if nothing %}")
    with pytest.raises(ValidationError, match=r"救济途径"):
        services.save_template(people["head"], organs["rfb"], "answer_r_deny_state_secret", body)


def test_tags_reaching_outside_the_letter_are_refused(organs, people):
    body = render.default_body("receipt") + '\n{% include "base.html" %}'
    with pytest.raises(ValidationError, match="不允许的标签「include」"):
        services.save_template(people["head"], organs["rfb"], "receipt", body)


def test_only_the_head_or_an_admin_edits_templates(organs, people):
    with pytest.raises(PermissionDenied):
        services.save_template(people["clerk"], organs["rfb"], "receipt", render.default_body("receipt"))


def test_an_organs_own_template_is_used_and_audited(application, people, conf):
    body = render.default_body("receipt").replace("特此回执。", "特此回执，请妥善保存。")
    saved = services.save_template(people["head"], conf.organ, "receipt", body)
    assert AuditEntry.objects.filter(action="save_letter_template", object_id=str(saved.pk)).exists()
    letter = _issue(people, application, "receipt", on=date(2025, 3, 3))
    assert "特此回执，请妥善保存。" in pdf_text(letter) and letter.template_version == 1
    services.reset_template(people["head"], conf.organ, "receipt")
    assert not LetterTemplate.objects.exists()


def test_no_letter_before_the_receipt_is_confirmed(application, people, conf):
    from ogi.web.applications.models import Application

    Application.objects.filter(pk=application.pk).update(status="awaiting_confirmation")  # the online 待确认
    application.refresh_from_db()
    with pytest.raises(ValidationError, match="确认收到申请后才能发出文书"):
        _issue(people, application, "receipt", on=date(2025, 3, 3))
    assert services.available_kinds(people["clerk"], application) == []
    assert not Letter.objects.exists()
