"""The report document of the contract (``report-model.md`` §1) as a typed value.

Every table cell is a number in ``sections`` (blank, dash, slash, 无 count as 0 there) and
``cells_meta`` keeps the printed text and its meaning for every cell that was not a plain number.
Money is a :class:`~decimal.Decimal` in 万元; in JSON it is a number.

A report document read from JSON is bounded before it is validated: numbers of at most
``MAX_JSON_DIGITS`` digits, nesting at most ``MAX_JSON_DEPTH`` deep. Every way a document can be
wrong is a :class:`~ogi.errors.SpecError` in Chinese naming the place (line and column, or field).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from .diagnostics import Level
from .diagnostics import code as structure_code
from .errors import SpecError
from .spec import FORMATS, Format
from .values import MAX_DIGITS

SCHEMA = "ogi.report/1"
MAX_JSON_DIGITS = (
    2 * MAX_DIGITS
)  # what a reader makes of a cell fits (15 digits in 亿元 are 19 in 万元)
MAX_JSON_DEPTH = (
    32  # the contract nests 5 deep (sections.s2.<block>.<row>.<col>); room for added keys
)
UNCHECKED_FORMATS = ("pre2019", "unknown")  # recognised as older than 2019, or not recognised
Semantic = Literal["blank", "dash", "slash", "none", "text"]
Number = int | Decimal


class Source(BaseModel):
    model_config = ConfigDict(extra="allow")
    path: str = ""
    sha256: str = ""
    kind: str = ""


class CellMeta(BaseModel):
    """How a cell was printed when it was not a plain number. Frozen: equal metas may be shared."""

    model_config = ConfigDict(extra="allow", frozen=True)
    raw: str
    semantic: Semantic


@lru_cache(maxsize=4096)
def cell_meta(raw: str, semantic: str) -> CellMeta:
    """A shared, validated :class:`CellMeta` (parsers make thousands of identical ones)."""
    return CellMeta(raw=raw, semantic=semantic)  # type: ignore[arg-type]


class Diagnostic(BaseModel):
    """What a reader noticed (an ``S-`` code of :mod:`ogi.diagnostics`): where in the file, and the cell
    paths it concerns in ``cells`` (empty when it concerns no cell)."""

    model_config = ConfigDict(extra="allow")
    level: Level
    code: str
    message: str
    where: str = ""
    cells: list[str] = Field(default_factory=list)


class Sections(BaseModel):
    model_config = ConfigDict(extra="allow")
    s1_text: str = ""
    s5_text: str = ""
    s6_text: str = ""
    s2: dict[str, dict[str, dict[str, Number]]] = Field(default_factory=dict)
    s3: dict[str, dict[str, int]] = Field(default_factory=dict)
    s4: dict[str, dict[str, int]] = Field(default_factory=dict)

    @field_validator("s2")
    @classmethod
    def _money_exact(cls, v: dict[str, dict[str, dict[str, Number]]]) -> Any:
        for block in v.values():
            for row in block.values():
                for col, x in row.items():
                    if isinstance(x, float):  # pragma: no cover - pydantic gives Decimal/int
                        row[col] = Decimal(str(x))
        return v

    @field_validator("s2", "s3", "s4")
    @classmethod
    def _keys_name_cells(cls, v: dict[str, Any]) -> Any:
        """Every key is one step of a cell path (``s3.<row>.<col>``): not empty, without “.”."""
        todo = [v]
        while todo:
            node = todo.pop()
            for key, child in node.items():
                if not key or "." in key:
                    raise ValueError(f"键名“{key}”不能为空或含有“.”（单元格路径以“.”分隔）")
                if isinstance(child, dict):
                    todo.append(child)
        return v


class Report(BaseModel):
    """One annual report. Build it with :func:`blank_report` or read one with ``ogi.parse``."""

    model_config = ConfigDict(extra="allow")
    schema_: str = Field(SCHEMA, alias="schema")
    source: Source = Field(default_factory=Source)
    format: str = "unknown"  # a name of ogi.spec.FORMATS, or one of UNCHECKED_FORMATS
    year: int | None = None
    organ: str = ""
    published: str | None = Field(
        None, pattern=r"^\d{4}-\d{2}-\d{2}$"
    )  # the date the page states (RT-5)
    sections: Sections = Field(default_factory=Sections)
    cells_meta: dict[str, CellMeta] = Field(default_factory=dict)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    # where each table row was printed (row path → the reader's “第3页第12行”); not part of the document
    # (None until the first row is placed: pydantic inspects a default factory's signature on every
    # instance, which cost more than the rest of building a report)
    _printed_at: dict[str, str] | None = PrivateAttr(default=None)

    @field_validator("format")
    @classmethod
    def _known_format(cls, v: str) -> str:
        if v not in FORMATS and v not in UNCHECKED_FORMATS:
            raise ValueError(f"未知的格式“{v}”，可选：{'、'.join([*FORMATS, *UNCHECKED_FORMATS])}")
        return v

    # -- the format ----------------------------------------------------------------------
    @property
    def spec(self) -> Format | None:
        """The national format this report follows, or None (pre-2019, unknown)."""
        return FORMATS.get(self.format)

    # -- cells by path -------------------------------------------------------------------
    def has(self, path: str) -> bool:
        return _lookup(self.sections, path) is not None

    def value(self, path: str) -> Number:
        """The number at a cell path (``s3.r_total.total``); 0 for a cell the report lacks."""
        found = _lookup(self.sections, path)
        return 0 if found is None else found

    def semantic(self, path: str) -> str:
        """``blank``/``dash``/``slash``/``none``/``text`` from cells_meta, else ``value``."""
        meta = self.cells_meta.get(path)
        return meta.semantic if meta else "value"

    def cells(self) -> dict[str, Number]:
        """Every table cell the report has, path → number, in table order of its sections."""
        out: dict[str, Number] = {}
        s = self.sections
        for b, rows in s.s2.items():
            for r, cols in rows.items():
                for c, x in cols.items():
                    out[f"s2.{b}.{r}.{c}"] = x
        for r, cols in s.s3.items():
            for c, x in cols.items():
                out[f"s3.{r}.{c}"] = x
        for g, cols in s.s4.items():
            for c, x in cols.items():
                out[f"s4.{g}.{c}"] = x
        return out

    def printed_at(self, row_path: str, where: str) -> None:
        """Record where the row ``row_path`` (``s3.r_open``, ``s4``, ``s2.<block>.<row>``) was read."""
        private = self.__pydantic_private__  # the private attributes' own dict: ``self._printed_at``
        places = private.get("_printed_at")  # goes through pydantic's ``__getattr__``, slower by far
        if places is None:
            places = private["_printed_at"] = {}
        places[row_path] = where

    def where_of(self, path: str) -> str:
        """Where the row holding cell ``path`` was printed (the reader's words), or ""."""
        places = self.__pydantic_private__.get("_printed_at") or {}
        while path and places:
            if path in places:
                return places[path]
            path = path.rpartition(".")[0]
        return ""

    def diagnose(self, code: str, message: str, where: str = "", *, cells: Iterable[str] = ()) -> None:
        """Add a diagnostic of structure code ``code`` (its level comes from :mod:`ogi.diagnostics`)."""
        level = structure_code(code).level
        self.diagnostics.append(
            Diagnostic(level=level, code=code, message=message, where=where, cells=list(cells))
        )

    # -- JSON ----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = self.model_dump(by_alias=True, mode="python")
        return _jsonable(data)

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes, *, where: str = "") -> Report:
        try:
            data = json.loads(text, parse_float=_decimal, parse_int=_int, parse_constant=_constant)
        except json.JSONDecodeError as exc:
            reason = _JSON_ERRORS.get(exc.msg, exc.msg)
            raise SpecError(
                f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列{reason}", where=where
            ) from exc
        except UnicodeDecodeError as exc:
            raise SpecError(
                f"JSON 文件不是 UTF-8 编码（第 {exc.start + 1} 个字节）", where=where
            ) from exc
        except RecursionError as exc:
            raise SpecError(f"JSON 嵌套过深（超过 {MAX_JSON_DEPTH} 层）", where=where) from exc
        except _TooLong as exc:
            number = (
                f"{exc.args[0]} "
                if len(exc.args[0]) <= 24
                else f"{exc.args[0][:20]}…（共 {len(exc.args[0])} 位）"
            )
            raise SpecError(
                f"JSON 中的数字 {number}超出范围（数字至多 {MAX_JSON_DIGITS} 位）", where=where
            ) from exc
        except _NotANumber as exc:
            raise SpecError(f"JSON 中不能有 {exc.args[0]}（不是数字）", where=where) from exc
        _check_tree(data, where)
        return cls.from_dict(data, where=where)

    @classmethod
    def from_dict(cls, data: Any, *, where: str = "") -> Report:
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise SpecError(f'不是 {SCHEMA} 报告文档（缺少 "schema": "{SCHEMA}"）', where=where)
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            reason = _FIELD_ERRORS.get(err["type"]) or err["msg"]
            if err["type"] == "value_error":  # our own validators say it in Chinese
                reason = str(err.get("ctx", {}).get("error", reason))
            if err["type"] == "literal_error":
                reason += "：" + str(err.get("ctx", {}).get("expected", ""))
            raise SpecError(f"字段 {loc} 不符合规范：{reason}", where=where) from exc


class _TooLong(ValueError):
    """A number in a JSON document longer than any count or amount."""


class _NotANumber(ValueError):
    """``NaN`` or ``Infinity`` in a JSON document."""


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise _TooLong(text)
    return int(text)


def _decimal(text: str) -> Decimal:
    number = Decimal(text) if len(text) <= 2 * MAX_JSON_DIGITS else None
    if number is None or number.adjusted() >= MAX_JSON_DIGITS:
        raise _TooLong(text)
    return number


def _constant(name: str) -> None:
    raise _NotANumber(name)


def _check_tree(data: Any, where: str) -> None:
    """A JSON value nests at most ``MAX_JSON_DEPTH`` deep (a scalar is 0, ``{"a": 1}`` is 1), and its
    texts are Unicode (``"\\ud800"`` is valid JSON but half a character: it cannot be written out)."""
    todo = [(data, 0)]
    while todo:
        node, depth = todo.pop()
        if isinstance(node, dict | list):
            if depth + 1 > MAX_JSON_DEPTH:
                raise SpecError(f"JSON 嵌套过深（超过 {MAX_JSON_DEPTH} 层）", where=where)
            items = [*node, *node.values()] if isinstance(node, dict) else node
            todo.extend((child, depth + 1) for child in items)
        elif isinstance(node, str) and not node.isascii():
            try:
                node.encode("utf-8")
            except UnicodeEncodeError as exc:
                bad = f"\\u{ord(node[exc.start]):04x}"
                raise SpecError(
                    f"JSON 中有不成对的 Unicode 代理项 {bad}（不是完整的字符）", where=where
                ) from exc


_JSON_ERRORS = {
    "Expecting value": "缺少值",
    "Expecting property name enclosed in double quotes": "应为用双引号括起的字段名",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Unterminated string starting at": "字符串没有结束",
    "Invalid control character at": "字符串中有控制字符",
    "Invalid \\escape": "无效的转义符",
    "Invalid \\uXXXX escape": "无效的 \\u 转义符",
    "Extra data": "之后还有多余的内容",
}
_FIELD_ERRORS = {
    "missing": "缺少此字段",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数，不能有小数",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "string_type": "应为文字",
    "dict_type": "应为对象（{…}）",
    "list_type": "应为数组（[…]）",
    "literal_error": "取值不在规定范围内",
    "model_type": "应为对象（{…}）",
    "model_attributes_type": "应为对象（{…}）",
    "frozen_instance": "不可修改",
}


def _lookup(sections: Sections, path: str) -> Number | None:
    parts = path.split(".")
    node: Any = getattr(sections, parts[0], None)
    for p in parts[1:]:
        if not isinstance(node, dict) or p not in node:
            return None
        node = node[p]
    return node if isinstance(node, int | Decimal) else None


def _jsonable(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _jsonable(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_jsonable(v) for v in x]
    if isinstance(x, Decimal):
        return int(x) if x == x.to_integral_value() and x.as_tuple().exponent >= 0 else float(x)
    return x


def blank_report(format_name: str, *, year: int | None = None, organ: str = "") -> Report:
    """A report of the given format with every cell present and 0 (what a generator fills in)."""
    spec = FORMATS[format_name]
    s2 = {
        b.key: {
            r.key: {c.key: (Decimal(0) if c.kind == "money" else 0) for c in b.columns}
            for r in b.rows
        }
        for b in spec.s2
    }
    s3 = {r.key: {c.key: 0 for c in spec.s3_columns} for r in spec.s3_rows}
    s4 = {g.key: {c.key: 0 for c in spec.s4_columns} for g in spec.s4_groups}
    return Report(
        format=format_name,
        year=year,
        organ=organ,
        sections=Sections(s2=s2, s3=s3, s4=s4),
    )


def set_value(report: Report, path: str, value: Number) -> None:
    """Set one cell (creating its block/row) — for builders; parsed reports are not edited."""
    parts = path.split(".")
    node: dict[str, Any] = getattr(report.sections, parts[0])
    for p in parts[1:-1]:
        node = node.setdefault(p, {})
    node[parts[-1]] = value
