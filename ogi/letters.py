"""The law of the letters an organ sends while handling a 政府信息公开申请 (条例 2019, 国务院令第711号).

Framework-free: each letter kind's title, its 文号 code, whom it goes to, the articles it cites, the parts
a template must keep, whether it is a decision the addressee may challenge (then it must carry the remedy
clause), and for every result row of section 三 (2021 taxonomy, ``ogi.spec``) the articles the 答复书
cites and whether the outcome is adverse. The web app (``ogi/web/letters``) renders and issues them.

Articles are those of the 条例 as revised in 2019 (``annual-report.md`` §7, ``letters-and-season.md`` §1).
Remedies: 行政复议 within 60 days of knowing of the act (《中华人民共和国行政复议法》2023年修订 第二十条第一款),
行政诉讼 within 6 months (《中华人民共和国行政诉讼法》第四十六条第一款) — never the pre-2015 "3个月". Where
行政复议 must come first (复议前置, 行政复议法 第二十三条 — whether it covers a given outcome is left to the
organ, ``letters-and-season.md`` §1 [U]), the court comes after the 复议决定, within 15 days of receiving it
(行政诉讼法 第四十五条).
"""

from __future__ import annotations

from dataclasses import dataclass, field

LAW = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
REVIEW_LAW = "《中华人民共和国行政复议法》"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"

REVIEW_DAYS = 60  # 行政复议法第二十条第一款
LITIGATION_MONTHS = 6  # 行政诉讼法第四十六条第一款
AFTER_REVIEW_DAYS = 15  # 行政诉讼法第四十五条
CORRECTION_NOTICE_WORKDAYS = 7  # 条例第三十条
CONSULTATION_WORKDAYS = 15  # 条例第三十二条、第三十四条
FEE_PAYMENT_WORKDAYS = 20  # 109号 (letters-and-season.md §3)

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 36 → 三十六 (article, paragraph and item numbers up to 99)."""
    if not 1 <= n <= 99:
        raise ValueError(f"条款序号应在1到99之间，不能为{n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


@dataclass(frozen=True)
class Citation:
    """One provision: article, and optionally its paragraph (款) or item (项)."""

    article: int
    paragraph: int | None = None
    item: int | None = None
    law: str = LAW

    def text(self) -> str:
        out = f"第{chinese_number(self.article)}条"
        if self.paragraph:
            out += f"第{chinese_number(self.paragraph)}款"
        if self.item:
            out += f"第（{chinese_number(self.item)}）项"
        return out


def cite(citations: tuple[Citation, ...] | list[Citation]) -> str:
    """The citations as one phrase, grouped by law in their order:
    ``《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项``."""
    groups: dict[str, list[str]] = {}
    for c in citations:
        groups.setdefault(c.law, []).append(c.text())
    return "和".join(law + "、".join(parts) for law, parts in groups.items())


def basis_sentence(citations: tuple[Citation, ...] | list[Citation]) -> str:
    """The legal-basis part of a letter: ``依据《…》第…条的规定``."""
    return f"依据{cite(citations)}的规定" if citations else f"依据{LAW}的有关规定"


# ---------------------------------------------------------------- the answers (答复书), one per section 三 row


@dataclass(frozen=True)
class Answer:
    outcome: str  # the row key of section 三 (2021 format): ogi.spec rows r_*
    citations: tuple[Citation, ...]
    adverse: bool  # the applicant does not get (all of) what was asked: the remedy clause is required
    summary: str  # the decision in a few words (the 答复书's subtitle, the list of letters)


def _a(outcome: str, citations: tuple[Citation, ...], summary: str, adverse: bool = True) -> Answer:
    return Answer(outcome, citations, adverse, summary)


_C = Citation
ANSWERS: dict[str, Answer] = {
    a.outcome: a
    for a in (
        # art. 36(二): 能够公开的，向申请人提供 (or how, where and when); (一) when already public: answer_citations
        _a("r_open", (_C(36, item=2),), "予以公开", adverse=False),
        _a("r_partial", (_C(37),), "部分公开"),
        _a("r_deny_state_secret", (_C(14), _C(36, item=3)), "不予公开（属于国家秘密）"),
        _a("r_deny_law_prohibited", (_C(14), _C(36, item=3)), "不予公开（法律、行政法规禁止公开）"),
        _a("r_deny_security_stability", (_C(14), _C(36, item=3)), "不予公开（危及国家安全、公共安全、经济安全、社会稳定）"),
        _a("r_deny_third_party", (_C(15), _C(32), _C(36, item=3)), "不予公开（保护第三方合法权益）"),
        _a("r_deny_internal_affairs", (_C(16, paragraph=1), _C(36, item=3)), "不予公开（内部事务信息）"),
        _a("r_deny_process_info", (_C(16, paragraph=2), _C(36, item=3)), "不予公开（过程性信息）"),
        _a("r_deny_enforcement_file", (_C(16, paragraph=2), _C(36, item=3)), "不予公开（行政执法案卷信息）"),
        # 行政查询事项: a special procedure set by law for records such as 工商、不动产登记资料 (annual-report §7.5 [U])
        _a("r_deny_admin_inquiry", (_C(36, item=7),), "不予公开（属于行政查询事项）"),
        # (四) 经检索没有所申请公开信息; with the responsible organ named: (五), answer_citations
        _a("r_unable_not_held", (_C(36, item=4),), "无法提供（本机关不掌握相关政府信息）"),
        _a("r_unable_need_creation", (_C(38),), "无法提供（没有现成信息，需要另行制作）"),
        _a("r_unable_unclear", (_C(30),), "无法提供（补正后申请内容仍不明确）"),
        _a("r_noproc_petition", (_C(39, paragraph=1),), "不予处理（信访、投诉、举报等诉求）"),
        _a("r_noproc_duplicate", (_C(36, item=6),), "不予处理（重复申请）"),
        _a("r_noproc_publication", (_C(39, paragraph=2),), "不予处理（要求提供公开出版物）"),
        _a("r_noproc_mass_repeat", (_C(35),), "不予处理（无正当理由大量反复申请）"),
        # No article names this row; the request is for a new confirmation or a re-issued document, not for
        # information the organ holds (art. 2: 已制作或者获取的信息; art. 38: 已制作或者获取的政府信息) [I].
        _a("r_noproc_confirm", (_C(2), _C(38)), "不予处理（要求确认或重新出具已获取信息）"),
        _a("r_other_no_correction", (_C(30),), "不再处理（无正当理由逾期不补正）"),
        _a(
            "r_other_fee_unpaid", (_C(42), _C(3, law=FEE_RULES)),
            "不再处理（逾期未按收费通知缴纳费用）",
        ),
        # the residual row (e.g. the applicant withdrew): the organ writes the reason; no article names it
        _a("r_other_other", (), "其他处理"),
    )
}


def answer_citations(outcome: str, *, already_public: bool = False, referred: bool = False) -> tuple[Citation, ...]:
    """The articles the 答复书 for ``outcome`` cites. ``already_public``: the information was proactively
    disclosed (art. 36(一), tell where to find it); ``referred``: not this organ's to disclose and the
    responsible organ is named (art. 36(五))."""
    if outcome not in ANSWERS:
        raise KeyError(f"没有办理结果「{outcome}」")
    if outcome == "r_open" and already_public:
        return (_C(36, item=1),)
    if outcome == "r_unable_not_held" and referred:
        return (_C(36, item=5),)
    return ANSWERS[outcome].citations


# ---------------------------------------------------------------- the letter kinds


# The parts every letter keeps (the template check renders a template and looks for each).
PARTS = {
    "title": "标题",
    "docno": "文号",
    "addressee": "收件人称谓",
    "facts": "申请事实（申请内容）",
    "basis": "法律依据",
    "remedy": "救济途径（行政复议、行政诉讼）",
    "organ_name": "机关名称",
    "date": "日期",
    "seal": "印章位置",
}
COMMON_PARTS = ("title", "docno", "addressee", "facts", "basis", "organ_name", "date", "seal")

APPLICANT = "applicant"
THIRD_PARTY = "third_party"
OTHER_ORGAN = "other_organ"


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    code: str  # in the 文号: «organ prefix»依申«code»〔year〕n号
    to: str  # APPLICANT, THIRD_PARTY or OTHER_ORGAN
    citations: tuple[Citation, ...]
    adverse: bool = False
    once: bool = True  # one per case; a second one is a correction naming the first
    purpose: str = ""
    parts: tuple[str, ...] = field(default=COMMON_PARTS)


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind(
            "receipt", "政府信息公开申请登记回执", "受", APPLICANT, (_C(31), _C(33, paragraph=2)),
            purpose="收到申请之日（第三十一条）与答复期限（第三十三条第二款）",
        ),
        Kind(
            "correction", "政府信息公开申请补正告知书", "补", APPLICANT, (_C(30),),
            purpose="收到申请之日起7个工作日内一次性告知需要补正的事项和合理的补正期限（第三十条）",
        ),
        Kind(
            "reasons", "政府信息公开申请说明理由告知书", "说", APPLICANT, (_C(35),), once=False,
            purpose="申请的数量、频次明显超过合理范围的，要求申请人说明理由（第三十五条）",
        ),
        Kind(
            "extension", "政府信息公开申请延期答复告知书", "延", APPLICANT, (_C(33, paragraph=2),),
            purpose="经政府信息公开工作机构负责人同意延长答复期限并告知申请人，最长20个工作日（第三十三条第二款）",
        ),
        Kind(
            "third_party_consult", "政府信息公开征求第三方意见书", "征", THIRD_PARTY, (_C(32),), once=False,
            purpose="书面征求第三方意见，第三方自收到之日起15个工作日内提出意见（第三十二条）",
        ),
        Kind(
            "third_party_notice", "政府信息公开申请征求意见告知书", "征告", APPLICANT,
            (_C(32), _C(33, paragraph=3)), once=False,
            purpose="告知申请人正在征求第三方或其他机关意见，所需时间不计算在答复期限内（第三十三条第三款）",
        ),
        Kind(
            "third_party_disclosure", "政府信息依申请公开告知书", "公告", THIRD_PARTY, (_C(15), _C(32)),
            adverse=True, once=False,
            purpose="第三方不同意公开但不公开可能对公共利益造成重大影响、决定予以公开的，书面告知第三方（第三十二条）",
        ),
        Kind(
            "organ_consult", "政府信息公开征求意见书", "协", OTHER_ORGAN, (_C(34),), once=False,
            purpose="涉及其他机关的，征求相关机关意见，被征求意见机关15个工作日内提出意见，逾期视为同意（第三十四条）",
        ),
        Kind(
            "fee", "政府信息公开信息处理费收费通知书", "费", APPLICANT,
            (_C(42), _C(3, law=FEE_RULES)),
            purpose="收费的依据、标准、数额和缴纳方式；申请人自收到通知次日起20个工作日内缴纳（109号）",
        ),
        Kind(
            "answer", "政府信息公开申请答复书", "复", APPLICANT, (),
            purpose="答复的决定、法律依据、理由和救济途径（第三十六条至第三十九条）",
        ),
    )
}


def fee_citations(method: str) -> tuple[Citation, ...]:
    """条例第四十二条 and 109号第三条 with 第四条 (按件) or 第五条 (按量)."""
    article = {"per_item": 4, "per_page": 5}.get(method)
    if article is None:
        raise KeyError(f"没有计收方式「{method}」")
    return (_C(42), _C(3, law=FEE_RULES), _C(article, law=FEE_RULES))


# 第三十一条: （一）当面提交 — 提交之日; （二）邮寄 — 签收之日 (平常信函 — 确认之日); （三）互联网渠道或传真 — 双方确认之日
RECEIPT_ITEM = {"in_person": 1, "post": 2, "ordinary_mail": 2, "online": 3, "fax": 3, "email": 3}


def receipt_citations(channel: str) -> tuple[Citation, ...]:
    return (_C(31, item=RECEIPT_ITEM[channel]), _C(33, paragraph=2))


def citations_for(kind: str, *, outcome: str = "", channel: str = "", method: str = "",
                  already_public: bool = False, referred: bool = False, consulting: str = "") -> tuple[Citation, ...]:
    """The articles a letter of ``kind`` cites, given the facts that choose among them (``consulting``:
    ``third_party`` or ``other_organ``, for the 告知书 to the applicant)."""
    if kind == "third_party_notice" and consulting == OTHER_ORGAN:
        return (_C(34), _C(33, paragraph=3))
    if kind == "answer":
        return answer_citations(outcome, already_public=already_public, referred=referred)
    if kind == "receipt" and channel:
        return receipt_citations(channel)
    if kind == "fee" and method:
        return fee_citations(method)
    return KINDS[kind].citations


def is_adverse(kind: str, outcome: str = "") -> bool:
    """Whether the letter is a decision its addressee may challenge: it must carry the remedy clause."""
    if kind == "answer":
        return ANSWERS[outcome].adverse
    return KINDS[kind].adverse


def required_parts(kind: str, outcome: str = "") -> tuple[str, ...]:
    parts = KINDS[kind].parts
    return (*parts, "remedy") if is_adverse(kind, outcome) else parts


def template_key(kind: str, outcome: str = "") -> str:
    """The name of a letter's template: the kind, and for an answer its outcome (``answer_r_open``)."""
    return f"answer_{outcome}" if kind == "answer" else kind


def template_keys() -> list[tuple[str, str, str]]:
    """Every template: (key, kind, outcome)."""
    out = [(k, k, "") for k in KINDS if k != "answer"]
    return out + [(template_key("answer", o), "answer", o) for o in ANSWERS]


def remedy_clause(review_body: str, court: str, *, review_first: bool = False, subject: str = "本答复") -> str:
    """The remedy clause of an adverse letter, naming the configured 复议机关 and court."""
    if review_first:
        return (
            f"如对{subject}不服，可以依据{REVIEW_LAW}第二十条、第二十三条的规定，自知道该行政行为之日起"
            f"{REVIEW_DAYS}日内向{review_body}申请行政复议；对行政复议决定不服的，可以依据{LITIGATION_LAW}"
            f"第四十五条的规定，自收到行政复议决定书之日起{AFTER_REVIEW_DAYS}日内向{court}提起行政诉讼。"
        )
    return (
        f"如对{subject}不服，可以依据{REVIEW_LAW}第二十条的规定，自知道该行政行为之日起{REVIEW_DAYS}日内"
        f"向{review_body}申请行政复议；也可以依据{LITIGATION_LAW}第四十六条的规定，自知道该行政行为之日起"
        f"{LITIGATION_MONTHS}个月内向{court}提起行政诉讼。"
    )


def docno(prefix: str, kind: str, year: int, serial: int) -> str:
    """The 文号: ``渡人防依申补〔2025〕3号`` (prefix = the organ's 机关代字)."""
    return f"{prefix}依申{KINDS[kind].code}〔{year}〕{serial}号"
