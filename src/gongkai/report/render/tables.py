"""The one place that turns a format and a report into renderer-neutral tables.

Every renderer (HTML, DOCX, XLSX, PDF via HTML, Markdown) draws the same :class:`RenderTable`s, so
the official layout — which header cells are merged, which labels span which rows — is declared once
here and read from :mod:`gongkai.report.formats`; no renderer knows a label.

The model follows HTML's table model: each :class:`TableRow` lists only the cells that *start* in it,
with ``rowspan``/``colspan``; :meth:`RenderTable.placed` computes the grid position of every cell for
renderers that merge ranges (DOCX, XLSX) or need a full grid (Markdown).

The layouts reproduce the official Word template of 国办公开办函〔2021〕30号
(tests/reference/official-template-2021.docx) and the 2019 trial format (国办公开办函〔2019〕60号):

- 表二: a 4-column grid; each block has a full-width heading row (第二十条第（一）项), a 信息内容
  header row and its data rows; a block with fewer than three value columns lets its last column
  span the rest (e.g. 本年处理决定数量 over three columns).
- 表三: a 10-column grid: three label columns and seven applicant columns. The top-left cell carries
  the 勾稽关系 note over 3×3 cells; 申请人情况 spans the seven columns; 自然人 and 总计 span two
  header rows; 法人或其他组织 spans its five sub-columns. Top-level rows (一、二、四) span the three
  label columns; 三、本年度办理结果 spans every outcome row; each inner group ((三)…(六)) spans its
  sub-rows; rows directly under 三 span two label columns.
- 表四: 15 columns; 行政复议 over five, 行政诉讼 over ten, the five 行政复议 headers span two rows,
  未经复议直接起诉 and 复议后起诉 five columns each; one data row.

Values: a cell absent from the report (not read) and a cell printed blank are both written blank —
the table model lists the absent ones in :attr:`RenderTable.unread` so renderers can say so; text
printed in a numeric cell is written as printed; numbers are written exactly (no rounding).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from ...errors import ContractError
from ..formats import Format, any_cell
from ..formats.spec import Row
from ..model import CellValue, Report


class Role(StrEnum):
    """What a table cell is, so each renderer can style it and mark it up (``<th>`` vs ``<td>``)."""

    NOTE = "note"  # the 勾稽关系 note in table 三's corner (a header cell)
    COLUMN = "column"  # a column header (scope col) or a column group header (scope colgroup)
    BLOCK = "block"  # a block heading of table 二 (第二十条第（一）项), heading a group of rows
    ROW = "row"  # a row header (scope row)
    ROWGROUP = "rowgroup"  # a label spanning several rows (三、本年度办理结果, （三）不予公开)
    VALUE = "value"  # a statistical cell
    FILLER = "filler"  # an empty slot of the grid (table 二 blocks with two columns in the 2019 format)


@dataclass(frozen=True)
class TableCell:
    text: str
    role: Role
    rowspan: int = 1
    colspan: int = 1
    cell_id: str | None = None  # the canonical id (cells.yaml) of a VALUE cell
    group_header: bool = False  # a COLUMN cell heading several columns (scope colgroup)
    numeric: bool = False  # a VALUE cell holding a number (as opposed to blank or printed text)

    @property
    def is_header(self) -> bool:
        return self.role not in (Role.VALUE, Role.FILLER)


@dataclass(frozen=True)
class TableRow:
    cells: tuple[TableCell, ...]
    head: bool = False  # part of the table's header (repeated on each page, <thead>)
    group: int = 0  # rows with the same group form one <tbody> (table 二's blocks)


@dataclass(frozen=True)
class PlacedCell:
    row: int  # 0-based grid row
    col: int  # 0-based grid column
    cell: TableCell

    @property
    def last_row(self) -> int:
        return self.row + self.cell.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.cell.colspan - 1


@dataclass(frozen=True)
class RenderTable:
    key: str  # "t2", "t3", "t4"
    format: str  # "2021" or "2019"
    title: str  # the section title the table belongs to
    caption: str  # a short caption (for <caption>, sheet names, figure lists)
    columns: int  # grid width
    rows: tuple[TableRow, ...]
    widths: tuple[float, ...]  # relative column widths, summing to 1
    unread: tuple[str, ...] = ()  # ids of the table's cells absent from the report (not read)

    def placed(self) -> Iterator[PlacedCell]:
        """Every cell with its grid position, in row order (HTML's table-forming algorithm)."""
        occupied: set[tuple[int, int]] = set()
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row.cells:
                while (r, c) in occupied:
                    c += 1
                yield PlacedCell(r, c, cell)
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        occupied.add((r + dr, c + dc))
                c += cell.colspan

    def grid(self) -> list[list[PlacedCell | None]]:
        """The full grid: each slot holds the cell covering it (the same object for a merged range)."""
        grid: list[list[PlacedCell | None]] = [[None] * self.columns for _ in self.rows]
        for placed in self.placed():
            for r in range(placed.row, placed.last_row + 1):
                for c in range(placed.col, placed.last_col + 1):
                    grid[r][c] = placed
        return grid

    @property
    def head_rows(self) -> int:
        return sum(1 for row in self.rows if row.head)


# ---- values ----------------------------------------------------------------------------------


def value_text(value: CellValue, cell_id: str = "") -> str:
    """The text a renderer writes for a cell value: blank for None, text as printed, exact numbers.

    Raises ContractError (naming the cell) for a value outside the contract (float, bool, ...), so a
    report built in code with a wrong type fails clearly instead of printing something wrong.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        raise ContractError(f"单元格 {cell_id} 的值 {value!r} 不是数字、文字或空白", where=cell_id or None)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ContractError(f"单元格 {cell_id} 的值 {value} 不是有限数", where=cell_id or None)
        return format(value, "f")
    if isinstance(value, str):
        return value
    raise ContractError(
        f"单元格 {cell_id} 的值 {value!r}（{type(value).__name__}）不是整数、小数、文字或空白",
        where=cell_id or None,
    )


def validate_cells(report: Report) -> None:
    """Every cell id must be a canonical id (cells.yaml) and every value of a contract type.

    Legacy reports carry ids of the legacy figure set (``legacy.*``); they are accepted as they are.
    """
    for cell_id, cell in report.cells.items():
        if not cell_id.startswith("legacy."):
            try:
                any_cell(cell_id)
            except KeyError:
                raise ContractError(f"未知的单元格编号“{cell_id}”（见 cells.yaml）", where=cell_id) from None
        value_text(cell.value, cell_id)


def table_format(report: Report, table: str) -> Format | None:
    """The format a table is drawn in: the one detected for that table, else the report's (the
    rules' own decision, so a table is drawn exactly as it is checked)."""
    from ..rules.base import table_format as checked_format

    return checked_format(report, table)


# ---- the three tables ------------------------------------------------------------------------


def _value(report: Report, cell_id: str) -> TableCell:
    cell = report.cells.get(cell_id)
    text = "" if cell is None else value_text(cell.value, cell_id)
    return TableCell(text, Role.VALUE, cell_id=cell_id, numeric=cell is not None and cell.is_number)


def _title(fmt: Format, table: str) -> str:
    return dict(fmt.table_titles)[table]


def _caption(title: str) -> str:
    # "二、主动公开政府信息情况" → "主动公开政府信息情况"
    return title.split("、", 1)[-1]


def _unread(report: Report, fmt: Format, table: str) -> tuple[str, ...]:
    return tuple(spec.id for spec in fmt.table_cells(table) if spec.id not in report.cells)


def table2(report: Report, fmt: Format) -> RenderTable:
    """表二 — 主动公开政府信息情况: one heading row, one header row and data rows per block."""
    width = 1 + max(len(block.columns) for block in fmt.table2)
    rows: list[TableRow] = []
    for index, block in enumerate(fmt.table2):
        rows.append(TableRow((TableCell(block.heading, Role.BLOCK, colspan=width),), group=index))
        # A single value column spans the grid, as the 2021 template has it (本年处理决定数量 over
        # three columns); blocks with two value columns (2019 format) leave the last slot empty,
        # as 2019 reports print it: a merged value cell is repeated by readers of real tables and
        # could not be told from two equal values.
        single = len(block.columns) == 1
        span = width - 1 if single else 1
        fillers = 0 if single else width - 1 - len(block.columns)
        header = [TableCell("信息内容", Role.COLUMN)]
        header += [TableCell(col.label, Role.COLUMN, colspan=span) for col in block.columns]
        header += [TableCell("", Role.FILLER)] * fillers
        rows.append(TableRow(tuple(header), group=index))
        for row in block.rows:
            cells = [TableCell(row.label, Role.ROW)]
            cells += [
                replace(_value(report, f"t2.{row.key}.{col.key}"), colspan=span) for col in block.columns
            ]
            cells += [TableCell("", Role.FILLER)] * fillers
            rows.append(TableRow(tuple(cells), group=index))
    title = _title(fmt, "t2")
    return RenderTable(
        "t2",
        fmt.key,
        title,
        _caption(title),
        width,
        tuple(rows),
        (0.28, *([0.72 / (width - 1)] * (width - 1))),
        _unread(report, fmt, "t2"),
    )


def _t3_header(fmt: Format) -> list[TableRow]:
    columns = fmt.table3_columns
    top = [
        TableCell(fmt.table3_note, Role.NOTE, rowspan=3, colspan=3),
        TableCell("申请人情况", Role.COLUMN, colspan=len(columns), group_header=True),
    ]
    second: list[TableCell] = []
    third: list[TableCell] = []
    index = 0
    while index < len(columns):
        col = columns[index]
        if col.group is None:
            second.append(TableCell(col.label, Role.COLUMN, rowspan=2))
            index += 1
            continue
        # consecutive members only: a group is one spanning header
        run = 0
        while index + run < len(columns) and columns[index + run].group == col.group:
            run += 1
        members = list(columns[index : index + run])
        second.append(TableCell(col.group, Role.COLUMN, colspan=len(members), group_header=True))
        third += [TableCell(m.label, Role.COLUMN) for m in members]
        index += run
    return [
        TableRow(tuple(top), head=True),
        TableRow(tuple(second), head=True),
        TableRow(tuple(third), head=True),
    ]


def table3(report: Report, fmt: Format) -> RenderTable:
    """表三 — 收到和处理政府信息公开申请情况, with the official template's merged label cells.

    The outcome block is the run of rows whose group is one of ``fmt.table3_groups``; the first of
    those labels (三、本年度办理结果) spans the whole block; the others are inner groups spanning
    their own sub-rows.
    """
    outer = fmt.table3_groups[0]
    inner = set(fmt.table3_groups[1:])
    rows = list(fmt.table3_rows)
    in_block = [r.group in fmt.table3_groups for r in rows]
    block_size = sum(in_block)
    result = _t3_header(fmt)
    seen_outer = False
    seen_inner: set[str] = set()

    def values(row: Row) -> list[TableCell]:
        return [_value(report, f"t3.{row.key}.{col.key}") for col in fmt.table3_columns]

    for row, inside in zip(rows, in_block, strict=False):
        cells: list[TableCell] = []
        if not inside:
            cells.append(TableCell(row.label, Role.ROW, colspan=3))
        else:
            if not seen_outer:
                cells.append(TableCell(outer, Role.ROWGROUP, rowspan=block_size))
                seen_outer = True
            if row.group in inner:
                assert row.group is not None
                if row.group not in seen_inner:
                    size = sum(1 for r in rows if r.group == row.group)
                    cells.append(TableCell(row.group, Role.ROWGROUP, rowspan=size))
                    seen_inner.add(row.group)
                cells.append(TableCell(row.label, Role.ROW))
            else:
                cells.append(TableCell(row.label, Role.ROW, colspan=2))
        cells += values(row)
        result.append(TableRow(tuple(cells)))
    title = _title(fmt, "t3")
    n = len(fmt.table3_columns)
    return RenderTable(
        "t3",
        fmt.key,
        title,
        _caption(title),
        3 + n,
        tuple(result),
        (0.077, 0.094, 0.336, *([0.493 / n] * n)),  # the template's grid (twips 754/921/3271/685×7)
        _unread(report, fmt, "t3"),
    )


def table4(report: Report, fmt: Format) -> RenderTable:
    """表四 — 政府信息公开行政复议、行政诉讼情况: three header rows and one row of 15 values."""
    blocks = fmt.table4_blocks
    cols = fmt.table4_columns
    top: list[TableCell] = []
    second: list[TableCell] = []
    third: list[TableCell] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.group is None:
            # a block without a parent (行政复议): its label spans its columns, its column
            # headers span the two lower header rows
            top.append(TableCell(block.label, Role.COLUMN, colspan=len(cols), group_header=True))
            second += [TableCell(c.label, Role.COLUMN, rowspan=2) for c in cols]
            index += 1
            continue
        run = 0
        while index + run < len(blocks) and blocks[index + run].group == block.group:
            run += 1
        top.append(TableCell(block.group, Role.COLUMN, colspan=len(cols) * run, group_header=True))
        for member in blocks[index : index + run]:
            second.append(TableCell(member.label, Role.COLUMN, colspan=len(cols), group_header=True))
            third += [TableCell(c.label, Role.COLUMN) for c in cols]
        index += run
    data = [_value(report, f"t4.{b.key}.{c.key}") for b in blocks for c in cols]
    title = _title(fmt, "t4")
    width = len(blocks) * len(cols)
    return RenderTable(
        "t4",
        fmt.key,
        title,
        _caption(title),
        width,
        (
            TableRow(tuple(top), head=True),
            TableRow(tuple(second), head=True),
            TableRow(tuple(third), head=True),
            TableRow(tuple(data)),
        ),
        tuple([1 / width] * width),
        _unread(report, fmt, "t4"),
    )


BUILDERS = {"t2": table2, "t3": table3, "t4": table4}
#: the section each table belongs to (二、三、四)
TABLE_SECTIONS = {"t2": "s2_proactive", "t3": "s3_requests", "t4": "s4_review_lit"}


def report_tables(report: Report) -> dict[str, RenderTable]:
    """The tables of a report, keyed by the section they belong to (s2_proactive, s3_requests, ...).

    Empty for a legacy report (free-form reports have no fixed tables; see :func:`legacy_figures`).
    """
    result: dict[str, RenderTable] = {}
    for table, section in TABLE_SECTIONS.items():
        fmt = table_format(report, table)
        if fmt is not None:
            result[section] = BUILDERS[table](report, fmt)
    return result


def legacy_labels() -> dict[str, str]:
    """Chinese labels of the legacy figures (``legacy.*`` ids), in their declared order, from
    :mod:`gongkai.report.formats.legacy` when it declares them (``LEGACY_FIGURES``)."""
    labels: dict[str, str] = {}
    try:
        legacy_module = importlib.import_module("gongkai.report.formats.legacy")
    except ImportError:
        return labels
    for spec in getattr(legacy_module, "LEGACY_FIGURES", ()):
        cid = getattr(spec, "id", None)
        label = getattr(spec, "label", None)
        if isinstance(cid, str):
            labels[cid] = label if isinstance(label, str) else cid
    return labels


def legacy_figures(report: Report) -> list[tuple[str, str, str]]:
    """(id, label, text) of the figures of a legacy report, in the order the legacy set declares.

    Legacy reports (≤ 2018, 国务院令第492号) have no fixed tables; the extractor reads the figures
    actually printed (``legacy.*`` ids). Figures the declarations do not know are listed by id.
    """
    labels = legacy_labels()
    ids = [cid for cid in labels if cid in report.cells]
    ids += sorted(cid for cid in report.cells if cid not in labels)
    return [(cid, labels.get(cid, cid), value_text(report.cells[cid].value, cid)) for cid in ids]


def unread_note(table: RenderTable) -> str | None:
    """A one-line Chinese note for cells not read from the source, or None when all were read."""
    if not table.unread:
        return None
    # no figures in the note: a reader must not take them for the table's last row
    return "注：本表中原文未能读取的单元格按空白输出。"
