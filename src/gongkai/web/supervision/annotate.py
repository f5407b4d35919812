"""A report's official tables as HTML with every finding marked at its cell (for /check/ and units).

Built from the core's renderer-neutral tables (:func:`gongkai.report.render.tables.report_tables`),
so the layout is the official one. Each value cell carries its canonical id; a cell named by a
finding gets the finding's severity as its class and numbered references to the findings below the
tables; a cell not read is marked 未读取; a cell read by OCR shows its score, low scores (the
extractor leaves such cells out with READ-LOW-CONFIDENCE) are marked 低置信度; the title of each cell
says where it was read (page/line/table/row/column).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from gongkai.report.findings import Finding, Severity
from gongkai.report.formats import any_cell
from gongkai.report.model import Report
from gongkai.report.render.tables import RenderTable, Role, TableCell, report_tables

_SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class NumberedFinding:
    number: int
    finding: Finding

    @property
    def severity_label(self) -> str:
        return _SEVERITY_LABEL[self.finding.severity]

    @property
    def where(self) -> str:
        loc = self.finding.location
        return loc.where() if loc else ""

    @property
    def cell_labels(self) -> list[tuple[str, str]]:
        out = []
        for cid in self.finding.cells:
            try:
                out.append((cid, any_cell(cid).label))
            except KeyError:
                out.append((cid, cid))
        return out


def numbered(findings: list[Finding]) -> list[NumberedFinding]:
    ordered = sorted(findings, key=lambda f: _SEVERITY_RANK[f.severity])
    return [NumberedFinding(i, f) for i, f in enumerate(ordered, 1)]


def _by_cell(items: list[NumberedFinding]) -> dict[str, list[NumberedFinding]]:
    out: dict[str, list[NumberedFinding]] = {}
    for item in items:
        for cid in item.finding.cells:
            out.setdefault(cid, []).append(item)
    return out


def _value_cell(
    cell: TableCell, report: Report, marks: dict[str, list[NumberedFinding]], trace: str | None = None
) -> str:
    cid = cell.cell_id or ""
    classes: list[str] = []
    notes: list[str] = []
    refs = ""
    source = report.cells.get(cid)
    found = marks.get(cid, [])
    if found:
        worst = min(found, key=lambda n: _SEVERITY_RANK[n.finding.severity]).finding.severity
        classes.append(f"finding-{worst}")
        refs = "".join(
            str(format_html('<a class="ref" href="#finding-{0}">[{0}]</a>', n.number)) for n in found
        )
        notes += [n.finding.message for n in found]
    if source is None:
        classes.append("unread")
        low = any(n.finding.rule == "READ-LOW-CONFIDENCE" for n in found)
        if low:
            classes.append("low-confidence")
        text = "低置信度" if low else "未读取"
        body = f'<span class="unread-mark">{text}</span>'
    else:
        body = str(escape(cell.text))
        if trace is not None:
            body = f'<a href="?cell={escape(cid)}{escape(trace)}#trace">{body}</a>'
        span = source.source
        if span is not None:
            where = span.where()
            if where:
                notes.insert(0, f"来源：{where}")
            if span.confidence is not None:
                classes.append("ocr")
                notes.insert(0, f"OCR 置信度 {span.confidence:.2f}")
    attrs = [f'data-cell="{escape(cid)}"']
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if classes:
        attrs.append(f'class="{" ".join(classes)}"')
    if notes:
        attrs.append(f'title="{escape(chr(10).join(notes))}"')
    return f"<td {' '.join(attrs)}>{body}{refs}</td>"


def _header_cell(cell: TableCell) -> str:
    attrs = []
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    scope = (
        "colgroup" if cell.group_header else {Role.COLUMN: "col", Role.ROW: "row"}.get(cell.role, "rowgroup")
    )
    return f'<th scope="{scope}" {" ".join(attrs)}>{escape(cell.text)}</th>'


def table_html(
    table: RenderTable, report: Report, marks: dict[str, list[NumberedFinding]], trace: str | None = None
) -> str:
    out = [f'<table class="report-table" id="table-{table.key}"><caption>{escape(table.caption)}</caption>']
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cell.role is Role.VALUE:
                cells.append(_value_cell(cell, report, marks, trace))
            elif cell.role is Role.FILLER:
                cells.append("<td></td>")
            else:
                cells.append(_header_cell(cell))
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def tables_html(report: Report, items: list[NumberedFinding], *, trace: str | None = None) -> SafeString:
    """Every table of ``report`` with the findings marked (empty for a free-form legacy report);
    ``trace`` (a query suffix) links each value to ``?cell=ID`` + ``trace`` (the consolidated
    report's contributors)."""
    marks = _by_cell(items)
    parts = []
    for section, table in report_tables(report).items():
        title = next((s for s in (table.title,) if s), section)
        parts.append(
            f'<section class="report-section"><h3>{escape(title)}</h3>{table_html(table, report, marks, trace)}</section>'
        )
    return mark_safe("\n".join(parts))
