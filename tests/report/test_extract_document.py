"""Title, agency, year, publication date and the six sections around the tables."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.errors import NotAReportError
from gongkai.report.extract import extract
from gongkai.report.model import Report
from gongkai.report.read import read_layout


def read(text: str) -> Report:
    return extract(read_layout(text.encode("utf-8"), "d.txt"))


BODY = (
    "一、总体情况\n概述。\n二、行政机关主动公开政府信息情况\n主动。\n"
    "三、行政机关收到和处理政府信息公开申请情况\n申请。\n"
    "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n复议。\n"
    "五、政府信息公开工作存在的问题及改进情况\n问题。\n六、其他需要报告的事项\n无。\n"
)


def test_header_lines_of_an_archived_page() -> None:
    text = (
        "标题: 某某局2024年度政府信息公开工作年度报告\n发布时间: 2025-01-27 16:33\n发布机构: 某某局\n"
        "==== 正文 ====\n" + BODY + "某某局\n2025年1月20日\n"
    )
    report = read(text)
    assert report.title == "某某局2024年度政府信息公开工作年度报告"
    assert (report.agency, report.year) == ("某某局", 2024)
    assert report.publish_date == dt.date(
        2025, 1, 20
    )  # the report's signature before the page's 发布时间 (D50)


def test_the_page_header_date_only_when_the_report_prints_none() -> None:
    text = "标题: 某某局2024年度政府信息公开工作年度报告\n发布时间: 2025-01-27 16:33\n正文:\n" + BODY
    assert read(text).publish_date == dt.date(2025, 1, 27)


def test_article_50_section_titles_and_signature_date() -> None:
    report = read("某区2021年政府信息公开工作年度报告\n" + BODY + "某区人民政府办公室\n2022年1月25日\n")
    assert list(report.sections) == [
        "s1_overview",
        "s2_proactive",
        "s3_requests",
        "s4_review_lit",
        "s5_problems",
        "s6_other",
    ]
    assert report.sections["s4_review_lit"] == "复议。"
    assert report.sections["s6_other"] == "无。"  # the signature is not part of the section
    assert report.publish_date == dt.date(2022, 1, 25)
    assert report.format == "2021"  # no tables: the year's format, with findings
    assert {f.rule for f in report.read_findings} == {"READ-MISSING-TABLE"}


def test_headings_fused_into_their_text() -> None:
    fused = "某局2023年度政府信息公开工作年度报告 " + BODY.replace("\n", "")
    report = read(fused)
    assert len(report.sections) == 6
    assert report.sections["s6_other"].startswith("无")


def test_agency_and_year_from_the_opening_sentence_without_a_title() -> None:
    report = read("根据条例规定，现将左岭街道2021年政府信息公开工作报告如下：\n" + BODY)
    assert (report.agency, report.year) == ("左岭街道", 2021)


def test_a_document_that_is_not_a_report() -> None:
    with pytest.raises(NotAReportError):
        read("关于召开安全生产会议的通知\n各科室：定于周五开会。\n")


def test_before_2019_is_legacy() -> None:
    report = read("某县政府2012年政府信息公开工作年度报告\n一、概述\n2012年主动公开政府信息120条。\n")
    assert report.format == "legacy"
    assert report.value("legacy.proactive.total") == 120
    assert report.cells["legacy.proactive.total"].source is not None


def test_a_table_of_contents_is_not_the_sections() -> None:
    toc = "目录\n" + "\n".join(line for line in BODY.splitlines() if "、" in line) + "\n"
    report = read("某区2021年政府信息公开工作年度报告\n" + toc + BODY)
    assert len(report.sections) == 6
    assert report.sections["s4_review_lit"] == "复议。"


def test_a_title_wrapped_onto_two_lines() -> None:
    report = read("淮安市洪泽区人民政府2024年政府信息公开工作年度报\n告\n" + BODY)
    assert report.title == "淮安市洪泽区人民政府2024年政府信息公开工作年度报告"
    assert (report.agency, report.year) == ("淮安市洪泽区人民政府", 2024)
