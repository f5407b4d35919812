"""XLS and XLSX → Layout: the statistics sheets agencies attach to their reports.

Every sheet is read, in workbook order; every non-empty row becomes a ROW line whose cells carry
the sheet name, the sheet's ordinal (as ``table``), and the 1-based row and column. Merged ranges are
expanded — the top-left cell is repeated, with its own span, in every cell of the range — the same
convention as HTML rowspan/colspan and Word merges. A row that holds nothing but one merged cell is
a title or caption (the sheet's "某县2018年度政府信息公开情况统计表", a block heading): it becomes a
TEXT line, so the extractor finds the agency and year in it as in any title. Trailing empty cells of a row are dropped;
positions from the left are kept.

Numbers are written as printed: integers without ``.0``, other numbers with up to 15 significant
digits (Excel's own precision, which also removes binary noise such as ``779.5083550000001``) and
never in exponent notation. The stored value is used, not the display format, so a money cell
formatted to two decimals still reads with all its digits. Dates become ``YYYY-MM-DD``.

XLSX is streamed with openpyxl in read-only mode (``data_only=True``: the cached results of
formulas); merged ranges, which read-only mode does not expose, are read from the worksheet XML.
XLS is read with xlrd (``formatting_info=True`` is what makes it report merged cells).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from ...errors import GongkaiError, InputTooLargeError, ReadError, UnsupportedMediumError
from ..model import SourceSpan
from . import limits
from .layout import Layout, LayoutCell, Line, LineKind

_SSML = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def read_xlsx(data: bytes, name: str) -> Layout:
    """Read every sheet of an .xlsx workbook."""
    archive = limits.open_zip(data, name)
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except GongkaiError:
        raise
    except Exception as exc:  # openpyxl raises InvalidFileException, KeyError, ValueError, lxml errors
        raise ReadError("无法打开 Excel 工作簿（文件已损坏，或不是 .xlsx 格式）", file=name) from exc
    layout = Layout(file=name, medium="xlsx")
    budget = _Budget(name)
    try:
        for index, sheet in enumerate(workbook.worksheets, start=1):
            if not hasattr(sheet, "iter_rows"):
                continue  # a chartsheet has no cells
            path = getattr(sheet, "_worksheet_path", None)
            merges = _xlsx_merges(archive.open(path).read() if path else b"", name, budget)
            sheet.reset_dimensions()  # do not trust (or pad to) the declared used range
            rows: dict[int, dict[int, str]] = {}
            for r, values in enumerate(sheet.iter_rows(values_only=True)):
                budget.row()
                row = {c: _text(v) for c, v in enumerate(values) if v is not None}
                budget.cells(len(values))
                row = {c: t for c, t in row.items() if t}
                if row:
                    rows[r] = row
            _emit(layout, sheet.title, index, rows, merges)
    except GongkaiError:
        raise
    except Exception as exc:
        raise ReadError("Excel 工作簿内容异常，无法读取", file=name) from exc
    finally:
        workbook.close()
    return _non_empty(layout)


def read_xls(data: bytes, name: str) -> Layout:
    """Read every sheet of a legacy .xls workbook (BIFF, via xlrd)."""
    limits.check_input_size(data, name)
    try:
        import xlrd

        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
    except Exception as exc:  # XLRDError, CompDocError, struct.error, IndexError on damaged files
        if "encrypted" in str(exc).lower():
            raise UnsupportedMediumError("文件已加密（受密码保护），请去除密码后重新提交", file=name) from exc
        raise ReadError("无法打开 Excel 工作簿（文件已损坏，或不是 .xls 格式）", file=name) from exc
    layout = Layout(file=name, medium="xls")
    budget = _Budget(name)
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            budget.cells(sheet.nrows * sheet.ncols)
            merges: dict[tuple[int, int], tuple[int, int]] = {}
            for rlo, rhi, clo, chi in sheet.merged_cells:
                _add_merge(merges, rlo, rhi, clo, chi, budget)
            rows: dict[int, dict[int, str]] = {}
            for r in range(sheet.nrows):
                budget.row()
                row: dict[int, str] = {}
                for c in range(sheet.ncols):
                    text = _xls_text(sheet.cell(r, c), book.datemode)
                    if text:
                        row[c] = text
                if row:
                    rows[r] = row
            _emit(layout, sheet.name, index + 1, rows, merges)
            book.unload_sheet(index)
    except GongkaiError:
        raise
    except Exception as exc:
        raise ReadError("Excel 工作簿内容异常，无法读取", file=name) from exc
    finally:
        book.release_resources()
    return _non_empty(layout)


def _non_empty(layout: Layout) -> Layout:
    if not layout.lines:
        raise ReadError("Excel 工作簿中没有任何内容", file=layout.file)
    return layout


class _Budget:
    """Counts rows and cells across a workbook and stops at the bounds."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._rows = 0
        self._cells = 0

    def row(self) -> None:
        self._rows += 1
        if self._rows > limits.MAX_ROWS:
            raise InputTooLargeError(f"工作簿行数过多（超过 {limits.MAX_ROWS} 行）", file=self.name)

    def cells(self, n: int) -> None:
        self._cells += n
        if self._cells > limits.MAX_CELLS:
            raise InputTooLargeError(f"工作簿单元格过多（超过 {limits.MAX_CELLS} 个）", file=self.name)


def _add_merge(
    merges: dict[tuple[int, int], tuple[int, int]], rlo: int, rhi: int, clo: int, chi: int, budget: _Budget
) -> None:
    """Record that cells [rlo, rhi) × [clo, chi) show the value of (rlo, clo) (0-based, half-open)."""
    if rhi <= rlo or chi <= clo:
        return
    budget.cells((rhi - rlo) * (chi - clo))
    for r in range(rlo, rhi):
        for c in range(clo, chi):
            merges[(r, c)] = (rlo, clo)


def _xlsx_merges(sheet_xml: bytes, name: str, budget: _Budget) -> dict[tuple[int, int], tuple[int, int]]:
    from lxml import etree
    from openpyxl.utils.cell import range_boundaries

    merges: dict[tuple[int, int], tuple[int, int]] = {}
    if b"mergeCell" not in sheet_xml:
        return merges
    parser_events = etree.iterparse(
        io.BytesIO(sheet_xml), events=("end",), tag=f"{_SSML}mergeCell", resolve_entities=False
    )
    for _, el in parser_events:
        ref = el.get("ref", "")
        el.clear()
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            continue
        if None in (min_col, min_row, max_col, max_row):
            continue
        assert min_col is not None and min_row is not None and max_col is not None and max_row is not None
        _add_merge(merges, min_row - 1, max_row, min_col - 1, max_col, budget)
    return merges


def _emit(
    layout: Layout,
    sheet: str,
    index: int,
    rows: dict[int, dict[int, str]],
    merges: dict[tuple[int, int], tuple[int, int]],
) -> None:
    """Add a sheet's rows to the layout, with merged ranges expanded."""
    merged_rows: dict[int, dict[int, tuple[int, int]]] = {}
    for (r, c), origin in merges.items():
        merged_rows.setdefault(r, {})[c] = origin

    def cell(r: int, c: int, text: str) -> LayoutCell:
        return LayoutCell(text, SourceSpan(file=layout.file, sheet=sheet, table=index, row=r + 1, col=c + 1))

    for r in sorted(set(rows) | set(merged_rows)):
        slots = {c: cell(r, c, t) for c, t in rows.get(r, {}).items()}
        for c, (r0, c0) in merged_rows.get(r, {}).items():
            slots[c] = cell(r0, c0, rows.get(r0, {}).get(c0, ""))  # a copy: the merged cell's span
        slots = {c: x for c, x in slots.items() if x.text}
        if not slots:
            continue
        if len(slots) > 1 and len(set(slots.values())) == 1:
            # one merged cell across the row and nothing else: a title or a caption
            # ("某县2018年度政府信息公开情况统计表"), which is text, not a table row
            only = next(iter(slots.values()))
            layout.lines.append(Line(LineKind.TEXT, (only,)))
            continue
        width = max(slots) + 1
        layout.lines.append(Line(LineKind.ROW, tuple(slots.get(c) or cell(r, c, "") for c in range(width))))


def _text(value: Any) -> str:
    """A cell value as printed (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


def number_text(value: float) -> str:
    """A float as a spreadsheet prints it: ``6.0`` → ``6``, 15 significant digits, no exponent."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(value, ".15g")
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def _xls_text(cell: Any, datemode: int) -> str:
    import xlrd

    ctype = cell.ctype
    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if ctype == xlrd.XL_CELL_NUMBER:
        return number_text(float(cell.value))
    if ctype == xlrd.XL_CELL_DATE:
        try:
            return _text(xlrd.xldate.xldate_as_datetime(cell.value, datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return number_text(float(cell.value))
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if ctype == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(cell.value, "#ERR"))
    return str(cell.value).strip()
