"""The commands, run as a user runs them (a separate process on a fresh SQLite data directory)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def ogi(*args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "OGI_DATA_DIR", "OGI_SECRET_KEY", "OGI_BROKER_URL")}
    return subprocess.run(
        [sys.executable, "-m", "ogi", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("demo")
    done = ogi("demo", "--no-serve", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    assert "clerk" in done.stdout and "密码" in done.stdout
    assert "/season/" in done.stdout and "/public/" in done.stdout
    return data


def test_it_lists_the_organs(demo_dir):
    done = ogi("organs", "--data-dir", str(demo_dir))
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "代码\t名称\t类别\t上级"
    assert "dadukou-rfb\t重庆市大渡口区人民防空办公室\t政府部门\tdadukou" in lines
    assert "dadukou\t重庆市大渡口区人民政府\t人民政府\t" in lines


def test_it_exports_last_years_complete_report_that_balances(demo_dir, tmp_path):
    out = tmp_path / "r.json"
    done = ogi("report", "dadukou-rfb", "2025", "--to", "json", "-o", str(out), "--data-dir", str(demo_dir))
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["format"], report["year"], report["organ"]) == ("2021", 2025, "重庆市大渡口区人民防空办公室")
    s3 = report["sections"]["s3"]
    assert s3["new_received"]["total"] > 0
    for col in s3["r_total"]:  # R3-1, per column
        assert s3["new_received"][col] + s3["carried_over"][col] == s3["r_total"][col] + s3["carry_forward"][col]


def test_it_exports_html(demo_dir, tmp_path):
    out = tmp_path / "r.html"
    done = ogi("report", "dadukou", "2025", "--to", "html", "-o", str(out), "--data-dir", str(demo_dir), "--include-children")
    assert done.returncode == 0, done.stderr
    assert "本年新收政府信息公开申请数量" in out.read_text(encoding="utf-8")


def test_it_refuses_an_unknown_organ_in_one_line(demo_dir, tmp_path):
    done = ogi("report", "nowhere", "2025", "-o", str(tmp_path / "x.json"), "--data-dir", str(demo_dir))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["ogi: 未知的机关代码“nowhere”（可用 ogi organs 查看）"]


def test_the_demo_has_letters_and_letters_mail_runs(demo_dir, tmp_path):
    import sqlite3

    db = sqlite3.connect(demo_dir / "ogi.sqlite3")
    letters = db.execute("SELECT docno FROM letters_letter WHERE docno LIKE '渡人防依申%'").fetchall()
    settings = db.execute("SELECT COUNT(*) FROM letters_lettersettings WHERE court <> ''").fetchone()[0]
    db.close()
    assert letters and settings == 8  # the government, five departments, two townships
    data = _copy_sqlite(demo_dir, tmp_path / "copy")
    done = ogi("letters-mail", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "没有到期待发送的文书邮件"  # the demo's applicants give no e-mail address


def test_it_sets_a_new_password_for_a_demo_user(demo_dir, tmp_path):
    data = _copy_sqlite(demo_dir, tmp_path / "copy")
    done = ogi("passwd", "clerk", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip()
    assert line.startswith("用户 clerk 的新密码：")
    password = line.removeprefix("用户 clerk 的新密码：").split("（")[0]
    code = (
        "import django, sys; django.setup(); from django.contrib.auth.models import User;"
        "print(User.objects.get(username='clerk').check_password(sys.argv[1]))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env |= {"OGI_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "ogi.web.settings"}
    check = subprocess.run([sys.executable, "-c", code, password], capture_output=True, text=True, env=env, timeout=120)
    assert check.stdout.strip() == "True", check.stderr
    wrong = subprocess.run([sys.executable, "-c", code, password + "x"], capture_output=True, text=True, env=env, timeout=120)
    assert wrong.stdout.strip() == "False", wrong.stderr


def test_it_refuses_to_set_the_password_of_an_unknown_user_in_one_line(demo_dir):
    done = ogi("passwd", "nobody", "--data-dir", str(demo_dir))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["ogi: 没有可登录的用户“nobody”（用户名见 ogi demo 首次运行时的输出）"]


def test_it_refuses_an_unknown_report_kind_before_opening_the_database(tmp_path):
    done = ogi("report", "dadukou", "2025", "--to", "odt", "--data-dir", str(tmp_path / "none"))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["ogi: 不支持的输出格式“odt”，可选：html、docx、pdf、txt、json、xlsx"]


def test_it_refuses_a_missing_data_dir_in_one_line(tmp_path):
    done = ogi("organs", "--data-dir", str(tmp_path / "none"))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "请先运行 ogi demo" in done.stderr


def test_it_serves_the_data_dir_with_gunicorn_and_whitenoise(demo_dir):
    port = _free_port()
    proc = _serve(demo_dir, port)
    try:
        assert _get_when_up(f"http://127.0.0.1:{port}/healthz") == "ok"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/ogi/ogi.css", timeout=5) as resp:  # noqa: S310
            assert resp.headers["Server"].startswith("gunicorn")
            assert resp.headers["Content-Type"].startswith("text/css")
            assert "max-age" in resp.headers["Cache-Control"]  # WhiteNoise, from the collected files
        assert (demo_dir / "static" / "ogi" / "ogi.css").is_file()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert "个进程" in out and f":{port}/" in out


def test_a_long_search_reaches_django_through_gunicorn_and_a_longer_line_is_refused_in_chinese(demo_dir, tmp_path):
    """gunicorn's default request line (4,094 bytes) would answer a 500-character search (4.5 KB encoded)
    with its English 414; at its maximum (8,190) the search reaches the form, whose message is Chinese."""
    import http.cookiejar
    import re
    import urllib.error
    import urllib.parse

    data = _copy_sqlite(demo_dir, tmp_path / "copy")
    (data / "secret_key").write_text((demo_dir / "secret_key").read_text())
    password = ogi("passwd", "clerk", "--data-dir", str(data)).stdout.split("新密码：")[1].split("（")[0].strip()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _serve(data, port)
    try:
        _get_when_up(f"{base}/healthz")
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with browser.open(f"{base}/login/", timeout=10) as resp:
            csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', resp.read().decode()).group(1)
        form = urllib.parse.urlencode({"username": "clerk", "password": password, "csrfmiddlewaretoken": csrf})
        with browser.open(f"{base}/login/", form.encode(), timeout=10) as resp:
            assert "工作台" in resp.read().decode()
        search = f"{base}/applications/?" + urllib.parse.urlencode({"q": "搜" * 500})
        assert 4094 < len(f"GET {search.removeprefix(base)} HTTP/1.1") < 8190
        with browser.open(search, timeout=10) as resp:
            assert "搜索词不能超过 100 个字（现有 500 个）" in resp.read().decode()
        too_long = f"{base}/applications/?" + urllib.parse.urlencode({"q": "搜" * 1000})
        with pytest.raises(urllib.error.HTTPError) as refused:
            browser.open(too_long, timeout=10)
        assert refused.value.code == 414
        assert "网址过长（请求行超过 8190 字节），请缩短搜索词后重试" in refused.value.read().decode()
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


def test_the_server_takes_the_longest_request_line_gunicorn_allows():
    from ogi.web import server

    assert server.options("127.0.0.1", 8000)["limit_request_line"] == 8190
    assert server.options("127.0.0.1", 8000)["worker_class"] == "ogi.web.server.Worker"


def test_it_runs_the_development_server_only_when_asked(demo_dir):
    port = _free_port()
    proc = _serve(demo_dir, port, "--dev")
    try:
        assert _get_when_up(f"http://127.0.0.1:{port}/healthz") == "ok"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as resp:  # noqa: S310
            assert resp.headers["Server"].startswith("WSGIServer")
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=20)
    assert "开发服务器" in out


def test_it_refuses_a_busy_port_in_one_line_before_printing_anything(demo_dir):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = ogi("serve", "--data-dir", str(demo_dir), "--port", str(port), timeout=60)
        demo = ogi("demo", "--data-dir", str(demo_dir), "--port", str(port), timeout=60)
    for run in (done, demo):
        assert run.returncode == 2
        assert run.stdout == ""
        assert run.stderr.strip().splitlines() == [
            f"ogi: 端口 {port} 已被占用（127.0.0.1），请用 --port 指定另一个端口，或先停止占用它的程序"
        ]


def _serve(data: Path, port: int, *extra: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "OGI_DATA_DIR", "OGI_BROKER_URL")}
    env["OGI_WORKERS"] = "2"
    return subprocess.Popen(
        [sys.executable, "-m", "ogi", "serve", "--data-dir", str(data), "--port", str(port), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True,
    )


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_when_up(url: str) -> str:
    for _ in range(60):
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310
                assert resp.status == 200
                return resp.read().decode()
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer")


def _copy_sqlite(source: Path, target: Path) -> Path:
    """A copy of a data directory's database, taken with SQLite's own backup (WAL included)."""
    import sqlite3

    target.mkdir()
    with sqlite3.connect(source / "ogi.sqlite3") as src, sqlite3.connect(target / "ogi.sqlite3") as dst:
        src.backup(dst)
    return target


def test_audit_verify_reports_an_intact_chain_with_its_count_and_head(demo_dir):
    import sqlite3

    with sqlite3.connect(demo_dir / "ogi.sqlite3") as db:
        count = db.execute("SELECT count(*) FROM audit_auditentry").fetchone()[0]
        head = db.execute("SELECT hash FROM audit_chainhead").fetchone()[0]
    done = ogi("audit", "verify", "--data-dir", str(demo_dir))
    assert done.returncode == 0, done.stderr
    assert count > 100
    assert done.stdout.splitlines() == [f"审计记录完整：共 {count} 条，链头哈希 {head}"]


def test_audit_verify_names_the_first_broken_link_and_exits_1(demo_dir, tmp_path):
    """The owner of the file drops the guard, edits entry 7 and puts the guard back."""
    import sqlite3

    copy = _copy_sqlite(demo_dir, tmp_path / "copy")
    with sqlite3.connect(copy / "ogi.sqlite3") as db:
        db.execute("DROP TRIGGER audit_auditentry_no_update")
        db.execute("UPDATE audit_auditentry SET action = 'answer' WHERE seq = 7")
    done = ogi("audit", "verify", "--data-dir", str(copy))
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["审计记录链在第 7 条处断开：记录的内容与其哈希不符（记录被修改）"]


REDIS_TEST_DB = "redis://127.0.0.1:6379/13"  # a database of its own on the machine's Redis


def test_a_real_worker_takes_the_export_task_from_redis(demo_dir):
    import sqlite3

    import pypdfium2
    import redis
    from celery import Celery

    redis.Redis.from_url(REDIS_TEST_DB).flushdb()
    with sqlite3.connect(demo_dir / "ogi.sqlite3") as db:
        (organ_id,) = db.execute("SELECT id FROM organs_organ WHERE code = 'dadukou-rfb'").fetchone()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "OGI_DATA_DIR")}
    env["OGI_BROKER_URL"] = REDIS_TEST_DB
    worker = subprocess.Popen(
        [sys.executable, "-m", "ogi", "worker", "--data-dir", str(demo_dir), "--concurrency", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
    )
    client = Celery("client", broker=REDIS_TEST_DB, backend=REDIS_TEST_DB)  # knows the task by name only
    try:
        done = client.send_task("ogi.reports.render_export", args=[organ_id, 2025, "pdf", False]).get(timeout=180)
    finally:
        worker.terminate()
        out, err = worker.communicate(timeout=30)
    assert "后台任务 worker：队列 redis://127.0.0.1:6379/13，1 个进程" in out, err
    assert done["body"].startswith(b"%PDF-")
    text = pypdfium2.PdfDocument(done["body"])[0].get_textpage().get_text_range()
    assert "重庆市大渡口区人民防空办公室" in text.replace("\r", "").replace("\n", "")


def test_it_refuses_to_start_a_worker_without_a_broker(demo_dir):
    done = ogi("worker", "--data-dir", str(demo_dir), timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "ogi: 未设置 OGI_BROKER_URL（例如 redis://127.0.0.1:6379/0）：没有任务队列时任务在网站进程内直接运行，无需 worker"
    ]


# ---------------------------------------------------------------- backup and restore


def _sqlite_tables(path: Path) -> dict[str, list]:
    """Every row of every table, sorted, read with the sqlite3 module (not through ogi)."""
    import sqlite3

    with sqlite3.connect(path) as db:
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {n: sorted(db.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def source_dir(demo_dir, tmp_path_factory) -> Path:
    """A copy of the demo with documents uploaded and issued (nested folders, binary content)."""
    src = _copy_sqlite(demo_dir, tmp_path_factory.mktemp("bk") / "src")
    (src / "secret_key").write_text((demo_dir / "secret_key").read_text())
    for name, data in (("attachments/2026/11/申请书.pdf", b"%PDF-1.7\n\x00\xff" * 50), ("letters/2026-0031.docx", b"PK\x03\x04" + bytes(range(256)))):
        (src / "uploads" / name).parent.mkdir(parents=True, exist_ok=True)
        (src / "uploads" / name).write_bytes(data)
    return src


@pytest.fixture(scope="module")
def archive(source_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bk-out") / "ogi-backup.tar"
    done = ogi("backup", "--data-dir", str(source_dir), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"已写出备份 {out}（sqlite 数据库、2 个文件，清单含 SHA-256）"]
    return out


def test_backup_then_restore_gives_every_row_and_every_file_back(source_dir, archive, tmp_path):
    import hashlib
    import tarfile

    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        media = tar.extractfile("media/letters/2026-0031.docx").read()
    assert manifest["files"]["media/letters/2026-0031.docx"] == hashlib.sha256(media).hexdigest()
    assert set(manifest["files"]) == {"database/ogi.sqlite3", "secret_key", "media/attachments/2026/11/申请书.pdf",
                                      "media/letters/2026-0031.docx"}
    target = tmp_path / "restored"
    done = ogi("restore", str(archive), "--data-dir", str(target))
    assert done.returncode == 0, done.stderr
    before, after = _sqlite_tables(source_dir / "ogi.sqlite3"), _sqlite_tables(target / "ogi.sqlite3")
    assert len(before) > 20 and sum(map(len, before.values())) > 1000
    assert after == before
    assert _files(target / "uploads") == _files(source_dir / "uploads")
    assert (target / "secret_key").read_text() == (source_dir / "secret_key").read_text()
    verified = ogi("audit", "verify", "--data-dir", str(target))
    assert verified.returncode == 0 and verified.stdout == ogi("audit", "verify", "--data-dir", str(source_dir)).stdout


def test_restore_refuses_a_data_dir_in_use_without_force(archive, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "ogi.sqlite3").write_bytes(b"")
    done = ogi("restore", str(archive), "--data-dir", str(tmp_path / "used"))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"ogi: 数据目录 {tmp_path / 'used'} 不是空的；确要覆盖请加 --force"]
    assert (tmp_path / "used" / "ogi.sqlite3").read_bytes() == b""
    forced = ogi("restore", str(archive), "--data-dir", str(tmp_path / "used"), "--force")
    assert forced.returncode == 0, forced.stderr
    assert ogi("organs", "--data-dir", str(tmp_path / "used")).returncode == 0


def test_restore_checks_the_hashes_before_writing_anything(archive, tmp_path):
    """One byte of an uploaded document changed inside the archive: refused, nothing written."""
    import tarfile

    bad = tmp_path / "bad.tar"
    with tarfile.open(archive) as src, tarfile.open(bad, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "media/letters/2026-0031.docx":
                data = data[:-1] + b"\x00"
            dst.addfile(member, io.BytesIO(data))
    done = ogi("restore", str(bad), "--data-dir", str(tmp_path / "new"))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"ogi: 备份文件 {bad} 已损坏：media/letters/2026-0031.docx 的哈希与清单不符"]
    assert not (tmp_path / "new").exists()


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.tar"
    junk.write_text("不是备份")
    done = ogi("restore", str(junk), "--data-dir", str(tmp_path / "new"))
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(f"ogi: 无法读取备份文件 {junk}")


def test_it_runs_the_season_reminders_for_cron(demo_dir):
    done = ogi("remind", "--data-dir", str(demo_dir), "--today", "2026-01-20")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("已发送 ")
    wrong = ogi("remind", "--data-dir", str(demo_dir), "--today", "20.1.2026")
    assert wrong.returncode == 2 and "--today 应为日期" in wrong.stderr


def test_the_demo_has_last_years_season_in_each_state(demo_dir):
    import json
    import sqlite3
    from datetime import date

    from ogi.model import Report
    from ogi.rules import check

    db = sqlite3.connect(demo_dir / "ogi.sqlite3")
    (year,) = db.execute("SELECT year FROM season_season").fetchone()
    states = dict(db.execute("SELECT o.code, e.status FROM season_rosterentry e "
                             "JOIN organs_organ o ON o.id = e.organ_id").fetchall())
    published = {r[0] for r in db.execute("SELECT o.code FROM portal_publication p "
                                          "JOIN organs_organ o ON o.id = p.organ_id WHERE p.year = ?", (year,))}
    returned = db.execute("SELECT c.text, s.source FROM season_comment c JOIN season_submission s "
                          "ON s.id = c.submission_id JOIN season_rosterentry e ON e.id = s.entry_id "
                          "JOIN organs_organ o ON o.id = e.organ_id WHERE o.code = 'dadukou-rfb'").fetchall()
    blocked = db.execute("SELECT d.parsed, d.corrections FROM season_draft d JOIN season_rosterentry e ON e.id = d.entry_id "
                         "JOIN organs_organ o ON o.id = e.organ_id WHERE o.code = 'dadukou-rfb'").fetchall()
    late = db.execute("SELECT e.deadline FROM season_rosterentry e JOIN organs_organ o ON o.id = e.organ_id "
                      "WHERE o.code = 'dadukou-scjg'").fetchone()[0]
    db.close()
    assert year == date.today().year - 1  # last year's reports
    assert states == {
        "dadukou": "submitted",  # the government's own report, in review
        "dadukou-edu": "published", "dadukou-ghzy": "published", "dadukou-zjw": "published",
        "dadukou-tdz": "published",
        "dadukou-rfb": "returned",
        "dadukou-scjg": "drafting",  # uploaded, not submitted, past its deadline
        "dadukou-bqz": "not_started",
    }
    assert published == {"dadukou-edu", "dadukou-ghzy", "dadukou-zjw", "dadukou-tdz"}
    assert len(returned) == 1 and "R3-1" in returned[0][0] and returned[0][1] == "upload"
    (parsed, corrections), = blocked  # the DOCX as read failed R3-1; the clerk changed two cells back
    as_read = [f for f in check(Report.from_dict(json.loads(parsed))) if f.severity == "error"]
    assert {f.rule for f in as_read} == {"R3-1"}
    assert [c["path"] for c in json.loads(corrections)] == ["s3.carried_over.natural_person", "s3.carried_over.total"]
    assert date.fromisoformat(late) == date(year + 1, 1, 31) < date.today()
