"""The letters' forms: they only parse input; the rules are the services'. Field names are the keyword
names of ``services.issue`` (the facts of each kind), so a refusal lands next to its field."""

from __future__ import annotations

import copy

from django import forms

from ogi import letters as law
from ogi.web.applications.choices import FeeMethod, Outcome
from ogi.web.lib.checks import MAX_CORRECTION_PERIOD_WORKDAYS, MAX_PAGES
from ogi.web.lib.forms import TEXT, date_field, required, version_field

from .models import DeliveryChannel

LONG = forms.Textarea(attrs={"rows": 22, "class": "code"})


def _int(label: str, low: int, high: int, required_: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=low, max_value=high, required=required_,
        error_messages={"invalid": f"{label}应为整数", "min_value": f"{label}不能小于{low}",
                        "max_value": f"{label}不能大于{high}", "required": f"请填写{label}"},
    )


# the fields of each kind, beyond the date (services.issue's facts)
FIELDS: dict[str, dict[str, forms.Field]] = {
    "receipt": {},
    "correction": {
        "what": forms.CharField(label="需要补正的事项", widget=TEXT, error_messages=required("请写明需要补正的事项")),
        "period_days": _int("补正期限（工作日，留空用默认值）", 1, MAX_CORRECTION_PERIOD_WORKDAYS),
    },
    "reasons": {
        "question": forms.CharField(label="需要说明理由的事项", widget=TEXT, error_messages=required("请写明需要说明理由的事项")),
        "reply_days": _int("说明期限（工作日）", 1, 60),
    },
    "extension": {},
    "third_party_consult": {
        "third_party": forms.CharField(label="第三方名称", max_length=200, error_messages=required("请填写第三方名称")),
        "third_party_address": forms.CharField(label="第三方地址", max_length=300, required=False),
    },
    "third_party_notice": {},
    "third_party_disclosure": {
        "third_party": forms.CharField(label="第三方名称", max_length=200, error_messages=required("请填写第三方名称")),
        "reason": forms.CharField(label="决定公开的理由（公共利益）", widget=TEXT, error_messages=required("请写明决定公开的理由")),
    },
    "organ_consult": {
        "other_organ": forms.CharField(label="被征求意见的机关", max_length=200, error_messages=required("请填写被征求意见的机关")),
    },
    "fee": {
        "method": forms.ChoiceField(label="计收方式（二者择一）", choices=FeeMethod.choices, widget=forms.RadioSelect,
                                    error_messages=required("请选择计收方式")),
        "pages": _int("页数（按量计收时填写）", 1, MAX_PAGES),
        "confirmed": forms.IntegerField(widget=forms.HiddenInput, required=False),
    },
    "answer": {
        "outcome": forms.ChoiceField(label="办理结果", choices=[("", "请选择")] + Outcome.choices,
                                     error_messages=required("请选择办理结果")),
        "reason": forms.CharField(label="理由/说明", widget=TEXT, required=False),
        "where": forms.CharField(label="获取方式、途径（予以公开、已主动公开、信访渠道、出版物等）", widget=TEXT, required=False),
        "referral": forms.CharField(label="负责公开的机关及联系方式（不属于本机关负责公开时）", max_length=300, required=False),
        "already_public": forms.BooleanField(label="已主动公开（第三十六条第（一）项）", required=False),
    },
}


class IssueForm(forms.Form):
    version = version_field()
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    corrects = forms.IntegerField(widget=forms.HiddenInput, required=False)
    on = date_field("发文日期")

    def __init__(self, *args, kind: str, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.title = law.KINDS[kind].title
        for name, field in FIELDS[kind].items():
            self.fields[name] = copy.deepcopy(field)

    def facts(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "token", "corrects", "on")}
        return {k: v for k, v in data.items() if v not in (None, "", False)}


class DeliveryForm(forms.Form):
    channel = forms.ChoiceField(label="送达方式", choices=DeliveryChannel.choices, error_messages=required("请选择送达方式"))
    on = date_field("送达日期")
    note = forms.CharField(label="说明", max_length=300, required=False)


class TemplateForm(forms.Form):
    body = forms.CharField(label="模板（Django 模板语言）", widget=LONG, strip=False, error_messages=required("模板不能为空"))


class SettingsForm(forms.Form):
    docno_prefix = forms.CharField(label="文号机关代字", max_length=30, required=False)
    review_body = forms.CharField(label="行政复议机关", max_length=200, required=False)
    court = forms.CharField(label="管辖法院", max_length=200, required=False)
    address = forms.CharField(label="机关地址", max_length=300, required=False)
    contact = forms.CharField(label="联系电话", max_length=100, required=False)
    payment = forms.CharField(label="缴费方式", widget=TEXT, required=False)
    review_first = forms.MultipleChoiceField(
        label="须先申请行政复议的办理结果（行政复议法第二十三条）", choices=Outcome.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
