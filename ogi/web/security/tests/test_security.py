"""What a browser or an attacker meets at the door: security headers and the CSP, login lockout,
request limits, uploads checked by content, HTTPS settings that pass Django's deployment check."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ogi.web.conftest import PASSWORD, as_user
from ogi.web.lib.uploads import check_upload, sniff

WEB = Path(__file__).resolve().parents[2]
ROOT = WEB.parents[1]


def test_it_sends_a_strict_content_security_policy_and_security_headers(client, people):
    response = as_user(client, people["clerk"]).get("/")
    csp = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_it_has_no_inline_script_or_style_in_any_template():
    """The CSP forbids them: an inline style or handler would silently not work."""
    offenders = []
    for path in WEB.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for needle in (" style=", "<style", " onclick=", " onchange=", " onsubmit=", " onload="):
            if needle in text:
                offenders.append(f"{path.relative_to(WEB)}: {needle.strip()}")
        if "<script" in text and "<script src=" not in text.replace("<script defer src=", "<script src="):
            offenders.append(f"{path.relative_to(WEB)}: inline <script>")
    assert offenders == []


def login(client: Client, password: str) -> int:
    return client.post("/login/", {"username": "clerk", "password": password}, REMOTE_ADDR="10.1.2.3").status_code


def test_it_locks_out_a_user_after_five_wrong_passwords(people, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    client = Client()
    for _ in range(4):
        assert login(client, "wrong") == 200  # the form again, with its message
    assert login(client, "wrong") == 429
    response = client.post("/login/", {"username": "clerk", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 429  # locked: the right password does not open it now
    assert "登录已暂停" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_lets_the_right_password_in_before_the_limit(people):
    client = Client()
    for _ in range(4):
        login(client, "wrong")
    assert login(client, PASSWORD) == 302
    assert client.session["_auth_user_id"] == str(people["clerk"].pk)


def test_it_ends_a_session_after_a_working_day(settings):
    assert settings.SESSION_COOKIE_AGE == 9 * 3600


def test_it_refuses_a_body_larger_than_the_limit_before_reading_it(client, people, settings):
    class Unreadable(io.RawIOBase):
        def read(self, *args):  # noqa: ANN002
            raise AssertionError("the body was read")

    as_user(client, people["clerk"])
    response = client.generic(
        "POST", "/applications/new/", b"", CONTENT_LENGTH=str(settings.MAX_REQUEST_BYTES + 1),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert "上限为 25 MB" in response.content.decode()


def test_it_answers_400_for_a_nul_byte_in_the_query(client, people):
    response = as_user(client, people["clerk"]).get("/appeals/?organ=%00x")
    assert response.status_code == 400
    assert "无效字符" in response.content.decode()


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize(("data", "kind"), [
    (b"%PDF-1.7\n...", "pdf"), (b"\x89PNG\r\n\x1a\n....", "png"), (b"\xff\xd8\xff\xe0JFIF", "jpeg"),
    ("申请内容：2024年度预算".encode("gb18030"), "text"), ("申请内容".encode(), "text"),
    (b"MZ\x90\x00\x03", None), (b"\x7fELF\x02\x01", None), (b"\x00\x01\x02binary", None),
])
def test_it_tells_a_file_by_its_first_bytes(data, kind):
    assert sniff(data) == kind


def test_it_tells_a_docx_from_another_zip():
    assert sniff(docx_bytes()) == "docx"
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("payload.exe", b"MZ")
    assert sniff(other.getvalue()) is None


@pytest.mark.parametrize(("name", "data", "message"), [
    ("答复书.pdf", b"MZ\x90\x00 an executable", "内容不是可接受的格式"),
    ("答复书.pdf", docx_bytes(), "扩展名与内容不符"),
    ("照片.png", b"", "文件是空的"),
])
def test_it_refuses_an_upload_whose_content_is_not_what_it_claims(name, data, message):
    with pytest.raises(ValidationError) as info:
        check_upload(SimpleUploadedFile(name, data))
    assert message in info.value.message_dict["file"][0]


def test_it_accepts_a_real_docx_named_docx():
    assert check_upload(SimpleUploadedFile("告知书.docx", docx_bytes())) == "docx"


def deploy_check(env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ogi.web.settings", "OGI_DEBUG": "false",
           "OGI_SECRET_KEY": "k" * 20 + "Zq7!x9#mP2$vL5&nR8*tY4(wB6)jH3-uF1=cD0" + "s" * 20,
           "OGI_ALLOWED_HOSTS": "ogi.example.gov.cn", **env_extra}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests of this process
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_it_passes_the_deployment_check_behind_https(tmp_path):
    run = deploy_check({"OGI_HTTPS": "1", "OGI_DATA_DIR": str(tmp_path)})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


def test_it_fails_the_deployment_check_without_https(tmp_path):
    run = deploy_check({"OGI_HTTPS": "0", "OGI_DATA_DIR": str(tmp_path)})
    assert run.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in run.stdout + run.stderr
