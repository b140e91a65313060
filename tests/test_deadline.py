"""The statutory answer deadline (条例 arts.30, 32–34), on real calendars, computed by hand.

Each expected date is counted by hand on the State Council holiday schedule of that year (comment beside it),
counting from the day after the triggering date (annual-report.md §7.4).
"""

from __future__ import annotations

from datetime import date

import pytest

from ogi.deadline import Pause, compute_deadline, parse_date, parse_pause
from ogi.errors import UsageError
from ogi.workdays import package_calendar


def _texts(deadline) -> list[str]:
    return [step.text for step in deadline.steps]


# ------------------------------------------------------------------ 2024 National Day


def test_it_counts_around_national_day_2024_with_both_makeup_days() -> None:
    # Received Fri 2024-09-27. 国办发明电〔2023〕7号: 10-01..10-07 off; 9-29 (Sun) and 10-12 (Sat) worked.
    # 9-28 Sat off; 1: 9-29 Sun (调休); 2: 9-30; 10-01..07 off; 3: 10-08; 4: 10-09; 5: 10-10; 6: 10-11;
    # 7: 10-12 Sat (调休) → 补正告知期限 2024-10-12;
    # 8: 10-14; 9: 10-15; 10: 10-16; 11: 10-17; 12: 10-18; 13: 10-21; 14: 10-22; 15: 10-23; 16: 10-24;
    # 17: 10-25; 18: 10-28; 19: 10-29; 20: 10-30 Wed → 答复期限 2024-10-30.
    result = compute_deadline(date(2024, 9, 27))
    assert result.correction_notice_due == date(2024, 10, 12)
    assert result.due == date(2024, 10, 30)
    assert result.provisional is False


def test_it_explains_the_national_day_2024_steps() -> None:
    texts = _texts(compute_deadline("2024-09-27"))
    assert texts[0].startswith("收到申请 2024-09-27（星期五）")
    assert "第1个工作日 2024-09-29（星期日）国庆节调休上班，计入" in texts
    assert "国庆节假期 2024-10-01至2024-10-07不计" in texts
    assert "第7个工作日 2024-10-12（星期六）国庆节调休上班，计入" in texts
    assert texts[-1] == "答复期限 2024-10-30（星期三）"
    # the weekend 9-28 is not counted and not a step of its own
    assert not any("2024-09-28" in text for text in texts)


def test_it_gives_the_contract_dict_of_issue_3() -> None:
    as_dict = compute_deadline("2024-09-27").to_dict()
    assert set(as_dict) == {"received", "correction_notice_due", "due", "provisional", "steps"}
    assert as_dict["received"] == "2024-09-27"
    assert as_dict["correction_notice_due"] == "2024-10-12"
    assert as_dict["due"] == "2024-10-30"
    assert as_dict["provisional"] is False
    assert all(isinstance(step, str) for step in as_dict["steps"])


# ------------------------------------------------------------------ 2020 Spring Festival (epidemic extension)


def test_it_uses_the_2020_spring_festival_extension() -> None:
    # 国办发明电〔2020〕1号 extended the 2020 Spring Festival (1-24..1-30) to 2-02 (Sunday) because of the
    # epidemic, which also cancelled the 2-01 (Saturday) make-up working day. chinesecalendar 1.11 records
    # 2020-01-24..2020-02-02 as 春节 holidays and 2-01 as a day off (checked in the package's constants).
    # Received online Fri 2020-01-31 (an extension day): 2-01 Sat, 2-02 Sun off;
    # 1: 2-03 Mon; 2: 2-04; 3: 2-05; 4: 2-06; 5: 2-07; 6: 2-10; 7: 2-11 Tue → 补正告知期限 2020-02-11;
    # 8: 2-12; 9: 2-13; 10: 2-14; 11: 2-17; 12: 2-18; 13: 2-19; 14: 2-20; 15: 2-21; 16: 2-24; 17: 2-25;
    # 18: 2-26; 19: 2-27; 20: 2-28 Fri → 答复期限 2020-02-28.
    # (Under the original schedule 2-01 would have been worked and the answer due 2-27.)
    result = compute_deadline("2020-01-31")
    assert result.correction_notice_due == date(2020, 2, 11)
    assert result.due == date(2020, 2, 28)
    assert "春节假期 2020-02-01至2020-02-02不计" in _texts(result)
    assert not package_calendar().is_workday(date(2020, 2, 1))


def test_it_skips_the_whole_extended_spring_festival_2020() -> None:
    # Received Thu 2020-01-23, last working day before the holiday: 1-24..2-02 all off (10 days);
    # 1: 2-03 … 20: 2-28 as above.
    result = compute_deadline("2020-01-23")
    assert "春节假期 2020-01-24至2020-02-02不计" in _texts(result)
    assert result.due == date(2020, 2, 28)


# ------------------------------------------------------------------ 补正 and third-party pause


def test_it_restarts_after_correction_and_does_not_count_the_consultation() -> None:
    # 2025: 清明 4-04..4-06 off; 劳动节 5-01..5-05 off, 4-27 (Sun) worked.
    # Received Tue 2025-04-01: 1: 4-02; 2: 4-03; 4-04..06 off; 3: 4-07; 4: 4-08; 5: 4-09; 6: 4-10;
    # 7: 4-11 Fri → 补正告知期限 2025-04-11.
    # Corrected application received Mon 4-14, counting restarts: 1: 4-15; 2: 4-16; 3: 4-17; 4: 4-18; 5: 4-21.
    # Third party consulted 4-21..4-30: not counted 4-22, 4-23, 4-24, 4-25, 4-27 (Sun, 调休), 4-28, 4-29,
    # 4-30 = 8 working days. 5-01..05 off. 6: 5-06; 7: 5-07; 8: 5-08; 9: 5-09; 10: 5-12; 11: 5-13;
    # 12: 5-14; 13: 5-15; 14: 5-16; 15: 5-19; 16: 5-20; 17: 5-21; 18: 5-22; 19: 5-23; 20: 5-26 Mon.
    result = compute_deadline(
        "2025-04-01", correction_received="2025-04-14", pauses=[("2025-04-21", "2025-04-30")]
    )
    assert result.correction_notice_due == date(2025, 4, 11)
    assert result.due == date(2025, 5, 26)
    texts = _texts(result)
    assert any(t.startswith("收到补正后的申请 2025-04-14（星期一）") for t in texts)
    assert any(
        t.startswith("暂停 2025-04-21至2025-04-30") and t.endswith("不计 8 个工作日") for t in texts
    )
    assert "第5个工作日 2025-04-21（星期一）" in texts  # the START day itself counts
    assert "第6个工作日 2025-05-06（星期二）" in texts


def test_it_counts_overlapping_pauses_once() -> None:
    # Received Mon 2024-11-04. Pauses 11-05..11-08 and 11-07..11-12 together remove 11-06, 11-07, 11-08,
    # 11-11, 11-12 (5 working days). Counting: 1: 11-05; then 11-13 … : 2: 11-13; 3: 11-14; 4: 11-15;
    # 5: 11-18; 6: 11-19; 7: 11-20; 8: 11-21; 9: 11-22; 10: 11-25; 11: 11-26; 12: 11-27; 13: 11-28;
    # 14: 11-29; 15: 12-02; 16: 12-03; 17: 12-04; 18: 12-05; 19: 12-06; 20: 12-09 Mon.
    result = compute_deadline(
        "2024-11-04", pauses=["2024-11-05:2024-11-08", "2024-11-07:2024-11-12"]
    )
    assert result.due == date(2024, 12, 9)
    texts = _texts(result)
    assert any(
        t.startswith("暂停 2024-11-05至2024-11-08") and t.endswith("不计 3 个工作日") for t in texts
    )
    assert any(
        t.startswith("暂停 2024-11-07至2024-11-12") and t.endswith("不计 2 个工作日") for t in texts
    )


def test_it_says_a_pause_starting_after_the_deadline_changes_nothing() -> None:
    # 2024-09-27 is due 2024-10-30 (above); a pause from 11-01 does not move it.
    result = compute_deadline("2024-09-27", pauses=["2024-11-01:2024-11-05"])
    assert result.due == date(2024, 10, 30)
    assert any("不影响期限" in t for t in _texts(result))


# ------------------------------------------------------------------ extension


def test_it_adds_twenty_working_days_when_extended() -> None:
    # 2025: 国庆+中秋 10-01..10-08 off; 9-28 (Sun) and 10-11 (Sat) worked.
    # Received Fri 2025-09-19: 1: 9-22; 2: 9-23; 3: 9-24; 4: 9-25; 5: 9-26; 6: 9-28 Sun (调休); 7: 9-29
    # → 补正告知期限 2025-09-29; 8: 9-30; 10-01..08 off; 9: 10-09; 10: 10-10; 11: 10-11 Sat (调休);
    # 12: 10-13; 13: 10-14; 14: 10-15; 15: 10-16; 16: 10-17; 17: 10-20; 18: 10-21; 19: 10-22; 20: 10-23
    # (answer due without extension). Extended: 21: 10-24; 22: 10-27; 23: 10-28; 24: 10-29; 25: 10-30;
    # 26: 10-31; 27: 11-03; 28: 11-04; 29: 11-05; 30: 11-06; 31: 11-07; 32: 11-10; 33: 11-11; 34: 11-12;
    # 35: 11-13; 36: 11-14; 37: 11-17; 38: 11-18; 39: 11-19; 40: 11-20 Thu.
    result = compute_deadline("2025-09-19", extended=True)
    assert result.correction_notice_due == date(2025, 9, 29)
    assert result.due_before_extension == date(2025, 10, 23)
    assert result.due == date(2025, 11, 20)
    texts = _texts(result)
    assert any(t.startswith("延长 20 个工作日") for t in texts)
    assert "国庆节、中秋假期 2025-10-01至2025-10-08不计" in texts


def test_it_counts_the_extension_around_a_pause_the_same_way() -> None:
    # Received Mon 2024-11-04, extended, paused 11-29..12-06 (12-02..12-06 = 5 working days not counted).
    # 1: 11-05 … 19: 11-29 (11-05..08 = 4, 11-11..15 = 9, 11-18..22 = 14, 11-25..29 = 19);
    # paused to 12-06; 20: 12-09; 21: 12-10 … 40 = 20 further working days after 12-09:
    # 12-10..13 (4), 12-16..20 (9), 12-23..27 (14), 12-30, 12-31 (16), 2025-01-01 元旦 off,
    # 1-02, 1-03 (18), 1-06, 1-07 (20) → 2025-01-07 Tue.
    result = compute_deadline("2024-11-04", pauses=["2024-11-29:2024-12-06"], extended=True)
    assert result.due_before_extension == date(2024, 12, 9)
    assert result.due == date(2025, 1, 7)


def test_it_refuses_an_extension_over_twenty_working_days() -> None:
    with pytest.raises(UsageError, match="最多 20 个工作日"):
        compute_deadline("2024-09-27", extended=True, extension_days=21)


# ------------------------------------------------------------------ 2027: provisional
# The calendar as it stood with 2026 the last published year, whatever the installed package carries.
UNTIL_2026 = package_calendar().up_to(2026)


def test_it_marks_a_deadline_in_2027_provisional() -> None:
    # Received Thu 2026-12-10 (no holiday left in December 2026): 1: 12-11; 2: 12-14; 3: 12-15; 4: 12-16;
    # 5: 12-17; 6: 12-18; 7: 12-21 → 补正告知期限 2026-12-21; 8: 12-22; 9: 12-23; 10: 12-24; 11: 12-25;
    # 12: 12-28; 13: 12-29; 14: 12-30; 15: 12-31; 2027 unknown → Monday–Friday: 16: 2027-01-01 Fri;
    # 17: 1-04; 18: 1-05; 19: 1-06; 20: 1-07 Thu.
    result = compute_deadline("2026-12-10", calendar=UNTIL_2026)
    assert result.correction_notice_due == date(2026, 12, 21)
    assert result.due == date(2027, 1, 7)
    assert result.provisional is True
    assert any(t.startswith("2027年节假日安排尚未公布") for t in _texts(result))
    assert _texts(result)[-1].endswith("（暂定）")


def test_it_is_final_once_2027_is_entered_and_declared_complete() -> None:
    # Same case with an administrator's 2027 entry: 元旦 2027-01-01 off, 2027 complete.
    # 16: 1-04; 17: 1-05; 18: 1-06; 19: 1-07; 20: 1-08 Fri.
    calendar = UNTIL_2026.with_overrides(
        holidays={date(2027, 1, 1): "元旦"}, complete_years=[2027]
    )
    result = compute_deadline("2026-12-10", calendar=calendar)
    assert result.due == date(2027, 1, 8)
    assert result.provisional is False
    assert "元旦假期 2027-01-01不计" in _texts(result)


def test_it_stays_provisional_with_2027_overrides_until_the_year_is_declared_complete() -> None:
    calendar = UNTIL_2026.with_overrides(holidays={date(2027, 1, 1): "元旦"})
    result = compute_deadline("2026-12-10", calendar=calendar)
    assert result.due == date(2027, 1, 8)
    assert result.provisional is True


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"correction_received": "2024-09-26"},
            "收到补正申请的日期 2024-09-26 早于收到申请的日期 2024-09-27",
        ),
        (
            {"pauses": ["2024-10-10:2024-10-09"]},
            "暂停的结束日期 2024-10-09 早于开始日期 2024-10-10",
        ),
        (
            {"pauses": ["2024-09-20:2024-10-09"]},
            "暂停开始日期 2024-09-20 早于收到申请的日期 2024-09-27",
        ),
        (
            {"correction_received": "2024-10-15", "pauses": ["2024-10-10:2024-10-20"]},
            "暂停开始日期 2024-10-10 早于收到补正申请的日期 2024-10-15",
        ),
        ({"pauses": ["2024-10-10"]}, "应写作 开始日期:结束日期"),
        ({"correction_received": "2024-02-30"}, "「2024-02-30」不是有效日期"),
    ],
)
def test_it_refuses_bad_input_with_a_chinese_message(kwargs: dict, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        compute_deadline("2024-09-27", **kwargs)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_it_reads_dates_in_the_usual_forms() -> None:
    assert parse_date("2024-09-27", "x") == date(2024, 9, 27)
    assert parse_date("2024/9/27", "x") == date(2024, 9, 27)
    assert parse_date("2024年9月27日", "x") == date(2024, 9, 27)
    with pytest.raises(UsageError, match="收到申请日期「27.09.2024」不是有效日期"):
        parse_date("27.09.2024", "收到申请日期")


def test_it_reads_pauses_as_text_tuples_or_pauses() -> None:
    expected = Pause(date(2024, 10, 15), date(2024, 10, 25))
    assert parse_pause("2024-10-15:2024-10-25") == expected
    assert parse_pause((date(2024, 10, 15), date(2024, 10, 25))) == expected
    assert parse_pause(expected) is expected
    assert parse_pause(("2024-10-15", "2024-10-25", "征求第三方意见")).reason == "征求第三方意见"


def test_it_refuses_dates_outside_the_computable_range() -> None:
    with pytest.raises(UsageError, match="超出可计算的范围"):
        compute_deadline("9999-12-30")


def test_it_names_an_unnamed_override_holiday_plainly() -> None:
    # Received Mon 2024-11-04 with 11-05 declared a day off without a name: 1: 11-06.
    calendar = package_calendar().with_overrides(holidays={date(2024, 11, 5): ""})
    result = compute_deadline("2024-11-04", calendar=calendar)
    assert "节假日 2024-11-05不计" in _texts(result)
    assert "第1个工作日 2024-11-06（星期三）" in _texts(result)


# ------------------------------------------------------------------ periods given to others (art.30, 32, 34; 109号)


def test_it_ends_a_period_given_to_the_applicant_across_national_day_2025() -> None:
    from ogi.deadline import period

    # 补正 notice Fri 2025-09-26, 15 working days. 国办发明电〔2024〕12号: 10-01..10-08 off, Sun 09-28 and
    # Sat 10-11 worked. 1: 09-28 (Sun, 调休); 2: 09-29; 3: 09-30; 10-01..08 off; 4: 10-09; 5: 10-10;
    # 6: 10-11 (Sat, 调休); 7–11: 10-13..10-17; 12–15: 10-20..10-23.
    p = period("补正期限", date(2025, 9, 26), 15, "条例第三十条", package_calendar())
    assert (p.end, p.provisional) == (date(2025, 10, 23), False)
    assert "至2025-10-23（星期四）" in str(p)


def test_it_refuses_a_period_of_no_days() -> None:
    from ogi.deadline import period

    with pytest.raises(UsageError, match="至少1个工作日"):
        period("补正期限", date(2025, 9, 26), 0, "条例第三十条")
