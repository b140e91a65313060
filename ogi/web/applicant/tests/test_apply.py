"""The online application (条例第二十九条): the form's checks, what lands in the register, what is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ogi.web.applicant.models import Tracking
from ogi.web.applications.models import Application

from .conftest import ID_NUMBER, codes_of, scan

pytestmark = pytest.mark.django_db


def test_it_lands_in_the_register_as_awaiting_confirmation_with_a_code_shown_once(post_application, organs):
    response = post_application()
    assert response.status_code == 200, response.content.decode()[:2000]
    code, secret = codes_of(response)
    assert len(code.replace("-", "")) == 12 and len(secret.replace("-", "")) == 16
    assert "no-store" in response["Cache-Control"]
    app = Application.objects.get()
    assert app.organ == organs["rfb"] and app.status == "awaiting_confirmation" and app.get_status_display() == "待确认"
    assert app.received_on is None and app.due_date is None and app.channel == "online"
    assert app.applicant_id_number == ID_NUMBER and app.applicant_id_type == "resident_id"
    assert app.form_requested == "电子文档" and app.delivery == "email"
    assert [a.title for a in app.attachments.all()] == ["身份证明（申请人在线提交）"]
    tracking = Tracking.objects.get(application=app)
    assert tracking.code == code.replace("-", "")
    assert secret.replace("-", "") not in tracking.secret_hash  # only a salted digest is kept
    assert [e.kind for e in app.events.all()] == ["submitted_online"]



@pytest.mark.parametrize(("over", "field", "words"), [
    # the check character of 11010519491231002 is X (tests/test_idnumbers.py): a 1 there is refused
    ({"applicant_id_number": "110105194912310021"}, "applicant_id_number", "校验码不正确"),
    ({"applicant_id_number": "1101051949123100"}, "applicant_id_number", "应为18位"),
    # an organisation gives its 统一社会信用代码; 91350100M000100Y43's check is 3 (by hand), not 4
    ({"applicant_type": "org_commercial", "applicant_name": "重庆某某咨询有限公司"}, "applicant_id_type", "统一社会信用代码"),
    ({"applicant_type": "org_commercial", "applicant_id_type": "uscc", "applicant_id_number": "91350100M000100Y44"},
     "applicant_id_number", "校验码不正确"),
    ({"applicant_id_type": "uscc", "applicant_id_number": "91350100M000100Y43"}, "applicant_id_type", "个人请选择"),
    ({"applicant_contact": "", "applicant_email": "", "delivery": "collect"}, "applicant_contact", "至少填写联系电话或电子邮箱"),
    ({"applicant_contact": "电话13912345678"}, "applicant_contact", "联系电话应为数字"),
    ({"applicant_email": "", "delivery": "email"}, "applicant_email", "请填写电子邮箱"),
    ({"delivery": "post"}, "applicant_address", "请填写通讯地址"),
    ({"content": ""}, "content", "名称或描述，或者填写其文号"),
    ({"applicant_name": ""}, "applicant_name", "请填写申请人的姓名"),
])
def test_the_form_says_what_is_wrong_next_to_the_field(post_application, over, field, words):
    response = post_application(over)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and words in " ".join(errors[field]), errors
    assert not Application.objects.exists()


def test_an_organisation_with_a_good_credit_code_and_only_a_document_number(post_application):
    response = post_application({
        "applicant_type": "org_commercial", "applicant_name": "重庆某某咨询有限公司", "applicant_id_type": "uscc",
        "applicant_id_number": "91350100m000100y43", "content": "", "info_document_number": "渝府发〔2024〕1号",
    })
    assert response.status_code == 200
    app = Application.objects.get()
    assert app.applicant_id_number == "91350100M000100Y43" and app.applicant_type == "org_commercial"
    assert app.content == "文号为渝府发〔2024〕1号的政府信息" and app.info_document_number == "渝府发〔2024〕1号"


def test_an_executable_renamed_pdf_is_refused_by_its_content(post_application):
    exe = scan("身份证.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)
    response = post_application(file=exe)
    assert response.status_code == 400
    assert "不是可接受的格式" in " ".join(response.context["form"].errors["id_scan"])
    assert not Application.objects.exists() and not Tracking.objects.exists()


def test_a_word_document_is_not_an_id_scan(post_application):
    response = post_application(file=scan("id.txt", "我的身份证号码".encode()))
    assert response.status_code == 400
    assert "可接受：PDF、PNG 图片、JPEG 图片" in " ".join(response.context["form"].errors["id_scan"])


def test_a_scan_over_the_size_limit_is_refused(post_application):
    big = scan("id.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (5 * 1024 * 1024))
    response = post_application(file=big)
    assert response.status_code == 400
    assert "不能超过 5 MB" in " ".join(response.context["form"].errors["id_scan"])


def test_an_organ_that_does_not_exist_gets_a_clear_page(client, organs):
    response = client.get(reverse("applicant:apply", args=["no-such-organ"]))
    assert response.status_code == 404
    assert "没有代码为「no-such-organ」的机关" in response.content.decode()


def test_the_form_posted_twice_makes_one_application(client, organs):
    from .conftest import form_data, token_of

    url = reverse("applicant:apply", args=["dadukou-rfb"])
    token = token_of(client.get(url))
    first = client.post(url, form_data() | {"token": token, "id_scan": scan()})
    again = client.post(url, form_data() | {"token": token, "id_scan": scan()})
    assert first.status_code == 200 and again.status_code == 409
    assert "已经提交过" in again.content.decode()
    assert Application.objects.count() == 1


def test_the_organ_tree_and_its_search_work_without_script(client, organs):
    page = client.get(reverse("applicant:choose")).content.decode()
    # tree order: the government, then its departments under it (by code: edu before rfb)
    assert page.index("重庆市大渡口区人民政府") < page.index("教育委员会") < page.index("人民防空办公室")
    assert 'class="depth-1"><a href="/apply/dadukou-rfb/"' in page
    found = client.get(reverse("applicant:choose"), {"q": "人防"}).content.decode()
    assert "人民防空办公室" in found and "教育委员会" not in found
    assert "重庆市大渡口区人民政府</span>" in found  # the path above a search result
    assert "<script" not in page and "<script" not in found


def test_the_organ_list_is_paginated_20_a_page(client, organs):
    from ogi.web.organs.models import Organ

    Organ.objects.bulk_create(
        Organ(code=f"dadukou-t{i:02d}", name=f"重庆市大渡口区测试街道{i:02d}", kind="township", parent=organs["gov"])
        for i in range(25)
    )
    first = client.get(reverse("applicant:choose")).content.decode()
    assert first.count('<li class="depth-') == 20 and "第 1 / 2 页（共 28 条）" in first
    second = client.get(reverse("applicant:choose"), {"page": 2}).content.decode()
    assert second.count('<li class="depth-') == 8
