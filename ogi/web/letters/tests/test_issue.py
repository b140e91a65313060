"""Every letter kind issued from a case, read back from its PDF: the facts of the case, the articles the law
asks for (written out here by hand from the 条例, never taken from ogi/letters.py), and on every adverse
letter the remedy clause with 60 days, 6 months and the configured 复议机关 and court.

The case (conftest ``application``): 张三, online, received Monday 2025-03-03, 20 working days → 2025-03-31.
"""

from __future__ import annotations

from datetime import date

import pytest

from ogi.web.applications import services as steps
from ogi.web.letters import services
from ogi.web.letters.models import Letter

from .conftest import COURT, REVIEW_BODY, pdf_text

LAW = "《中华人民共和国政府信息公开条例》"
FACTS = ("张三", "2024年度人防工程建设情况", "2025年3月3日", "dadukou-rfb-2025-0001", "重庆市大渡口区人民防空办公室")


def _issue(people, app, kind, who="clerk", **kw):
    app.refresh_from_db()
    return services.issue(people[who], app, kind, version=app.version, **kw)


def _assert_remedy(text: str) -> None:
    assert "60日内" in text and "6个月内" in text and "3个月" not in text
    assert f"向{REVIEW_BODY}申请行政复议" in text
    assert f"向{COURT}提起行政诉讼" in text


def _assert_no_remedy(text: str) -> None:
    assert "行政复议" not in text and "行政诉讼" not in text


def _assert_common(letter: Letter, text: str, facts=FACTS) -> None:
    for fact in facts:
        assert fact in text, fact
    assert letter.docno in text and letter.title in text and "（机关印章）" in text
    assert len(letter.pdf_sha256) == 64 and len(letter.docx_sha256) == 64


# ---------------------------------------------------------------- the steps' letters


def test_receipt(application, people, conf):
    letter = _issue(people, application, "receipt", on=date(2025, 3, 3))
    text = pdf_text(letter)
    _assert_common(letter, text)
    # art. 31(三): online — the day both sides confirm; art. 33 para 2: 20 working days
    assert f"依据{LAW}第三十一条第（三）项、第三十三条第二款的规定" in text
    assert "答复期限至2025年3月31日" in text
    assert letter.docno == "渡人防依申受〔2025〕1号"
    _assert_no_remedy(text)


def test_correction_performs_the_step_on_the_letters_date(application, people, conf):
    letter = _issue(people, application, "correction", on=date(2025, 3, 5), what="请写明所需信息的具体年度和项目名称")
    text = pdf_text(letter)
    _assert_common(letter, text)
    assert f"依据{LAW}第三十条的规定" in text
    assert "请写明所需信息的具体年度和项目名称" in text
    # 15 working days counted from the day after 2025-03-05: 6,7,10–14,17–21,24,25,26 → 26 March
    assert "请您于2025年3月26日前（15个工作日内）" in text
    assert "视为放弃申请" in text
    application.refresh_from_db()
    assert application.status == "awaiting_correction"
    assert application.correction_requested_on == date(2025, 3, 5)
    event = application.events.get(kind="correction_requested")
    assert event.data["letter"] == letter.pk and letter.docno in event.note
    _assert_no_remedy(text)


def test_correction_from_a_step_already_recorded(application, people, conf):
    steps.request_correction(people["clerk"], application, 1, on=date(2025, 3, 4), note="请补充身份证明")
    letter = _issue(people, application, "correction")
    assert letter.issued_on == date(2025, 3, 4)  # the step's date
    assert "请补充身份证明" in pdf_text(letter)
    assert application.events.filter(kind="correction_requested").count() == 1


def test_reasons(application, people, conf):
    letter = _issue(people, application, "reasons", on=date(2025, 3, 6), question="请说明本月提交40件申请的用途")
    text = pdf_text(letter)
    _assert_common(letter, text)
    assert f"依据{LAW}第三十五条的规定" in text and "请说明本月提交40件申请的用途" in text
    assert "15个工作日内" in text


def test_extension(application, people, conf):
    steps.extend(people["head"], application, 1, on=date(2025, 3, 20), days=10, reason="需要调取历史档案")
    letter = _issue(people, application, "extension", on=date(2025, 3, 20))
    text = pdf_text(letter)
    _assert_common(letter, text)
    assert f"依据{LAW}第三十三条第二款的规定" in text
    assert "因需要调取历史档案" in text and "延长10个工作日" in text
    # 31 March + 10 working days: 1, 2, 3 April, (4 April 清明, weekend) 7–11, 14, 15 April
    assert "延长后的答复期限至2025年4月15日" in text


def test_extension_needs_the_heads_approval_first(application, people, conf):
    with pytest.raises(Exception, match="负责人同意"):
        _issue(people, application, "extension", on=date(2025, 3, 20))
    assert not Letter.objects.exists()


def test_third_party_consult_notice_and_disclosure(application, people, conf):
    consult = _issue(people, application, "third_party_consult", on=date(2025, 3, 6),
                     third_party="重庆某建设工程有限公司")
    text = pdf_text(consult)
    # to the third party: the case's facts, never the applicant's name
    _assert_common(consult, text, facts=FACTS[1:])
    assert "张三" not in text and consult.addressee == "重庆某建设工程有限公司"
    assert f"依据{LAW}第三十二条的规定" in text and "15个工作日内" in text
    application.refresh_from_db()
    assert application.status == "paused" and application.pauses.get().kind == "third_party"

    notice = _issue(people, application, "third_party_notice", on=date(2025, 3, 6))
    text = pdf_text(notice)
    _assert_common(notice, text)
    assert f"依据{LAW}第三十二条、第三十三条第三款的规定" in text and "不计算在答复期限内" in text

    disclosure = _issue(people, application, "third_party_disclosure", on=date(2025, 3, 20),
                        third_party="重庆某建设工程有限公司", reason="该工程涉及周边居民的人身安全")
    text = pdf_text(disclosure)
    _assert_common(disclosure, text, facts=FACTS[1:])
    assert f"依据{LAW}第十五条、第三十二条的规定" in text and "该工程涉及周边居民的人身安全" in text
    assert "如对本决定不服" in text
    _assert_remedy(text)


def test_organ_consult_and_the_notice_citing_article_34(application, people, conf):
    letter = _issue(people, application, "organ_consult", on=date(2025, 3, 6), other_organ="重庆市大渡口区住房和城乡建设委员会")
    text = pdf_text(letter)
    _assert_common(letter, text, facts=FACTS[1:])
    assert f"依据{LAW}第三十四条的规定" in text and "逾期未提出意见的，视为同意公开" in text
    application.refresh_from_db()
    assert application.pauses.get().kind == "other_organ"
    notice = _issue(people, application, "third_party_notice", on=date(2025, 3, 7))
    assert f"依据{LAW}第三十四条、第三十三条第三款的规定" in pdf_text(notice)


def test_fee_notice_per_page_with_its_working(application, people, conf):
    # 109号第五条: 250 pages = 1–30 free, 70 × 10 + 100 × 20 + 50 × 40 = 700 + 2000 + 2000 = 4700 元
    letter = _issue(people, application, "fee", on=date(2025, 3, 5), method="per_page", pages=250, confirmed=4700)
    text = pdf_text(letter)
    _assert_common(letter, text)
    assert f"依据{LAW}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条、第五条的规定" in text
    assert "应缴纳信息处理费4700元" in text
    for line in ("第1–30页免费", "第31–100页：70页×10元=700元", "第101–200页：100页×20元=2000元", "第201–250页：50页×40元=2000元"):
        assert line in text
    assert "缴入区财政非税收入汇缴账户" in text and "20个工作日内缴纳" in text
    # 20 working days from 6 March: … 31 March, 1, 2 April
    assert "至2025年4月2日" in text
    application.refresh_from_db()
    assert application.status == "awaiting_fee" and application.fee_amount == 4700
    _assert_no_remedy(text)


def test_fee_notice_refuses_an_amount_not_confirmed(application, people, conf):
    with pytest.raises(Exception, match="请核对计算结果（4700元）"):
        _issue(people, application, "fee", on=date(2025, 3, 5), method="per_page", pages=250, confirmed=470)
    assert not Letter.objects.exists()


# ---------------------------------------------------------------- the answers, one per section 三 row

# outcome → (the articles, from the 条例 and annual-report.md §7.5; adverse)
ANSWERS = {
    "r_open": (f"{LAW}第三十六条第（二）项", False),
    "r_partial": (f"{LAW}第三十七条", True),
    "r_deny_state_secret": (f"{LAW}第十四条、第三十六条第（三）项", True),
    "r_deny_law_prohibited": (f"{LAW}第十四条、第三十六条第（三）项", True),
    "r_deny_security_stability": (f"{LAW}第十四条、第三十六条第（三）项", True),
    "r_deny_third_party": (f"{LAW}第十五条、第三十二条、第三十六条第（三）项", True),
    "r_deny_internal_affairs": (f"{LAW}第十六条第一款、第三十六条第（三）项", True),
    "r_deny_process_info": (f"{LAW}第十六条第二款、第三十六条第（三）项", True),
    "r_deny_enforcement_file": (f"{LAW}第十六条第二款、第三十六条第（三）项", True),
    "r_deny_admin_inquiry": (f"{LAW}第三十六条第（七）项", True),
    "r_unable_not_held": (f"{LAW}第三十六条第（四）项", True),
    "r_unable_need_creation": (f"{LAW}第三十八条", True),
    "r_unable_unclear": (f"{LAW}第三十条", True),
    "r_noproc_petition": (f"{LAW}第三十九条第一款", True),
    "r_noproc_duplicate": (f"{LAW}第三十六条第（六）项", True),
    "r_noproc_publication": (f"{LAW}第三十九条第二款", True),
    "r_noproc_mass_repeat": (f"{LAW}第三十五条", True),
    "r_noproc_confirm": (f"{LAW}第二条、第三十八条", True),
    "r_other_no_correction": (f"{LAW}第三十条", True),
    "r_other_fee_unpaid": (f"{LAW}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条", True),
    "r_other_other": (f"{LAW}的有关规定", True),
}


def test_every_outcome_of_the_2021_format_has_its_answer():
    from ogi.web.applications.choices import Outcome

    assert set(ANSWERS) == set(Outcome.values)


def _ready_to_answer(app, people, outcome) -> date:
    """Bring the case to where ``outcome`` may be answered; the answer's date."""
    clerk = people["clerk"]
    if outcome in ("r_other_no_correction", "r_unable_unclear"):
        steps.request_correction(clerk, app, app.version, on=date(2025, 3, 4), note="请写明年度", period_days=15)
        app.refresh_from_db()
        if outcome == "r_unable_unclear":
            steps.receive_correction(clerk, app, app.version, on=date(2025, 3, 10))
            return date(2025, 3, 20)
        return date(2025, 4, 1)  # the period ended on 25 March
    if outcome == "r_other_fee_unpaid":
        steps.fee_notice(clerk, app, app.version, on=date(2025, 3, 5), method="per_page", pages=250, confirmed=4700)
        return date(2025, 4, 10)  # the 20 working days ended on 2 April
    return date(2025, 3, 20)


@pytest.mark.parametrize("outcome", list(ANSWERS))
def test_answer(application, people, conf, outcome):
    on = _ready_to_answer(application, people, outcome)
    reason = "经审查，该信息已被依法确定为秘密级" if outcome != "r_open" else ""
    letter = _issue(people, application, "answer", on=on, outcome=outcome, reason=reason)
    text = pdf_text(letter)
    _assert_common(letter, text)
    citation, adverse = ANSWERS[outcome]
    assert f"依据{citation}" in text
    assert letter.title == "政府信息公开申请答复书" and letter.docno == "渡人防依申复〔2025〕1号"
    if adverse:
        _assert_remedy(text)
    else:
        _assert_no_remedy(text)
    if reason and outcome not in ("r_other_no_correction", "r_other_fee_unpaid"):
        assert reason in text
    application.refresh_from_db()
    assert (application.status, application.outcome, application.answered_on) == ("answered", outcome, on)
    event = application.events.get(kind="answered")
    assert event.data["letter"] == letter.pk


def test_answer_variants_already_public_and_referred(application, people, conf, organs):
    letter = _issue(people, application, "answer", on=date(2025, 3, 10), outcome="r_open", already_public=True,
                    where="本机关门户网站“政府信息公开”栏目")
    text = pdf_text(letter)
    assert f"依据{LAW}第三十六条第（一）项" in text and "本机关门户网站“政府信息公开”栏目" in text

    other = steps.register(people["clerk"], organs["rfb"], applicant_type="natural_person", applicant_name="李四",
                           channel="in_person", received_on=date(2025, 3, 3), content="区教育经费")
    letter = _issue(people, other, "answer", on=date(2025, 3, 10), outcome="r_unable_not_held",
                    reason="该信息由区教委制作", referral="重庆市大渡口区教育委员会，电话023-11111111")
    text = pdf_text(letter)
    assert f"依据{LAW}第三十六条第（五）项" in text and "重庆市大渡口区教育委员会，电话023-11111111" in text
    _assert_remedy(text)


def test_review_first_is_configured_per_outcome(application, people, conf):
    conf.review_first = ["r_deny_state_secret"]
    conf.save()
    letter = _issue(people, application, "answer", on=date(2025, 3, 10), outcome="r_deny_state_secret", reason="密级")
    text = pdf_text(letter)
    assert f"60日内向{REVIEW_BODY}申请行政复议" in text
    assert f"对行政复议决定不服的，可以依据《中华人民共和国行政诉讼法》第四十五条的规定，自收到行政复议决定书之日起15日内向{COURT}提起行政诉讼" in text
