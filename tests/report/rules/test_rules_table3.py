"""R1–R3 on table 三: a passing and a failing case each, the seed errors, mixed formats, absent cells."""

from __future__ import annotations

from gongkai.report.findings import Severity
from gongkai.report.rules import run_rules
from gongkai.report.rules.table3 import T3_BALANCE, T3_OUTCOMES_SUM, T3_ROW_TOTAL
from report.notation import report_from_rows

ONE = "1 0 0 0 0 0 1"


def ids(findings: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(f.rule, f.cells[0]) for f in findings]


def test_consistent_table_passes_every_table3_rule() -> None:
    report = report_from_rows("2021", t3={"new_received": ONE, "granted": ONE, "total": ONE})
    for rule in (T3_BALANCE, T3_OUTCOMES_SUM, T3_ROW_TOTAL):
        assert list(rule(report)) == []


def test_balance_fails_when_new_plus_carried_differs_from_total_plus_forward() -> None:
    report = report_from_rows(
        "2021",
        t3={
            "new_received": "3 0 0 0 0 0 3",
            "granted": "3 0 0 0 0 0 3",
            "total": "3 0 0 0 0 0 3",
            "carry_forward": "1 0 0 0 0 0 1",
        },
    )
    findings = list(T3_BALANCE(report))
    assert [f.cells for f in findings] == [
        ("t3.new_received.np", "t3.carried_over.np", "t3.total.np", "t3.carry_forward.np"),
        ("t3.new_received.tot", "t3.carried_over.tot", "t3.total.tot", "t3.carry_forward.tot"),
    ]
    first = findings[0]
    assert first.severity is Severity.ERROR
    assert (first.expected, first.actual) == (3, 4)
    assert first.location == report.cells["t3.total.np"].source
    assert first.message == (
        "表三“自然人”列不平衡：本年新收 3 + 上年结转 0 = 3，而（七）总计 3 + 结转下年度 1 = 4"
    )


def test_outcomes_sum_fails_when_total_row_misses_an_outcome() -> None:
    report = report_from_rows(
        "2021",
        t3={
            "new_received": "2 0 0 0 0 0 2",
            "granted": ONE,
            "nohandle_repeat": ONE,
            "total": ONE,
            "carry_forward": ONE,
        },
    )
    findings = list(T3_OUTCOMES_SUM(report))
    assert [(f.cells[0], f.expected, f.actual) for f in findings] == [
        ("t3.total.np", 2, 1),
        ("t3.total.tot", 2, 1),
    ]
    assert "t3.nohandle_repeat.np" in findings[0].cells
    assert findings[0].message == "表三“自然人”列：各项办理结果之和为 2，“（七）总计”为 1"


def test_row_total_fails_and_names_the_row() -> None:
    report = report_from_rows("2021", t3={"new_received": "1 1 0 0 0 0 1"})
    findings = list(T3_ROW_TOTAL(report))
    assert len(findings) == 1
    assert findings[0].message == "表三“一、本年新收政府信息公开申请数量”行：各列之和为 2，“总计”列为 1"
    assert findings[0].location == report.cells["t3.new_received.tot"].source


def test_yinchuan_seed_total_row_is_reported_exactly() -> None:
    """yinchuan-szglj-2020 (2019 format): （七）总计 0 in every applicant column but 1 in 总计."""
    report = report_from_rows("2019", t3={"new_received": ONE, "granted": ONE, "total": "0 0 0 0 0 0 1"})
    errors = [f for f in run_rules(report) if f.severity is Severity.ERROR]
    assert sorted(ids(errors)) == [
        ("T3-BALANCE", "t3.new_received.np"),
        ("T3-OUTCOMES-SUM", "t3.total.np"),
        ("T3-ROW-TOTAL", "t3.total.tot"),
    ]
    row = next(f for f in errors if f.rule == "T3-ROW-TOTAL")
    assert row.message == "表三“（七）总计”行：各列之和为 0，“总计”列为 1"


def test_2019_format_uses_the_single_other_row() -> None:
    report = report_from_rows("2019", t3={"new_received": ONE, "other": ONE, "total": ONE})
    assert run_rules(report) == []


def test_mixed_report_2021_with_2019_other_row_uses_the_rows_present() -> None:
    report = report_from_rows(
        "2021", t3={"new_received": ONE, "other": ONE, "total": ONE}, table_formats={"t3": "2019"}
    )
    assert [f for f in run_rules(report) if f.severity is Severity.ERROR] == []
    undeclared = report_from_rows(
        "2021", t3={"new_received": ONE, "other": ONE, "total": ONE}, table_formats={"t3": "2019"}
    )
    undeclared.table_formats.clear()  # the rows present decide
    assert [f for f in run_rules(undeclared) if f.rule.startswith("T3")] == []


def test_absent_cells_make_a_relation_unevaluable_never_an_error() -> None:
    report = report_from_rows("2021", t3={"new_received": "? 0 0 0 0 0 5", "granted": ONE, "total": ONE})
    findings = [f for f in run_rules(report) if f.rule.startswith("T3")]
    # the np column and the new_received row cannot be evaluated; the tot column can and fails R1
    assert ids(findings) == [("T3-BALANCE", "t3.new_received.tot")]


def test_unread_table_says_nothing() -> None:
    report = report_from_rows("2021", t3={}, fill="?")
    assert [f for f in run_rules(report) if f.rule.startswith("T3")] == []


def test_text_part_is_left_out_of_the_sum_and_named() -> None:
    report = report_from_rows(
        "2021", t3={"new_received": "1 0 0 0 0 0 1", "granted": "撤销 0 0 0 0 0 1", "total": ONE}
    )
    row = [f for f in T3_ROW_TOTAL(report)]
    assert len(row) == 1
    assert row[0].message.endswith("（表三“（一）予以公开”/“自然人”印为“撤销”，未计入）")
    assert (row[0].expected, row[0].actual) == (0, 1)


def test_blank_cells_count_as_zero_in_sums() -> None:
    report = report_from_rows(
        "2021", t3={"new_received": "1 _ _ _ _ _ 1", "granted": "1 _ _ _ _ _ 1", "total": "1 _ _ _ _ _ 1"}
    )
    assert [f for f in run_rules(report) if f.severity is Severity.ERROR] == []
