"""The shapes in which the national formats are declared (see format_2019.py, format_2021.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["count", "signed", "money"]


@dataclass(frozen=True)
class Column:
    """A value column: canonical key, official label, label variants seen in real reports."""

    key: str
    label: str
    variants: tuple[str, ...] = ()
    kind: Kind = "count"


@dataclass(frozen=True)
class Row:
    """A table row: canonical key and its printed label.

    ``group`` is the printed label of the group cell the row sits under (section 三's
    “（三）不予公开”…), ``short`` the contract's full name (“（三）1.属于国家秘密”).
    """

    key: str
    label: str
    variants: tuple[str, ...] = ()
    group: str | None = None
    short: str = ""

    @property
    def name(self) -> str:
        return self.short or self.label


@dataclass(frozen=True)
class Block:
    """A section 二 block (第二十条第（一）项 …): its rows share its columns."""

    key: str
    label: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    header: str = "信息内容"


@dataclass(frozen=True)
class Heading:
    key: str  # s1 … s6
    label: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    """A group cell of section 三 (“三、本年度办理结果”, “（三）不予公开” …) and the rows below it."""

    label: str
    rows: tuple[str, ...]


@dataclass(frozen=True)
class Format:
    """One national format, declared as data. Everything else iterates over this.

    ``first_year``: the first report year it is used for (until the next format's). ``signals``: words
    of its section 二 that tell it apart (a format may list words it shares with an older one, so long as
    it lists one of its own: the format with most signals found wins). ``s2_spans``: how the value columns
    of a section 二 block with n columns span the printed grid, as ``(n, spans)`` pairs. ``other_rows``:
    the keys of its section 三 rows under （六）其他处理.
    """

    name: str
    first_year: int
    title: str
    document: str
    headings: tuple[Heading, ...]
    s2: tuple[Block, ...]
    s3_columns: tuple[Column, ...]
    s3_rows: tuple[Row, ...]
    s3_groups: tuple[Group, ...]
    s4_groups: tuple[Column, ...]
    s4_columns: tuple[Column, ...]
    signals: tuple[str, ...]
    s2_spans: tuple[tuple[int, tuple[int, ...]], ...]
    other_rows: tuple[str, ...] = field(default=())

    # -- lookups -------------------------------------------------------------------------
    def spans(self, ncols: int) -> tuple[int, ...]:
        """The grid spans of a section 二 block's ``ncols`` value columns."""
        return dict(self.s2_spans)[ncols]

    @property
    def s2_width(self) -> int:
        """Grid columns of the section 二 table: the label column and the widest block's spans."""
        return 1 + max(sum(spans) for _, spans in self.s2_spans)

    def block(self, key: str) -> Block:
        return next(b for b in self.s2 if b.key == key)

    def s3_row(self, key: str) -> Row:
        return next(r for r in self.s3_rows if r.key == key)

    def heading(self, key: str) -> Heading:
        return next(h for h in self.headings if h.key == key)

    # -- cell paths, in table order ------------------------------------------------------
    def s2_paths(self) -> list[str]:
        return [
            f"s2.{b.key}.{r.key}.{c.key}" for b in self.s2 for r in b.rows for c in b.columns
        ]

    def s3_paths(self) -> list[str]:
        return [f"s3.{r.key}.{c.key}" for r in self.s3_rows for c in self.s3_columns]

    def s4_paths(self) -> list[str]:
        return [f"s4.{g.key}.{c.key}" for g in self.s4_groups for c in self.s4_columns]

    def paths(self) -> list[str]:
        return self.s2_paths() + self.s3_paths() + self.s4_paths()

    def column_kind(self, path: str) -> Kind:
        parts = path.split(".")
        if parts[0] == "s2":
            block = self.block(parts[1])
            return next(c.kind for c in block.columns if c.key == parts[3])
        return "count"
