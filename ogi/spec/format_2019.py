"""The 2019 national format (国办公开办函〔2019〕60号), used for the 2019 and 2020 reports.

``annual-report.md`` §3. Section 二 has five blocks; section 三 has a single row （六）其他处理.
"""

from __future__ import annotations

from .common import (
    HEADING_S6,
    HEADINGS_COMMON,
    R_OTHER_2019,
    S3_COLUMNS,
    S3_HEAD_ROWS,
    S3_RESULT_ROWS,
    S3_TAIL_ROWS,
    S4_COLUMNS,
    S4_GROUPS,
    s3_groups,
)
from .types import Block, Column, Format, Heading, Row

_ITEMS = (
    Column("prev_year_items", "上一年项目数量", ("上一年项目数量（指2019年事项数）",)),
    Column("change", "本年增/减", ("本年增／减", "本年增减"), kind="signed"),
    Column("decisions", "处理决定数量"),
)

FORMAT = Format(
    name="2019",
    first_year=2019,
    title="中华人民共和国政府信息公开工作年度报告格式（试行）",
    document="国办公开办函〔2019〕60号",
    headings=HEADINGS_COMMON
    + (
        Heading(
            "s5",
            "五、政府信息公开工作存在的主要问题及改进情况",
            ("五、存在的主要问题及改进情况", "五、存在问题及改进情况", "五、存在的主要问题及改进措施"),
        ),
        HEADING_S6,
    ),
    s2=(
        Block(
            "art20_1",
            "第二十条第（一）项",
            (
                Column("new_made", "本年新制作数量"),
                Column("new_published", "本年新公开数量"),
                Column("total_published", "对外公开总数量"),
            ),
            (
                Row("regulations", "规章"),
                Row("normative_documents", "规范性文件"),
            ),
        ),
        Block(
            "art20_5",
            "第二十条第（五）项",
            _ITEMS,
            (Row("admin_licensing", "行政许可"), Row("other_external_services", "其他对外管理服务事项")),
        ),
        Block(
            "art20_6",
            "第二十条第（六）项",
            _ITEMS,
            (Row("admin_penalty", "行政处罚"), Row("admin_coercion", "行政强制")),
        ),
        Block("art20_8", "第二十条第（八）项", _ITEMS[:2], (Row("admin_fees", "行政事业性收费"),)),
        Block(
            "art20_9",
            "第二十条第（九）项",
            (
                Column("project_count", "采购项目数量"),
                Column("total_amount_wan_yuan", "采购总金额", kind="money"),
            ),
            (Row("gov_centralized_procurement", "政府集中采购"),),
        ),
    ),
    s3_columns=S3_COLUMNS,
    s3_rows=S3_HEAD_ROWS + S3_RESULT_ROWS + (R_OTHER_2019,) + S3_TAIL_ROWS,
    s3_groups=s3_groups((R_OTHER_2019,)),
    s4_groups=S4_GROUPS,
    s4_columns=S4_COLUMNS,
    signals=("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "政府集中采购", "采购项目数量"),
    # the 5-column grid of the 上海 2019 report (§3.1): three values 1+2+1, two values 2+2
    s2_spans=((3, (1, 2, 1)), (2, (2, 2))),
    other_rows=("r_other",),
)
