"""Helpers of the applicant tests: a filled-in online form and a small ID scan."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# 11010519491231002X: the check character computed by hand in tests/test_idnumbers.py
ID_NUMBER = "11010519491231002X"


def scan(name: str = "id.png", data: bytes = PNG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/png")


def form_data(**over) -> dict:
    data = {
        "applicant_type": "natural_person", "applicant_name": "赵六", "applicant_id_type": "resident_id",
        "applicant_id_number": ID_NUMBER, "applicant_contact": "13912345678", "applicant_email": "zhao@example.com",
        "applicant_address": "", "content": "2025年本区人防工程易地建设费的收缴和使用情况", "info_document_number": "",
        "info_form": "electronic", "delivery": "email",
    }
    return data | over


def token_of(response) -> str:  # noqa: ANN001
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def post_application(client, organs):
    """Open the form for rfb, post it (with ``over`` changing fields), return the response."""

    def post(over: dict | None = None, file=None, code: str = "dadukou-rfb", address: str = "203.0.113.7"):  # noqa: ANN001
        url = reverse("applicant:apply", args=[code])
        token = token_of(client.get(url))
        data = form_data(**(over or {})) | {"token": token, "id_scan": file if file is not None else scan()}
        return client.post(url, data, REMOTE_ADDR=address)

    return post


def codes_of(response) -> tuple[str, str]:  # noqa: ANN001
    html = response.content.decode()
    code = re.search(r'id="tracking-code">([^<]+)<', html).group(1)
    secret = re.search(r'id="tracking-secret">([^<]+)<', html).group(1)
    return code, secret
