"""``ogi backup`` and ``ogi restore``: the database, the uploaded and issued documents and the secret key
in one tar archive with a manifest of SHA-256 hashes.

Members: ``manifest.json`` first, then ``database/ogi.sqlite3`` (SQLite's online backup, consistent while
the site runs) or ``database/ogi.pgdump`` (``pg_dump`` custom format), ``media/…`` (everything under
MEDIA_ROOT) and ``secret_key``. A restore checks every hash before it writes anything, refuses a
non-empty target without ``force``, and loads PostgreSQL dumps with ``pg_restore`` in one transaction
(the audit trail's triggers are created after its rows, so the chain comes back as it was).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from ogi.errors import UsageError

FORMAT = "ogi-backup"
VERSION = 1
SQLITE_MEMBER = "database/ogi.sqlite3"
PG_MEMBER = "database/ogi.pgdump"
KEY_MEMBER = "secret_key"


class BackupError(UsageError):
    """What stops a backup or a restore: one Chinese line, exit status 2."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------- backup


def backup(out: Path) -> dict:
    """Write the archive to ``out`` (atomically) and return its manifest."""
    from django.conf import settings
    from django.db import connection

    with tempfile.TemporaryDirectory(prefix="ogi-backup-") as tmp:
        work = Path(tmp)
        members: dict[str, Path] = {}
        if connection.vendor == "sqlite":
            members[SQLITE_MEMBER] = _sqlite_copy(Path(connection.settings_dict["NAME"]), work / "ogi.sqlite3")
        else:
            members[PG_MEMBER] = _pg_dump(connection.settings_dict, work / "ogi.pgdump")
        media = Path(settings.MEDIA_ROOT)
        if media.is_dir():
            for path in sorted(p for p in media.rglob("*") if p.is_file()):
                members[f"media/{path.relative_to(media).as_posix()}"] = path
        key = Path(settings.DATA_DIR) / "secret_key"
        if key.is_file():
            members[KEY_MEMBER] = key
        manifest = {
            "format": FORMAT, "version": VERSION, "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": connection.vendor, "files": {name: sha256(path) for name, path in members.items()},
        }
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(datetime.now(UTC).timestamp())
            tar.addfile(info, io.BytesIO(data))
            for name, path in members.items():
                tar.add(path, arcname=name, recursive=False)
        os.replace(partial, out)
    return manifest


def _sqlite_copy(source: Path, target: Path) -> Path:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def _pg_env(db: dict) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"找不到 {command[0]}：请安装与数据库服务器版本一致的 PostgreSQL 客户端（Debian：postgresql-client）")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["（无输出）"])[-1]
        raise BackupError(f"{what}失败：{last}")


def _pg_dump(db: dict, target: Path) -> Path:
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(target), db["NAME"]],
         _pg_env(db), "pg_dump 导出数据库")
    return target


# ---------------------------------------------------------------- restore


def read_manifest(archive: Path) -> dict:
    """The archive's manifest, after every member was checked against it (nothing is written)."""
    if not archive.is_file():
        raise BackupError(f"备份文件 {archive} 不存在")
    try:
        with tarfile.open(archive, "r") as tar:
            manifest = _manifest(tar, archive)
            seen = set()
            for member in tar.getmembers():
                if member.name == "manifest.json":
                    continue
                expected = manifest["files"].get(member.name)
                if expected is None or not member.isfile() or not _safe(member.name):
                    raise BackupError(f"备份文件 {archive} 中有清单之外的成员：{member.name}")
                digest = hashlib.sha256()
                with tar.extractfile(member) as f:
                    for block in iter(lambda: f.read(1 << 20), b""):
                        digest.update(block)
                if digest.hexdigest() != expected:
                    raise BackupError(f"备份文件 {archive} 已损坏：{member.name} 的哈希与清单不符")
                seen.add(member.name)
    except (tarfile.TarError, EOFError) as exc:
        raise BackupError(f"无法读取备份文件 {archive}：不是 tar 文件或已损坏") from exc
    except OSError as exc:
        raise BackupError(f"无法读取备份文件 {archive}：{exc.strerror or exc}") from exc
    missing = sorted(set(manifest["files"]) - seen)
    if missing:
        raise BackupError(f"备份文件 {archive} 不完整：缺少 {missing[0]}")
    return manifest


def _manifest(tar: tarfile.TarFile, archive: Path) -> dict:
    try:
        f = tar.extractfile("manifest.json")
        manifest = json.loads(f.read().decode("utf-8")) if f else None
    except (KeyError, ValueError) as exc:
        raise BackupError(f"{archive} 不是 ogi 备份文件（没有可读的 manifest.json）") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), dict):
        raise BackupError(f"{archive} 不是 ogi 备份文件")
    if manifest.get("version") != VERSION:
        raise BackupError(f"备份文件 {archive} 的格式版本 {manifest.get('version')} 不受支持（支持 {VERSION}）")
    return manifest


def _safe(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and (
        name in (SQLITE_MEMBER, PG_MEMBER, KEY_MEMBER) or (path.parts[0] == "media" and len(path.parts) > 1)
    )


def occupied(data_dir: Path) -> bool:
    return data_dir.is_dir() and any(data_dir.iterdir())


def put_secret_key(archive: Path, data_dir: Path) -> None:
    """Before Django starts: the restored system keeps its sessions and tokens valid."""
    with tarfile.open(archive, "r") as tar:
        if KEY_MEMBER in tar.getnames():
            data_dir.mkdir(parents=True, exist_ok=True)
            (data_dir / "secret_key").write_bytes(tar.extractfile(KEY_MEMBER).read())


def restore(archive: Path, manifest: dict, *, force: bool) -> None:
    """Load the checked archive into the configured database and MEDIA_ROOT."""
    from django.conf import settings
    from django.db import connection

    if manifest["database"] != connection.vendor:
        raise BackupError(f"备份来自 {manifest['database']} 数据库，而当前配置的是 {connection.vendor}")
    if connection.vendor == "postgresql" and connection.introspection.table_names() and not force:
        raise BackupError(f"数据库 {connection.settings_dict['NAME']} 不是空的；确要覆盖请加 --force")
    with tempfile.TemporaryDirectory(prefix="ogi-restore-") as tmp, tarfile.open(archive, "r") as tar:
        work = Path(tmp)
        tar.extractall(work, filter="data")
        if connection.vendor == "sqlite":
            connection.close()
            target = Path(connection.settings_dict["NAME"])
            for stale in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
                stale.unlink(missing_ok=True)
            _sqlite_copy(work / SQLITE_MEMBER, target)
        else:
            connection.close()
            db = connection.settings_dict
            _run(["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                  *(["--clean", "--if-exists"] if force else []), "-d", db["NAME"], str(work / PG_MEMBER)],
                 _pg_env(db), "pg_restore 导入数据库")
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        if (work / "media").is_dir():
            shutil.copytree(work / "media", media)
