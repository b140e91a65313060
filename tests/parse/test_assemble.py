"""The assembler on small hand-made documents: every expected number is written in the text below."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ogi.errors import SectionNotFound
from ogi.parse import assemble
from ogi.parse.document import Piece, SourceDoc
from ogi.spec import FORMATS

F21 = FORMATS["2021"]
TITLE = "某市某某局2022年政府信息公开工作年度报告"
PREAMBLE = (
    "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六个部分。"
    "本报告所列数据的统计期限为2022年1月1日至2022年12月31日。"
)
S2_LINES = [
    "第二十条第（一）项",
    "信息内容 本年制发件数 本年废止件数 现行有效件数",
    "规章 0 0 0",
    "行政规范性文件 5 1 25",
    "第二十条第（五）项",
    "信息内容 本年处理决定数量",
    "行政许可 120",
    "第二十条第（六）项",
    "行政处罚 33",
    "行政强制 2",
    "第二十条第（八）项",
    "信息内容 本年收费金额（单位：万元）",
    "行政事业性收费 1.5",
]
# 自然人 …其他, 总计 — new 10 (9 natural + 1 commercial), carried 1; results: open 6, partial 2,
# not held 2 (1+1); total 10; carried forward 1.
S3_VALUES = {
    "new_received": "9 1 0 0 0 0 10",
    "carried_over": "1 0 0 0 0 0 1",
    "r_open": "5 1 0 0 0 0 6",
    "r_partial": "2 0 0 0 0 0 2",
    "r_unable_not_held": "2 0 0 0 0 0 2",
    "r_total": "9 1 0 0 0 0 10",
    "carry_forward": "1 0 0 0 0 0 1",
}
S4_LINE = "1 0 0 0 1 0 0 0 1 1 0 0 0 0 0"


def s3_lines(values: dict[str, str], rows=F21.s3_rows, skip=()) -> list[str]:
    out = [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "自然人 法人或其他组织 总计",
    ]
    for row in rows:
        if row.key in skip:
            continue
        out.append(f"{row.label} {values.get(row.key, '0 0 0 0 0 0 0')}")
    return out


def report_lines(s3=None, s4=S4_LINE, s2=S2_LINES) -> list[str]:
    return [
        TITLE,
        PREAMBLE,
        "一、总体情况",
        "本年度共主动公开政府信息 300 条。",
        "二、主动公开政府信息情况",
        *s2,
        "三、收到和处理政府信息公开申请情况",
        *(s3 if s3 is not None else s3_lines(S3_VALUES)),
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
        s4,
        "五、存在的主要问题及改进情况",
        "一是解读形式单一。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]


def doc(lines: list[str]) -> SourceDoc:
    return SourceDoc("pdf", tuple(Piece(t, f"第{i}行") for i, t in enumerate(lines, start=1)))


def row(report, key):
    return [report.sections.s3.get(key, {}).get(c.key) for c in F21.s3_columns]


def test_it_reads_a_line_by_line_report():
    r = assemble(doc(report_lines()))
    assert (r.format, r.year, r.organ) == ("2021", 2022, "某市某某局")
    assert row(r, "new_received") == [9, 1, 0, 0, 0, 0, 10]
    assert row(r, "r_open") == [5, 1, 0, 0, 0, 0, 6]
    assert row(r, "r_other_other") == [0] * 7
    assert r.value("s4.review.upheld") == 1 and r.value("s4.litigation_direct.total") == 1
    assert r.value("s2.art20_1.normative_documents.in_force") == 25
    assert r.value("s2.art20_8.admin_fees.amount_wan_yuan") == Decimal("1.5")
    assert r.sections.s6_text == "本年度未收取信息处理费。"
    assert r.sections.s1_text == "本年度共主动公开政府信息 300 条。"
    assert r.diagnostics == []


def test_it_reads_a_label_wrapped_around_its_numbers():
    lines = s3_lines(S3_VALUES, skip=("r_partial",))
    at = lines.index(next(x for x in lines if x.startswith("1.属于国家秘密")))
    lines[at:at] = ["（二）部分公开（区分处理的，只 2 0 0 0 0 0 2", "计这一情形，不计其他情形）"]
    r = assemble(doc(report_lines(s3=lines)))
    assert row(r, "r_partial") == [2, 0, 0, 0, 0, 0, 2]
    assert row(r, "r_deny_state_secret") == [0] * 7


def test_it_ignores_page_footers_inside_a_table():
    lines = s3_lines(S3_VALUES)
    lines.insert(8, "- 4 -")
    lines.insert(3, "— 5 —")
    r = assemble(doc(report_lines(s3=lines)))
    assert [d.code for d in r.diagnostics] == []
    assert row(r, "r_open") == [5, 1, 0, 0, 0, 0, 6]


def test_it_reports_a_missing_row_and_leaves_it_absent():
    r = assemble(doc(report_lines(s3=s3_lines(S3_VALUES, skip=("r_noproc_duplicate",)))))
    assert "r_noproc_duplicate" not in r.sections.s3
    missing = [d for d in r.diagnostics if d.code == "S-missing-row"]
    assert len(missing) == 1 and "2.重复申请" in missing[0].message


def test_it_reports_a_row_with_too_few_numbers():
    values = dict(S3_VALUES, r_open="5 6")
    r = assemble(doc(report_lines(s3=s3_lines(values))))
    assert "r_open" not in r.sections.s3
    assert any(d.code == "S-row-values" and "予以公开" in d.message for d in r.diagnostics)


def test_it_counts_dashes_and_slashes_as_zero_and_keeps_them():
    values = dict(S3_VALUES, carried_over="1 — — / — 无 1")
    r = assemble(doc(report_lines(s3=s3_lines(values))))
    assert row(r, "carried_over") == [1, 0, 0, 0, 0, 0, 1]
    assert r.semantic("s3.carried_over.org_commercial") == "dash"
    assert r.semantic("s3.carried_over.org_public_welfare") == "slash"
    assert r.semantic("s3.carried_over.org_other") == "none"
    assert r.cells_meta["s3.carried_over.org_commercial"].raw == "—"


def test_it_converts_a_fee_printed_in_yuan():
    s2 = [x if not x.startswith("行政事业性收费") else "行政事业性收费 15000元" for x in S2_LINES]
    r = assemble(doc(report_lines(s2=s2)))
    assert r.value("s2.art20_8.admin_fees.amount_wan_yuan") == Decimal("1.5")
    assert r.cells_meta["s2.art20_8.admin_fees.amount_wan_yuan"].raw == "15000元"
    assert any(d.code == "S-money-unit" for d in r.diagnostics)


def test_it_keeps_the_single_other_row_of_a_mixed_report():
    rows = FORMATS[
        "2019"
    ].s3_rows  # 2021 table 二 but the 2019 row （六）其他处理 (洪泽区 2023/2024)
    r = assemble(
        doc(report_lines(s3=s3_lines(dict(S3_VALUES, r_other="0 0 0 0 0 0 0"), rows=rows)))
    )
    assert r.format == "2021"
    assert "r_other" in r.sections.s3 and "r_other_other" not in r.sections.s3
    assert any(d.code == "S-mixed-format" for d in r.diagnostics)
    assert not any(d.code == "S-missing-row" for d in r.diagnostics)


def test_it_says_which_glued_row_it_cannot_split():
    # both readings of “270020130” add up, and without the （七）总计 row the columns cannot decide
    values = dict(S3_VALUES, r_open="270020130")
    lines = s3_lines(values, skip=("r_total",))
    r = assemble(doc(report_lines(s3=lines)))
    assert not r.has("s3.r_open.natural_person")
    assert r.value("s3.r_open.total") == 30  # both readings agree on 总计 30
    found = [d for d in r.diagnostics if d.code == "S-ambiguous-split"]
    assert (
        len(found) == 1
        and "27|0|0|2|0|1|30" in found[0].message
        and "2|7|0|0|20|1|30" in found[0].message
    )


def test_it_splits_a_glued_row_with_the_column_sums():
    values = dict(
        S3_VALUES,
        new_received="640020167",  # 64|0|0|2|0|1|67
        r_open="270020130",  # 27|0|0|2|0|1|30 or 2|7|0|0|20|1|30: only the first adds up by column
        r_partial="370000037",
        r_total="640020167",
        carried_over="0000000",
        r_unable_not_held="0000000",
        carry_forward="0000000",
    )
    r = assemble(doc(report_lines(s3=s3_lines(values))))
    assert row(r, "r_open") == [27, 0, 0, 2, 0, 1, 30]
    assert row(r, "r_partial") == [37, 0, 0, 0, 0, 0, 37]
    assert not any(d.code == "S-ambiguous-split" for d in r.diagnostics)
    assert any(d.code == "S-glued-digits" for d in r.diagnostics)


def test_it_is_not_fooled_by_the_preamble_naming_the_sections():
    lines = report_lines()
    lines.insert(2, "一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况")
    r = assemble(doc(lines))
    assert r.sections.s1_text == "本年度共主动公开政府信息 300 条。"
    assert row(r, "r_open") == [5, 1, 0, 0, 0, 0, 6]


def test_it_refuses_a_text_that_is_not_an_annual_report():
    with pytest.raises(SectionNotFound, match="不是政府信息公开工作年度报告"):
        assemble(doc(["关于召开2022年度工作会议的通知", "各单位：定于下周一召开会议。"]))


def test_it_warns_when_the_title_year_and_the_period_disagree():
    lines = report_lines()
    lines[1] = lines[1].replace("2022年1月1日", "2021年1月1日")
    r = assemble(doc(lines))
    assert r.year == 2022
    assert any(d.code == "S-year-mismatch" for d in r.diagnostics)


def test_it_warns_when_a_2021_report_uses_the_2019_format():
    lines = [x.replace("2022", "2021") for x in report_lines()]
    lines = [x.replace("本年制发件数", "本年新制作数量") for x in lines]
    r = assemble(doc([x.replace("2021", "2019") for x in lines]))
    assert r.format == "2021"  # table 二 still shows 2021 signals (本年处理决定数量 …)
    assert any(d.code == "S-mixed-format" for d in r.diagnostics)


def test_it_recognises_an_old_report_by_its_statistics_table():
    lines = [
        "某局政府信息公开工作年度报告",
        "一、概述",
        "政府信息公开情况统计表",
        "统计指标 单位 统计数",
        "申请答复数 件 3",
    ]
    r = assemble(doc(lines))
    assert r.format == "pre2019"
    assert [d.code for d in r.diagnostics][-1] == "S-pre2019"


def test_it_reads_cells_positionally_with_blank_cells():
    cells = ["一、本年新收政府信息公开申请数量", "3", "", "", "", "", "", "3"]
    pieces = [Piece(t) for t in report_lines(s3=[])[:8]]
    pieces += [Piece("三、收到和处理政府信息公开申请情况")] + [Piece(c, "", True) for c in cells]
    pieces += [Piece("四、政府信息公开行政复议、行政诉讼情况"), Piece(S4_LINE)]
    r = assemble(SourceDoc("html", tuple(pieces)))
    assert row(r, "new_received") == [3, 0, 0, 0, 0, 0, 3]
    assert r.semantic("s3.new_received.org_commercial") == "blank"


def test_it_says_once_that_table_3_is_missing():
    r = assemble(doc(report_lines(s3=["本年度未收到政府信息公开申请。"])))
    codes = [d.code for d in r.diagnostics]
    assert codes.count("S-missing-table") == 1 and "S-missing-row" not in codes
    assert r.sections.s3 == {}
    assert r.value("s4.review.upheld") == 1


def test_it_refuses_a_work_summary_that_only_shares_the_first_heading():
    with pytest.raises(SectionNotFound):
        assemble(
            doc(
                [
                    "某局2022年工作总结",
                    "一、总体情况",
                    "全年完成各项任务。",
                    "二、存在问题",
                    "人手不足。",
                ]
            )
        )


def test_it_keeps_a_printed_subtotal_row_out_of_the_rows_and_says_so():
    lines = s3_lines(S3_VALUES)
    at = lines.index(next(x for x in lines if x.startswith("1.属于国家秘密")))
    lines.insert(at, "（三）不予公开 0 0 0 0 0 0 0")  # a subtotal row the format does not have
    r = assemble(doc(report_lines(s3=lines)))
    assert row(r, "r_partial") == [2, 0, 0, 0, 0, 0, 2]
    notes = [d for d in r.diagnostics if d.code == "S-subtotal-row"]
    assert len(notes) == 1 and "（三）不予公开" in notes[0].message


def test_it_does_not_split_a_run_that_is_far_too_long():
    values = dict(S3_VALUES, r_open="1" * 60)
    r = assemble(doc(report_lines(s3=s3_lines(values))))
    assert "r_open" not in r.sections.s3
    assert any(d.code == "S-row-values" and "予以公开" in d.message for d in r.diagnostics)


def test_it_accepts_headings_numbered_in_brackets():
    lines = [
        x.replace("二、主动公开", "（二）主动公开").replace("五、存在", "（五）存在")
        for x in report_lines()
    ]
    r = assemble(doc(lines))
    assert r.value("s2.art20_5.admin_licensing.decisions") == 120
    assert r.sections.s5_text == "一是解读形式单一。"
    assert not any(d.code == "S-missing-section" for d in r.diagnostics)
