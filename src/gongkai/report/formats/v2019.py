"""The 2019 trial format (格式（试行）, 国办公开办函〔2019〕60号), used for the 2019 and 2020 reports.

Differences from 2021 (domain.md §3): table 二 has other columns and a 第二十条第（九）项 block;
table 三 has a single （六）其他处理 data row (23 data rows); table 四 is identical.
"""

from __future__ import annotations

from .common import (
    ROWS_HEAD,
    ROWS_OUTCOMES_1_TO_5,
    ROWS_TAIL,
    SECTIONS,
    TABLE3_COLUMNS,
    TABLE3_NOTE,
    TABLE4_BLOCKS,
    TABLE4_COLUMNS,
    TABLE_TITLES,
)
from .spec import Block, Column, Format, Row, ValueKind, build_cells

_PROJECT_COLUMNS = (
    Column("prev_items", "上一年项目数量"),
    Column("delta", "本年增/减", aliases=("本年增减",)),
    Column("decisions", "处理决定数量"),
)

TABLE2: tuple[Block, ...] = (
    Block(
        "art20_1",
        "第二十条第（一）项",
        columns=(
            Column("new_made", "本年新制作数量"),
            Column("new_published", "本年新公开数量"),
            Column("total_published", "对外公开总数量"),
        ),
        rows=(Row("regulations", "规章"), Row("normative_docs", "规范性文件", aliases=("行政规范性文件",))),
    ),
    Block(
        "art20_5",
        "第二十条第（五）项",
        columns=_PROJECT_COLUMNS,
        rows=(Row("licensing", "行政许可"), Row("other_services", "其他对外管理服务事项")),
        kinds=(("delta", ValueKind.SIGNED),),
    ),
    Block(
        "art20_6",
        "第二十条第（六）项",
        columns=_PROJECT_COLUMNS,
        rows=(Row("penalty", "行政处罚"), Row("coercion", "行政强制")),
        kinds=(("delta", ValueKind.SIGNED),),
    ),
    Block(
        "art20_8",
        "第二十条第（八）项",
        columns=_PROJECT_COLUMNS[:2],
        rows=(Row("admin_fees", "行政事业性收费"),),
        kinds=(("delta", ValueKind.SIGNED),),
    ),
    Block(
        "art20_9",
        "第二十条第（九）项",
        columns=(Column("items", "采购项目数量"), Column("amount", "采购总金额")),
        rows=(Row("central_procurement", "政府集中采购"),),
        kinds=(("amount", ValueKind.DECIMAL),),
    ),
)

ROW_OTHER = Row("other", "（六）其他处理", group="三、本年度办理结果")

TABLE3_ROWS: tuple[Row, ...] = (*ROWS_HEAD, *ROWS_OUTCOMES_1_TO_5, ROW_OTHER, *ROWS_TAIL)
OUTCOME_ROWS: tuple[str, ...] = (*(r.key for r in ROWS_OUTCOMES_1_TO_5), "other")

FORMAT_2019 = Format(
    key="2019",
    name="政府信息公开工作年度报告格式（试行）",
    document="国办公开办函〔2019〕60号",
    report_years=(2019, 2020),
    sections=SECTIONS,
    table2=TABLE2,
    table3_columns=TABLE3_COLUMNS,
    table3_rows=TABLE3_ROWS,
    table3_outcome_rows=OUTCOME_ROWS,
    table3_groups=("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理"),
    table3_note=TABLE3_NOTE,
    table4_blocks=TABLE4_BLOCKS,
    table4_columns=TABLE4_COLUMNS,
    table_titles=TABLE_TITLES,
    _cells=build_cells(TABLE2, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_BLOCKS, TABLE4_COLUMNS),
)
