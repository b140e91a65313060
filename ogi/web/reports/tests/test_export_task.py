"""The export runs as a background task: in-process without a broker (these tests), on a worker with
Redis (ogi/web/tests/test_cli.py starts a real one)."""

from __future__ import annotations

from ogi.web.conftest import as_user
from ogi.web.reports import tasks
from ogi.web.tasks import app, is_eager

REPORT = "/organs/dadukou-rfb/2025/report/"


def test_without_a_broker_the_task_runs_in_process(people, organs):
    assert is_eager()
    done = tasks.render_export.delay(organs["rfb"].pk, 2025, "txt", False).get(timeout=5)
    assert "重庆市大渡口区人民防空办公室" in done["body"].decode("utf-8")


def test_the_task_names_a_report_it_cannot_render(people, organs):
    done = tasks.render_export.delay(organs["rfb"].pk, 2025, "nosuchkind", False).get(timeout=5)
    assert set(done) == {"error"} and "nosuchkind" in done["error"]


def test_an_export_not_done_in_time_gives_a_clear_message(client, people, monkeypatch, settings):
    """A queue nobody works on (an in-memory broker, not eager): the page waits TASK_TIMEOUT, then says so."""
    monkeypatch.setattr(app.conf, "task_always_eager", False)
    settings.TASK_TIMEOUT = 1
    response = as_user(client, people["clerk"]).get(REPORT + "export/pdf/", follow=True)
    assert response.redirect_chain[-1][0] == REPORT
    assert "导出失败：1 秒内未完成（后台任务繁忙），请稍后再试" in response.content.decode()
