"""The 2021 format: 国办公开办函〔2021〕30号 (signed 2021-09-26, published 2021-09-29), domain.md §2."""

from __future__ import annotations

from .common import (
    G_OTHER,
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

TABLE2: tuple[Block, ...] = (
    Block(
        "art20_1",
        "第二十条第（一）项",
        columns=(
            Column("made", "本年制发件数"),
            Column("repealed", "本年废止件数"),
            Column("in_force", "现行有效件数", aliases=("先行有效件数",)),
        ),
        rows=(
            Row("regulations", "规章"),
            Row("normative_docs", "行政规范性文件", aliases=("规范性文件",)),
        ),
    ),
    Block(
        "art20_5",
        "第二十条第（五）项",
        columns=(Column("decisions", "本年处理决定数量"),),
        rows=(Row("licensing", "行政许可"),),
    ),
    Block(
        "art20_6",
        "第二十条第（六）项",
        columns=(Column("decisions", "本年处理决定数量"),),
        rows=(Row("penalty", "行政处罚"), Row("coercion", "行政强制")),
    ),
    Block(
        "art20_8",
        "第二十条第（八）项",
        columns=(Column("amount_wan_yuan", "本年收费金额（单位：万元）", aliases=("本年收费金额",)),),
        rows=(Row("admin_fees", "行政事业性收费"),),
        kind=ValueKind.DECIMAL,
    ),
)

ROWS_OTHER: tuple[Row, ...] = (
    Row(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        group=G_OTHER,
        aliases=("1.申请人无正当理由逾期不补正、行政机关不再受理其政府信息公开申请",),
    ),
    Row(
        "other_no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        group=G_OTHER,
        aliases=("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再受理其政府信息公开申请",),
    ),
    Row("other_other", "3.其他", group=G_OTHER),
)

TABLE3_ROWS: tuple[Row, ...] = ROWS_HEAD + ROWS_OUTCOMES_1_TO_5 + ROWS_OTHER + ROWS_TAIL
OUTCOME_ROWS: tuple[str, ...] = tuple(r.key for r in ROWS_OUTCOMES_1_TO_5 + ROWS_OTHER)

FORMAT_2021 = Format(
    key="2021",
    name="政府信息公开工作年度报告格式（2021）",
    document="国办公开办函〔2021〕30号",
    report_years=(2021, 9999),
    sections=SECTIONS,
    table2=TABLE2,
    table3_columns=TABLE3_COLUMNS,
    table3_rows=TABLE3_ROWS,
    table3_outcome_rows=OUTCOME_ROWS,
    table3_groups=("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", G_OTHER),
    table3_note=TABLE3_NOTE,
    table4_blocks=TABLE4_BLOCKS,
    table4_columns=TABLE4_COLUMNS,
    table_titles=TABLE_TITLES,
    _cells=build_cells(TABLE2, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_BLOCKS, TABLE4_COLUMNS),
)
