"""Guards every reader runs before touching a file: size limits, zip bombs, disguised files, text encodings.

Limits (documented, also in the error messages):

- Only regular files are read (:func:`read_file`): a directory, a device such as ``/dev/zero``, a FIFO
  or a socket is refused from its ``stat`` before it is opened, so nothing blocks or reads forever.
- ``MAX_FILE_BYTES`` — 100 MB: no annual report comes near it (real ones are 10 KB – 5 MB). A file's
  size is taken from ``stat`` before reading, and at most ``MAX_FILE_BYTES + 1`` bytes are ever read.
- ``MAX_UNZIPPED_BYTES`` — 200 MB: the declared uncompressed size of all members of a DOCX/XLSX.
- ``MAX_RATIO`` — 100: uncompressed / compressed, refused when the unzipped size is also above
  ``RATIO_FLOOR_BYTES`` (10 MB; tiny XML files compress very well and are harmless).
- ``MAX_MEMBERS`` — 10,000 members in one zip.
- ``MAX_XML_PART_BYTES`` — 16 MB: one XML part (document, sheet, shared strings) as declared unzipped;
  the readers parse these whole, and a 40-page report's document part is 1–3 MB (images, which are
  not parsed, count only towards ``MAX_UNZIPPED_BYTES``).

Encodings: a BOM wins; then strict UTF-8 (valid UTF-8 Chinese is never accidental, and pages that declare
gb2312 but were re-saved as UTF-8 are common); then the declared charset (GBK/GB2312/GB_2312-80 are read as
GB18030, their superset); then strict GB18030; last whichever of these leaves the fewest replacement characters, with a note.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import zipfile
import zlib
from pathlib import Path

from ogi.errors import EmptyDocument, ParseError, UnsupportedFormat

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 10 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_XML_PART_BYTES = 16 * 1024 * 1024

# What reading a member of a damaged zip raises (bad offsets, bad deflate data, a truncated member,
# an unknown compression method, a password):
ZIP_ERRORS = (
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_GB_ALIASES = {
    "gbk",
    "gb2312",
    "gb_2312-80",
    "gb_2312",
    "x-gbk",
    "cp936",
    "ms936",
    "euc-cn",
    "gb18030",
    "hz-gb-2312",
}
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)


_NOT_REGULAR = (
    (stat.S_ISDIR, "这是一个目录，不是文件"),
    (stat.S_ISCHR, "这是字符设备（如 /dev/zero），不是普通文件"),
    (stat.S_ISBLK, "这是块设备，不是普通文件"),
    (stat.S_ISFIFO, "这是命名管道（FIFO），不是普通文件"),
    (stat.S_ISSOCK, "这是套接字，不是普通文件"),
)
_OS_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "符号链接层数过多（可能是循环链接）",
    errno.EIO: "磁盘读写错误",
    errno.ENXIO: "设备不存在",
}


def os_reason(exc: OSError) -> str:
    """What an operating-system error means, in Chinese (the errno's name for the rare others)."""
    code = exc.errno or 0
    return _OS_REASONS.get(code) or f"系统错误 {errno.errorcode.get(code, code)}"


def read_file(path: str | Path, where: str) -> bytes:
    """The bytes of a regular file of at most ``MAX_FILE_BYTES``: its kind and size are checked with
    ``stat`` before it is opened, it is opened without blocking (a FIFO put in its place meanwhile is
    seen by ``fstat``), and at most ``MAX_FILE_BYTES + 1`` bytes are read."""
    try:
        _check_regular(os.stat(path), where)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as file:
            info = os.fstat(file.fileno())
            _check_regular(info, where)
            data = _read_at_most(file, MAX_FILE_BYTES + 1, info.st_size)
    except OSError as exc:
        raise ParseError(f"无法打开文件（{os_reason(exc)}）", where=where) from exc
    except ValueError as exc:  # a NUL byte in the path
        raise ParseError("无法打开文件（文件名中有空字符）", where=where) from exc
    check_size(data, where)
    return data


def _read_at_most(file, limit: int, size: int) -> bytes:  # noqa: ANN001 - a binary file object
    """``file.read(limit)``, asking first for the size ``stat`` gave and one byte more: reading the
    whole limit at once allocates its 100 MB, which costs more than reading a small report. A file
    that has grown since (or says 0, as in ``/proc``) is read on, up to the limit."""
    first = min(size + 1, limit)
    data = file.read(first)
    if len(data) == first < limit:
        data += file.read(limit - first)
    return data


def read_stream(stream, where: str) -> bytes:  # noqa: ANN001 - a binary file object (standard input)
    """At most ``MAX_FILE_BYTES`` from a stream that has no size to ``stat`` (a pipe): one byte more is
    read than allowed, so that a longer stream is refused without reading the rest of it."""
    try:
        data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ParseError(f"无法读取（{os_reason(exc)}）", where=where) from exc
    check_size(data, where)
    return data


def _check_regular(info: os.stat_result, where: str) -> None:
    for test, message in _NOT_REGULAR:
        if test(info.st_mode):
            raise UnsupportedFormat(f"{message}，拒绝读取", where=where)
    if info.st_size > MAX_FILE_BYTES:
        _too_big(info.st_size, where)


def _too_big(size: int, where: str) -> None:
    mb, limit = size / 1024 / 1024, MAX_FILE_BYTES / 1024 / 1024
    raise UnsupportedFormat(
        f"文件过大（{mb:.1f} MB），超过 {limit:g} MB 上限，拒绝读取", where=where
    )


def check_size(data: bytes, where: str) -> None:
    """Refuse empty files and files above ``MAX_FILE_BYTES``."""
    if len(data) > MAX_FILE_BYTES:
        _too_big(len(data), where)
    if not data or data.isspace():
        raise EmptyDocument("文件是空的，没有可读取的内容", where=where)


def check_zip(data: bytes, where: str, *, member: str, kind: str) -> None:
    """Check an Office file's zip before any library opens it: a real zip, holding ``member``, no bomb."""
    if data.startswith(_OLE_MAGIC):
        raise UnsupportedFormat(
            f"这是旧版 Office 97-2003 文件或加了密码的 Office 文件，不是可读取的 {kind}，请去掉密码或另存为新格式后再读取",
            where=where,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnsupportedFormat(
            f"不是有效的 {kind}文件（不是 zip 压缩包，可能是改了扩展名的其他文件）", where=where
        ) from exc
    _check_members(infos, where, member=member, kind=kind)


def _check_members(infos: list[zipfile.ZipInfo], where: str, *, member: str, kind: str) -> None:
    if len(infos) > MAX_MEMBERS:
        raise UnsupportedFormat(
            f"压缩包内文件数 {len(infos)} 超过上限 {MAX_MEMBERS}，拒绝读取", where=where
        )
    unzipped = sum(info.file_size for info in infos)
    packed = max(sum(info.compress_size for info in infos), 1)
    if unzipped > MAX_UNZIPPED_BYTES or (
        unzipped > RATIO_FLOOR_BYTES and unzipped / packed > MAX_RATIO
    ):
        raise UnsupportedFormat(
            f"压缩包解压后 {unzipped // (1024 * 1024)} MB（压缩比 {unzipped // packed}），疑似压缩炸弹，拒绝读取",
            where=where,
        )
    big = next(
        (
            i
            for i in infos
            if i.filename.endswith((".xml", ".rels")) and i.file_size > MAX_XML_PART_BYTES
        ),
        None,
    )
    if big is not None:
        raise UnsupportedFormat(
            f"压缩包中的 {big.filename} 解压后 {big.file_size / 1024 / 1024:.0f} MB，超过 {MAX_XML_PART_BYTES // (1024 * 1024)} MB 上限，不像年度报告，拒绝读取",
            where=where,
        )
    if member not in {info.filename for info in infos}:
        raise UnsupportedFormat(f"压缩包里没有 {member}，不是 {kind}文件", where=where)


def canonical_encoding(name: str | None) -> str | None:
    """The codec to decode a declared charset with (GBK family → GB18030), or None if unknown."""
    if not name:
        return None
    low = name.strip().lower()
    if low in _GB_ALIASES:
        return "gb18030"
    if low in {"utf8", "utf-8", "unicode-1-1-utf-8"}:
        return "utf-8"
    try:
        return io.TextIOWrapper(io.BytesIO(), encoding=low).encoding
    except LookupError:
        return None


def declared_encoding(data: bytes) -> str | None:
    """The charset an HTML/XML file declares in its first 16 KB (``<meta charset>``, ``<?xml encoding?>``)."""
    head = data[:16384]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return canonical_encoding(m.group(1).decode("ascii", "ignore")) if m else None


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str, tuple[str, ...]]:
    """Decode a text file: returns (text, encoding used, notes for the reader)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, "replace"), codec, ()
    tried = [c for c in ("utf-8", canonical_encoding(declared), "gb18030") if c]
    for codec in dict.fromkeys(tried):
        try:
            return data.decode(codec), codec, ()
        except (UnicodeDecodeError, LookupError):
            continue
    return _least_damaged(data, tried)


def _least_damaged(data: bytes, codecs: list[str]) -> tuple[str, str, tuple[str, ...]]:
    """No codec reads every byte: UTF-8 if only a few bytes (< 0.5 %) are broken (GB18030 would read
    such text without complaint, as nonsense); else the codec leaving the fewest replacement characters."""
    text = data.decode("utf-8", "replace")
    best = "utf-8"
    if text.count("\ufffd") * 200 > len(text):
        best = min(dict.fromkeys(codecs), key=lambda c: data.decode(c, "replace").count("\ufffd"))
        text = data.decode(best, "replace")
    note = f"文件中有 {text.count(chr(0xFFFD))} 处字节不是合法的 {best.upper()} 编码，已按 {best.upper()} 读取，这些位置显示为 �"
    return text, best, (note,)
