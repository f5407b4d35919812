"""The report from the records: a core :class:`~gongkai.report.model.Report` and its findings.

:func:`build` gathers the year's facts (:mod:`.figures`), drafts or takes the agency's section
texts, and returns the report in the 2021 format with every cell of tables 二, 三 and 四. The core's
rules (``gongkai.check``) run on it against last year's report (:func:`previous_report`): the
published version of last year if there is one, else an earlier report read from its file, else
last year's records — so 上年结转 is compared with 结转下年度 in every case. The report carries the
response-time annex (:mod:`.timing`) as the JSON contract's ``annexes.response_times``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from gongkai.report.findings import Finding
from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.report.jsonio import report_from_json
from gongkai.report.model import Cell, Report

from . import drafting
from .figures import YearFacts, table3_years, year_facts
from .timing import annex_document, response_times

#: The three sections that are tables in the format: their text introduces the table.
TABLE_SECTIONS = {
    "s2_proactive": "本年度主动公开政府信息情况见下表。",
    "s3_requests": "本年度收到和处理政府信息公开申请情况见下表。",
    "s4_review_lit": "本年度政府信息公开行政复议、行政诉讼情况见下表。",
}


@dataclass
class Built:
    report: Report
    facts: YearFacts
    findings: list[Finding]
    drafts: dict[str, str]


def title_of(agency: Any, year: int) -> str:
    return f"{agency.name}{year}年政府信息公开工作年度报告"


def sections_for(facts: YearFacts, edited: dict[str, str] | None) -> tuple[dict[str, str], dict[str, str]]:
    drafts = drafting.drafts(facts)
    edited = edited or {}
    sections: dict[str, str] = {}
    for section in FORMAT_2021.sections:
        key = section.key
        sections[key] = edited.get(key) or drafts.get(key) or TABLE_SECTIONS.get(key, "")
    return sections, drafts


def to_report(facts: YearFacts, sections: dict[str, str], publish_date: dt.date | None = None) -> Report:
    cells = {cid: Cell(id=cid, value=value, printed=str(value)) for cid, value in facts.cells.items()}
    return Report(
        format="2021",
        agency=facts.agency.name,
        year=facts.year,
        title=title_of(facts.agency, facts.year),
        publish_date=publish_date,
        sections=sections,
        cells=cells,
        table_formats={"t2": "2021", "t3": "2021", "t4": "2021"},
        medium="records",
    )


def previous_report(agency: Any, year: int, *, t3: dict[str, int] | None = None) -> Report | None:
    """Last year's report: published version, else an earlier report's document, else the records
    (``t3``: last year's table 三 when already tallied)."""
    from gongkai.web.applications.models import Application

    from .models import EarlierReport, PublishedVersion

    version = (
        PublishedVersion.objects.filter(report__agency=agency, report__year=year - 1)
        .order_by("-number")
        .first()
    )
    if version is not None:
        return report_from_json(version.document, f"{year - 1}年已发布版本")
    earlier = EarlierReport.objects.filter(agency=agency, year=year - 1).first()
    if earlier is not None:
        return report_from_json(earlier.document, earlier.file_name)
    if Application.objects.filter(agency=agency, received_on__year__lte=year - 1).exists():
        facts = year_facts(agency, year - 1, t3=t3)
        return to_report(facts, {})
    return None


def build(
    agency: Any, year: int, *, sections: dict[str, str] | None = None, publish_date: dt.date | None = None
) -> Built:
    """The report of ``agency`` for ``year`` from the records, with the findings of the core's rules."""
    from gongkai import check

    t3, t3_previous = table3_years(agency, year)
    facts = year_facts(agency, year, t3=t3, t3_previous=t3_previous)
    if sections is None:
        from .models import AnnualReport

        stored = (
            AnnualReport.objects.filter(agency=agency, year=year).values_list("sections", flat=True).first()
        )
        sections = stored or {}
    texts, drafts = sections_for(facts, sections)
    report = to_report(facts, texts, publish_date)
    # The response-time annex (beyond the national format) travels in the JSON contract's annexes.
    report.annexes["response_times"] = annex_document(response_times(agency, year))
    findings = check(report, previous_report(agency, year, t3=t3_previous))
    return Built(report=report, facts=facts, findings=findings, drafts=drafts)
