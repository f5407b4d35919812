"""A report as Markdown (GitHub-flavoured pipe tables), for wikis, diffs and plain-text archives.

Pipe tables cannot merge cells, so each table is written as its full grid: a merged cell's text
stands in its first slot and the slots it covers are left empty — the way reports copied from web
pages print them (e.g. “三、本年度办理结果 | （一）予以公开 | | 6 | …”). The first grid row is the
Markdown header row. Charts are not drawn in Markdown (text only); their text equivalent is given
in an appendix when charts are requested.
"""

from __future__ import annotations

from ..model import Report
from .charts import report_charts
from .document import outline
from .tables import RenderTable, unread_note


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def table_markdown(table: RenderTable) -> list[str]:
    lines: list[str] = []
    for r, row in enumerate(table.grid()):
        texts = []
        for c, placed in enumerate(row):
            origin = placed is not None and placed.row == r and placed.col == c
            texts.append(_escape(placed.cell.text) if origin and placed is not None else "")
        lines.append("| " + " | ".join(texts) + " |")
        if r == 0:
            lines.append("|" + "|".join(["---"] * table.columns) + "|")
    note = unread_note(table)
    if note:
        lines += ["", note]
    return lines


def render_markdown(report: Report, *, previous: Report | None = None, charts: bool = True) -> bytes:
    doc = outline(report)
    lines = [f"# {doc.title}", ""]
    for part in doc.parts:
        if doc.is_legacy and not part.paragraphs:
            continue
        lines += [f"## {part.section.title}", ""]
        for text in part.paragraphs:
            lines += [_escape(text) if text.startswith("|") else text, ""]
        if part.table is not None:
            lines += [*table_markdown(part.table), ""]
    if doc.legacy:
        lines += ["## 统计数据", "", "| 项目 | 数值 |", "|---|---|"]
        lines += [f"| {_escape(label)} | {_escape(text)} |" for _, label, text in doc.legacy]
        lines.append("")
    lines += [*doc.signature, ""] if doc.signature else []
    for annex in doc.annexes:
        lines += [f"## {annex.title}", "", annex.note, ""]
        lines += ["| " + " | ".join(annex.header) + " |", "|" + "---|" * len(annex.header)]
        lines += ["| " + " | ".join(_escape(v) for v in row) + " |" for row in annex.rows]
        lines.append("")
    drawn = report_charts(report, previous) if charts else []
    if drawn:
        lines += ["## 附图", ""]
        lines += [f"图{i} {chart.alt}\n" for i, chart in enumerate(drawn, 1)]
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")
