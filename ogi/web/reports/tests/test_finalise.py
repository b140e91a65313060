"""定稿: errors block it, warnings need a written explanation, versions are immutable with their SHA-256,
a later change to the register makes the live report differ and a new version lists what changed."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import connection

from ogi.web.applications import services as applications
from ogi.web.audit.models import AuditEntry
from ogi.web.conftest import as_user
from ogi.web.lib.frozen import FrozenError
from ogi.web.organs.models import Organ
from ogi.web.reports import finalise
from ogi.web.reports import services as records
from ogi.web.reports.models import FinalReport
from ogi.web.tests.refusals import refused

REPORT = "/organs/dadukou-rfb/2025/report/"
TEXTS = {"s1": "2025年，本办认真贯彻落实《条例》。", "s5": "存在的问题：答复文书不够规范。", "s6": ""}


def write_texts(people, organs):
    for section, text in TEXTS.items():
        records.set_report_text(people["clerk"], organs["rfb"], 2025, section, text)


def explain_all(organs) -> dict[str, str]:
    _, findings = finalise.live(organs["rfb"], 2025)
    return {finalise.finding_key(f): "本机关无该项职能，按 0 填报前先说明。" for f in findings if f.severity == "warning"}


def test_it_refuses_to_finalise_while_the_check_finds_errors(organs, people, application):
    with pytest.raises(ValidationError) as caught:  # texts 一 and 五 are empty: RC-1, RC-2
        finalise.finalise(people["clerk"], organs["rfb"], 2025, {})
    assert "2 个错误，不能定稿" in caught.value.messages[0]
    assert FinalReport.objects.count() == 0


def test_it_wants_every_warning_explained(organs, people, application):
    write_texts(people, organs)
    with pytest.raises(ValidationError) as caught:  # section 二 never entered: six RC-4 warnings
        finalise.finalise(people["clerk"], organs["rfb"], 2025, {})
    assert "还有 6 条警告未写说明" in caught.value.messages[0]
    assert FinalReport.objects.count() == 0


def test_it_stores_the_version_with_the_hash_of_its_download(client, organs, people, application):
    write_texts(people, organs)
    final = finalise.finalise(people["clerk"], organs["rfb"], 2025, explain_all(organs))
    assert (final.version, final.finalised_by, final.change_note) == (1, people["clerk"], [])
    assert len(final.explanations) == 6 and all(e["rule"] == "RC-4" for e in final.explanations)
    download = as_user(client, people["clerk"]).get(REPORT + "versions/1/")
    assert hashlib.sha256(download.content).hexdigest() == final.sha256
    document = json.loads(download.content)
    assert document["sections"]["s3"]["new_received"]["natural_person"] == 1
    assert document["sections"]["s1_text"] == TEXTS["s1"]
    assert AuditEntry.objects.filter(action="finalise_report").count() == 1
    with pytest.raises(ValidationError) as caught:
        finalise.finalise(people["clerk"], organs["rfb"], 2025, explain_all(organs))
    assert "与第 1 版定稿相同" in caught.value.messages[0]


def test_a_later_answer_makes_the_live_report_differ_and_a_new_version_lists_it(client, organs, people, application):
    write_texts(people, organs)
    finalise.finalise(people["clerk"], organs["rfb"], 2025, explain_all(organs))
    c = as_user(client, people["clerk"])
    assert 'id="live-same"' in c.get(REPORT).content.decode()
    applications.answer(people["clerk"], application, application.version, on=date(2025, 3, 20), outcome="r_open")
    page = c.get(REPORT).content.decode()
    assert "当前台账生成的报告与第 1 版定稿不同（6 处）" in page
    second = finalise.finalise(people["clerk"], organs["rfb"], 2025, explain_all(organs))
    # answered 予以公开 by a 自然人: （一）予以公开 and （七）总计 +1, 四、结转下年度 −1, each in 自然人 and 总计
    assert [(c["label"], c["before"], c["after"]) for c in second.change_note] == [
        ("（一）予以公开·自然人", "0", "1"), ("（一）予以公开·总计", "0", "1"),
        ("（七）总计·自然人", "0", "1"), ("（七）总计·总计", "0", "1"),
        ("四、结转下年度继续办理·自然人", "1", "0"), ("四、结转下年度继续办理·总计", "1", "0"),
    ]
    assert second.version == 2
    assert 'id="live-same"' in c.get(REPORT).content.decode()
    assert re.findall(r"第 (\d) 版</a>", c.get(REPORT).content.decode()) == ["2", "1"]


def test_nothing_changes_a_stored_version(organs, people, application):
    write_texts(people, organs)
    final = finalise.finalise(people["clerk"], organs["rfb"], 2025, explain_all(organs))
    final.sha256 = "0" * 64
    with pytest.raises(FrozenError):
        final.save()
    with pytest.raises(FrozenError):
        final.delete()
    with pytest.raises(FrozenError):
        FinalReport.objects.filter(pk=final.pk).update(sha256="0" * 64)
    with pytest.raises(FrozenError):
        FinalReport.objects.filter(pk=final.pk).delete()
    stored = FinalReport.objects.get(pk=final.pk)
    assert stored.sha256 == finalise.digest(stored.document) != "0" * 64


@pytest.fixture
def final(organs, people, application):
    write_texts(people, organs)
    return finalise.finalise(people["clerk"], organs["rfb"], 2025, explain_all(organs))


@pytest.mark.parametrize("sql", [
    "UPDATE reports_finalreport SET sha256 = 'forged'",
    "UPDATE reports_finalreport SET version = 2",
    "DELETE FROM reports_finalreport",
])
def test_the_database_refuses_sql_that_changes_a_stored_version(final, sql):
    refused(sql, "年度报告定稿版本不可修改、删除或清空")
    stored = FinalReport.objects.get(pk=final.pk)
    assert (stored.sha256, stored.version) == (final.sha256, 1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgresql_refuses_to_truncate_the_stored_versions(final):
    refused("TRUNCATE reports_finalreport CASCADE", "年度报告定稿版本")
    assert FinalReport.objects.filter(pk=final.pk).exists()


def test_an_organ_with_a_stored_version_is_not_deleted_in_the_admin(client, final, organs):
    client.force_login(User.objects.create_superuser("root", password="root-password-123"))
    rfb = organs["rfb"]
    said = f"不能删除机关“{rfb.name}”：还有"
    page = client.get(f"/admin/organs/organ/{rfb.pk}/delete/", follow=True)
    assert page.redirect_chain == [(f"/admin/organs/organ/{rfb.pk}/change/", 302)]
    assert said in page.content.decode() and "年度报告定稿（1）" in page.content.decode()
    posted = client.post(f"/admin/organs/organ/{rfb.pk}/delete/", {"post": "yes"}, follow=True)
    assert said in posted.content.decode()
    bulk = client.post("/admin/organs/organ/", {"action": "delete_selected", "_selected_action": [rfb.pk],
                                                "post": "yes"}, follow=True)
    assert bulk.redirect_chain == [("/admin/organs/organ/", 302)] and said in bulk.content.decode()
    assert Organ.objects.filter(pk=rfb.pk).exists() and FinalReport.objects.filter(pk=final.pk).exists()


def test_the_clerk_finalises_on_the_page_and_the_auditor_may_not(client, organs, people, application):
    write_texts(people, organs)
    explained = {f"explain:{k}": v for k, v in explain_all(organs).items()}
    assert as_user(client, people["auditor"]).post(REPORT + "finalise/", explained).status_code == 404
    c = as_user(client, people["clerk"])
    refused = c.post(REPORT + "finalise/", dict.fromkeys(explained, "") | {next(iter(explained)): "有说明"})
    assert refused.status_code == 400 and "还有 5 条警告未写说明" in refused.content.decode()
    assert "有说明" in refused.content.decode()  # what was written is kept
    assert c.post(REPORT + "finalise/", explained).status_code == 302
    page = c.get(REPORT).content.decode()
    final = FinalReport.objects.get()
    assert f"<code class=\"sha\">{final.sha256}</code>" in page and "第 1 版" in page


def test_findings_read_in_chinese_with_the_ids_in_a_detail(client, people, application):
    page = as_user(client, people["clerk"]).get(REPORT).content.decode()
    findings = re.search(r'<ul class="findings".*?</ul>', page, flags=re.S).group(0)
    visible = re.sub(r"<details.*?</details>|title=\"[^\"]*\"", "", findings, flags=re.S)
    assert "错误：第一部分“总体情况”应有内容" in visible
    assert "警告：第二部分每行都应填写（没有的填 0）" in visible
    assert "（第二十条第（一）项·规章·本年制发件数" in visible  # the cells by their row and column labels
    assert "RC-1" not in visible and "s2.art20_1" not in visible
    assert "<code>RC-1</code>" in findings  # the id stays in the detail
