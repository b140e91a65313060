"""Synthetic annual reports, consistent by construction, for tests, demos and benchmarks.

``random_report(seed, format)`` draws a report of any national format (``ogi.spec.FORMATS``) from a seed: section 三's
result rows are drawn per applicant column, （七）总计 is their sum, 二、上年结转 is drawn and
一、本年新收 follows so that 四、结转下年度继续办理 = 一 + 二 − （七） ≥ 0 (R3-1); the 总计 column is the
sum of the six applicant columns; section 四's 总计 is the sum of its four results. Some zero cells are
printed blank, “-”, “—”, “/” or “无” (kept in ``cells_meta``); 2019 本年增/减 may be negative; money has
decimals and is sometimes printed with a unit (“251000元”, “3.5万元”). The narrative quotes the tables.

``sample_report(format)`` is one fixed small report whose numbers are easy to check by hand.
"""

from __future__ import annotations

import random
from decimal import Decimal

from ogi.spec.common import S3_COLUMNS

from .model import CellMeta, Report, blank_report, set_value
from .spec import FORMATS, Format, years_of
from .values import read_cell

ORGANS = (
    "重庆市大渡口区人民防空办公室",
    "上海市人民政府办公厅",
    "淮安市洪泽区人民政府",
    "平潭综合实验区管理委员会",
    "武汉市汉阳区市场监督管理局",
    "沭阳县交通运输局",
    "某某市生态环境局",
)
MARKS = ("", "-", "—", "/", "无")
APPLICANTS = tuple(c.key for c in S3_COLUMNS if c.key != "total")
# Applicant columns: natural persons apply most, research institutes least.
_SCALE = {
    "natural_person": 40,
    "org_commercial": 8,
    "org_research": 2,
    "org_public_welfare": 2,
    "org_legal_service": 4,
    "org_other": 3,
}


# -- random reports ---------------------------------------------------------------------------------


def random_report(seed: int, format: str) -> Report:  # noqa: A002 - the contract's word
    """A report of ``format`` (a name of ``ogi.spec.FORMATS``) drawn from ``seed``; the same seed gives the
    same report. Its year is one the format is used for (the newest format: up to 2025 or its first year)."""
    spec = FORMATS[format]
    rng = random.Random(f"ogi-fixture:{format}:{seed}")
    year = rng.choice(years_of(spec, until=2025))
    report = blank_report(format, year=year, organ=rng.choice(ORGANS))
    fill_s3(report, spec, rng)
    fill_s4(report, spec, rng)
    fill_s2(report, spec, rng)
    mark_zeros(report, spec, rng)
    write_narrative(report, rng)
    return report


def fill_s3(report: Report, spec: Format, rng: random.Random) -> None:
    """Result rows drawn per applicant column, then the totals and R3-1 by construction."""
    results = [r.key for r in spec.s3_rows if r.key.startswith("r_") and r.key != "r_total"]
    busy = rng.random()  # how many rows are used at all
    for col in APPLICANTS:
        scale = 0 if rng.random() < 0.25 and col != "natural_person" else _SCALE[col]
        for row in results:
            used = scale and rng.random() < busy
            set_value(report, f"s3.{row}.{col}", rng.randint(1, scale) if used else 0)
        close_column(report, results, col, rng)
    for row in spec.s3_rows:
        total = sum(report.value(f"s3.{row.key}.{c}") for c in APPLICANTS)
        set_value(report, f"s3.{row.key}.total", total)


def close_column(report: Report, results: list[str], col: str, rng: random.Random) -> None:
    """（七）总计 = the results; draw 上年结转 and 结转下年度, then 本年新收 = （七） + 四 − 二 ≥ 0."""
    done = sum(report.value(f"s3.{row}.{col}") for row in results)
    forward = rng.randint(0, max(1, done // 4)) if rng.random() < 0.6 else 0
    carried = rng.randint(0, done + forward) if rng.random() < 0.6 else 0
    set_value(report, f"s3.r_total.{col}", done)
    set_value(report, f"s3.carry_forward.{col}", forward)
    set_value(report, f"s3.carried_over.{col}", carried)
    set_value(report, f"s3.new_received.{col}", done + forward - carried)


def fill_s4(report: Report, spec: Format, rng: random.Random) -> None:
    for group in spec.s4_groups:
        parts = [rng.randint(0, 6) if rng.random() < 0.4 else 0 for _ in spec.s4_columns[:-1]]
        for col, n in zip(spec.s4_columns, [*parts, sum(parts)], strict=True):
            set_value(report, f"s4.{group.key}.{col.key}", n)


def fill_s2(report: Report, spec: Format, rng: random.Random) -> None:
    for block in spec.s2:
        for row in block.rows:
            for col in block.columns:
                path = f"s2.{block.key}.{row.key}.{col.key}"
                if col.kind == "money":
                    draw_money(report, path, rng)
                else:
                    set_value(report, path, draw_count(col.key, rng))
    for row in ("regulations", "normative_documents"):  # 对外公开总数量 ≥ 本年新公开数量 (R2-3)
        base = f"s2.art20_1.{row}."
        if report.has(base + "total_published"):
            set_value(
                report,
                base + "total_published",
                report.value(base + "new_published") + rng.randint(0, 300),
            )
        if report.has(base + "in_force"):
            set_value(
                report, base + "in_force", report.value(base + "issued") + rng.randint(0, 300)
            )


def draw_count(column: str, rng: random.Random) -> int:
    if rng.random() < 0.35:
        return 0
    if column == "change":  # 本年增/减 (2019): an increase or a decrease
        return rng.randint(-40, 40)
    return rng.randint(1, 2000 if column == "decisions" else 60)


def draw_money(report: Report, path: str, rng: random.Random) -> None:
    """A 万元 amount with decimals; printed plain, or with a unit (“3.5万元”, “251000元”)."""
    cents = rng.choice((0, rng.randint(1, 99), rng.randint(1, 10**7)))
    raw = (
        number_text(Decimal(cents) / 100)
        if rng.random() < 0.5
        else number_text(Decimal(cents) / 10**5)
    )
    style = rng.random()
    if style < 0.2:
        raw += "万元"
    elif style < 0.35:
        raw = number_text(Decimal(raw) * 10000) + "元"
    cell = read_cell(raw, money=True)
    set_value(report, path, cell.value)
    if cell.semantic != "value":
        report.cells_meta[path] = CellMeta(raw=raw, semantic=cell.semantic)  # type: ignore[arg-type]


def number_text(x: Decimal) -> str:
    return str(int(x)) if x == x.to_integral_value() else format(x.normalize(), "f")


def mark_zeros(report: Report, spec: Format, rng: random.Random) -> None:
    """Print some zero cells the way real reports do: blank, “-”, “—”, “/”, “无”."""
    share = rng.choice((0.0, 0.0, 0.3, 0.8))
    style = rng.choice(MARKS)
    for path in spec.paths():
        if report.value(path) != 0 or path in report.cells_meta or rng.random() >= share:
            continue
        raw = style if rng.random() < 0.8 else rng.choice(MARKS)
        report.cells_meta[path] = CellMeta(raw=raw, semantic=read_cell(raw).semantic)  # type: ignore[arg-type]


# -- narrative ------------------------------------------------------------------------------------

_WORK = (
    "认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外",
    "紧紧围绕年度政务公开工作要点，持续深化决策、执行、管理、服务、结果公开",
    "按照上级政务公开工作部署，不断完善政府信息公开工作机制",
)
_PROBLEMS = (
    "一是信息公开时效性有待加强；二是工作人员业务素质有待提高。",
    "一是政策解读形式较为单一；二是依申请公开答复规范化水平有待提升。",
    "一是公开内容的全面性有待加强；二是政府网站栏目更新不够及时。",
)


def write_narrative(report: Report, rng: random.Random) -> None:
    s = report.sections
    s.s1_text = "\n".join(
        [
            f"{report.year}年，{report.organ}{rng.choice(_WORK)}。",
            "（一）主动公开。本年度主动公开政府信息，及时发布机构职能、政策文件、财政预决算等信息。",
            application_sentence(report),
            "（三）政府信息管理。严格落实公开前保密审查制度，动态更新政府信息公开目录。",
            "（四）政府信息公开平台建设。依托政府门户网站和政务新媒体，拓宽公开渠道。",
            "（五）监督保障。将政务公开纳入工作考核，主动接受社会评议，落实责任追究制度。",
        ]
    )
    s.s5_text = (
        rng.choice(_PROBLEMS)
        + "\n下一步，我们将加强培训，健全制度，进一步提升政府信息公开工作质量。"
    )
    s.s6_text = other_matters(report, rng)


def application_sentence(report: Report) -> str:
    v = report.value
    cases = (
        v("s4.review.total")
        + v("s4.litigation_direct.total")
        + v("s4.litigation_after_review.total")
    )
    return (
        f"（二）依申请公开。本年度共收到政府信息公开申请{v('s3.new_received.total')}件，"
        f"上年结转{v('s3.carried_over.total')}件，办结{v('s3.r_total.total')}件，"
        f"结转下年度继续办理{v('s3.carry_forward.total')}件；"
        f"因政府信息公开被申请行政复议{v('s4.review.total')}件，"
        f"提起行政诉讼{cases - v('s4.review.total')}件。"
    )


def other_matters(report: Report, rng: random.Random) -> str:
    """Section 六: on the information processing fee where the format has the fee row (2021 on)."""
    if not report.has("s3.r_other_fee_unpaid.total"):
        return rng.choice(("无。", "", "本机关无其他需要报告的事项。"))
    unpaid = report.value("s3.r_other_fee_unpaid.total")
    if unpaid:
        return f"本年度依据《政府信息公开信息处理费管理办法》发出收费通知{unpaid}件，申请人均逾期未缴纳，未实际收取信息处理费。"
    return "本年度未收取信息处理费。"


# -- the fixed sample -----------------------------------------------------------------------------

_SAMPLE_S3 = {  # (row, column) → count; every other applicant cell is 0
    ("r_open", "natural_person"): 20,
    ("r_partial", "natural_person"): 3,
    ("r_deny_third_party", "natural_person"): 1,
    ("r_deny_process_info", "natural_person"): 2,
    ("r_unable_not_held", "natural_person"): 8,
    ("r_noproc_petition", "natural_person"): 2,
    ("r_noproc_duplicate", "natural_person"): 1,
    ("r_open", "org_commercial"): 2,
    ("r_unable_not_held", "org_commercial"): 1,
    ("r_open", "org_legal_service"): 1,
    ("carried_over", "natural_person"): 2,
    ("carry_forward", "natural_person"): 3,
}
_SAMPLE_OTHER = {"2019": {"r_other": 2}, "2021": {"r_other_no_correction": 1, "r_other_other": 1}}
_SAMPLE_S2 = {
    "2019": {
        "s2.art20_1.normative_documents.new_made": 5,
        "s2.art20_1.normative_documents.new_published": 5,
        "s2.art20_1.normative_documents.total_published": 25,
        "s2.art20_5.admin_licensing.prev_year_items": 12,
        "s2.art20_5.admin_licensing.change": -3,
        "s2.art20_5.admin_licensing.decisions": 120,
        "s2.art20_6.admin_penalty.decisions": 36,
        "s2.art20_9.gov_centralized_procurement.project_count": 6,
    },
    "2021": {
        "s2.art20_1.normative_documents.issued": 5,
        "s2.art20_1.normative_documents.repealed": 1,
        "s2.art20_1.normative_documents.in_force": 25,
        "s2.art20_5.admin_licensing.decisions": 120,
        "s2.art20_6.admin_penalty.decisions": 36,
        "s2.art20_6.admin_coercion.decisions": 2,
        "s2.art20_8.admin_fees.amount_wan_yuan": Decimal("0.28959"),
    },
}
_SAMPLE_S4 = {
    "review": (2, 1, 0, 1),
    "litigation_direct": (1, 0, 0, 1),
    "litigation_after_review": (0, 0, 0, 0),
}


def sample_report(format: str) -> Report:  # noqa: A002 - the contract's word
    """A fixed small report: 44 new + 2 carried = 43 done + 3 carried forward; 复议 4, 直诉 2."""
    spec = FORMATS[format]
    report = blank_report(format, year=2020 if format == "2019" else 2021, organ="某某市示例局")
    cells = {
        **_SAMPLE_S3,
        **{(row, "natural_person"): n for row, n in _SAMPLE_OTHER[format].items()},
    }
    for (row, col), n in cells.items():
        set_value(report, f"s3.{row}.{col}", n)
    results = [r.key for r in spec.s3_rows if r.key.startswith("r_") and r.key != "r_total"]
    for col in APPLICANTS:
        done = sum(report.value(f"s3.{row}.{col}") for row in results)
        set_value(report, f"s3.r_total.{col}", done)
        new = (
            done + report.value(f"s3.carry_forward.{col}") - report.value(f"s3.carried_over.{col}")
        )
        set_value(report, f"s3.new_received.{col}", new)
    for row in spec.s3_rows:
        set_value(
            report,
            f"s3.{row.key}.total",
            sum(report.value(f"s3.{row.key}.{c}") for c in APPLICANTS),
        )
    for group, parts in _SAMPLE_S4.items():
        for col, n in zip(spec.s4_columns, [*parts, sum(parts)], strict=True):
            set_value(report, f"s4.{group}.{col.key}", n)
    for path, value in _SAMPLE_S2[format].items():
        set_value(report, path, value)
    _sample_printing(report, format)
    write_narrative(report, random.Random(0))
    return report


def _sample_printing(report: Report, format: str) -> None:  # noqa: A002
    """The sample's printed oddities: a blank, a dash, and (2019) an amount printed in 元."""
    report.cells_meta["s3.r_open.org_research"] = CellMeta(raw="", semantic="blank")
    report.cells_meta["s4.litigation_after_review.total"] = CellMeta(raw="—", semantic="dash")
    if format == "2019":
        path = "s2.art20_9.gov_centralized_procurement.total_amount_wan_yuan"
        set_value(report, path, Decimal("25.1"))
        report.cells_meta[path] = CellMeta(raw="251000元", semantic="text")
