"""What the 2019 and 2021 formats share: section 三's columns and most rows, section 四, headings.

Labels are exact, in full-width punctuation, as printed in the official tables
(``annual-report.md`` §3–§4). Variants are wordings seen in real reports.
"""

from __future__ import annotations

from .types import Column, Group, Heading, Row

S3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
S3_APPLICANTS = "申请人情况"
S3_ORGS = "法人或其他组织"

S3_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("org_commercial", "商业企业"),
    Column("org_research", "科研机构"),
    Column("org_public_welfare", "社会公益组织"),
    Column("org_legal_service", "法律服务机构"),
    Column("org_other", "其他"),
    Column("total", "总计"),
)

G_RESULTS = "三、本年度办理结果"
G_DENY = "（三）不予公开"
G_UNABLE = "（四）无法提供"
G_NOPROC = "（五）不予处理"
G_OTHER = "（六）其他处理"

S3_HEAD_ROWS = (
    Row("new_received", "一、本年新收政府信息公开申请数量", short="一、本年新收政府信息公开申请数量"),
    Row("carried_over", "二、上年结转政府信息公开申请数量", short="二、上年结转政府信息公开申请数量"),
)
S3_RESULT_ROWS = (
    Row("r_open", "（一）予以公开", group=G_RESULTS),
    Row(
        "r_partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ("（二）部分公开",),
        group=G_RESULTS,
    ),
    Row("r_deny_state_secret", "1.属于国家秘密", group=G_DENY, short="（三）1.属于国家秘密"),
    Row(
        "r_deny_law_prohibited",
        "2.其他法律行政法规禁止公开",
        group=G_DENY,
        short="（三）2.其他法律行政法规禁止公开",
    ),
    Row(
        "r_deny_security_stability",
        "3.危及“三安全一稳定”",
        ("3.危及三安全一稳定",),
        group=G_DENY,
        short="（三）3.危及“三安全一稳定”",
    ),
    Row("r_deny_third_party", "4.保护第三方合法权益", group=G_DENY, short="（三）4.保护第三方合法权益"),
    Row("r_deny_internal_affairs", "5.属于三类内部事务信息", group=G_DENY, short="（三）5.属于三类内部事务信息"),
    Row("r_deny_process_info", "6.属于四类过程性信息", group=G_DENY, short="（三）6.属于四类过程性信息"),
    Row("r_deny_enforcement_file", "7.属于行政执法案卷", group=G_DENY, short="（三）7.属于行政执法案卷"),
    Row("r_deny_admin_inquiry", "8.属于行政查询事项", group=G_DENY, short="（三）8.属于行政查询事项"),
    Row("r_unable_not_held", "1.本机关不掌握相关政府信息", group=G_UNABLE, short="（四）1.本机关不掌握相关政府信息"),
    Row("r_unable_need_creation", "2.没有现成信息需要另行制作", group=G_UNABLE, short="（四）2.没有现成信息需要另行制作"),
    Row("r_unable_unclear", "3.补正后申请内容仍不明确", group=G_UNABLE, short="（四）3.补正后申请内容仍不明确"),
    Row("r_noproc_petition", "1.信访举报投诉类申请", group=G_NOPROC, short="（五）1.信访举报投诉类申请"),
    Row("r_noproc_duplicate", "2.重复申请", group=G_NOPROC, short="（五）2.重复申请"),
    Row("r_noproc_publication", "3.要求提供公开出版物", group=G_NOPROC, short="（五）3.要求提供公开出版物"),
    Row(
        "r_noproc_mass_repeat",
        "4.无正当理由大量反复申请",
        group=G_NOPROC,
        short="（五）4.无正当理由大量反复申请",
    ),
    Row(
        "r_noproc_confirm",
        "5.要求行政机关确认或重新出具已获取信息",
        group=G_NOPROC,
        short="（五）5.要求行政机关确认或重新出具已获取信息",
    ),
)
R_OTHER_2019 = Row("r_other", "（六）其他处理", group=G_RESULTS)
R_OTHER_2021 = (
    Row(
        "r_other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请", "1.申请人无正当理由逾期不补正"),
        group=G_OTHER,
        short="（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    Row(
        "r_other_fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请", "2.申请人逾期未按收费通知"),
        group=G_OTHER,
        short="（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    Row("r_other_other", "3.其他", group=G_OTHER, short="（六）3.其他"),
)
S3_TAIL_ROWS = (
    Row("r_total", "（七）总计", group=G_RESULTS),
    Row("carry_forward", "四、结转下年度继续办理", short="四、结转下年度继续办理"),
)


def s3_groups(other_rows: tuple[Row, ...]) -> tuple[Group, ...]:
    """The group cells of section 三 (for renderers and parsers), outermost first."""

    def keys(group: str) -> tuple[str, ...]:
        return tuple(r.key for r in S3_RESULT_ROWS + other_rows if r.group == group)

    result_keys = tuple(r.key for r in S3_RESULT_ROWS + other_rows) + ("r_total",)
    groups = [
        Group(G_RESULTS, result_keys),
        Group(G_DENY, keys(G_DENY)),
        Group(G_UNABLE, keys(G_UNABLE)),
        Group(G_NOPROC, keys(G_NOPROC)),
    ]
    if len(other_rows) > 1:
        groups.append(Group(G_OTHER, keys(G_OTHER)))
    return tuple(groups)


S4_GROUPS = (
    Column("review", "行政复议"),
    Column("litigation_direct", "未经复议直接起诉"),
    Column("litigation_after_review", "复议后起诉"),
)
S4_LITIGATION = "行政诉讼"
S4_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)

HEADINGS_COMMON = (
    Heading("s1", "一、总体情况"),
    Heading("s2", "二、主动公开政府信息情况"),
    Heading("s3", "三、收到和处理政府信息公开申请情况"),
    Heading(
        "s4",
        "四、政府信息公开行政复议、行政诉讼情况",
        (
            "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
            "四、政府信息公开行政复议及行政诉讼情况",
            "四、政府信息公开行政复议和行政诉讼情况",
            "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
            "四、政府信息公开行政复议、行政诉讼",
        ),
    ),
)
HEADING_S6 = Heading("s6", "六、其他需要报告的事项")
