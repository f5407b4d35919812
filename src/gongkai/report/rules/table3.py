"""Table 三 (收到和处理政府信息公开申请情况): the hard arithmetic rules R1, R2, R3 (domain.md §4.1).

Table 三 holds the statistics 条例 art. 50(3) requires ("收到和处理政府信息公开申请情况"). The
relations come from the declarations (``Format.balance()``, ``Format.totals()``) of the format that
table 三 actually follows — never from labels or row lists written here.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..model import Report
from .base import (
    Rule,
    addend,
    col_label,
    fmt_number,
    row_label,
    show,
    span_of,
    sum_findings,
    table_format,
)


def _t3_balance(report: Report) -> Iterator[Finding]:
    fmt = table_format(report, "t3")
    if fmt is None:
        return
    for (new_id, carried_id), (total_id, forward_id) in fmt.balance():
        cells = [report.cells.get(cid) for cid in (new_id, carried_id, total_id, forward_id)]
        new, carried, total, forward = (addend(c) for c in cells)
        if new is None or carried is None or total is None or forward is None:
            continue  # not read, or text (CELL-NOT-NUMBER reports it): cannot be evaluated
        if new + carried == total + forward:
            continue
        yield T3_BALANCE.finding(
            f"表三{col_label(report, total_id)}列不平衡：本年新收 {show(cells[0])} + 上年结转 "
            f"{show(cells[1])} = {fmt_number(new + carried)}，而（七）总计 {show(cells[2])} + "
            f"结转下年度 {show(cells[3])} = {fmt_number(total + forward)}",
            cells=(new_id, carried_id, total_id, forward_id),
            expected=new + carried,
            actual=total + forward,
            location=span_of(report, total_id),
        )


def _t3_outcomes_sum(report: Report) -> Iterator[Finding]:
    return sum_findings(
        report,
        T3_OUTCOMES_SUM,
        "t3",
        "outcomes",
        lambda total, result: (
            f"表三{col_label(report, total.total)}列：各项办理结果之和为 {fmt_number(result.parts_sum)}，"
            f"“（七）总计”为 {show(result.total_cell)}"
        ),
    )


def _t3_row_total(report: Report) -> Iterator[Finding]:
    return sum_findings(
        report,
        T3_ROW_TOTAL,
        "t3",
        "row",
        lambda total, result: (
            f"表三{row_label(report, total.total)}行：各列之和为 {fmt_number(result.parts_sum)}，"
            f"“总计”列为 {show(result.total_cell)}"
        ),
    )


T3_BALANCE = Rule(
    "T3-BALANCE",
    Severity.ERROR,
    basis="docs/domain.md §4.1 R1：表三所印勾稽关系“第一项加第二项之和，等于第三项加第四项之和”（条例第五十条第三项）",
    check=_t3_balance,
    summary="表三每一列：本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理",
)

T3_OUTCOMES_SUM = Rule(
    "T3-OUTCOMES-SUM",
    Severity.ERROR,
    basis="docs/domain.md §4.1 R2：“（七）总计”即各项办理结果之和（条例第五十条第三项）",
    check=_t3_outcomes_sum,
    summary="表三每一列：“（七）总计”等于各项办理结果之和（2021 格式 21 项，2019 格式 19 项）",
)

T3_ROW_TOTAL = Rule(
    "T3-ROW-TOTAL",
    Severity.ERROR,
    basis="docs/domain.md §4.1 R3：“总计”列即自然人与各类法人或其他组织之和（条例第五十条第三项）",
    check=_t3_row_total,
    summary="表三每一行：“总计”列等于自然人与五类法人或其他组织之和",
)
