"""What a statistical cell may hold: R5 (domain.md §4.1, §9).

Every table 三 and 四 cell and every table 二 count is a non-negative integer; the table 二 money
cells (收费金额, 采购总金额, 万元) are non-negative decimals; the 2019 本年增/减 is a signed integer.
The kind of each cell is the format's (``CellSpec.kind``), never decided here. The figures are those
条例 art. 50 requires the report to state, so a cell that does not hold one is a defect of the report.

Text in a numeric cell ("撤销") is an error (CELL-NOT-NUMBER). A cell printed blank, or holding only a
placeholder ("/", "—", "无"), is a warning (CELL-MISSING): reports commonly leave zeros out, and the
sum rules count such a cell as 0 — the warning makes that assumption visible rather than silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..findings import Finding, Severity
from ..formats import ValueKind
from ..model import Report
from .base import Rule, col_label, fmt_number, is_placeholder, label, row_label, show, spec_in, table_format

_TABLES = ("t2", "t3", "t4")
_TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


def _statistical_cells(report: Report) -> Iterator[tuple[str, ValueKind]]:
    formats = {table: table_format(report, table) for table in _TABLES}
    for cell_id in report.cells:
        table = cell_id.split(".", 1)[0]
        if table not in formats:
            continue  # legacy figures: no fixed kinds to check
        spec = spec_in(formats[table], cell_id)
        if spec is not None:
            yield cell_id, spec.kind


def _cell_not_number(report: Report) -> Iterator[Finding]:
    for cell_id, _kind in _statistical_cells(report):
        cell = report.cells[cell_id]
        if isinstance(cell.value, str) and not is_placeholder(cell.value):
            yield CELL_NOT_NUMBER.finding(
                f"{label(report, cell_id)}应为数字，实际印为{show(cell)}",
                cells=(cell_id,),
                expected="数字",
                actual=cell.value,
                location=cell.source,
            )


def _cell_negative(report: Report) -> Iterator[Finding]:
    for cell_id, kind in _statistical_cells(report):
        if kind is ValueKind.SIGNED:
            continue  # 2019 本年增/减 may be negative by definition
        value = report.number(cell_id)
        if value is not None and value < 0:
            yield CELL_NEGATIVE.finding(
                f"{label(report, cell_id)}不能为负数，实际为 {fmt_number(value)}",
                cells=(cell_id,),
                expected="≥ 0",
                actual=value,
                location=report.cells[cell_id].source,
            )


def _cell_not_integer(report: Report) -> Iterator[Finding]:
    for cell_id, kind in _statistical_cells(report):
        if kind is ValueKind.DECIMAL:
            continue
        value = report.number(cell_id)
        if isinstance(value, Decimal) and value != value.to_integral_value():
            what = "件数" if kind is ValueKind.COUNT else "增减数"
            yield CELL_NOT_INTEGER.finding(
                f"{label(report, cell_id)}是{what}，应为整数，实际为 {fmt_number(value)}",
                cells=(cell_id,),
                expected="整数",
                actual=value,
                location=report.cells[cell_id].source,
            )


def _cell_missing(report: Report) -> Iterator[Finding]:
    # One finding per printed row: a report leaving a whole table blank should not bury the rest.
    rows: dict[tuple[str, str], list[str]] = {}
    for cell_id, _kind in _statistical_cells(report):
        cell = report.cells[cell_id]
        if cell.value is None or (isinstance(cell.value, str) and is_placeholder(cell.value)):
            table, row, _col = cell_id.split(".", 2)
            rows.setdefault((table, row), []).append(cell_id)
    for (table, _row), cell_ids in rows.items():
        shown = "、".join(f"{col_label(report, cid)}{_how(report, cid)}" for cid in cell_ids)
        yield CELL_MISSING.finding(
            f"{_TABLE_NAMES[table]}{row_label(report, cell_ids[0])}行未填数字：{shown}；"
            "如为 0 应填写 0（核对加总时按 0 计）",
            cells=cell_ids,
            expected="数字",
            actual=[report.cells[cid].value for cid in cell_ids],
            location=report.cells[cell_ids[0]].source,
        )


def _how(report: Report, cell_id: str) -> str:
    value = report.cells[cell_id].value
    return "留空" if value is None else f"印为“{value}”"


_BASIS = "docs/domain.md §4.1 R5、§9：表中各项为条例第五十条要求报告的统计数"

CELL_NOT_NUMBER = Rule(
    "CELL-NOT-NUMBER",
    Severity.ERROR,
    basis=_BASIS,
    check=_cell_not_number,
    summary="数字单元格中印的是文字（如“撤销”）",
)

CELL_NEGATIVE = Rule(
    "CELL-NEGATIVE",
    Severity.ERROR,
    basis=_BASIS,
    check=_cell_negative,
    summary="件数或金额为负数（2019 格式“本年增/减”除外）",
)

CELL_NOT_INTEGER = Rule(
    "CELL-NOT-INTEGER",
    Severity.ERROR,
    basis=_BASIS,
    check=_cell_not_integer,
    summary="件数带小数（只有收费金额、采购总金额可为小数）",
)

CELL_MISSING = Rule(
    "CELL-MISSING",
    Severity.WARNING,
    basis=_BASIS,
    check=_cell_missing,
    summary="数字单元格留空或只印“/”“—”“无”（加总时按 0 计，并提示）",
)
