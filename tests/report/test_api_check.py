"""``gongkai.check`` (api.check_report): reading findings first, then the rules, then cross-year."""

from __future__ import annotations

import gongkai
from gongkai.report.findings import Finding, Severity
from report.notation import report_from_rows


def test_reading_findings_come_first_then_rules_then_cross_year() -> None:
    report = report_from_rows("2021", year=2023, t4="1 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0")
    report.read_findings.append(Finding("READ-AMBIGUOUS-SPLIT", Severity.WARNING, "数字串可有多种拆分"))
    previous = report_from_rows("2021", year=2020)
    rules = [f.rule for f in gongkai.check(report, previous)]
    assert rules == ["READ-AMBIGUOUS-SPLIT", "T4-BLOCK-TOTAL", "CROSS-YEAR-PAIR"]


def test_a_consistent_report_has_no_findings() -> None:
    assert gongkai.check(report_from_rows("2021", t3={}, t4="0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0")) == []
