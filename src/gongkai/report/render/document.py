"""The document outline every renderer writes: title, sections in order, tables, sign-off, charts.

Keeping the order of parts here means the HTML, DOCX, PDF and Markdown outputs read back the same
way: the title, then the six sections under their standard titles (the format's, whatever variant
the source printed), each section's text followed by its table (表二 in 二, 表三 in 三, 表四 in 四), the
issuing agency and date, and last an appendix of charts (附图) so the official body stays as the
template has it.
"""

from __future__ import annotations

import datetime as dt
import re
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
class Annex:
    """An annex beyond the national format, written after the sign-off as a titled table."""

    key: str
    title: str
    note: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Outline:
    title: str
    parts: tuple[Part, ...]
    legacy: tuple[tuple[str, str, str], ...]  # (id, label, text) for legacy reports
    signature: tuple[str, ...]  # agency, date (the lines printed at the end)
    is_legacy: bool
    annexes: tuple[Annex, ...] = ()


_TIMES_HEADER = (
    "分组",
    "件数",
    "中位数（工作日）",
    "第90百分位（工作日）",
    "20个工作日内办结",
    "40个工作日内办结",
)


def _share(value: object) -> str:
    return "—" if not isinstance(value, (int, float)) else f"{value:.1%}"


def _times_row(label: str, summary: dict[str, object]) -> tuple[str, ...]:
    return (
        label,
        str(summary.get("count", 0)),
        str(summary.get("median", "")),
        str(summary.get("p90", "")),
        _share(summary.get("within_20")),
        _share(summary.get("within_40")),
    )


def annexes(report: Report) -> tuple[Annex, ...]:
    """The report's annexes (``Report.annexes``, validated by the JSON contract) as tables."""
    times = report.annexes.get("response_times")
    if not isinstance(times, dict):
        return ()
    rows = [_times_row("全部", times.get("all") or {})]
    for group, prefix in (("by_outcome", "办理结果："), ("by_channel", "申请渠道：")):
        for key, summary in (times.get(group) or {}).items():
            rows.append(_times_row(prefix + str(summary.get("label") or key), summary))
    note = (
        "本附件不属于年度报告格式。自收到申请至办结的工作日数（补正、征求意见等期间未扣除）；"
        "条例第三十三条：20个工作日内答复，延长不超过20个工作日。"
    )
    return (Annex("response_times", "附件：依申请公开答复用时", note, _TIMES_HEADER, tuple(rows)),)


def report_title(report: Report) -> str:
    if report.title:
        return report.title
    agency = report.agency or ""
    year = f"{report.year}年" if report.year else ""
    return f"{agency}{year}政府信息公开工作年度报告"


def chinese_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


_SENTENCE = re.compile(r"[，。；！？,;!?]")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
_DIGIT = re.compile(r"\d")


def _sentence_like(line: str) -> bool:
    """Punctuated like running text (brackets aside: “（区分处理的，只计这一情形）” is a label)."""
    return bool(_SENTENCE.search(_BRACKETED.sub("", line)))


def _table_line(line: str) -> bool:
    """A row of a printed table: cells separated by “|” or tabs, or figures without running text
    (space-separated or fused rows such as “行政许可 13613” or “…总计000000000000000”)."""
    if "|" in line or "\t" in line:
        return True
    return bool(_DIGIT.search(line)) and not _sentence_like(line)


_CLOSING = re.compile(r"[。！？；：:;!?”」）)]$")
#: Lines of a page (PDF) are at most this long; text reports have one paragraph per line.
_PAGE_LINE = 60


def _unwrap(lines: list[str]) -> list[str]:
    """Paragraphs broken at the end of each printed line (PDF text) are joined again.

    A line is a wrapped one when the section's lines are page-width (≤ 60 characters at most), it is
    at least 80 % as long as the longest, and it does not close a sentence. Text reports, whose
    lines are whole paragraphs, and short headings are left as they are.
    """
    width = max((len(line) for line in lines), default=0)
    if width > _PAGE_LINE or width < 15:
        return lines
    result: list[str] = []
    joining = False
    for line in lines:
        if joining and result:
            result[-1] += line
        else:
            result.append(line)
        joining = len(line) >= width * 0.8 and not _CLOSING.search(line) and not _table_line(line)
    return result


def _split_fused(line: str) -> list[str]:
    """“…情况。行政复议行政诉讼结果维持…000000000000000”: running text with a table fused on to
    its end is split after the last sentence, so that the table part can be recognised."""
    if "|" in line or "\t" in line:
        return [line]
    masked = _BRACKETED.sub(lambda m: "_" * len(m.group()), line)  # keeps offsets
    ends = [m.end() for m in _SENTENCE.finditer(masked)]
    if not ends:
        return [line]
    head, tail = line[: ends[-1]], line[ends[-1] :].strip()
    if len(tail) >= 15 and _DIGIT.search(tail) and not _sentence_like(tail):
        return [head, tail]
    return [line]


def paragraphs(text: str | None, *, has_table: bool = False) -> tuple[str, ...]:
    """The paragraphs of a section's text, one per line.

    Readers keep a section's whole text, the printed table included; when the section carries a
    table the renderer draws it from the cells, so the lines of the printed table are left out: the
    table rows (:func:`_table_line`) and, between and just before them, lines that are not running
    text (split header cells such as “商业 企业”, block headings, the bracketed 勾稽关系 note). This
    is a structural test, not label matching; a table fused into running text stays as printed.
    """
    if not text:
        return ()
    lines = _unwrap([line.strip() for line in text.splitlines() if line.strip()])
    if not has_table:
        return tuple(lines)
    lines = [piece for line in lines for piece in _split_fused(line)]
    rows = {i for i, line in enumerate(lines) if _table_line(line)}
    if not rows:
        return tuple(lines)
    first, last = min(rows), max(rows)
    while first > 0 and not _sentence_like(lines[first - 1]):
        first -= 1
    return tuple(
        line
        for i, line in enumerate(lines)
        if not (first <= i <= last and (i in rows or not _sentence_like(line)))
    )


def outline(report: Report) -> Outline:
    """The parts of a report in writing order. Validates cell ids and value types first."""
    validate_cells(report)
    fmt = FORMATS.get(report.format, FORMAT_2021)
    tables = report_tables(report)
    parts = tuple(
        Part(s, paragraphs(report.sections.get(s.key), has_table=s.key in tables), tables.get(s.key))
        for s in fmt.sections
    )
    signature = tuple(
        x for x in (report.agency, chinese_date(report.publish_date) if report.publish_date else None) if x
    )
    closing = parts[-1].paragraphs if parts else ()
    if report.publish_date and chinese_date(report.publish_date) in closing:
        signature = ()  # the source's own sign-off closes section 六 already
    return Outline(
        report_title(report),
        parts,
        tuple(legacy_figures(report)) if report.format == "legacy" else (),
        signature,
        report.format == "legacy",
        annexes(report),
    )
