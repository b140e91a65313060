"""The hash chain that makes the audit trail tamper-evident.

Each entry carries its number ``seq`` (1, 2, 3, … with no gap), the hash of the entry before it
(``prev_hash``; the first entry's is ``GENESIS``) and its own ``hash``: SHA-256 over the canonical
serialisation of its fields and ``prev_hash``. ``ChainHead`` keeps the last entry's number and hash, so
that removing the newest entries (or all of them) is seen too. Entries are appended under a lock on the
head row (PostgreSQL: ``SELECT … FOR UPDATE``; SQLite: the write lock its ``BEGIN IMMEDIATE`` takes).

Verifying walks the entries in order and stops at the first broken link. Someone who can rewrite the
whole table and the head could forge a consistent chain; against that, keep the head hash that
``ogi audit verify`` prints somewhere else (a letter, the annual report's file, another machine).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

GENESIS = "0" * 64
# the fields a hash covers, in the order of the canonical serialisation (keys are sorted anyway)
FIELDS = ("seq", "at", "user_id", "organ_id", "action", "object_type", "object_id", "before", "after", "prev_hash")


def canonical(values: dict) -> bytes:
    """One byte string per entry, the same on SQLite and PostgreSQL: sorted keys, no spaces, UTC time."""
    data = {name: values[name] for name in FIELDS}
    data["at"] = _utc(values["at"])
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def digest(values: dict) -> str:
    return hashlib.sha256(canonical(values)).hexdigest()


def _utc(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def plain_json(value):  # noqa: ANN001, ANN201
    """A snapshot as the database gives it back (tuples → lists, keys → strings), so the hash of what
    was written is the hash of what is read."""
    return None if value is None else json.loads(json.dumps(value))


@dataclass(frozen=True)
class Verdict:
    count: int
    head: str  # the hash of the last entry (GENESIS for an empty trail)
    broken_at: int | None = None  # the number of the first entry that does not hold
    problem: str = ""

    @property
    def intact(self) -> bool:
        return not self.problem

    def line(self) -> str:
        if self.intact:
            return f"审计记录完整：共 {self.count} 条，链头哈希 {self.head}"
        return f"审计记录链在第 {self.broken_at} 条处断开：{self.problem}"


def verify() -> Verdict:
    """Walk the chain from the first entry; the first broken link, or the count and the head hash."""
    from .models import AuditEntry, ChainHead

    prev_seq, prev_hash, prev_at = 0, GENESIS, None
    rows = AuditEntry.objects.order_by("seq").values(*FIELDS, "hash")
    for row in rows.iterator(chunk_size=2000):
        seq = row["seq"]
        if seq != prev_seq + 1:
            return Verdict(prev_seq, prev_hash, prev_seq + 1, f"第 {prev_seq + 1} 条不见了（记录被删除）")
        if row["prev_hash"] != prev_hash:
            return Verdict(prev_seq, prev_hash, seq, "记录的前一条哈希与前一条不符（前面有记录被改动或插入）")
        if digest(row) != row["hash"]:
            return Verdict(prev_seq, prev_hash, seq, "记录的内容与其哈希不符（记录被修改）")
        if prev_at is not None and row["at"] < prev_at:
            return Verdict(prev_seq, prev_hash, seq, "记录的时间早于前一条（倒签插入）")
        prev_seq, prev_hash, prev_at = seq, row["hash"], row["at"]
    head = ChainHead.objects.filter(pk=1).first()
    if head is None:
        return Verdict(prev_seq, prev_hash, prev_seq + 1, "链头记录不见了")
    if head.seq > prev_seq:
        return Verdict(prev_seq, prev_hash, prev_seq + 1,
                       f"链头指向第 {head.seq} 条，而记录只到第 {prev_seq} 条（最新的记录被删除或清空）")
    if head.seq < prev_seq:
        return Verdict(prev_seq, prev_hash, head.seq + 1, f"链头指向第 {head.seq} 条，之后的记录不在链上（被插入）")
    if head.hash != prev_hash:
        return Verdict(prev_seq, prev_hash, prev_seq, "链头的哈希与最后一条记录不符（记录被替换）")
    return Verdict(prev_seq, prev_hash)
