"""R4 on table 四, including the zuoling seed's “撤销” in a numeric cell."""

from __future__ import annotations

from gongkai.report.findings import Severity
from gongkai.report.rules import run_rules
from gongkai.report.rules.table4 import T4_BLOCK_TOTAL
from report.notation import report_from_rows


def test_consistent_blocks_pass() -> None:
    report = report_from_rows("2021", t4="1 1 0 0 2 | 1 0 0 0 1 | 2 0 1 0 3")
    assert list(T4_BLOCK_TOTAL(report)) == []


def test_block_total_fails_per_block_at_the_total() -> None:
    """hz-hongze-2023: review 维持10 纠正1 but 总计 0; post-review 维持5 but 总计 0."""
    report = report_from_rows("2021", t4="10 1 0 0 0 | 0 0 0 0 0 | 5 0 0 0 0")
    findings = list(T4_BLOCK_TOTAL(report))
    assert [(f.cells[0], f.expected, f.actual) for f in findings] == [
        ("t4.review.total", 11, 0),
        ("t4.after_review.total", 5, 0),
    ]
    assert findings[0].location == report.cells["t4.review.total"].source
    assert (
        findings[0].message == "表四“行政复议”：结果维持、结果纠正、其他结果、尚未审结之和为 11，“总计”为 0"
    )


def test_zuoling_seed_text_in_a_table4_cell() -> None:
    report = report_from_rows("2021", t4="0 0 撤销 0 1 | 0 0 0 0 0 | 0 0 0 0 0")
    errors = [f for f in run_rules(report) if f.severity is Severity.ERROR]
    assert [(f.rule, f.cells[0]) for f in errors] == [
        ("T4-BLOCK-TOTAL", "t4.review.total"),
        ("CELL-NOT-NUMBER", "t4.review.other"),
    ]
    total = errors[0]
    assert (total.expected, total.actual) == (0, 1)
    assert "“其他结果”印为“撤销”，未计入" in total.message
    assert errors[1].message == "表四“行政复议”/“其他结果”应为数字，实际印为“撤销”"
    assert errors[1].actual == "撤销"


def test_text_total_cannot_be_evaluated() -> None:
    report = report_from_rows("2021", t4="0 0 0 0 撤销 | 0 0 0 0 0 | 0 0 0 0 0")
    assert list(T4_BLOCK_TOTAL(report)) == []
    assert [f.rule for f in run_rules(report)] == ["CELL-NOT-NUMBER"]


def test_absent_block_cells_say_nothing() -> None:
    report = report_from_rows("2021", t4="? ? ? ? 3 | 0 0 0 0 0 | 0 0 0 0 0")
    assert list(T4_BLOCK_TOTAL(report)) == []
