"""The supervising office's screen for the submit API's tokens: issue (the key shown once, only its
SHA-256 stored), list, revoke — and the API then refuses the key; refusals in Chinese, nothing saved."""

from __future__ import annotations

import hashlib
import re

from django.test import Client
from django.urls import reverse

from ogi.web.audit.models import AuditEntry
from ogi.web.conftest import as_user
from ogi.web.portal.models import SubmitToken
from ogi.web.season import services as season

URL = "/public/tokens/"


def form(client: Client) -> dict[str, str]:
    """The issue form's one-time token, as the page hands it out."""
    page = client.get(URL).content.decode()
    return {"token": re.search(r'name="token" value="([^"]+)"', page).group(1)}


def issue(client: Client, organ, name: str = "本单位政务系统", days: str = "30", **extra):  # noqa: ANN001, ANN003, ANN201
    return client.post(URL, {**form(client), "organ": str(organ.pk), "name": name, "days": days, **extra})


def key_on(page: str) -> str:
    return re.search(r'<code class="key" id="key">([^<]+)</code>', page).group(1)


def test_the_supervisor_issues_a_token_and_sees_the_key_once(client, organs, people):
    as_user(client, people["supervisor"])
    done = issue(client, organs["rfb"])
    page = done.content.decode()
    assert done.status_code == 200 and "只显示这一次" in page
    key = key_on(page)
    token = SubmitToken.objects.get()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest() and token.hint == key[:12]
    assert token.organ == organs["rfb"] and token.name == "本单位政务系统" and token.created_by == people["supervisor"]
    assert (token.expires_at - token.created_at).days in (29, 30)  # 30 days from the moment of issue
    assert not SubmitToken.objects.filter(key_hash=key).exists()  # the key itself is nowhere
    listed = client.get(URL).content.decode()
    assert key not in listed and f"{key[:12]}…" in listed and "有效" in listed
    assert AuditEntry.objects.filter(action="issue_submit_token").count() == 1


def test_a_key_revoked_on_the_screen_is_refused_by_the_api(client, organs, people):
    as_user(client, people["supervisor"])
    key = key_on(issue(client, organs["rfb"]).content.decode())
    season.open_season(people["supervisor"], organs["gov"], 2024)
    token = SubmitToken.objects.get()
    revoked = client.post(reverse("portal:token_revoke", args=[token.pk]), follow=True).content.decode()
    assert "已吊销" in revoked
    api = Client().post("/api/submit", {"year": 2024, "document": {}}, content_type="application/json",
                        HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.status_code == 401 and "吊销" in api.json()["detail"]
    again = client.post(reverse("portal:token_revoke", args=[token.pk]), follow=True).content.decode()
    assert "该令牌已吊销" in again


def test_bad_input_is_answered_at_its_field_and_nothing_is_issued(client, organs, people):
    as_user(client, people["supervisor"])
    for fields, message in (
        ({"name": "  "}, "请写明令牌的用途"),
        ({"days": "0"}, "有效期应为 1 至 1095 天"),
        ({"days": "1096"}, "有效期应为 1 至 1095 天"),
        ({"days": "abc"}, "有效期应为 1 至 1095 天的整数"),
        ({"name": "甲" * 101}, "用途至多 100 字"),
    ):
        answer = issue(client, organs["rfb"], **{"name": "系统", "days": "30", **fields})
        assert answer.status_code == 400 and message in answer.content.decode(), fields
    unknown = client.post(URL, {**form(client), "organ": "999999", "name": "系统", "days": "30"})
    assert unknown.status_code == 400 and "请选择机关" in unknown.content.decode()
    assert SubmitToken.objects.count() == 0


def test_the_same_form_posted_twice_issues_one_token(client, organs, people):
    as_user(client, people["supervisor"])
    fields = {**form(client), "organ": str(organs["rfb"].pk), "name": "系统", "days": "30"}
    first, second = client.post(URL, fields), client.post(URL, fields)
    assert first.status_code == 200 and second.status_code == 400
    assert "请勿重复提交" in second.content.decode() and SubmitToken.objects.count() == 1


def test_only_the_supervising_office_sees_the_screen(client, organs, people):
    for who in ("clerk", "head", "auditor", "other_clerk"):
        answer = as_user(Client(), people[who]).get(URL)
        assert answer.status_code == 403, who
    as_user(client, people["supervisor"])
    issue(client, organs["rfb"])
    token = SubmitToken.objects.get()
    clerk = as_user(Client(), people["clerk"])
    assert clerk.post(reverse("portal:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_list_is_paged_and_its_queries_do_not_grow_with_the_tokens(client, organs, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ogi.web.portal import tokens

    as_user(client, people["supervisor"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            client.get(URL)
        return len(seen)

    for i in range(3):
        tokens.issue(people["supervisor"], organs["rfb"], f"系统{i}")
    few = queries()
    for i in range(3, 45):
        tokens.issue(people["supervisor"], organs["rfb" if i % 2 else "edu"], f"系统{i}")
    assert queries() == few
    page = client.get(URL).content.decode()
    assert page.count("data-hint=") == 20 and "第 1 / 3 页（共 45 条）" in page
    last = client.get(URL, {"page": "3"}).content.decode()
    assert last.count("data-hint=") == 5
