"""The forms of the register screens. They only parse and shape input; the rules live in ``services``.

Field names are the keyword names of the service functions, so a service's ``ValidationError`` keyed
by field lands next to the right field (:func:`attach_errors`).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from . import services
from .choices import (
    OUTCOMES_NEEDING_REASON,
    AppealKind,
    AppealResult,
    ApplicantType,
    Channel,
    Outcome,
    PauseKind,
    Status,
)
from .models import Application

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
REQUIRED = {"required": "此项为必填项"}
BAD_DATE = {"required": "请填写日期", "invalid": "日期格式应为 YYYY-MM-DD，例如 2024-09-27"}


class PastDateField(forms.DateField):
    """A date of something that has happened: today at the latest (the services check it again)."""

    def validate(self, value) -> None:  # noqa: ANN001
        super().validate(value)
        today = services.today()
        if value and value > today:
            raise ValidationError(f"{self.label}不能晚于今天（{today.isoformat()}）")


def date_field(label: str, required: bool = True) -> forms.DateField:
    return PastDateField(label=label, widget=DATE, required=required, error_messages=BAD_DATE)


def required(message: str) -> dict[str, str]:
    return {"required": message}


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to its field (or on top of the form, for hidden ones)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        visible = field in form.fields and not form.fields[field].widget.is_hidden
        form.add_error(field if visible else None, errors)


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

    version = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "缺少版本号，请刷新后重试"})


# ---------------------------------------------------------------- actions on an application


class ActionForm(forms.Form):
    """Every action posts the version the user saw (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "缺少版本号，请刷新后重试"})
    title = ""
    statuses: tuple[str, ...] = ()

    def arguments(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class CorrectionRequestForm(ActionForm):
    title = "告知补正"
    statuses = (Status.PROCESSING,)
    on = date_field("告知补正日期")
    note = forms.CharField(label="需要补正的内容和补正期限", widget=TEXT, error_messages=REQUIRED)


class CorrectionReceivedForm(ActionForm):
    title = "收到补正"
    statuses = (Status.AWAITING_CORRECTION,)
    on = date_field("收到补正申请日期")
    note = forms.CharField(label="说明", widget=TEXT, required=False)


class PauseStartForm(ActionForm):
    title = "开始征求意见"
    statuses = (Status.PROCESSING,)
    kind = forms.ChoiceField(
        label="征求对象", choices=[(PauseKind.THIRD_PARTY, PauseKind.THIRD_PARTY.label), (PauseKind.OTHER_ORGAN, PauseKind.OTHER_ORGAN.label)],
        error_messages=REQUIRED,
    )
    on = date_field("发出征求意见日期")
    note = forms.CharField(label="说明", widget=TEXT, required=False)


class PauseEndForm(ActionForm):
    title = "征求意见结束"
    statuses = (Status.PAUSED,)
    on = date_field("收到意见（或期满）日期")
    note = forms.CharField(label="说明", widget=TEXT, required=False)


class ExtendForm(ActionForm):
    title = "延长答复期限"
    statuses = (Status.PROCESSING, Status.PAUSED, Status.AWAITING_FEE)
    on = date_field("延期日期")
    days = forms.IntegerField(
        label="延长工作日数", initial=services.MAX_EXTENSION_DAYS, min_value=1, max_value=services.MAX_EXTENSION_DAYS,
        error_messages={
            "required": "请填写延长的工作日数", "invalid": "延长的工作日数应为整数",
            "min_value": "延长的工作日数至少为1个",
            "max_value": f"延长答复期限最多{services.MAX_EXTENSION_DAYS}个工作日（条例第三十三条）",
        },
    )
    reason = forms.CharField(label="延期理由", widget=TEXT, error_messages={"required": "请填写延期理由"})


class FeeNoticeForm(ActionForm):
    title = "发出收费通知"
    statuses = (Status.PROCESSING,)
    on = date_field("收费通知日期")
    amount = forms.DecimalField(
        label="信息处理费（元）", max_digits=10, decimal_places=2,
        error_messages={"required": "请填写收费金额", "invalid": "收费金额应为数字（元）", "max_decimal_places": "金额最多两位小数"},
    )
    note = forms.CharField(label="说明（计收方式、依据）", widget=TEXT, required=False)


class FeePaidForm(ActionForm):
    title = "登记缴费"
    statuses = (Status.AWAITING_FEE,)
    on = date_field("缴费日期")
    note = forms.CharField(label="说明", widget=TEXT, required=False)


class AnswerForm(ActionForm):
    title = "答复"
    statuses = (Status.PROCESSING, Status.AWAITING_CORRECTION, Status.AWAITING_FEE)
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

    MAX_BYTES = 20 * 1024 * 1024

    def clean_file(self):  # noqa: ANN201
        f = self.cleaned_data["file"]
        if f.size > self.MAX_BYTES:
            raise ValidationError("文件不能超过 20 MB")
        return f


# action key → form; the service function of the same name does the work
ACTIONS: dict[str, type[ActionForm]] = {
    "request_correction": CorrectionRequestForm,
    "receive_correction": CorrectionReceivedForm,
    "start_pause": PauseStartForm,
    "end_pause": PauseEndForm,
    "extend": ExtendForm,
    "fee_notice": FeeNoticeForm,
    "fee_paid": FeePaidForm,
    "answer": AnswerForm,
}


# ---------------------------------------------------------------- register filters


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label="搜索", required=False)
    status = forms.ChoiceField(label="状态", choices=[("", "全部")] + list(Status.choices), required=False)
    applicant_type = forms.ChoiceField(label="申请人类型", choices=[("", "全部")] + list(ApplicantType.choices), required=False)
    channel = forms.ChoiceField(label="申请方式", choices=[("", "全部")] + list(Channel.choices), required=False)
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


# ---------------------------------------------------------------- appeals


class AppealForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=AppealKind.choices, error_messages=REQUIRED)
    application = forms.ModelChoiceField(
        label="相关申请", queryset=Application.objects.none(), required=False,
        error_messages={"invalid_choice": "请选择本机关的申请"},
    )
    filed_on = date_field("申请复议/起诉日期")
    case_number = forms.CharField(label="案号", max_length=100, required=False)
    body = forms.CharField(label="复议机关/法院", max_length=200, required=False)
    note = forms.CharField(label="说明", widget=TEXT, required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, applications=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        if applications is not None:
            self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda a: f"{a.number}（{a.received_on}）"

    def arguments(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "token"}


class AppealDecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "缺少版本号，请刷新后重试"})
    result = forms.ChoiceField(label="结果", choices=AppealResult.choices, error_messages=REQUIRED)
    decided_on = date_field("审结日期", required=False)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("result") and data["result"] != AppealResult.PENDING and not data.get("decided_on"):
            self.add_error("decided_on", "已审结的，请填写审结日期")
        return data


# ---------------------------------------------------------------- report texts


class ReportTextForm(forms.Form):
    s1 = forms.CharField(label="一、总体情况", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    s5 = forms.CharField(label="五、存在的主要问题及改进情况", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    s6 = forms.CharField(label="六、其他需要报告的事项", widget=forms.Textarea(attrs={"rows": 4}), required=False)


# ---------------------------------------------------------------- section 二


def proactive_form(fmt, data=None, initial=None) -> forms.Form:  # noqa: ANN001
    """A form with one field per section 二 cell of the format, named by its cell path."""
    fields = {
        path: forms.CharField(label=path, required=False, widget=forms.TextInput(attrs={"size": 8, "inputmode": "decimal"}))
        for path in fmt.s2_paths()
    }
    form_class = type("ProactiveForm", (forms.Form,), fields)
    return form_class(data=data, initial=initial)
