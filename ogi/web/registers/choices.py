"""The register's vocabularies. Keys are the contract's (report-model.md §1) wherever one exists."""

from __future__ import annotations

from django.db import models


class ApplicantType(models.TextChoices):
    """The six applicant columns of section 三."""

    NATURAL_PERSON = "natural_person", "自然人"
    ORG_COMMERCIAL = "org_commercial", "商业企业"
    ORG_RESEARCH = "org_research", "科研机构"
    ORG_PUBLIC_WELFARE = "org_public_welfare", "社会公益组织"
    ORG_LEGAL_SERVICE = "org_legal_service", "法律服务机构"
    ORG_OTHER = "org_other", "其他"


class Channel(models.TextChoices):
    """How the application arrived; decides the statutory receipt date (art. 31)."""

    IN_PERSON = "in_person", "当面"
    POST = "post", "邮寄"
    ORDINARY_MAIL = "ordinary_mail", "平常信函"
    ONLINE = "online", "网络"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"


class Status(models.TextChoices):
    PROCESSING = "processing", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    PAUSED = "paused", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    ANSWERED = "answered", "已办结"


OPEN_STATUSES = (
    Status.PROCESSING, Status.AWAITING_CORRECTION, Status.PAUSED, Status.AWAITING_FEE,
)


class Outcome(models.TextChoices):
    """Every result row of section 三 in the 2021 taxonomy (mapped to r_other for 2019/2020)."""

    R_OPEN = "r_open", "（一）予以公开"
    R_PARTIAL = "r_partial", "（二）部分公开"
    R_DENY_STATE_SECRET = "r_deny_state_secret", "（三）1.属于国家秘密"
    R_DENY_LAW_PROHIBITED = "r_deny_law_prohibited", "（三）2.其他法律行政法规禁止公开"
    R_DENY_SECURITY_STABILITY = "r_deny_security_stability", "（三）3.危及“三安全一稳定”"
    R_DENY_THIRD_PARTY = "r_deny_third_party", "（三）4.保护第三方合法权益"
    R_DENY_INTERNAL_AFFAIRS = "r_deny_internal_affairs", "（三）5.属于三类内部事务信息"
    R_DENY_PROCESS_INFO = "r_deny_process_info", "（三）6.属于四类过程性信息"
    R_DENY_ENFORCEMENT_FILE = "r_deny_enforcement_file", "（三）7.属于行政执法案卷"
    R_DENY_ADMIN_INQUIRY = "r_deny_admin_inquiry", "（三）8.属于行政查询事项"
    R_UNABLE_NOT_HELD = "r_unable_not_held", "（四）1.本机关不掌握相关政府信息"
    R_UNABLE_NEED_CREATION = "r_unable_need_creation", "（四）2.没有现成信息需要另行制作"
    R_UNABLE_UNCLEAR = "r_unable_unclear", "（四）3.补正后申请内容仍不明确"
    R_NOPROC_PETITION = "r_noproc_petition", "（五）1.信访举报投诉类申请"
    R_NOPROC_DUPLICATE = "r_noproc_duplicate", "（五）2.重复申请"
    R_NOPROC_PUBLICATION = "r_noproc_publication", "（五）3.要求提供公开出版物"
    R_NOPROC_MASS_REPEAT = "r_noproc_mass_repeat", "（五）4.无正当理由大量反复申请"
    R_NOPROC_CONFIRM = "r_noproc_confirm", "（五）5.要求行政机关确认或重新出具已获取信息"
    R_OTHER_NO_CORRECTION = "r_other_no_correction", "（六）1.逾期不补正、不再处理"
    R_OTHER_FEE_UNPAID = "r_other_fee_unpaid", "（六）2.逾期未缴费、不再处理"
    R_OTHER_OTHER = "r_other_other", "（六）3.其他"


# Outcomes whose answer must state its reasons (art. 36(3)–(7), 37, 38, 39) or what happened.
OUTCOMES_NEEDING_REASON = frozenset(
    o for o in Outcome.values if o not in ("r_open", "r_other_no_correction", "r_other_fee_unpaid")
)
# The 2021 rows （六）1–3 are the single 2019 row （六）其他处理.
OTHER_2021 = ("r_other_no_correction", "r_other_fee_unpaid", "r_other_other")


class PauseKind(models.TextChoices):
    """Periods not counted in the answer time (art. 33 para 2; the fee period per 109号 [U])."""

    THIRD_PARTY = "third_party", "征求第三方意见"
    OTHER_ORGAN = "other_organ", "征求其他机关意见"
    FEE = "fee", "收费通知至缴费"


class AppealKind(models.TextChoices):
    REVIEW = "review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"


class AppealResult(models.TextChoices):
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class EventKind(models.TextChoices):
    REGISTERED = "registered", "登记"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正"
    PAUSE_STARTED = "pause_started", "开始征求意见"
    PAUSE_ENDED = "pause_ended", "征求意见结束"
    EXTENDED = "extended", "延长答复期限"
    FEE_NOTICE = "fee_notice", "发出收费通知"
    FEE_PAID = "fee_paid", "缴费"
    ANSWERED = "answered", "答复"
    ATTACHED = "attached", "上传文件"
    EDITED = "edited", "修改登记信息"
