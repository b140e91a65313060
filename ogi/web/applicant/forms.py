"""The public forms: the online application (条例第二十九条) and the tracking form. They parse and check
what the applicant typed (the identifiers' check digits: ``ogi.idnumbers``); the rules of the register
live in ``applications.services``."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError

from ogi.idnumbers import normalise, resident_id_problem, uscc_problem
from ogi.web.applications.choices import ApplicantType, Delivery, IdType, InfoForm
from ogi.web.applications.services import MAX_ID_SCAN_BYTES
from ogi.web.lib.forms import REQUIRED, required

PERSON = ApplicantType.NATURAL_PERSON
PHONE = re.compile(r"^\+?[0-9][0-9\- ]{5,18}[0-9]$")
TYPES = [(PERSON, "个人（自然人）")] + [
    (value, f"法人或其他组织：{label}") for value, label in ApplicantType.choices if value != PERSON
]
PERSON_IDS = [(v, label) for v, label in IdType.choices if v != IdType.USCC]


class ApplyForm(forms.Form):
    """The fields of 条例第二十九条: who (name, 身份证明, contact), what (description or 文号), and in which form
    and by which way the information is wanted."""

    applicant_type = forms.ChoiceField(label="申请人", choices=TYPES, widget=forms.RadioSelect, error_messages=REQUIRED)
    applicant_name = forms.CharField(
        label="姓名或名称", max_length=200, error_messages=required("请填写申请人的姓名（个人）或名称（法人或其他组织）"),
        help_text="法人或其他组织填写全称",
    )
    applicant_id_type = forms.ChoiceField(
        label="证件类型", choices=IdType.choices, error_messages=REQUIRED,
        help_text="法人或其他组织请选「统一社会信用代码」",
    )
    applicant_id_number = forms.CharField(label="证件号码", max_length=64, error_messages=required("请填写证件号码"))
    applicant_contact = forms.CharField(label="联系电话", max_length=64, required=False)
    applicant_email = forms.EmailField(
        label="电子邮箱", max_length=200, required=False, error_messages={"invalid": "请填写有效的电子邮箱地址"},
    )
    applicant_address = forms.CharField(label="通讯地址", max_length=300, required=False, help_text="选择邮寄时必填")
    content = forms.CharField(
        label="所需政府信息的名称或描述", required=False, widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
        help_text="写明信息的名称，或便于查找的特征（如年份、事项、发文机关）；一件申请宜只涉及一项信息",
    )
    info_document_number = forms.CharField(
        label="所需信息的文号", max_length=100, required=False, help_text="知道文号的请填写，例如 渝府发〔2024〕1号",
    )
    info_form = forms.ChoiceField(label="信息的形式", choices=InfoForm.choices, widget=forms.RadioSelect, error_messages=REQUIRED)
    delivery = forms.ChoiceField(label="获取信息的途径", choices=Delivery.choices, widget=forms.RadioSelect, error_messages=REQUIRED)
    id_scan = forms.FileField(
        label="身份证明（扫描件或照片）", error_messages=required("请上传身份证明的扫描件或照片"),
        help_text=f"PDF、PNG 或 JPEG，不超过 {MAX_ID_SCAN_BYTES // (1024 * 1024)} MB；法人或其他组织上传营业执照等登记证书",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_id_scan(self):  # noqa: ANN201
        f = self.cleaned_data["id_scan"]
        if f.size > MAX_ID_SCAN_BYTES:
            raise ValidationError(f"身份证明文件不能超过 {MAX_ID_SCAN_BYTES // (1024 * 1024)} MB")
        return f

    def clean_applicant_contact(self) -> str:
        phone = self.cleaned_data["applicant_contact"].strip()
        if phone and not PHONE.match(phone):
            raise ValidationError("联系电话应为数字（可含区号和“-”），例如 13800000000 或 023-68800000")
        return phone

    def clean(self) -> dict:
        data = super().clean()
        kind, id_type = data.get("applicant_type"), data.get("applicant_id_type")
        number = normalise(data.get("applicant_id_number") or "")
        if kind and id_type:
            if kind != PERSON and id_type != IdType.USCC:
                self.add_error("applicant_id_type", "法人或其他组织请选择「统一社会信用代码」并填写18位代码")
            elif kind == PERSON and id_type == IdType.USCC:
                self.add_error("applicant_id_type", "个人请选择居民身份证等个人证件")
            elif number:
                problem = (uscc_problem(number) if id_type == IdType.USCC
                           else resident_id_problem(number) if id_type == IdType.RESIDENT_ID else None)
                if problem:
                    self.add_error("applicant_id_number", problem)
                else:
                    data["applicant_id_number"] = number
        if not data.get("applicant_contact") and not data.get("applicant_email"):
            self.add_error("applicant_contact", "请至少填写联系电话或电子邮箱中的一项，便于本机关联系您")
        if data.get("delivery") == Delivery.EMAIL and not data.get("applicant_email") and "applicant_email" not in self.errors:
            self.add_error("applicant_email", "选择通过电子邮件获取信息时，请填写电子邮箱")
        if data.get("delivery") == Delivery.POST and not (data.get("applicant_address") or "").strip():
            self.add_error("applicant_address", "选择邮寄时，请填写通讯地址")
        content, doc = (data.get("content") or "").strip(), (data.get("info_document_number") or "").strip()
        if not content and not doc:
            self.add_error("content", "请填写所需政府信息的名称或描述，或者填写其文号")
        elif not content:
            data["content"] = f"文号为{doc}的政府信息"
        return data

    def details(self) -> dict:
        """The arguments of ``applications.services.submit_online``."""
        d = self.cleaned_data
        return {
            "applicant_type": d["applicant_type"], "applicant_name": d["applicant_name"],
            "applicant_id_type": d["applicant_id_type"], "applicant_id_number": d["applicant_id_number"],
            "applicant_contact": d["applicant_contact"], "applicant_email": d["applicant_email"],
            "applicant_address": d["applicant_address"], "content": d["content"],
            "info_document_number": d["info_document_number"], "delivery": d["delivery"],
            "form_requested": InfoForm(d["info_form"]).label,
        }


class TrackForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=40, error_messages=required("请填写查询码"))
    secret = forms.CharField(
        label="查询密码", max_length=60, widget=forms.PasswordInput(render_value=False),
        error_messages=required("请填写查询密码"),
    )


class OrganSearchForm(forms.Form):
    q = forms.CharField(label="搜索机关", max_length=100, required=False)
