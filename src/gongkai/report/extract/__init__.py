"""The one extractor: a :class:`Layout` (from any reader) + the format declarations → a :class:`Report`.

ALL label matching and number clean-up lives in this package:

- :mod:`.stream`     the layout as one normalised string with a compact view for label matching;
- :mod:`.labels`     finding declared labels in printed order;
- :mod:`.numbers`    payload text → pieces (numbers, placeholders, text, blanks) → values;
- :mod:`.digitruns`  splitting fused digit runs with the table's arithmetic;
- :mod:`.rows`       one row's candidates;
- :mod:`.tables`     what the table readers share (payloads, aligned rows, settling with the totals);
  :mod:`.table2`, :mod:`.table3`, :mod:`.table4` the readers of tables 二, 三 and 四 and their formats;
- :mod:`.document`   title, agency, year, publication date, the six sections;
- :mod:`.legacy`     free-form reports (≤ 2018): the figures actually printed in the prose.

Entry point: :func:`extract`. It never raises for a doubtful cell: it leaves the cell out and adds a
reading finding (``READ-...``) to ``Report.read_findings``. It raises :class:`NotAReportError` for a
document that is not a 政府信息公开工作年度报告 at all.
"""

from __future__ import annotations

import re

from ...errors import NotAReportError
from ..findings import Finding, Severity
from ..formats import FORMAT_2019, FORMAT_2021, Format, format_for_year
from ..model import Report, SourceSpan
from ..read.layout import Layout
from .confidence import review_ocr_cells
from .document import find_agency, find_publish_date, find_sections, find_title, find_year, section_texts
from .stream import Stream, compact
from .table2 import read_t2
from .table3 import read_t3
from .table4 import read_t4
from .tables import TableRead

_T3_ANCHORS = tuple(compact(s) for s in ("本年新收政府信息公开申请数量", "本列数据的勾稽关系", "申请人情况"))
_REPORT_WORDS = re.compile(r"年度报告|年报|工作报告")
_T4_ANCHORS = tuple(compact(s) for s in ("行政复议",))
_T2_ANCHORS = tuple(compact(s) for s in ("第二十条第", "信息内容"))
#: The first header row of table 四, as the compact view prints it (the two cells side by side); prose
#: never writes the two words with nothing between them.
_T4_HEADER = compact("行政复议行政诉讼")


def extract(layout: Layout) -> Report:
    """Read a report out of a layout (see the module docstring)."""
    stream = Stream.of(layout)
    if "信息公开" not in stream.compact:
        raise NotAReportError("不是政府信息公开工作年度报告（全文未出现“信息公开”）", file=layout.file)
    title = find_title(stream)
    year = find_year(stream, title)
    headings = find_sections(stream)
    where = {h.section.key: h.match for h in headings}
    sections = section_texts(stream, headings)
    doc_end = len(stream.compact)

    def start_of(key: str, default: int) -> int:
        m = where.get(key)
        return m.end if m is not None else default

    def end_before(key: str, after: int, default: int) -> int:
        m = where.get(key)
        return m.start if m is not None and m.start >= after else default

    # Table 三 first: it is the most distinctive, and its place bounds tables 二 and 四.
    t3_anchor = _first(stream, _T3_ANCHORS, start_of("s3_requests", 0))
    t3_start = start_of("s3_requests", t3_anchor if t3_anchor is not None else doc_end)
    if t3_anchor is not None and (t3_anchor < t3_start or "s3_requests" in where):
        # The table begins at its own header, not at the section heading: the prose in between
        # usually quotes the row names ("其中予以公开2件，部分公开1件"), which must not be taken
        # for the table's rows.
        t3_start = t3_anchor
    t4_heading = where.get("s4_review_lit")
    t3_end = t4_heading.start if t4_heading is not None and t4_heading.start > t3_start else doc_end
    t3 = read_t3(stream, t3_start, t3_end)
    if t3.start is not None and t3_end == doc_end:
        anchor = _first(stream, _T4_ANCHORS, t3.start)
        t3 = read_t3(stream, t3_start, anchor) if anchor is not None else t3

    default = _default_format(t3, year)
    t2_start = start_of("s2_proactive", 0)
    t2_end = t3.start if t3.start is not None else end_before("s3_requests", t2_start, doc_end)
    if "s3_requests" in where and where["s3_requests"].start >= t2_start:
        t2_end = min(t2_end, where["s3_requests"].start)
    t2_anchor = _first(stream, _T2_ANCHORS, t2_start)
    if "s2_proactive" in where and t2_anchor is not None and t2_anchor < t2_end:
        # The table begins at its first heading (第二十条第（一）项, or 信息内容 when the block headings
        # are not printed), not at the section heading: the prose in between often quotes its rows
        # ("制发行政规范性文件1件…行政许可办理2035件").
        t2_start = t2_anchor
    t2 = read_t2(stream, t2_start, t2_end, default)

    t4_start = t4_heading.end if t4_heading is not None else None
    if t4_start is None and t3.start is not None:
        t4_start = _first(stream, _T4_ANCHORS, t3.start)
    t4 = TableRead("t4")
    if t4_start is not None:
        t4_end = end_before("s5_problems", t4_start, doc_end)
        header = stream.compact.find(_T4_HEADER, t4_start, t4_end)
        if header >= 0:
            # The table begins at its first header row (行政复议 | 行政诉讼), not at the section
            # heading: the prose in between quotes the same figures under the same words
            # ("其中结果维持41件、结果纠正9件…"), which must not be taken for the table's values.
            t4_start = header
        t4 = read_t4(stream, t4_start, t4_end)

    tables = [t for t in (t2, t3, t4) if t.format is not None]
    table_formats = {t.table: t.format for t in tables if t.format is not None}
    if "t4" in table_formats:
        table_formats["t4"] = table_formats.get("t3", table_formats.get("t2", default.key))

    report = Report(
        format=_report_format(table_formats, year),
        agency=find_agency(stream, title),
        year=year,
        title=title,
        publish_date=find_publish_date(stream, sections.get("s6_other"), year),
        sections=sections,
        table_formats=table_formats,
        source=SourceSpan(file=layout.file),
        medium=layout.medium,
    )
    if not tables and title is None and not _REPORT_WORDS.search(stream.compact):
        # Mentions 信息公开 but has neither a report title, nor the words 年度报告/年报, nor any table:
        # a notice, a work plan, a news item — not an annual report.
        raise NotAReportError("不是政府信息公开工作年度报告（未找到年报标题或统计表格）", file=layout.file)
    if report.format == "legacy":
        from .legacy import extract_legacy

        extract_legacy(stream, report)
        review_ocr_cells(report)
        return report
    for t in (t2, t3, t4):
        report.cells.update(t.cells)
        report.read_findings.extend(t.findings)
    _table_findings(report, stream, tables)
    review_ocr_cells(report)  # OCR'd pages noted; cells the recogniser was unsure of left out
    return report


def _first(stream: Stream, keys: tuple[str, ...], start: int) -> int | None:
    positions = [p for p in (stream.compact.find(k, start) for k in keys) if p >= 0]
    return min(positions) if positions else None


def _default_format(t3: TableRead, year: int | None) -> Format:
    if t3.format == "2019":
        return FORMAT_2019
    if t3.format == "2021":
        return FORMAT_2021
    return format_for_year(year) if year is not None and year >= 2019 else FORMAT_2021  # type: ignore[return-value]


def _report_format(table_formats: dict[str, str], year: int | None) -> str:
    """The report's format: the template it follows, as told by its tables; with no tables, legacy
    for ≤ 2018 (free-form, 492号令) and the year's format otherwise.

    When table 二 and table 三 disagree, table 二 decides: the 2021 format changed every column of
    table 二 but only split table 三's （六）其他处理 into three rows, and reports made on the 2021
    template that keep the old single （六） row are common (the WPS template of several 淮安 districts).
    Cell ids do not depend on this: each table keeps its own format in ``table_formats``, and
    READ-FORMAT-MIX says that the tables differ.
    """
    if year is not None and year < 2019:
        return "legacy"  # free-form before the 2019 format (492号令); tables quoted then are not the format's
    if "t2" in table_formats:
        return table_formats["t2"]
    if "t3" in table_formats:
        return table_formats["t3"]
    if year is not None and year >= 2019:
        fmt = format_for_year(year)
        return fmt.key if fmt is not None else "legacy"
    return "legacy"


def _table_findings(report: Report, stream: Stream, tables: list[TableRead]) -> None:
    missing = [
        name
        for key, name in (("t2", "表二"), ("t3", "表三"), ("t4", "表四"))
        if key not in report.table_formats
    ]
    for name in missing:
        report.read_findings.append(
            Finding(
                "READ-MISSING-TABLE",
                Severity.WARNING,
                f"未找到{name}（或其中没有可读取的数字），该表各单元格未读取",
                location=SourceSpan(file=stream.file),
            )
        )
    formats = {f for f in report.table_formats.values()}
    if len(formats) > 1:
        desc = "，".join(
            f"{name}为 {report.table_formats[key]} 年格式"
            for key, name in (("t2", "表二"), ("t3", "表三"))
            if key in report.table_formats
        )
        report.read_findings.append(
            Finding(
                "READ-FORMAT-MIX",
                Severity.WARNING,
                f"各表格式不一致：{desc}",
                location=SourceSpan(file=stream.file),
            )
        )


__all__ = ["extract"]
