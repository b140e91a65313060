"""Form building blocks shared by the apps: date fields, widgets, Chinese error messages, and putting a
service's ``ValidationError`` next to the right field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from . import checks

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})
REQUIRED = {"required": "此项为必填项"}
BAD_DATE = {"required": "请填写日期", "invalid": "日期格式应为 YYYY-MM-DD，例如 2024-09-27"}


class PastDateField(forms.DateField):
    """A date of something that has happened: today at the latest (the services check it again)."""

    def validate(self, value) -> None:  # noqa: ANN001
        super().validate(value)
        today = checks.today()
        if value and value > today:
            raise ValidationError(f"{self.label}不能晚于今天（{today.isoformat()}）")


def date_field(label: str, required: bool = True) -> forms.DateField:
    return PastDateField(label=label, widget=DATE, required=required, error_messages=BAD_DATE)


def required(message: str) -> dict[str, str]:
    return {"required": message}


def version_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "缺少版本号，请刷新后重试"})


def attach_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to its field (or on top of the form, for hidden ones)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        visible = field in form.fields and not form.fields[field].widget.is_hidden
        form.add_error(field if visible else None, errors)


def refusal_status(exc: ValidationError) -> int:
    """409 when someone else changed the object meanwhile, else 400."""
    stale = hasattr(exc, "error_dict") and "version" in exc.error_dict
    return 409 if stale else 400
