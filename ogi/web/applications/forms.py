"""The forms of the register screens. They only parse and shape input; the rules live in ``services``.

Field names are the keyword names of the service functions, so a service's ``ValidationError`` keyed
by field lands next to the right field (:func:`attach_errors`).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from ogi.web.lib.checks import (
    MAX_ATTACHMENT_BYTES,
    MAX_CORRECTION_PERIOD_WORKDAYS,
    MAX_EXTENSION_DAYS,
    MAX_PAGES,
    MAX_SEARCH_CHARS,
)
from ogi.web.lib.forms import BAD_DATE, DATE, REQUIRED, TEXT, date_field, required, version_field

from . import lifecycle
from .choices import (
    OUTCOMES_NEEDING_REASON,
    ApplicantType,
    Channel,
    FeeMethod,
    Outcome,
    PauseKind,
    Status,
    Timeliness,
)
from .deadlines import DUE_CHOICES

# ---------------------------------------------------------------- the application


class ApplicationForm(forms.Form):
    """Register an application (条例第二十九条至第三十一条)."""

    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantType.choices, error_messages=REQUIRED)
    applicant_name = forms.CharField(label="申请人姓名/名称", max_length=200, error_messages=required("请填写申请人姓名或名称"))
    applicant_id_number = forms.CharField(label="证件号码", max_length=64, required=False)
    applicant_contact = forms.CharField(label="联系电话", max_length=64, required=False)
    applicant_email = forms.EmailField(
        label="电子邮箱", max_length=200, required=False, error_messages={"invalid": "请填写有效的电子邮箱地址"},
    )
    applicant_address = forms.CharField(label="通讯地址", max_length=300, required=False)
    channel = forms.ChoiceField(label="申请方式", choices=Channel.choices, error_messages=REQUIRED)
    received_on = date_field("收到申请日期")
    content = forms.CharField(label="申请公开的政府信息", widget=TEXT, error_messages=required("请填写申请公开的政府信息内容"))
    form_requested = forms.CharField(label="获取信息的方式/载体", max_length=200, required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    RECEIPT_HELP = {
        Channel.IN_PERSON: "当面提交的，以提交之日为收到申请之日",
        Channel.POST: "邮寄的，以机关签收之日为收到申请之日",
        Channel.ORDINARY_MAIL: "平常信函的，以当日与申请人确认之日为收到申请之日",
        Channel.ONLINE: "通过网络提交的，以双方确认之日为收到申请之日",
        Channel.FAX: "通过传真提交的，以双方确认之日为收到申请之日",
        Channel.EMAIL: "通过电子邮件提交的，以双方确认之日为收到申请之日",
    }

    def __init__(self, *args, organs=(), **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        organs = list(organs)
        if len(organs) > 1:
            self.fields["organ"] = forms.ChoiceField(
                label="受理机关", choices=[(o.code, o.name) for o in organs], error_messages=REQUIRED,
            )
            self.order_fields(["organ"])

    def details(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("token", "organ", "version")}


class ApplicationEditForm(ApplicationForm):
    """Correct the registered details of an open application; posts the version the user saw."""

    version = version_field()


# ---------------------------------------------------------------- actions on an application


class ActionForm(forms.Form):
    """Every action posts the version the user saw (optimistic locking)."""

    version = version_field()
    action = ""  # the lifecycle action: its title and allowed states come from the lifecycle table
    title = ""

    def __init_subclass__(cls, **kwargs) -> None:  # noqa: ANN003
        super().__init_subclass__(**kwargs)
        cls.title = lifecycle.action(cls.action).title

    def arguments(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}

    @classmethod
    def initial_for(cls, app) -> dict:  # noqa: ANN001
        """Initial values taken from the application (beyond the version and today's date)."""
        return {}


def bounded_integer(label: str, low: int, high: int, unit: str, **kwargs) -> forms.IntegerField:  # noqa: ANN003
    """An integer field with the limits of ``lib.checks`` and Chinese messages naming them."""
    return forms.IntegerField(
        label=label, min_value=low, max_value=high,
        error_messages={
            "required": f"请填写{label}", "invalid": f"{label}应为整数",
            "min_value": f"{label}至少为{low}{unit}", "max_value": f"{label}最多为{high}{unit}",
        },
        **kwargs,
    )


class ReceiptConfirmForm(ActionForm):
    action = "confirm_receipt"
    on = date_field("确认收到日期")
    submit_label = "确认收到（开始计算答复期限）"

    @classmethod
    def initial_for(cls, app) -> dict:  # noqa: ANN001
        return {}


class CorrectionRequestForm(ActionForm):
    action = "request_correction"
    on = date_field("告知补正日期")
    note = forms.CharField(label="需要补正的内容", widget=TEXT, error_messages=REQUIRED)
    period_days = bounded_integer(
        "补正期限（工作日）", 1, MAX_CORRECTION_PERIOD_WORKDAYS, "个工作日", required=False,
        help_text="补正通知中给申请人的期限；不填按系统默认",
    )

    @classmethod
    def initial_for(cls, app) -> dict:  # noqa: ANN001
        return {"period_days": settings.OGI_CORRECTION_PERIOD_WORKDAYS}


class CorrectionReceivedForm(ActionForm):
    action = "receive_correction"
    on = date_field("收到补正申请日期")
    note = forms.CharField(label="说明", widget=TEXT, required=False)


class PauseStartForm(ActionForm):
    action = "start_pause"
    kind = forms.ChoiceField(
        label="征求对象", choices=[(PauseKind.THIRD_PARTY, PauseKind.THIRD_PARTY.label), (PauseKind.OTHER_ORGAN, PauseKind.OTHER_ORGAN.label)],
        error_messages=REQUIRED,
    )
    on = date_field("发出征求意见日期")
    note = forms.CharField(label="说明", widget=TEXT, required=False)


class PauseEndForm(ActionForm):
    action = "end_pause"
    on = date_field("收到意见（或期满）日期")
    note = forms.CharField(label="说明", widget=TEXT, required=False)


def extension_days_field(label: str = "延长工作日数", **kwargs) -> forms.IntegerField:  # noqa: ANN003
    field = bounded_integer(label, 1, MAX_EXTENSION_DAYS, "个工作日", **kwargs)
    field.error_messages["max_value"] = f"延长答复期限最多{MAX_EXTENSION_DAYS}个工作日（条例第三十三条）"
    return field


class ExtensionRequestForm(ActionForm):
    action = "request_extension"
    on = date_field("申请日期")
    days = extension_days_field("申请延长工作日数", initial=MAX_EXTENSION_DAYS)
    reason = forms.CharField(label="延期理由", widget=TEXT, error_messages={"required": "请填写延期理由"})


class ExtensionDecisionForm(ActionForm):
    action = "decide_extension"
    on = date_field("审批日期")
    approve = forms.TypedChoiceField(
        label="审批意见", choices=[("yes", "同意延期"), ("no", "不同意")], coerce=lambda v: v == "yes",
        widget=forms.RadioSelect, error_messages=REQUIRED,
    )
    days = extension_days_field("批准延长工作日数", required=False)
    note = forms.CharField(label="审批说明（不同意时必填）", widget=TEXT, required=False)

    @classmethod
    def initial_for(cls, app) -> dict:  # noqa: ANN001
        req = app.pending_extension()
        return {"approve": "yes", "days": req.days if req else None}

    def clean(self) -> dict:
        data = super().clean()
        if data.get("approve") is False and not (data.get("note") or "").strip():
            self.add_error("note", "不同意延期时请写明理由")
        return data


class ExtendForm(ActionForm):
    action = "extend"
    on = date_field("延期日期")
    days = extension_days_field(initial=MAX_EXTENSION_DAYS)
    reason = forms.CharField(label="延期理由", widget=TEXT, error_messages={"required": "请填写延期理由"})


class FeeNoticeForm(ActionForm):
    """Two steps: the first post shows the fee 109号 gives, with its working (``quote``); the second,
    carrying the amount the clerk saw in ``confirmed``, sends the notice."""

    action = "fee_notice"
    on = date_field("收费通知日期")
    method = forms.ChoiceField(
        label="计收方式（二者择一）", choices=FeeMethod.choices, widget=forms.RadioSelect, error_messages=REQUIRED,
    )
    pages = bounded_integer("页数（按量计收时填写）", 1, MAX_PAGES, "页", required=False)
    note = forms.CharField(label="说明", widget=TEXT, required=False)
    confirmed = forms.IntegerField(widget=forms.HiddenInput, required=False)
    quote = None  # set by the view after the first post

    def clean(self) -> dict:
        data = super().clean()
        if data.get("method") == FeeMethod.PER_PAGE and not data.get("pages"):
            self.add_error("pages", "按量计收时请填写页数")
        if data.get("method") == FeeMethod.PER_ITEM:
            data["pages"] = None
        return data

    def show_quote(self, quote) -> None:  # noqa: ANN001
        """Keep what the clerk typed, carry the amount to confirm, and show the working."""
        self.quote = quote
        self.data = self.data.copy()
        self.data["confirmed"] = str(quote.amount)

    @property
    def submit_label(self) -> str:
        return f"确认收费{self.quote.amount}元并发出收费通知" if self.quote else "计算信息处理费"


class FeePaidForm(ActionForm):
    action = "fee_paid"
    on = date_field("缴费日期")
    note = forms.CharField(label="说明", widget=TEXT, required=False)


class AnswerForm(ActionForm):
    action = "answer"
    on = date_field("答复日期")
    outcome = forms.ChoiceField(label="办理结果", choices=Outcome.choices, error_messages=REQUIRED)
    reason = forms.CharField(label="理由/说明", widget=TEXT, required=False)

    def clean(self) -> dict:
        data = super().clean()
        outcome = data.get("outcome")
        if outcome in OUTCOMES_NEEDING_REASON and not (data.get("reason") or "").strip():
            self.add_error("reason", f"办理结果为「{Outcome(outcome).label}」时须写明理由或说明")
        return data


class AttachmentForm(forms.Form):
    title = forms.CharField(label="文件名称", max_length=200, error_messages={"required": "请填写文件名称"})
    file = forms.FileField(label="文件", error_messages={"required": "请选择要上传的文件", "empty": "文件是空的"})

    def clean_file(self):  # noqa: ANN201
        f = self.cleaned_data["file"]
        if f.size > MAX_ATTACHMENT_BYTES:
            raise ValidationError(f"文件不能超过 {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB")
        return f


# lifecycle action → its form; the service function of the same name does the work
ACTIONS: dict[str, type[ActionForm]] = {
    form.action: form
    for form in (
        ReceiptConfirmForm, CorrectionRequestForm, CorrectionReceivedForm, PauseStartForm, PauseEndForm, ExtensionRequestForm,
        ExtensionDecisionForm, ExtendForm, FeeNoticeForm, FeePaidForm, AnswerForm,
    )
}


# ---------------------------------------------------------------- register filters


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=MAX_SEARCH_CHARS, error_messages={
        "max_length": "搜索词不能超过 %(limit_value)d 个字（现有 %(show_value)d 个）"})
    status = forms.ChoiceField(label="状态", choices=[("", "全部")] + list(Status.choices), required=False)
    due = forms.ChoiceField(label="期限", choices=[("", "全部"), *DUE_CHOICES.items()], required=False)
    applicant_type = forms.ChoiceField(label="申请人类型", choices=[("", "全部")] + list(ApplicantType.choices), required=False)
    channel = forms.ChoiceField(label="申请方式", choices=[("", "全部")] + list(Channel.choices), required=False)
    timeliness = forms.ChoiceField(label="答复是否按期", choices=[("", "全部")] + list(Timeliness.choices), required=False)
    received_from = forms.DateField(label="收到日期自", widget=DATE, required=False, error_messages=BAD_DATE)
    received_to = forms.DateField(label="至", widget=DATE, required=False, error_messages=BAD_DATE)
    organ = forms.ChoiceField(label="机关", required=False)

    def __init__(self, *args, organs=(), **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["organ"].choices = [("", "全部")] + [(o.code, o.name) for o in organs]
        if len(self.fields["organ"].choices) <= 2:
            del self.fields["organ"]

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and end < start:
            self.add_error("received_to", "结束日期不能早于开始日期")
        return data
