"""The registers system's commands: ``ogi demo``, ``ogi serve``, ``ogi worker``, ``ogi report``,
``ogi organs``, ``ogi passwd``, ``ogi remind``, ``ogi audit verify``, ``ogi backup``, ``ogi restore``.

Django is imported only inside the command functions, so ``ogi parse`` and friends stay light. A user's
mistake is a :class:`CommandError`, which the ``ogi`` command's one error boundary
(:mod:`ogi.cli.boundary`) prints as one Chinese line with exit status 2.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated

import typer

from ogi.errors import UsageError
from ogi.render import RENDERERS

DATA_DIR = Annotated[
    Path | None,
    typer.Option("--data-dir", help="数据目录（默认 $OGI_DATA_DIR 或 ./ogi-data）", show_default=False),
]
HOST = Annotated[str, typer.Option("--host", help="监听地址")]
PORT = Annotated[int, typer.Option("--port", help="端口")]
DEV = Annotated[bool, typer.Option("--dev", help="改用 Django 开发服务器（仅供开发，不用于生产）")]


class CommandError(UsageError):
    """A user's mistake: one Chinese line on stderr, exit status 2 (by the command's error boundary)."""


def resolve_data_dir(data_dir: Path | None) -> Path:
    return (data_dir or Path(os.environ.get("OGI_DATA_DIR") or "./ogi-data")).resolve()


def setup_django(data_dir: Path, *, must_exist: bool, host: str | None = None) -> None:
    """Point the settings at the data directory and start Django (once per process)."""
    if must_exist and not os.environ.get("DATABASE_URL") and not (data_dir / "ogi.sqlite3").exists():
        raise CommandError(f"数据目录 {data_dir} 中没有数据库，请先运行 ogi demo --data-dir {data_dir}")
    os.environ["OGI_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogi.web.settings")
    if host and host not in ("127.0.0.1", "localhost"):
        hosts = os.environ.get("OGI_ALLOWED_HOSTS", "127.0.0.1,localhost")
        os.environ["OGI_ALLOWED_HOSTS"] = f"{hosts},{host}"
    import django

    data_dir.mkdir(parents=True, exist_ok=True)
    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def ensure_port_free(host: str, port: int) -> None:
    from .server import port_is_free

    if not port_is_free(host, port):
        raise CommandError(f"端口 {port} 已被占用（{host}），请用 --port 指定另一个端口，或先停止占用它的程序")


def warn_about_role() -> None:
    """One line on stderr when the database role could switch off the audit trail's guards."""
    from django.db import connection

    from .audit.guards import role_warning

    warning = role_warning(connection)
    if warning:
        typer.echo(warning, err=True)


def serve_forever(host: str, port: int, dev: bool = False) -> None:
    """The production server (gunicorn + WhiteNoise); Django's development server only with ``dev``."""
    from django.conf import settings

    from .server import run

    ensure_port_free(host, port)  # again: it may have been taken meanwhile
    if dev:
        from django.core.management import call_command

        typer.echo(f"网站地址：http://{host}:{port}/    （开发服务器，仅供开发使用；按 Ctrl+C 停止）")
        call_command("runserver", f"{host}:{port}", use_reloader=False, insecure_serving=True, skip_checks=True)
        return
    typer.echo(
        f"网站地址：http://{host}:{port}/    （{settings.WORKERS} 个进程 × {settings.THREADS} 个线程；按 Ctrl+C 停止）"
    )
    run(host, port)


# ---------------------------------------------------------------- commands


def _demo(data_dir: Path | None, no_serve: bool, host: str, port: int, dev: bool) -> None:
    if not no_serve:
        ensure_port_free(host, port)
    target = resolve_data_dir(data_dir)
    setup_django(target, must_exist=False, host=host)
    migrate()
    from django.utils import timezone

    from .demo import build_demo
    from .organs.models import Organ

    if Organ.objects.exists():
        typer.echo(
            f"数据目录 {target} 中已有演示数据，直接使用（密码见首次运行时的输出；"
            f"忘记了可用 ogi passwd 用户名 --data-dir {target} 重设）。"
        )
    else:
        typer.echo(f"正在生成演示数据（{target}）……")
        logging.getLogger("ogi").setLevel(logging.WARNING)
        logins = build_demo(timezone.localdate())
        _print_logins(logins)
    if not no_serve:
        serve_forever(host, port, dev)


def _print_logins(logins) -> None:  # noqa: ANN001
    from ogi.web.appeals.models import Appeal
    from ogi.web.applications.models import Application

    typer.echo(f"已生成 {Application.objects.count()} 件申请、{Appeal.objects.count()} 件行政复议/诉讼。")
    typer.echo("上一年度的年报报送见 /season/（以 supervisor 登录），已公开的年度报告见 /public/（无需登录）。")
    typer.echo("登录账号（请妥善保存密码）：")
    for login in logins:
        typer.echo(f"  {login.username:<11} 密码 {login.password:<14} {login.role}（{login.organ}）")


def _serve(data_dir: Path | None, host: str, port: int, dev: bool) -> None:
    ensure_port_free(host, port)
    setup_django(resolve_data_dir(data_dir), must_exist=True, host=host)
    migrate()
    warn_about_role()
    serve_forever(host, port, dev)


def _worker(data_dir: Path | None, concurrency: int | None) -> None:
    if not os.environ.get("OGI_BROKER_URL"):
        raise CommandError("未设置 OGI_BROKER_URL（例如 redis://127.0.0.1:6379/0）：没有任务队列时任务在网站进程内直接运行，无需 worker")
    setup_django(resolve_data_dir(data_dir), must_exist=True)
    from django.conf import settings

    from .tasks import app

    processes = concurrency or os.cpu_count() or 1
    typer.echo(f"后台任务 worker：队列 {_redacted(settings.BROKER_URL)}，{processes} 个进程（按 Ctrl+C 停止）")
    app.worker_main(["worker", "--loglevel=WARNING", f"--concurrency={processes}", "--without-gossip", "--without-mingle"])


def _redacted(url: str) -> str:
    """The broker URL without its password (it goes to the terminal)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts._replace(netloc=f"***@{parts.hostname}:{parts.port}").geturl() if parts.password else url


def _report(organ: str, year: int, to: str, out: Path, data_dir: Path | None, include_children: bool) -> None:
    from ogi.render import renderer

    kind = renderer(to)  # an unknown kind is refused before the database is opened
    setup_django(resolve_data_dir(data_dir), must_exist=True)

    from .organs.models import Organ
    from .reports import build as reporting

    found = Organ.objects.filter(code=organ).first()
    if found is None:
        raise CommandError(f"未知的机关代码“{organ}”（可用 ogi organs 查看）")
    report = reporting.build_report(found, year, include_children=include_children)
    previous = reporting.previous_report(found, year, include_children=include_children, current=report)
    findings = reporting.check(report, previous)
    out.write_bytes(kind.load()(report))
    errors = [f for f in findings if f.severity == "error"]
    typer.echo(f"已写出 {out}（{found.name} {year}年度，{len(findings)} 条提示，其中错误 {len(errors)} 条）")
    if errors:
        raise typer.Exit(1)


def _organs(data_dir: Path | None) -> None:
    setup_django(resolve_data_dir(data_dir), must_exist=True)
    from .organs.models import Organ

    typer.echo("代码\t名称\t类别\t上级")
    for o in Organ.objects.select_related("parent").order_by("parent_id", "code"):
        typer.echo(f"{o.code}\t{o.name}\t{o.get_kind_display()}\t{o.parent.code if o.parent else ''}")


def _letters_mail(data_dir: Path | None) -> None:
    setup_django(resolve_data_dir(data_dir), must_exist=True)
    from .letters.mail import retry_due
    from .letters.models import MailStatus

    counts = retry_due()
    typer.echo("；".join(f"{MailStatus(k).label} {n}" for k, n in counts.items() if n) or "没有到期待发送的文书邮件")


def _passwd(username: str, data_dir: Path | None) -> None:
    import secrets

    setup_django(resolve_data_dir(data_dir), must_exist=True)
    from django.contrib.auth.models import User

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"没有可登录的用户“{username}”（用户名见 ogi demo 首次运行时的输出）")
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    user.save(update_fields=["password"])
    typer.echo(f"用户 {username} 的新密码：{password}（旧密码已失效，请妥善保存）")


def _audit_verify(data_dir: Path | None) -> None:
    setup_django(resolve_data_dir(data_dir), must_exist=True)
    from .audit.chain import verify

    verdict = verify()
    typer.echo(verdict.line(), err=not verdict.intact)
    if not verdict.intact:
        raise typer.Exit(1)


def _backup(data_dir: Path | None, out: Path) -> None:
    out = out.resolve()
    if not out.parent.is_dir():
        raise CommandError(f"输出目录 {out.parent} 不存在")
    setup_django(resolve_data_dir(data_dir), must_exist=True)
    from .backup import backup

    manifest = backup(out)
    files = sum(1 for name in manifest["files"] if name.startswith("media/"))
    typer.echo(f"已写出备份 {out}（{manifest['database']} 数据库、{files} 个文件，清单含 SHA-256）")


def _restore(archive: Path, data_dir: Path | None, force: bool) -> None:
    from .backup import occupied, put_secret_key, read_manifest, restore

    target = resolve_data_dir(data_dir)
    manifest = read_manifest(archive)
    if occupied(target) and not force:
        raise CommandError(f"数据目录 {target} 不是空的；确要覆盖请加 --force")
    put_secret_key(archive, target)
    setup_django(target, must_exist=False)
    restore(archive, manifest, force=force)
    files = sum(1 for name in manifest["files"] if name.startswith("media/"))
    typer.echo(f"已从 {archive} 恢复到 {target}（{manifest['database']} 数据库、{files} 个文件，哈希均已核对）")


def _remind(data_dir: Path | None, days: int | None, today: str | None) -> None:
    from datetime import date

    setup_django(resolve_data_dir(data_dir), must_exist=True)
    from .season import remind

    try:
        day = date.fromisoformat(today) if today else None
    except ValueError:
        raise CommandError(f"--today 应为日期（如 2026-01-20），不能为“{today}”") from None
    outcome = remind.run(day, days)
    typer.echo(outcome.line(), err=bool(outcome.failed))
    if outcome.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the registers system's commands to the ``ogi`` command."""

    @app.command()
    def demo(
        data_dir: DATA_DIR = None,
        no_serve: Annotated[bool, typer.Option("--no-serve", help="只准备数据，不启动网站")] = False,
        host: HOST = "127.0.0.1",
        port: PORT = 8000,
        dev: DEV = False,
    ) -> None:
        """生成演示数据（机关、用户、两年的申请和复议诉讼）并启动网站。"""
        _demo(data_dir, no_serve, host, port, dev)

    @app.command()
    def serve(data_dir: DATA_DIR = None, host: HOST = "127.0.0.1", port: PORT = 8000, dev: DEV = False) -> None:
        """在已有数据目录上启动台账网站（gunicorn 生产服务器；GET /healthz 返回 200）。"""
        _serve(data_dir, host, port, dev)

    @app.command()
    def worker(
        data_dir: DATA_DIR = None,
        concurrency: Annotated[int | None, typer.Option("--concurrency", min=1, help="进程数（默认：CPU 核数）")] = None,
    ) -> None:
        """启动后台任务 worker（需设置 OGI_BROKER_URL，如 redis://127.0.0.1:6379/0）。"""
        _worker(data_dir, concurrency)

    @app.command()
    def report(
        organ: Annotated[str, typer.Argument(help="机关代码（见 ogi organs）")],
        year: Annotated[int, typer.Argument(help="报告年度")],
        to: Annotated[str, typer.Option("--to", help="|".join(RENDERERS))] = "json",
        out: Annotated[Path, typer.Option("-o", "--output", help="输出文件")] = Path("report.json"),
        data_dir: DATA_DIR = None,
        include_children: Annotated[bool, typer.Option("--include-children", help="汇总下属部门的台账")] = False,
    ) -> None:
        """由台账生成某机关某年度的政府信息公开工作年度报告。"""
        _report(organ, year, to, out, data_dir, include_children)

    @app.command()
    def organs(data_dir: DATA_DIR = None) -> None:
        """列出机关（代码、名称、类别、上级）。"""
        _organs(data_dir)

    @app.command("letters-mail")
    def letters_mail(data_dir: DATA_DIR = None) -> None:
        """重试到期的文书邮件（发送失败的按间隔重试；可由定时任务每几分钟运行一次）。"""
        _letters_mail(data_dir)

    @app.command()
    def passwd(
        username: Annotated[str, typer.Argument(help="用户名（如演示账号 clerk）", show_default=False)],
        data_dir: DATA_DIR = None,
    ) -> None:
        """为用户重设一个新的随机密码并显示（例如忘记了演示账号的密码）。"""
        _passwd(username, data_dir)

    @app.command("backup")
    def backup_command(
        out: Annotated[Path, typer.Option("-o", "--output", help="备份文件（tar）")],
        data_dir: DATA_DIR = None,
    ) -> None:
        """备份数据库、上传和出具的文件及密钥到一个 tar 文件（附 SHA-256 清单）。"""
        _backup(data_dir, out)

    @app.command("restore")
    def restore_command(
        archive: Annotated[Path, typer.Argument(help="ogi backup 写出的备份文件")],
        data_dir: DATA_DIR = None,
        force: Annotated[bool, typer.Option("--force", help="覆盖非空的数据目录或数据库")] = False,
    ) -> None:
        """从备份恢复（先核对清单中的全部哈希；目标非空时须加 --force）。"""
        _restore(archive, data_dir, force)

    @app.command()
    def remind(
        data_dir: DATA_DIR = None,
        days: Annotated[int | None, typer.Option("--days", min=0, max=60, help="期限前几个工作日起提醒（默认 $OGI_REMIND_WORKDAYS 或 5）")] = None,
        today: Annotated[str | None, typer.Option("--today", help="按该日期计算（YYYY-MM-DD，默认今天）")] = None,
    ) -> None:
        """发送年报催报邮件（供 cron 每日运行；同一机关同一天只提醒一次）。"""
        _remind(data_dir, days, today)

    audit = typer.Typer(help="审计记录。", no_args_is_help=True)
    app.add_typer(audit, name="audit")

    @audit.command("verify")
    def audit_verify(data_dir: DATA_DIR = None) -> None:
        """核验审计记录的哈希链：完整时退出码 0，断开时指出第一处断开并退出码 1。"""
        _audit_verify(data_dir)
