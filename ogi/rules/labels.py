"""Chinese names of cells for messages, taken from the format data (never retyped)."""

from __future__ import annotations

from ogi.spec import FORMATS, Format
from ogi.spec.common import S3_COLUMNS, S4_COLUMNS, S4_GROUPS

_S3_COLS = {c.key: c.label for c in S3_COLUMNS}
_S4_GROUPS = {g.key: g.label for g in S4_GROUPS}
_S4_COLS = {c.key: c.label for c in S4_COLUMNS}


def s3_column(key: str) -> str:
    return _S3_COLS.get(key, key)


def s3_row(spec: Format | None, key: str) -> str:
    if spec is not None:
        for r in spec.s3_rows:
            if r.key == key:
                return r.name
    for other in FORMATS.values():
        for r in other.s3_rows:
            if r.key == key:
                return r.name
    return key


def s4_group(key: str) -> str:
    return _S4_GROUPS.get(key, key)


def s4_column(key: str) -> str:
    return _S4_COLS.get(key, key)


def cell(spec: Format | None, path: str) -> str:
    """“（七）总计·自然人” for ``s3.r_total.natural_person`` and the like."""
    parts = path.split(".")
    if parts[0] == "s3":
        return f"{s3_row(spec, parts[1])}·{s3_column(parts[2])}"
    if parts[0] == "s4":
        return f"{s4_group(parts[1])}·{s4_column(parts[2])}"
    if parts[0] != "s2" or len(parts) != 4 or spec is None:
        return path
    block = next((b for b in spec.s2 if b.key == parts[1]), None)  # a report document may carry others
    if block is not None:
        row = next((r.label for r in block.rows if r.key == parts[2]), parts[2])
        col = next((c.label for c in block.columns if c.key == parts[3]), parts[3])
        return f"{block.label}·{row}·{col}"
    return path
