"""A report as one standalone, printable, accessible HTML page (``lang="zh-CN"``, UTF-8).

- Tables use real ``<th>`` cells with ``scope`` (col / colgroup / row / rowgroup), a ``<caption>``,
  ``<thead>`` for the repeated header rows and one ``<tbody>`` per block of table 二; every value
  cell carries ``data-cell="<canonical id>"`` so scripts and tests can find it.
- Charts are embedded as SVG data URIs in ``<img>`` with a full text equivalent in ``alt``; they sit
  in an appendix (附图) after section 六 so the official body keeps the template's order.
- Print CSS: A4, black on white, tables never split inside a row; the same page is the source of
  the PDF (see :mod:`.pdf`), which swaps in the embedded Noto CJK fonts and adds page numbers.

No external resources: the page works offline and from a file:// URL.
"""

from __future__ import annotations

import base64
from html import escape

from ..model import Report
from .charts import Chart, chart_svg, report_charts
from .document import Outline, outline
from .tables import RenderTable, Role, TableCell, unread_note

SCREEN_FONTS = {
    "body": '"FangSong_GB2312", "仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", serif',
    "heading": '"SimHei", "黑体", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
    "table": '"SimSun", "宋体", "Noto Serif CJK SC", serif',
}
PRINT_FONTS = {
    "body": '"Noto Serif CJK SC", serif',
    "heading": '"Noto Sans CJK SC", sans-serif',
    "table": '"Noto Serif CJK SC", serif',
}

_CSS = """
html {{ background: #fff; color: #000; }}
body {{ font-family: {body}; font-size: 16px; line-height: 1.75; max-width: 60em; margin: 2em auto;
  padding: 0 1em; }}
h1 {{ font-family: {heading}; font-size: 1.6em; text-align: center; margin: 1em 0; }}
h2 {{ font-family: {heading}; font-size: 1.15em; margin: 1.4em 0 0.6em; }}
p {{ text-indent: 2em; margin: 0.3em 0; }}
p.signature {{ text-align: right; text-indent: 0; }}
p.note {{ font-size: 0.85em; text-indent: 0; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-family: {table};
  font-size: 12px; line-height: 1.35; page-break-inside: auto; }}
caption {{ font-family: {heading}; font-size: 13px; text-align: center; padding: 0.3em; }}
th, td {{ border: 1px solid #000; padding: 2px 4px; vertical-align: middle; }}
th {{ font-weight: normal; text-align: center; }}
th[scope="row"], th[scope="rowgroup"], th.block {{ text-align: left; }}
th.block {{ background: #eef; }}
td {{ text-align: center; }}
tr {{ page-break-inside: avoid; break-inside: avoid; }}
thead {{ display: table-header-group; }}
figure {{ margin: 1em 0; text-align: center; page-break-inside: avoid; }}
figure img {{ max-width: 100%; }}
figcaption {{ font-size: 13px; }}
.legacy th {{ text-align: left; }}
@media print {{
  body {{ max-width: none; margin: 0; padding: 0; }}
  th.block {{ background: none; }}
}}
{extra}
"""

_SCOPES = {
    Role.COLUMN: "col",
    Role.NOTE: "colgroup",
    Role.BLOCK: "rowgroup",
    Role.ROW: "row",
    Role.ROWGROUP: "rowgroup",
}


def _cell(cell: TableCell) -> str:
    attrs = []
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.role is Role.VALUE:
        attrs.append(f'data-cell="{escape(cell.cell_id or "")}"')
        return f"<td {' '.join(attrs)}>{escape(cell.text)}</td>"
    if cell.role is Role.FILLER:
        return "<td></td>"
    scope = "colgroup" if cell.group_header else _SCOPES[cell.role]
    attrs.insert(0, f'scope="{scope}"')
    if cell.role is Role.BLOCK:
        attrs.append('class="block"')
    return f"<th {' '.join(attrs)}>{escape(cell.text)}</th>"


def table_html(table: RenderTable) -> str:
    out = [f'<table id="{table.key}" data-format="{table.format}">']
    out.append(f"<caption>{escape(table.caption)}</caption>")
    out.append(
        "<colgroup>" + "".join(f'<col style="width:{w * 100:.2f}%">' for w in table.widths) + "</colgroup>"
    )
    head = [row for row in table.rows if row.head]
    body = [row for row in table.rows if not row.head]
    if head:
        out.append("<thead>")
        out += ["<tr>" + "".join(_cell(c) for c in row.cells) + "</tr>" for row in head]
        out.append("</thead>")
    group: int | None = None
    for row in body:
        if row.group != group:
            if group is not None:
                out.append("</tbody>")
            out.append("<tbody>")
            group = row.group
        out.append("<tr>" + "".join(_cell(c) for c in row.cells) + "</tr>")
    if group is not None:
        out.append("</tbody>")
    out.append("</table>")
    note = unread_note(table)
    if note:
        out.append(f'<p class="note">{escape(note)}</p>')
    return "\n".join(out)


def _figure(number: int, chart: Chart, *, text_as_paths: bool) -> str:
    data = base64.b64encode(chart_svg(chart, text_as_paths=text_as_paths)).decode("ascii")
    return (
        f'<figure id="chart-{chart.key}">'
        f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(chart.alt)}">'
        f"<figcaption>图{number} {escape(chart.title)}</figcaption></figure>"
    )


def body_html(doc: Outline, charts: list[Chart], *, text_as_paths: bool = False) -> str:
    out = [f"<h1>{escape(doc.title)}</h1>"]
    for part in doc.parts:
        if doc.is_legacy and not part.paragraphs:
            continue
        out.append(f'<section id="{part.section.key}">')
        out.append(f"<h2>{escape(part.section.title)}</h2>")
        out += [f"<p>{escape(p)}</p>" for p in part.paragraphs]
        if part.table is not None:
            out.append(table_html(part.table))
        out.append("</section>")
    if doc.legacy:
        out.append('<section id="legacy"><h2>统计数据</h2><table class="legacy"><caption>统计数据</caption>')
        out.append('<thead><tr><th scope="col">项目</th><th scope="col">数值</th></tr></thead><tbody>')
        out += [
            f'<tr><th scope="row">{escape(label)}</th><td data-cell="{escape(cid)}">{escape(text)}</td></tr>'
            for cid, label, text in doc.legacy
        ]
        out.append("</tbody></table></section>")
    out += [f'<p class="signature">{escape(line)}</p>' for line in doc.signature]
    for annex in doc.annexes:
        out.append(f'<section id="annex-{escape(annex.key)}" class="annex"><h2>{escape(annex.title)}</h2>')
        out.append(f"<p>{escape(annex.note)}</p><table><caption>{escape(annex.title)}</caption><thead><tr>")
        out += [f'<th scope="col">{escape(h)}</th>' for h in annex.header]
        out.append("</tr></thead><tbody>")
        for row in annex.rows:
            cells = "".join(f"<td>{escape(v)}</td>" for v in row[1:])
            out.append(f'<tr><th scope="row">{escape(row[0])}</th>{cells}</tr>')
        out.append("</tbody></table></section>")
    if charts:
        out.append('<section id="charts"><h2>附图</h2>')
        out += [_figure(i, c, text_as_paths=text_as_paths) for i, c in enumerate(charts, 1)]
        out.append("</section>")
    return "\n".join(out)


def page_html(
    report: Report,
    *,
    previous: Report | None = None,
    charts: bool = True,
    fonts: dict[str, str] | None = None,
    extra_css: str = "",
    text_as_paths: bool = False,
) -> str:
    """The standalone page as a string (see module docstring)."""
    doc = outline(report)
    drawn = report_charts(report, previous) if charts else []
    css = _CSS.format(extra=extra_css, **(fonts or SCREEN_FONTS))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="gongkai">\n<title>{escape(doc.title)}</title>\n'
        f"<style>{css}</style>\n</head>\n<body>\n<main>\n"
        f"{body_html(doc, drawn, text_as_paths=text_as_paths)}\n</main>\n</body>\n</html>\n"
    )


def render_html(report: Report, *, previous: Report | None = None, charts: bool = True) -> bytes:
    return page_html(report, previous=previous, charts=charts).encode("utf-8")
