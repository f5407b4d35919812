"""A report as a Word document in the layout of the official template (python-docx).

The layout follows tests/reference/official-template-2021.docx (国办公开办函〔2021〕30号) — and the 2019
trial format's table 二 for 2019/2020 reports — through the shared table model (:mod:`.tables`):
the same merged header cells (gridSpan / vMerge), the 勾稽关系 note in table 三's corner, fixed
column grids, 10-point 宋体 in tables as in the template.

Typography (GB/T 9704 公文 habits, fonts named for East Asian text through ``w:rFonts
w:eastAsia`` so Word and WPS pick them for Chinese characters): 仿宋_GB2312 for the body, 黑体 for
section headings, 宋体 in tables and the title; Times New Roman for Latin letters and digits. A4
portrait. Header rows of tables 三 and 四 repeat on each page.

Charts (if any) are PNG pictures in an appendix (附图) after section 六, each with its text
equivalent as the picture's description.
"""

from __future__ import annotations

import io
from typing import Any

from ..model import Report
from .charts import chart_png, report_charts
from .document import outline
from .tables import RenderTable, Role, unread_note

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
TITLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

TEXT_WIDTH_CM = 16.0


def _fonts(run_or_style: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set the fonts of a run (or a style): Latin via ascii/hAnsi, Chinese via w:eastAsia."""
    from docx.oxml.ns import qn

    font = run_or_style.font
    font.name = latin
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _paragraph(doc: Any, text: str, *, font: str, size: float, bold: bool = False, align: str = "") -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    para = doc.add_paragraph()
    run = para.add_run(text)
    _fonts(run, font)
    run.font.size = Pt(size)
    run.font.bold = bold
    if align == "center":
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return para


def _page_numbers(section: Any) -> None:
    """“— N —” centred in the footer, as 公文 number their pages (GB/T 9704), through a PAGE field."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(para.add_run("— "), BODY_FONT)
    field = para._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): "PAGE"})
    field_run = para.add_run("1")
    _fonts(field_run, BODY_FONT)
    field_run.font.size = Pt(14)
    field.append(field_run._r)  # the run holds the cached page number shown before fields update
    para._p.append(field)
    _fonts(para.add_run(" —"), BODY_FONT)
    for run in para.runs:
        run.font.size = Pt(14)


def _repeat_header(row: Any) -> None:
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    element = trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    trpr.append(element)


def _table(doc: Any, table: RenderTable, size: float) -> Any:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt
    from docx.table import _Cell

    grid = doc.add_table(rows=len(table.rows), cols=table.columns)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = [Cm(TEXT_WIDTH_CM * w) for w in table.widths]
    for index, column in enumerate(grid.columns):
        column.width = widths[index]
    for index, row in enumerate(table.rows):
        if row.head:
            _repeat_header(grid.rows[index])
    # Table.cell() walks the whole table on every call; take the cells of the still unmerged grid
    # once. Merging one range only touches the cells inside it, so the others stay valid.
    slots = [[_Cell(tc, grid) for tc in tr.tc_lst] for tr in grid._tbl.tr_lst]
    for slot_row in slots:
        for index, slot in enumerate(slot_row):
            slot.width = widths[index]
    for placed in table.placed():
        cell = slots[placed.row][placed.col]
        if placed.cell.rowspan > 1 or placed.cell.colspan > 1:
            cell = cell.merge(slots[placed.last_row][placed.last_col])
        para = cell.paragraphs[0]
        # the table's own line height: an empty cell would otherwise take the body's 16 pt
        para.paragraph_format.line_spacing = Pt(size * 1.35)
        para.paragraph_format.space_before = para.paragraph_format.space_after = Pt(0)
        run = para.add_run(placed.cell.text)
        _fonts(run, TABLE_FONT)
        run.font.size = Pt(size)
        left = placed.cell.role in (Role.ROW, Role.ROWGROUP, Role.BLOCK, Role.NOTE)
        para.alignment = WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return grid


def render_docx(report: Report, *, previous: Report | None = None, charts: bool = True) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc_outline = outline(report)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm((21.0 - TEXT_WIDTH_CM) / 2)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    _page_numbers(section)
    normal = doc.styles["Normal"]
    _fonts(normal, BODY_FONT)
    normal.font.size = Pt(16)
    core = doc.core_properties
    core.title = doc_outline.title
    core.author = report.agency or ""
    core.comments = "gongkai 生成"

    _paragraph(doc, doc_outline.title, font=TITLE_FONT, size=18, bold=True, align="center")
    for part in doc_outline.parts:
        if doc_outline.is_legacy and not part.paragraphs:
            continue
        heading = _paragraph(doc, part.section.title, font=HEADING_FONT, size=16)
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.keep_with_next = True
        for text in part.paragraphs:
            para = _paragraph(doc, text, font=BODY_FONT, size=16)
            para.paragraph_format.first_line_indent = Pt(32)
        if part.table is not None:
            _table(doc, part.table, 10.5 if part.table.key == "t2" else 9)
            note = unread_note(part.table)
            if note:
                _paragraph(doc, note, font=BODY_FONT, size=10.5)
    if doc_outline.legacy:
        _paragraph(doc, "统计数据", font=HEADING_FONT, size=16)
        grid = doc.add_table(rows=len(doc_outline.legacy), cols=2)
        grid.style = "Table Grid"
        for row, (_, label, text) in zip(grid.rows, doc_outline.legacy, strict=False):
            for cell, value in zip(row.cells, (label, text), strict=False):
                run = cell.paragraphs[0].add_run(value)
                _fonts(run, TABLE_FONT)
                run.font.size = Pt(10.5)
    for line in doc_outline.signature:
        _paragraph(doc, line, font=BODY_FONT, size=16, align="right")
    for annex in doc_outline.annexes:
        _paragraph(doc, annex.title, font=HEADING_FONT, size=16)
        _paragraph(doc, annex.note, font=BODY_FONT, size=12)
        grid = doc.add_table(rows=len(annex.rows) + 1, cols=len(annex.header))
        grid.style = "Table Grid"
        for row, values in zip(grid.rows, (annex.header, *annex.rows), strict=False):
            for cell, value in zip(row.cells, values, strict=False):
                run = cell.paragraphs[0].add_run(value)
                _fonts(run, TABLE_FONT)
                run.font.size = Pt(10.5)
    drawn = report_charts(report, previous) if charts else []
    if drawn:
        _paragraph(doc, "附图", font=HEADING_FONT, size=16)
        for number, chart in enumerate(drawn, 1):
            doc.add_picture(io.BytesIO(chart_png(chart)), width=Cm(15))
            picture = doc.inline_shapes[-1]
            picture._inline.docPr.set("descr", chart.alt)
            picture._inline.docPr.set("title", chart.title)
            _paragraph(doc, f"图{number} {chart.title}", font=BODY_FONT, size=12, align="center")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
