"""The forms of the report screens: texts 一/五/六 and the section 二 cells."""

from __future__ import annotations

from django import forms

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
