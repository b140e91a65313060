"""The token-authenticated submit API: through the season's one gate; tokens hashed, expiring,
revocable, issued by the supervising office only; a missing, wrong, expired or revoked token is a 401
with one Chinese line, and is logged."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from ogi.web.portal import tokens
from ogi.web.portal.models import SubmitToken, hash_token
from ogi.web.season import services as season
from ogi.web.season.choices import Status
from ogi.web.season.models import RosterEntry
from ogi.web.season.tests.documents import good_document, r3_1_document

RFB = "重庆市大渡口区人民防空办公室"


@pytest.fixture
def entry(organs, people):
    opened = season.open_season(people["supervisor"], organs["gov"], 2024)
    return RosterEntry.objects.get(season=opened, organ=organs["rfb"])


@pytest.fixture
def key(organs, people):
    token, raw = tokens.issue(people["supervisor"], organs["rfb"], "本单位政务系统")
    return raw


def post(client: Client, key: str | None, body: dict):  # noqa: ANN201
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key is not None else {}
    return client.post("/api/submit", body, content_type="application/json", **headers)


def test_a_report_submitted_with_a_token_goes_through_the_gate(client: Client, entry, key):
    done = post(client, key, {"year": 2024, "document": good_document(RFB, new=7)})
    assert done.status_code == 201, done.content
    assert done.json()["version"] == 1 and done.json()["status"] == "已报送"
    entry.refresh_from_db()
    assert entry.status == Status.SUBMITTED and entry.current.source == "api" and entry.current.new_received == 7
    assert SubmitToken.objects.get().last_used_at is not None


def test_an_r3_1_error_is_refused_next_to_its_cell_and_nothing_is_saved(client: Client, entry, key):
    refused = post(client, key, {"year": 2024, "document": r3_1_document(RFB)})
    assert refused.status_code == 422
    body = refused.json()
    assert "一 + 二 = 5 + 1 = 6" in body["cells"]["s3.new_received.natural_person"][0]
    entry.refresh_from_db()
    assert entry.status == Status.NOT_STARTED and entry.current is None


def test_a_year_without_a_roster_entry_is_a_chinese_404(client: Client, entry, key):
    missing = post(client, key, {"year": 2023, "document": good_document(RFB, 2023)})
    assert missing.status_code == 404 and "不在 2023 年度任何报送名单中" in missing.json()["detail"]


@pytest.mark.parametrize("case", ["missing", "wrong", "expired", "revoked"])
def test_bad_tokens_are_a_chinese_401_and_logged(client: Client, entry, key, organs, people, case, caplog):
    token = SubmitToken.objects.get()
    if case == "expired":
        SubmitToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(days=1))
    if case == "revoked":
        tokens.revoke(people["supervisor"], token)
    use = {"missing": None, "wrong": "ogi_not-a-key"}.get(case, key)
    with caplog.at_level(logging.WARNING, logger="ogi.portal"):
        refused = post(client, use, {"year": 2024, "document": good_document(RFB)})
    assert refused.status_code == 401
    expected = {"missing": "缺少令牌", "wrong": "令牌无效", "expired": "过期", "revoked": "吊销"}[case]
    assert expected in refused.json()["detail"]
    assert any("报送接口拒绝" in r.getMessage() for r in caplog.records)
    entry.refresh_from_db()
    assert entry.status == Status.NOT_STARTED


def test_tokens_are_stored_hashed_and_issued_by_the_supervising_office_only(organs, people):
    with pytest.raises(PermissionDenied):
        tokens.issue(people["clerk"], organs["rfb"], "自己签发")
    token, raw = tokens.issue(people["admin"], organs["rfb"], "系统", days=30)
    assert token.key_hash == hash_token(raw) and raw not in (token.key_hash, token.hint * 5)
    assert token.hint == raw[:12] and len(raw) > 40  # “ogi_” and 8 characters of the key's own
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
