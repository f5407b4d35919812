"""A report as an Excel workbook (XlsxWriter): the three tables as printed, and a flat cell sheet.

Sheets, in order:

- ``表二``, ``表三``, ``表四`` — each table laid out as in the report through the shared table model
  (:mod:`.tables`), merged header cells as merged ranges, the section title above the table (the
  first sheet also carries the report title). Numbers are written as numbers, text printed in a
  numeric cell as text, blank cells stay empty.
- ``单元格`` — one row per statistical cell: 单元格编号 (canonical id, cells.yaml), 值, 说明 (the
  Chinese label). The value comes before the label so that a reader scanning rows for report labels
  does not take the explanation for a table row. Cells that were not read are listed with the value
  empty and 说明 saying so.

A legacy report has no tables: only the ``单元格`` sheet of its figures is written.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from ..formats import any_cell
from ..model import Report
from .document import outline
from .tables import RenderTable, Role, unread_note

SHEETS = {"t2": "表二", "t3": "表三", "t4": "表四"}
FLAT_SHEET = "单元格"
_WIDTH_CHARS = {"t2": 64, "t3": 118, "t4": 120}


def _number(text: str) -> int | Decimal | None:
    """The number a value text stands for, if it is one (the table model wrote it exactly)."""
    try:
        value = Decimal(text)
    except ArithmeticError:
        return None
    if not value.is_finite():
        return None
    return int(value) if value == value.to_integral_value() and "." not in text else value


def _write_table(book: Any, sheet: Any, table: RenderTable, first_row: int, formats: dict[str, Any]) -> int:
    for index, width in enumerate(table.widths):
        sheet.set_column(index, index, max(5.0, _WIDTH_CHARS[table.key] * width))
    for placed in table.placed():
        r, c = first_row + placed.row, placed.col
        cell = placed.cell
        if cell.role in (Role.VALUE, Role.FILLER):
            style = formats["value"]
        elif cell.role is Role.COLUMN:
            style = formats["header"]
        else:
            style = formats["label"]
        value: Any = cell.text
        number = _number(cell.text) if cell.numeric else None
        if number is not None:
            value = number if isinstance(number, int) else float(number)
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_range(r, c, r + cell.rowspan - 1, c + cell.colspan - 1, value, style)
        elif value == "":
            sheet.write_blank(r, c, None, style)
        else:
            sheet.write(r, c, value, style)
    for index, row in enumerate(table.rows):
        if row.head:
            sheet.set_row(first_row + index, 30)
    return first_row + len(table.rows)


def render_xlsx(report: Report, *, previous: Report | None = None, charts: bool = True) -> bytes:
    """The workbook as bytes. ``previous`` and ``charts`` are accepted for a uniform signature;
    the workbook carries no charts (supervisors chart the numbers themselves)."""
    import xlsxwriter

    doc = outline(report)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    )
    book.set_properties({"title": doc.title, "author": report.agency or "", "comments": "gongkai 生成"})
    base = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter", "text_wrap": True}
    formats = {
        "header": book.add_format({**base, "align": "center"}),
        "label": book.add_format({**base, "align": "left"}),
        "value": book.add_format({**base, "align": "center"}),
        "title": book.add_format({"font_name": "宋体", "font_size": 14, "bold": True, "align": "center"}),
        "heading": book.add_format({"font_name": "黑体", "font_size": 12}),
        "note": book.add_format({"font_name": "宋体", "font_size": 9}),
        "plain": book.add_format({"font_name": "宋体", "font_size": 10}),
    }
    first = True
    for part in doc.parts:
        table = part.table
        if table is None:
            continue
        sheet = book.add_worksheet(SHEETS[table.key])
        row = 0
        if first:
            sheet.merge_range(0, 0, 0, table.columns - 1, doc.title, formats["title"])
            row = 2
            first = False
        sheet.write(row, 0, part.section.title, formats["heading"])
        end = _write_table(book, sheet, table, row + 1, formats)
        note = unread_note(table)
        if note:
            sheet.write(end + 1, 0, note, formats["note"])
        if table.head_rows:
            sheet.repeat_rows(row + 1, row + table.head_rows)
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
    flat = book.add_worksheet(FLAT_SHEET)
    flat.write_row(0, 0, ("单元格编号", "值", "说明"), formats["plain"])
    flat.set_column(0, 0, 32)
    flat.set_column(1, 1, 14)
    flat.set_column(2, 2, 70)
    row = 1
    for cid, label, text in _flat_rows(report, doc):
        flat.write_string(row, 0, cid, formats["plain"])
        cell = report.cells.get(cid)
        number = _number(text) if cell is not None and cell.is_number else None
        if number is not None:
            flat.write_number(
                row, 1, float(number) if isinstance(number, Decimal) else number, formats["plain"]
            )
        elif text:
            flat.write_string(row, 1, text, formats["plain"])
        flat.write_string(row, 2, label, formats["plain"])
        row += 1
    flat.freeze_panes(1, 0)
    book.close()
    return out.getvalue()


def _flat_rows(report: Report, doc: Any) -> list[tuple[str, str, str]]:
    if doc.is_legacy:
        return [(cid, label, text) for cid, label, text in doc.legacy]
    rows: list[tuple[str, str, str]] = []
    for part in doc.parts:
        table: RenderTable | None = part.table
        if table is None:
            continue
        unread = set(table.unread)
        for placed in table.placed():
            cid = placed.cell.cell_id
            if cid is None:
                continue
            label = any_cell(cid).label + ("（原文未能读取）" if cid in unread else "")
            rows.append((cid, label, placed.cell.text))
    return rows
