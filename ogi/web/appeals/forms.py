"""The forms of the appeals register; the rules live in ``services``."""

from __future__ import annotations

from django import forms

from ogi.web.applications.models import Application
from ogi.web.lib.forms import REQUIRED, TEXT, date_field, version_field

from .choices import AppealKind, AppealResult

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
    version = version_field()
    result = forms.ChoiceField(label="结果", choices=AppealResult.choices, error_messages=REQUIRED)
    decided_on = date_field("审结日期", required=False)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("result") and data["result"] != AppealResult.PENDING and not data.get("decided_on"):
            self.add_error("decided_on", "已审结的，请填写审结日期")
        return data
