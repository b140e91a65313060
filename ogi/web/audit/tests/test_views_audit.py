from __future__ import annotations

from ogi.web.conftest import as_user


def test_it_shows_the_organ_audit_trail_read_only(client, people, application):
    c = as_user(client, people["auditor"])
    html = c.get("/organs/dadukou-rfb/audit/").content.decode()
    assert "register" in html and "张三" not in html
    assert c.post("/organs/dadukou-rfb/audit/").status_code == 405
    assert as_user(client, people["other_clerk"]).get("/organs/dadukou-rfb/audit/").status_code == 404
