"""A published report never changes — refused by the model, the queryset, the admin and the database's
triggers — and a correction is a second version with its 更正说明, both reachable. Lateness against
条例第四十九条 in working days (2026 calendar: 31 Jan is a Saturday; 清明 4–6 April)."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction

from ogi.model import Report
from ogi.parse import parse
from ogi.web.audit.models import AuditEntry
from ogi.web.conftest import as_user
from ogi.web.lib.frozen import FrozenError
from ogi.web.portal import services
from ogi.web.portal.lateness import deadline_for, late_workdays, lateness_text
from ogi.web.portal.models import Publication, PublishedFile
from ogi.web.reports.finalise import canonical, digest
from ogi.web.tests.refusals import refused
from ogi.web.workcalendar.days import db_calendar

from .helpers import document

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def published(organs, people):
    return services.publish_document(people["supervisor"], organs["rfb"], 2025, document(organs["rfb"].name),
                                     when=at(2026, 1, 20))


# ---------------------------------------------------------------- what is published


def test_the_published_document_is_what_its_docx_reads(published, organs):
    docx = published.files.get(kind="docx").body
    read = parse(published.file_name("docx"), docx)
    assert json.loads(read.to_json()) == published.document
    assert published.document["source"]["kind"] == "docx"
    assert published.sha256 == digest(published.document)
    assert published.sha256 == __import__("hashlib").sha256(canonical(published.document)).hexdigest()
    # the sample's numbers: 44 new, 2 carried over, 23 disclosed, 43 done; 复议 4 (1 corrected), 诉讼 2 + 0
    assert (published.new_received, published.carried_over, published.disclosed_full, published.answered_total) \
        == (44, 2, 23, 43)
    assert (published.review_total, published.review_corrected, published.litigation_total,
            published.litigation_corrected) == (4, 1, 2, 0)
    assert (published.version, published.organ_name, published.year) == (1, organs["rfb"].name, 2025)
    assert AuditEntry.objects.filter(action="publish_report", object_id=str(published.pk)).count() == 1


def test_only_the_supervising_office_publishes(organs, people):
    for who in ("clerk", "head", "auditor", "other_clerk"):
        with pytest.raises(PermissionDenied):
            services.publish_document(people[who], organs["rfb"], 2025, document(organs["rfb"].name))
    assert Publication.objects.count() == 0
    assert services.publish_document(people["admin"], organs["rfb"], 2025, document(organs["rfb"].name)).version == 1


def test_a_year_other_than_the_documents_is_refused(organs, people):
    with pytest.raises(ValidationError, match="不是 2024 年"):
        services.publish_document(people["supervisor"], organs["rfb"], 2024, document(organs["rfb"].name, 2025))
    assert Publication.objects.count() == 0 and PublishedFile.objects.count() == 0


# ---------------------------------------------------------------- corrections


def test_a_correction_is_a_second_version_and_the_first_stays(published, organs, people):
    with pytest.raises(ValidationError, match="须附更正说明"):
        services.publish_document(people["supervisor"], organs["rfb"], 2025, document(organs["rfb"].name))
    corrected = document(organs["rfb"].name, s2__art20_1__regulations__issued=3)
    second = services.publish_document(people["supervisor"], organs["rfb"], 2025, corrected,
                                       correction_note="更正第二部分规章制发件数", when=at(2026, 2, 3))
    assert (second.version, second.corrects_id, second.correction_note) == (2, published.pk, "更正第二部分规章制发件数")
    first = Publication.objects.get(pk=published.pk)
    assert first.sha256 == published.sha256 and first.document == published.document
    assert list(Publication.objects.current()) == [second]
    assert Report.from_dict(second.document).value("s2.art20_1.regulations.issued") == 3


def test_a_correction_without_a_version_to_correct_is_refused_by_the_database(organs, people):
    with pytest.raises(DatabaseError), transaction.atomic():
        Publication.objects.create(
            organ=organs["rfb"], organ_name="x", organ_kind="department", year=2025, version=2, document={},
            sha256="0" * 64, published_at=at(2026, 1, 1), published_on=date(2026, 1, 1),
            published_by=people["supervisor"], deadline=date(2026, 1, 31),
        )


# ---------------------------------------------------------------- never changed: every write path


def test_the_model_refuses_to_save_or_delete_a_published_version(published):
    published.sha256 = "0" * 64
    with pytest.raises(FrozenError):
        published.save()
    with pytest.raises(FrozenError):
        published.delete()
    docx = published.files.get(kind="docx")
    docx.body = b"forged"
    with pytest.raises(FrozenError):
        docx.save()
    with pytest.raises(FrozenError):
        docx.delete()


def test_the_queryset_refuses_update_and_delete(published):
    with pytest.raises(FrozenError):
        Publication.objects.filter(pk=published.pk).update(correction_note="改")
    with pytest.raises(FrozenError):
        Publication.objects.all().delete()
    with pytest.raises(FrozenError):
        PublishedFile.objects.all().update(body=b"x")
    with pytest.raises(FrozenError):
        PublishedFile.objects.all().delete()


@pytest.mark.parametrize("sql", [
    "UPDATE portal_publication SET sha256 = 'forged'",
    "UPDATE portal_publication SET document = '{}'",
    "DELETE FROM portal_publication",
    "UPDATE portal_publishedfile SET sha256 = 'forged'",
    "DELETE FROM portal_publishedfile",
])
def test_the_database_refuses_sql_that_changes_what_is_published(published, sql):
    refused(sql, "已公开的年度报告不可修改、删除或清空")
    assert Publication.objects.get(pk=published.pk).sha256 == published.sha256
    assert PublishedFile.objects.filter(publication=published).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
@pytest.mark.parametrize("table", ["portal_publication", "portal_publishedfile"])
def test_postgresql_refuses_truncate(published, table):
    refused(f"TRUNCATE {table} CASCADE", "已公开的年度报告")
    assert Publication.objects.filter(pk=published.pk).exists()


def test_the_admin_shows_published_versions_read_only(client, published, people):
    people["admin"].is_staff = people["admin"].is_superuser = True
    people["admin"].save()
    as_user(client, people["admin"])
    url = f"/admin/portal/publication/{published.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(url, {"correction_note": "改"}).status_code == 403
    assert client.post(f"/admin/portal/publication/{published.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/portal/publication/add/").status_code == 403
    changelist = client.post("/admin/portal/publication/", {"action": "delete_selected", "_selected_action": [published.pk]})
    assert changelist.status_code in (200, 302)
    file = published.files.get()
    assert client.post(f"/admin/portal/publishedfile/{file.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Publication.objects.get(pk=published.pk).sha256 == published.sha256
    assert PublishedFile.objects.filter(pk=file.pk).exists()


# ---------------------------------------------------------------- lateness (条例第四十九条)


def test_deadlines_of_article_49():
    assert deadline_for("department", 2025) == date(2026, 1, 31)
    assert deadline_for("township", 2025) == date(2026, 1, 31)
    assert deadline_for("government", 2025) == date(2026, 3, 31)


def test_lateness_in_working_days(db):
    cal = db_calendar()
    # 31 Jan 2026 is a Saturday: published Mon 2 Feb = 1 working day late, Tue 3 Feb = 2
    assert late_workdays(date(2026, 1, 31), date(2026, 1, 31), cal) == 0
    assert late_workdays(date(2026, 1, 31), date(2026, 2, 1), cal) == 0
    assert late_workdays(date(2026, 1, 31), date(2026, 2, 2), cal) == 1
    assert late_workdays(date(2026, 1, 31), date(2026, 2, 3), cal) == 2
    # 31 Mar 2026 (Tue): 1, 2, 3 April, then 清明 4–6 April, Tue 7 April = 4
    assert late_workdays(date(2026, 3, 31), date(2026, 4, 7), cal) == 4
    assert lateness_text(date(2026, 1, 31), date(2026, 2, 1), 0) == "期限后的休息日公开"
    assert lateness_text(date(2026, 3, 31), date(2026, 4, 7), 4) == "逾期 4 个工作日公开"
    assert lateness_text(date(2026, 3, 31), date(2026, 3, 31), 0) == "按期公开"


def test_publication_records_its_lateness(organs, people):
    late = services.publish_document(people["supervisor"], organs["edu"], 2025, document(organs["edu"].name),
                                     when=at(2026, 2, 3))
    assert (late.deadline, late.published_on, late.late_workdays, late.late) == (date(2026, 1, 31), date(2026, 2, 3), 2, True)
    own = services.publish_document(people["supervisor"], organs["gov"], 2025, document(organs["gov"].name),
                                    when=at(2026, 3, 20))
    assert (own.deadline, own.late_workdays, own.late) == (date(2026, 3, 31), 0, False)


def test_files_are_rendered_after_the_commit_and_stored_once(organs, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pub = services.publish_document(people["supervisor"], organs["rfb"], 2025, document(organs["rfb"].name))
    kinds = dict(pub.files.values_list("kind", "sha256"))
    assert set(kinds) == {"docx", "pdf", "xlsx", "html"}
    assert pub.files.get(kind="pdf").body[:5] == b"%PDF-"
    assert services.render_missing(pub) == []  # nothing rendered twice
    assert dict(pub.files.values_list("kind", "sha256")) == kinds
