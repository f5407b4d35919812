"""R5: what a cell may hold — text, negatives, decimals, blanks; kinds come from the format."""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.findings import Severity
from gongkai.report.rules.values import CELL_MISSING, CELL_NEGATIVE, CELL_NOT_INTEGER, CELL_NOT_NUMBER
from report.notation import report_from_rows, zeros


def test_clean_numbers_pass_every_value_rule() -> None:
    report = report_from_rows(
        "2019",
        t2={"admin_fees": "4 -3", "central_procurement": "7 3168.0656"},
        t3={},
        t4="0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0",
    )
    for rule in (CELL_NOT_NUMBER, CELL_NEGATIVE, CELL_NOT_INTEGER, CELL_MISSING):
        assert list(rule(report)) == [], rule.id


def test_text_in_a_numeric_cell_is_an_error() -> None:
    report = report_from_rows("2021", t3={"granted": "0 0 0 0 0 0 撤销"})
    [finding] = CELL_NOT_NUMBER(report)
    assert finding.severity is Severity.ERROR
    assert finding.cells == ("t3.granted.tot",)
    assert finding.location == report.cells["t3.granted.tot"].source


def test_negative_count_is_an_error_but_signed_delta_is_not() -> None:
    report = report_from_rows("2019", t2={"licensing": "5 -2 -1"}, t3={})
    [finding] = CELL_NEGATIVE(report)
    assert finding.cells == ("t2.licensing.decisions",)
    assert finding.message == "表二“行政许可”/“处理决定数量”不能为负数，实际为 -1"


def test_negative_money_is_an_error() -> None:
    report = report_from_rows("2021", t2={"admin_fees": "-1.5"})
    assert [f.cells for f in CELL_NEGATIVE(report)] == [("t2.admin_fees.amount_wan_yuan",)]


def test_decimal_in_a_count_cell_is_an_error_but_money_may_be_decimal() -> None:
    report = report_from_rows("2021", t2={"admin_fees": "779.508355", "licensing": "2.5"})
    [finding] = CELL_NOT_INTEGER(report)
    assert finding.cells == ("t2.licensing.decisions",)
    assert finding.actual == Decimal("2.5")


def test_blank_and_placeholder_cells_are_one_warning_per_row() -> None:
    report = report_from_rows("2021", t3={"other_no_fee": "_ _ _ / — 无 _"})
    [finding] = CELL_MISSING(report)
    assert finding.severity is Severity.WARNING
    assert len(finding.cells) == 7
    assert "“法律服务机构”印为“—”" in finding.message
    assert list(CELL_NOT_NUMBER(report)) == []


def test_zeros_report_has_no_findings_at_all() -> None:
    from gongkai.report.rules import run_rules

    assert run_rules(zeros("2021")) == []
    assert run_rules(zeros("2019")) == []
