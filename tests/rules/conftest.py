from __future__ import annotations

from ogi.model import CellMeta, Report, blank_report, set_value
from ogi.spec.common import S3_COLUMNS

COLS = [c.key for c in S3_COLUMNS]


def s3_report(fmt: str, rows: dict[str, list[int | None]], *, year: int = 2024, organ: str = "某市某局") -> Report:
    """A report whose section 三 rows are given as 7 printed values (None = blank cell)."""
    r = blank_report(fmt, year=year, organ=organ)
    for key, values in rows.items():
        for col, v in zip(COLS, values, strict=True):
            path = f"s3.{key}.{col}"
            set_value(r, path, 0 if v is None else v)
            if v is None:
                r.cells_meta[path] = CellMeta(raw="", semantic="blank")
    return r
