"""R6 sections, X7 format for the year, the section 六 fee statement."""

from __future__ import annotations

from gongkai.report.findings import Severity
from gongkai.report.formats import FORMAT_2021
from gongkai.report.rules.structure import (
    FORMAT_YEAR,
    S6_FEE_STATEMENT,
    SECTION_MISSING,
    SECTION_ORDER,
    FeeStatement,
)
from report.notation import report_from_rows, standard_sections, zeros


def test_six_sections_in_order_pass() -> None:
    report = zeros("2021")
    assert list(SECTION_MISSING(report)) == []
    assert list(SECTION_ORDER(report)) == []


def test_missing_sections_are_one_error_naming_them() -> None:
    sections = standard_sections(FORMAT_2021)
    del sections["s4_review_lit"], sections["s5_problems"]
    [finding] = SECTION_MISSING(zeros("2021", sections=sections))
    assert finding.severity is Severity.ERROR
    assert "“四、政府信息公开行政复议、行政诉讼情况”" in finding.message
    assert "“五、存在的主要问题及改进情况”" in finding.message
    assert finding.message.startswith("报告缺少2个规定部分")


def test_sections_out_of_order_are_an_error() -> None:
    sections = standard_sections(FORMAT_2021)
    shuffled = {
        k: sections[k]
        for k in ("s1_overview", "s3_requests", "s2_proactive", "s4_review_lit", "s5_problems", "s6_other")
    }
    [finding] = SECTION_ORDER(zeros("2021", sections=shuffled))
    assert finding.actual == list(shuffled)


def test_legacy_reports_have_no_fixed_sections() -> None:
    report = zeros("2021", sections={})
    report.format = "legacy"
    report.year = 2015
    assert list(SECTION_MISSING(report)) == []
    assert list(FORMAT_YEAR(report)) == []


def test_format_matching_the_year_passes() -> None:
    assert list(FORMAT_YEAR(zeros("2021", year=2021))) == []
    assert list(FORMAT_YEAR(zeros("2019", year=2019))) == []


def test_2019_template_for_a_2021_report_is_an_error() -> None:
    [finding] = FORMAT_YEAR(report_from_rows("2019", year=2022))  # no table printed: judged by the report
    assert finding.severity is Severity.ERROR
    assert "国办公开办函〔2021〕30号" in finding.message
    report = report_from_rows("2019", year=2022, t2={"licensing": "1 0 1"}, t3={})
    assert [(f.severity, f.message[:3]) for f in FORMAT_YEAR(report)] == [
        (Severity.ERROR, "表二按"),
        (Severity.WARNING, "表三按"),
    ]


def test_one_table_in_the_old_format_is_a_warning() -> None:
    """hz-hongze-2023: a 2021 report whose table 三 keeps the 2019 single （六）其他处理 row."""
    report = report_from_rows("2021", t2={"licensing": "5"}, t3={}, table_formats={"t3": "2019"})
    [finding] = FORMAT_YEAR(report)
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("表三按国办公开办函〔2019〕60号的格式填写")
    only_t3 = report_from_rows("2021", t3={}, table_formats={"t3": "2019"})
    assert [f.severity for f in FORMAT_YEAR(only_t3)] == [Severity.WARNING]


def test_fee_statement_present_passes_absent_warns() -> None:
    assert list(S6_FEE_STATEMENT(zeros("2021"))) == []
    sections = standard_sections(FORMAT_2021)
    sections["s6_other"] = "无。"
    [finding] = S6_FEE_STATEMENT(zeros("2021", sections=sections))
    assert finding.severity is Severity.WARNING


def test_fee_statement_does_not_apply_before_2021_and_is_configurable() -> None:
    sections = standard_sections(FORMAT_2021)
    sections["s6_other"] = "无。"
    assert list(S6_FEE_STATEMENT(zeros("2019", sections=sections))) == []
    relaxed = FeeStatement(keywords=("无",))
    assert list(relaxed(zeros("2021", sections=sections))) == []
