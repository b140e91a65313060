"""The 2021 national format (国办公开办函〔2021〕30号), used from the 2021 report on.

``annual-report.md`` §4. Section 二 has four blocks; section 三's （六）其他处理 has three rows.
"""

from __future__ import annotations

from .common import (
    HEADING_S6,
    HEADINGS_COMMON,
    R_OTHER_2021,
    S3_COLUMNS,
    S3_HEAD_ROWS,
    S3_RESULT_ROWS,
    S3_TAIL_ROWS,
    S4_COLUMNS,
    S4_GROUPS,
    s3_groups,
)
from .types import Block, Column, Format, Heading, Row

_DECISIONS = (Column("decisions", "本年处理决定数量"),)

FORMAT = Format(
    name="2021",
    first_year=2021,
    title="中华人民共和国政府信息公开工作年度报告格式",
    document="国办公开办函〔2021〕30号",
    headings=HEADINGS_COMMON
    + (
        Heading(
            "s5",
            "五、存在的主要问题及改进情况",
            (
                "五、政府信息公开工作存在的主要问题及改进情况",
                "五、存在问题及改进情况",
                "五、存在的主要问题及改进措施",
            ),
        ),
        HEADING_S6,
    ),
    s2=(
        Block(
            "art20_1",
            "第二十条第（一）项",
            (
                Column("issued", "本年制发件数"),
                Column("repealed", "本年废止件数"),
                Column("in_force", "现行有效件数", ("现行有效件数（历史累计）",)),
            ),
            (Row("regulations", "规章"), Row("normative_documents", "行政规范性文件", ("规范性文件",))),
        ),
        Block("art20_5", "第二十条第（五）项", _DECISIONS, (Row("admin_licensing", "行政许可"),)),
        Block(
            "art20_6",
            "第二十条第（六）项",
            _DECISIONS,
            (Row("admin_penalty", "行政处罚"), Row("admin_coercion", "行政强制")),
        ),
        Block(
            "art20_8",
            "第二十条第（八）项",
            (Column("amount_wan_yuan", "本年收费金额（单位：万元）", ("本年收费金额",), kind="money"),),
            (Row("admin_fees", "行政事业性收费"),),
        ),
    ),
    s3_columns=S3_COLUMNS,
    s3_rows=S3_HEAD_ROWS + S3_RESULT_ROWS + R_OTHER_2021 + S3_TAIL_ROWS,
    s3_groups=s3_groups(R_OTHER_2021),
    s4_groups=S4_GROUPS,
    s4_columns=S4_COLUMNS,
    signals=("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "逾期未按收费通知"),
    s2_spans=((3, (1, 1, 1)), (1, (3,))),  # one 4-column table, single-value blocks span 3 (§4.1)
    other_rows=("r_other_no_correction", "r_other_fee_unpaid", "r_other_other"),
)
