"""The forms of the report screens: texts 一/五/六 and the section 二 cells."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from .models import proactive_value

# ---------------------------------------------------------------- report texts


class ReportTextForm(forms.Form):
    s1 = forms.CharField(label="一、总体情况", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    s5 = forms.CharField(label="五、存在的主要问题及改进情况", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    s6 = forms.CharField(label="六、其他需要报告的事项", widget=forms.Textarea(attrs={"rows": 4}), required=False)


# ---------------------------------------------------------------- section 二


class ProactiveField(forms.CharField):
    """One section 二 cell: blank or a number the report can hold (``models.proactive_value``)."""

    def __init__(self, path: str, **kwargs) -> None:  # noqa: ANN003
        self.path = path
        super().__init__(label=path, required=False, max_length=40,
                         widget=forms.TextInput(attrs={"size": 8, "inputmode": "decimal"}), **kwargs)

    def clean(self, value: object) -> Decimal | None:
        text = super().clean(value)
        try:
            return proactive_value(self.path, text)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict[self.path]) from None


def proactive_form(fmt, data=None, initial=None) -> forms.Form:  # noqa: ANN001
    """A form with one field per section 二 cell of the format, named by its cell path."""
    fields = {path: ProactiveField(path) for path in fmt.s2_paths()}
    form_class = type("ProactiveForm", (forms.Form,), fields)
    return form_class(data=data, initial=initial)
