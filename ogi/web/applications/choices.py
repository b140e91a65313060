"""The register's vocabularies. Keys are the contract's (report-model.md §1) wherever one exists."""

from __future__ import annotations

from django.db import models

from ogi.spec import current
from ogi.spec.common import S3_COLUMNS

# The six applicant columns of section 三, from the format data (never retyped).
ApplicantType = models.TextChoices(
    "ApplicantType", [(c.key.upper(), (c.key, c.label)) for c in S3_COLUMNS if c.key != "total"]
)


class Channel(models.TextChoices):
    """How the application arrived; decides the statutory receipt date (art. 31)."""

    IN_PERSON = "in_person", "当面"
    POST = "post", "邮寄"
    ORDINARY_MAIL = "ordinary_mail", "平常信函"
    ONLINE = "online", "网络"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"


class Status(models.TextChoices):
    # An online application waits for the clerk to confirm its receipt: the receipt date is the day both
    # sides confirm (条例第三十一条), and only then does the answer period start (and the case count).
    AWAITING_CONFIRMATION = "awaiting_confirmation", "待确认"
    PROCESSING = "processing", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    PAUSED = "paused", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    ANSWERED = "answered", "已办结"


OPEN_STATUSES = (
    Status.AWAITING_CONFIRMATION, Status.PROCESSING, Status.AWAITING_CORRECTION, Status.PAUSED, Status.AWAITING_FEE,
)


# Every result row of section 三 of the newest format (mapped to r_other for 2019/2020), labelled as in
# the contract (“（三）1.属于国家秘密”), from the format data.
Outcome = models.TextChoices(
    "Outcome",
    [(r.key.upper(), (r.key, r.name)) for r in current().s3_rows if r.key.startswith("r_") and r.key != "r_total"],
)


# Outcomes whose answer must state its reasons (art. 36(3)–(7), 37, 38, 39) or what happened.
OUTCOMES_NEEDING_REASON = frozenset(
    o for o in Outcome.values if o not in ("r_open", "r_other_no_correction", "r_other_fee_unpaid")
)


class PauseKind(models.TextChoices):
    """Periods not counted in the answer time (art. 33 para 2; the fee period per 109号 [U])."""

    THIRD_PARTY = "third_party", "征求第三方意见"
    OTHER_ORGAN = "other_organ", "征求其他机关意见"
    FEE = "fee", "收费通知至缴费"


class FeeMethod(models.TextChoices):
    """109号第三条: one method per application, never both."""

    PER_ITEM = "per_item", "按件计收"
    PER_PAGE = "per_page", "按量计收"


class Decision(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "同意"
    REFUSED = "refused", "不同意"


class Timeliness(models.TextChoices):
    """The register's filter on the answered cases' answer time (条例第三十三条); open cases past their due
    date are the ``due`` filter's 已超期."""

    LATE = "late", "逾期答复"
    ON_TIME = "on_time", "按期答复"


class IdType(models.TextChoices):
    """The 身份证明 an applicant gives (条例第二十九条); an organisation gives its 统一社会信用代码."""

    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    FOREIGN_PR = "foreign_pr", "外国人永久居留身份证"
    USCC = "uscc", "统一社会信用代码"
    OTHER = "other", "其他证件"


class InfoForm(models.TextChoices):
    """The form of the information asked for (条例第二十九条第二款第（三）项、第四十条)."""

    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文档"


class Delivery(models.TextChoices):
    """How the applicant wants to get the information and the letters (条例第二十九条、第四十条)."""

    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    COLLECT = "collect", "当面领取"
    ONLINE = "online", "网上查阅下载"


class EventKind(models.TextChoices):
    SUBMITTED_ONLINE = "submitted_online", "在线提交申请"
    RECEIPT_CONFIRMED = "receipt_confirmed", "确认收到申请"
    REGISTERED = "registered", "登记"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正"
    PAUSE_STARTED = "pause_started", "开始征求意见"
    PAUSE_ENDED = "pause_ended", "征求意见结束"
    EXTENSION_REQUESTED = "extension_requested", "申请延期"
    EXTENSION_REFUSED = "extension_refused", "负责人不同意延期"
    EXTENDED = "extended", "延长答复期限"
    FEE_NOTICE = "fee_notice", "发出收费通知"
    FEE_PAID = "fee_paid", "缴费"
    ANSWERED = "answered", "答复"
    ATTACHED = "attached", "上传文件"
    EDITED = "edited", "修改登记信息"
    LETTER_ISSUED = "letter_issued", "发出文书"  # a letter of its own on the timeline (ogi/web/letters)
