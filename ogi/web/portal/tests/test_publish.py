"""Publishing accepted season submissions: the supervising office only, accepted current versions only;
the entry becomes 已公开 in the same transaction; a correction after publication (with its 更正说明)
becomes version 2 and version 1 stays."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ogi.model import Report
from ogi.web.portal import services
from ogi.web.portal.models import Publication
from ogi.web.season import services as season
from ogi.web.season.choices import Source, Status
from ogi.web.season.models import RosterEntry
from ogi.web.season.tests.documents import good_document

RFB = "重庆市大渡口区人民防空办公室"


@pytest.fixture
def entry(organs, people):
    opened = season.open_season(people["supervisor"], organs["gov"], 2024)
    return RosterEntry.objects.get(season=opened, organ=organs["rfb"])


def accepted(entry, people, organs, **kwargs):  # noqa: ANN001, ANN003, ANN201
    sub = season.submit_document(organs["rfb"], entry, good_document(RFB, **kwargs.pop("doc", {})), {}, Source.API,
                                 **kwargs)
    return season.accept(people["supervisor"], sub)


def test_an_accepted_submission_is_published_and_the_entry_says_so(entry, organs, people):
    sub = accepted(entry, people, organs, doc={"new": 7})
    pub = services.publish(people["supervisor"], sub)
    entry.refresh_from_db()
    assert entry.status == Status.PUBLISHED and entry.published_at == pub.published_at
    assert (pub.submission_id, pub.source_sha256, pub.version, pub.year) == (sub.pk, sub.sha256, 1, 2024)
    assert Report.from_dict(pub.document).value("s3.new_received.total") == 7
    assert pub.deadline.isoformat() == "2025-01-31"


def test_only_the_supervising_office_publishes_and_only_accepted_versions(entry, organs, people):
    sub = season.submit_document(organs["rfb"], entry, good_document(RFB), {}, Source.API)
    with pytest.raises(ValidationError, match="不是已审核通过的最新版本"):
        services.publish(people["supervisor"], sub)
    season.accept(people["supervisor"], sub)
    for who in ("clerk", "head", "other_clerk", "auditor"):
        with pytest.raises(PermissionDenied):
            services.publish(people[who], sub)
    assert Publication.objects.count() == 0
    services.publish(people["supervisor"], sub)
    with pytest.raises(ValidationError):
        services.publish(people["supervisor"], sub)  # already 已公开
    assert Publication.objects.count() == 1


def test_a_correction_after_publication_is_version_2(entry, organs, people):
    first = services.publish(people["supervisor"], accepted(entry, people, organs))
    entry.refresh_from_db()
    sub = season.submit_document(organs["rfb"], entry, good_document(RFB, new=6), {}, Source.API,
                                 correction_note="更正本年新收申请数")
    season.accept(people["supervisor"], sub)
    second = services.publish(people["supervisor"], sub)
    assert (second.version, second.corrects_id, second.correction_note) == (2, first.pk, "更正本年新收申请数")
    assert Publication.objects.get(pk=first.pk).sha256 == first.sha256
    assert [p.pk for p in Publication.objects.current()] == [second.pk]


def test_the_publish_screen_lists_accepted_reports_and_publishes_one(client, entry, organs, people):
    from ogi.web.conftest import as_user

    sub = accepted(entry, people, organs)
    as_user(client, people["clerk"])
    assert "nothing-to-publish" in client.get("/public/publish/").content.decode()
    refused = client.post(f"/public/publish/{sub.pk}/", follow=True).content.decode()
    assert "无权公开" in refused and Publication.objects.count() == 0  # the clerk reports, does not publish
    as_user(client, people["other_clerk"])
    assert client.post(f"/public/publish/{sub.pk}/").status_code == 404  # another organ does not see it
    as_user(client, people["supervisor"])
    page = client.get("/public/publish/").content.decode()
    assert RFB in page and f"/public/publish/{sub.pk}/" in page
    done = client.post(f"/public/publish/{sub.pk}/", follow=True).content.decode()
    assert "已公开" in done and Publication.objects.get().submission_id == sub.pk
    again = client.post(f"/public/publish/{sub.pk}/", follow=True).content.decode()
    assert "不是已审核通过的最新版本" in again and Publication.objects.count() == 1
    assert client.get("/public/dadukou-rfb/2024/").status_code == 200
