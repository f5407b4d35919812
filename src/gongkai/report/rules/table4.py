"""Table 四 (政府信息公开行政复议、行政诉讼情况): the block totals, R4 (domain.md §4.1).

Table 四 holds the figures 条例 art. 50(4) requires ("因政府信息公开工作被申请行政复议、提起行政诉讼的
情况"). Each of its three blocks (行政复议, 未经复议直接起诉, 复议后起诉) prints a 总计 that must equal
结果维持 + 结果纠正 + 其他结果 + 尚未审结; the relation is read from ``Format.totals()``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Severity
from ..model import Report
from .base import Rule, fmt_number, row_label, show, sum_findings


def _t4_block_total(report: Report) -> Iterator[Finding]:
    return sum_findings(
        report,
        T4_BLOCK_TOTAL,
        "t4",
        "block",
        lambda total, result: (
            f"表四{row_label(report, total.total)}：结果维持、结果纠正、其他结果、尚未审结之和为 "
            f"{fmt_number(result.parts_sum)}，“总计”为 {show(result.total_cell)}"
        ),
    )


T4_BLOCK_TOTAL = Rule(
    "T4-BLOCK-TOTAL",
    Severity.ERROR,
    basis="docs/domain.md §4.1 R4：表四每一块的“总计”即四种结果之和（条例第五十条第四项）",
    check=_t4_block_total,
    summary="表四行政复议、未经复议直接起诉、复议后起诉三块：总计 = 维持 + 纠正 + 其他 + 尚未审结",
)
