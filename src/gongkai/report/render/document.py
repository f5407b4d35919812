"""The document outline every renderer writes: title, sections in order, tables, sign-off, charts.

Keeping the order of parts here means the HTML, DOCX, PDF and Markdown outputs read back the same
way: the title, then the six sections under their standard titles (the format's, whatever variant
the source printed), each section's text followed by its table (表二 in 二, 表三 in 三, 表四 in 四), the
issuing agency and date, and last an appendix of charts (附图) so the official body stays as the
template has it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..formats import FORMAT_2021, FORMATS
from ..formats.spec import Section
from ..model import Report
from .tables import RenderTable, legacy_figures, report_tables, validate_cells


@dataclass(frozen=True)
class Part:
    section: Section
    paragraphs: tuple[str, ...]
    table: RenderTable | None


@dataclass(frozen=True)
class Outline:
    title: str
    parts: tuple[Part, ...]
    legacy: tuple[tuple[str, str, str], ...]  # (id, label, text) for legacy reports
    signature: tuple[str, ...]  # agency, date (the lines printed at the end)
    is_legacy: bool


def report_title(report: Report) -> str:
    if report.title:
        return report.title
    agency = report.agency or ""
    year = f"{report.year}年" if report.year else ""
    return f"{agency}{year}政府信息公开工作年度报告"


def chinese_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def paragraphs(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def outline(report: Report) -> Outline:
    """The parts of a report in writing order. Validates cell ids and value types first."""
    validate_cells(report)
    fmt = FORMATS.get(report.format, FORMAT_2021)
    tables = report_tables(report)
    parts = tuple(Part(s, paragraphs(report.sections.get(s.key)), tables.get(s.key)) for s in fmt.sections)
    signature = tuple(
        x for x in (report.agency, chinese_date(report.publish_date) if report.publish_date else None) if x
    )
    return Outline(
        report_title(report),
        parts,
        tuple(legacy_figures(report)) if report.format == "legacy" else (),
        signature,
        report.format == "legacy",
    )
