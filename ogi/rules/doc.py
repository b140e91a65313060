"""docs/rules.md, generated from the rule catalogue (``python -m ogi.rules.doc > docs/rules.md``).

A test checks that the committed file equals what this prints, so the docs cannot drift.
"""

from __future__ import annotations

from . import RULES

BASIS = {"stated": "表中明示", "implied": "表格设计所蕴含", "heuristic": "经验规则（仅警告）", "structure": "结构"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def rules_markdown() -> str:
    lines = [
        "# 校验规则 (rule catalogue)",
        "",
        "Generated from `ogi/rules` by `python -m ogi.rules.doc > docs/rules.md`; do not edit by hand.",
        "Rule ids are those of `report-model.md` §2 and `annual-report.md` §6.",
        "",
        "| id | 规则 | 默认级别 | 依据 | 适用格式 | 需要上年报告 |",
        "|---|---|---|---|---|---|",
    ]
    for r in sorted(RULES.values(), key=lambda r: r.id):
        lines.append(
            f"| `{r.id}` | {r.title} | {SEVERITY[r.severity]} | {BASIS[r.basis]} | {', '.join(r.formats) if r.formats else '所有格式'} | "
            f"{'是' if r.needs_previous else ''} |"
        )
    lines += [
        "",
        "Structure findings `S-…` come from what the reader noticed (missing sections or rows, mixed formats,",
        "label variants, digit runs that cannot be split uniquely, pre-2019 reports); see `docs/structure.md`.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.stdout.write(rules_markdown())
