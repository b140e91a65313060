"""The season's services: roster, the one gate, versions, review, publication."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from ogi.web.audit.models import AuditEntry
from ogi.web.lib.frozen import FrozenError
from ogi.web.organs.models import Organ
from ogi.web.season import services
from ogi.web.season.choices import Source, Status
from ogi.web.season.models import RosterEntry, Submission, SubmissionCell
from ogi.web.tests.refusals import refused

from .documents import good_document, r3_1_document

RFB = "重庆市大渡口区人民防空办公室"
EDU = "重庆市大渡口区教育委员会"


@pytest.fixture
def season(organs, people):
    return services.open_season(people["supervisor"], organs["gov"], 2024)


def entry_of(season, organ):
    return RosterEntry.objects.get(season=season, organ=organ)


def test_roster_from_the_tree_with_the_statutory_deadlines(season, organs):
    entries = {e.organ.code: e for e in season.entries.select_related("organ")}
    assert set(entries) == {"dadukou", "dadukou-rfb", "dadukou-edu"}
    # 条例第四十九条: departments by 31 January, the government's own by 31 March of the next year
    assert entries["dadukou-rfb"].deadline == date(2025, 1, 31)
    assert entries["dadukou"].deadline == date(2025, 3, 31)
    assert all(e.status == Status.NOT_STARTED for e in entries.values())
    assert AuditEntry.objects.filter(action="season_open").count() == 1


def test_only_the_supervisor_opens_a_season_and_only_once(organs, people, season):
    with pytest.raises(PermissionDenied):
        services.open_season(people["clerk"], organs["gov"], 2023)
    with pytest.raises(ValidationError, match="已开启"):
        services.open_season(people["supervisor"], organs["gov"], 2024)
    with pytest.raises(ValidationError, match="不是人民政府"):
        services.open_season(people["supervisor"], organs["rfb"], 2024)


def test_moving_the_season_deadline_moves_the_entries_on_the_default(season, organs, people):
    edu = entry_of(season, organs["edu"])
    services.set_entry_deadline(people["supervisor"], edu, date(2025, 2, 10))
    services.set_deadlines(people["supervisor"], season, date(2025, 1, 26), date(2025, 3, 20))
    assert entry_of(season, organs["rfb"]).deadline == date(2025, 1, 26)
    assert entry_of(season, organs["edu"]).deadline == date(2025, 2, 10)  # its own deadline stays
    assert entry_of(season, organs["gov"]).deadline == date(2025, 3, 20)
    with pytest.raises(ValidationError, match="应在2025年内"):
        services.set_entry_deadline(people["supervisor"], edu, date(2024, 12, 1))


def test_a_good_document_is_submitted_with_its_figures_and_cells(season, organs, people):
    entry = entry_of(season, organs["rfb"])
    doc = good_document(RFB, new=7)
    sub = services.submit_document(organs["rfb"], entry, doc, {}, Source.API)
    entry.refresh_from_db()
    assert entry.status == Status.SUBMITTED and entry.current == sub and entry.first_submitted_at
    assert (sub.version, sub.source, sub.new_received, sub.carried_over, sub.disclosed) == (1, "api", 7, 0, 7)
    assert (sub.appeals_corrected, sub.appeals_concluded) == (0, 0)
    assert SubmissionCell.objects.get(submission=sub, path="s3.r_open.total").value == 7
    assert SubmissionCell.objects.filter(submission=sub).count() == 200  # every numeric cell of the 2021 format
    assert len(sub.sha256) == 64


def test_the_gate_blocks_an_r3_1_error_next_to_its_cells_and_saves_nothing(season, organs):
    entry = entry_of(season, organs["rfb"])
    with pytest.raises(ValidationError) as exc:
        services.submit_document(organs["rfb"], entry, r3_1_document(RFB), {}, Source.API)
    problems = exc.value.message_dict
    # the finding's first cell is the column's 一 (new_received) cell: the message goes there
    assert "一 + 二 = 5 + 1 = 6" in problems["s3.new_received.natural_person"][0]
    assert "s3.new_received.total" in problems
    assert "2 个错误" in problems["__all__"][0]
    entry.refresh_from_db()
    assert entry.status == Status.NOT_STARTED and Submission.objects.count() == 0


def test_warnings_need_a_written_explanation_which_is_kept(season, organs):
    entry = entry_of(season, organs["rfb"])
    doc = good_document(RFB)
    doc["sections"]["s6_text"] = ""  # RC-3 (第六部分没有内容) and RT-3 (信息处理费 not mentioned): warnings
    with pytest.raises(ValidationError) as exc:
        services.submit_document(organs["rfb"], entry, doc, {}, Source.API)
    keys = [k for k in exc.value.message_dict if k.startswith("explain:")]
    assert sorted(k.split(":")[1] for k in keys) == ["RC-3", "RT-3"]
    explanations = {k.removeprefix("explain:"): "本年度无其他需要报告的事项，未收取信息处理费" for k in keys}
    sub = services.submit_document(organs["rfb"], entry, doc, explanations, Source.API)
    assert sorted(e["rule"] for e in sub.explanations) == ["RC-3", "RT-3"]
    assert sub.warning_count == 2


@pytest.mark.parametrize(("organ", "year", "message"), [
    (EDU, 2024, "不是重庆市大渡口区人民防空办公室的"),
    (RFB, 2023, "这份报告是2023年度的，本次报送的是2024年度报告"),
    ("", 2024, "没有找到机关名称"),
])
def test_another_organs_or_years_report_is_refused(season, organs, organ, year, message):
    entry = entry_of(season, organs["rfb"])
    with pytest.raises(ValidationError, match=message):
        services.submit_document(organs["rfb"], entry, good_document(organ, year), {}, Source.API)
    assert Submission.objects.count() == 0


def test_a_shorter_printed_name_of_the_same_organ_is_accepted(season, organs):
    entry = entry_of(season, organs["rfb"])
    sub = services.submit_document(organs["rfb"], entry, good_document("大渡口区人民防空办公室"), {}, Source.API)
    assert sub.version == 1


def test_an_organ_cannot_submit_for_another(season, organs, people):
    entry = entry_of(season, organs["rfb"])
    with pytest.raises(PermissionDenied):
        services.submit_document(organs["edu"], entry, good_document(RFB), {}, Source.API)
    with pytest.raises(PermissionDenied):
        services.submit_document(organs["rfb"], entry, good_document(RFB), {}, Source.API, user=people["other_clerk"])


def test_return_then_resubmit_keeps_both_versions_with_the_cell_diff(season, organs, people):
    entry = entry_of(season, organs["rfb"])
    first = services.submit_document(organs["rfb"], entry, good_document(RFB, new=5), {}, Source.API)
    services.comment(people["supervisor"], first, "本年新收申请数与台账不符，请核对", path="s3.new_received.total")
    services.return_submission(people["supervisor"], first, "请核对第三部分")
    entry.refresh_from_db()
    assert entry.status == Status.RETURNED and entry.returned_at
    second = services.submit_document(organs["rfb"], entry, good_document(RFB, new=6), {}, Source.API)
    assert second.version == 2 and Submission.objects.filter(entry=entry).count() == 2
    changed = {c["path"]: (c["before"], c["after"]) for c in second.change_note}
    assert changed == dict.fromkeys(("s3.new_received.natural_person", "s3.new_received.total", "s3.r_open.natural_person", "s3.r_open.total", "s3.r_total.natural_person", "s3.r_total.total"), ("5", "6"))
    assert first.comments.count() == 2


def test_resubmission_after_acceptance_is_refused(season, organs, people):
    entry = entry_of(season, organs["rfb"])
    sub = services.submit_document(organs["rfb"], entry, good_document(RFB), {}, Source.API)
    services.accept(people["supervisor"], sub)
    with pytest.raises(ValidationError, match="已审核通过，不能再次报送"):
        services.submit_document(organs["rfb"], entry, good_document(RFB, new=6), {}, Source.API)
    entry.refresh_from_db()
    assert entry.status == Status.ACCEPTED and entry.current == sub


def test_a_submission_under_review_is_not_replaced(season, organs):
    entry = entry_of(season, organs["rfb"])
    services.submit_document(organs["rfb"], entry, good_document(RFB), {}, Source.API)
    with pytest.raises(ValidationError, match="正在审核"):
        services.submit_document(organs["rfb"], entry, good_document(RFB, new=6), {}, Source.API)


def test_only_the_supervisor_reviews(season, organs, people):
    entry = entry_of(season, organs["rfb"])
    sub = services.submit_document(organs["rfb"], entry, good_document(RFB), {}, Source.API)
    for who in ("clerk", "head", "auditor", "other_clerk"):
        with pytest.raises(PermissionDenied):
            services.accept(people[who], sub)
        with pytest.raises(PermissionDenied):
            services.return_submission(people[who], sub, "x")
    with pytest.raises(ValidationError, match="退回须写明意见"):
        services.return_submission(people["supervisor"], sub, "  ")


def test_publication_then_a_correction_is_a_new_version_with_a_note(season, organs, people):
    entry = entry_of(season, organs["rfb"])
    sub = services.submit_document(organs["rfb"], entry, good_document(RFB), {}, Source.API)
    with pytest.raises(ValidationError, match="不能公开"):
        services.mark_published(sub, datetime(2025, 1, 20, 9, tzinfo=UTC))
    services.accept(people["supervisor"], sub)
    when = datetime(2025, 1, 20, 9, tzinfo=UTC)
    services.mark_published(sub, when)
    entry.refresh_from_db()
    assert entry.status == Status.PUBLISHED and entry.published_at == when
    with pytest.raises(ValidationError, match="更正说明"):
        services.submit_document(organs["rfb"], entry, good_document(RFB, new=6), {}, Source.API)
    second = services.submit_document(organs["rfb"], entry, good_document(RFB, new=6), {}, Source.API,
                                      correction_note="更正第三部分新收申请数")
    entry.refresh_from_db()
    assert (second.version, entry.status, second.correction_note) == (2, Status.SUBMITTED, "更正第三部分新收申请数")


def test_a_submitted_version_never_changes(season, organs):
    entry = entry_of(season, organs["rfb"])
    sub = services.submit_document(organs["rfb"], entry, good_document(RFB), {}, Source.API)
    sub.sha256 = "0" * 64
    with pytest.raises(FrozenError):
        sub.save()
    with pytest.raises(FrozenError):
        Submission.objects.filter(pk=sub.pk).update(sha256="0" * 64)
    with pytest.raises(FrozenError):
        Submission.objects.filter(pk=sub.pk).delete()
    with pytest.raises(FrozenError):
        sub.delete()
    cell = SubmissionCell.objects.filter(submission=sub).first()
    with pytest.raises(FrozenError):
        cell.save()
    with pytest.raises(FrozenError):
        SubmissionCell.objects.filter(submission=sub).update(value=9)
    sub.refresh_from_db()
    assert sub.sha256 != "0" * 64


@pytest.fixture
def submitted(season, organs):
    return services.submit_document(organs["rfb"], entry_of(season, organs["rfb"]), good_document(RFB), {}, Source.API)


@pytest.mark.parametrize("sql", [
    "UPDATE season_submission SET sha256 = 'forged'",
    "UPDATE season_submission SET new_received = 0",
    "DELETE FROM season_submission",
    "UPDATE season_submissioncell SET value = 0",
    "DELETE FROM season_submissioncell",
])
def test_the_database_refuses_sql_that_changes_a_submitted_version(submitted, sql):
    cells = dict(SubmissionCell.objects.filter(submission=submitted).values_list("path", "value"))
    refused(sql, "已报送的年度报告不可修改、删除或清空")
    kept = Submission.objects.get(pk=submitted.pk)
    assert (kept.sha256, kept.new_received) == (submitted.sha256, submitted.new_received)
    assert dict(SubmissionCell.objects.filter(submission=submitted).values_list("path", "value")) == cells != {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
@pytest.mark.parametrize("table", ["season_submission", "season_submissioncell"])
def test_postgresql_refuses_to_truncate_the_submitted_versions(submitted, table):
    refused(f"TRUNCATE {table} CASCADE", "已报送的年度报告")
    assert SubmissionCell.objects.filter(submission=submitted).exists()


def test_an_organ_that_submitted_is_not_deleted_in_the_admin(client, submitted, organs):
    client.force_login(User.objects.create_superuser("root", password="root-password-123"))
    rfb = organs["rfb"]
    page = client.post(f"/admin/organs/organ/{rfb.pk}/delete/", {"post": "yes"}, follow=True).content.decode()
    assert f"不能删除机关“{rfb.name}”：还有" in page and "报送名单（1）" in page
    assert Organ.objects.filter(pk=rfb.pk).exists() and Submission.objects.filter(pk=submitted.pk).exists()


def test_submit_final_takes_the_registers_definitive_report(season, organs, people):
    from ogi.web.reports.finalise import finalise, finding_key, live
    from ogi.web.reports.services import set_report_text

    for key, text in (("s1", "总体情况"), ("s5", "存在的问题"), ("s6", "本年度未收取信息处理费。")):
        set_report_text(people["clerk"], organs["rfb"], 2024, key, text)
    _, findings = live(organs["rfb"], 2024)
    explained = {finding_key(f): "已核对" for f in findings if f.severity == "warning"}
    final = finalise(people["clerk"], organs["rfb"], 2024, explained)
    entry = entry_of(season, organs["rfb"])
    sub = services.submit_final(people["clerk"], entry, final)
    assert sub.source == Source.FINAL and sub.final_report == final and sub.document == final.document
    assert sub.answers_late == 0  # no application answered in 2024 at rfb
    with pytest.raises(ValidationError, match="本次报送的是重庆市大渡口区教育委员会2024年度报告"):
        services.submit_final(people["admin"], entry_of(season, organs["edu"]), final)


def test_the_rollups_running_totals_follow_acceptance_and_correction(season, organs, people):
    from ogi.web.season import rollup
    from ogi.web.season.models import RollupTotal

    def totals():
        return {(t.kind, t.path): (t.total, t.n) for t in RollupTotal.objects.filter(season=season) if t.n}

    rfb, edu = entry_of(season, organs["rfb"]), entry_of(season, organs["edu"])
    a = services.submit_document(organs["rfb"], rfb, good_document(RFB, new=5), {}, Source.API)
    b = services.submit_document(organs["edu"], edu, good_document(EDU, new=3), {}, Source.API)
    assert rollup.build(season).sums == {}  # nothing accepted yet: nothing summed
    services.accept(people["supervisor"], a)
    services.accept(people["supervisor"], b)
    roll = rollup.build(season)
    assert (roll.sums["s3.new_received.total"], roll.counts["s3.new_received.total"]) == (8, 2)
    services.mark_published(a, datetime(2025, 1, 20, tzinfo=UTC))
    fixed = services.submit_document(organs["rfb"], rfb, good_document(RFB, new=6), {}, Source.API,
                                     correction_note="更正新收申请数")
    roll = rollup.build(season)  # the published version left the sum; the correction is not accepted yet
    assert (roll.sums["s3.new_received.total"], roll.counts["s3.new_received.total"]) == (3, 1)
    assert [o["organ"] for o in roll.missing] == [RFB]
    services.accept(people["supervisor"], fixed)
    roll = rollup.build(season)
    assert (roll.sums["s3.new_received.total"], roll.counts["s3.new_received.total"]) == (9, 2)
    kept = totals()
    rollup.rebuild(season)
    assert totals() == kept  # the running totals are what one grouped query over the stored cells gives
