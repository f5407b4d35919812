"""The XLS/XLSX reader: statistics sheets with merged headers, numbers as printed, every sheet."""

from __future__ import annotations

import io

import openpyxl
import pytest
import xlsxwriter

import gongkai
from gongkai.errors import ReadError
from gongkai.report.read.layout import LineKind
from gongkai.report.read.sheet import number_text, read_xls, read_xlsx
from report.read.media_fixtures import CORPUS_SOURCES, cell_values, convert, fixture, soffice

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


@pytest.mark.parametrize("source", [*CORPUS_SOURCES, "distinct-2021", "distinct-2019"])
@pytest.mark.parametrize("medium", ["xlsx", "xlsx-sheets"])
def test_workbook_reads_back_exactly_the_cells_it_prints(source: str, medium: str) -> None:
    doc, data = fixture(source, medium)
    report = gongkai.read("统计表.xlsx", data)
    assert report.medium == "xlsx"
    assert cell_values(report) == doc.expected


@needs_soffice
@pytest.mark.slow  # LibreOffice takes seconds per conversion
@pytest.mark.parametrize("source", [CORPUS_SOURCES[0], "distinct-2019"])
def test_xls_made_by_libreoffice_reads_back_exactly_the_cells_it_prints(source: str) -> None:
    doc, data = fixture(source, "xls")
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # a real BIFF8 compound file
    report = gongkai.read("2018年度政府信息公开情况统计表.xls", data)
    assert report.medium == "xls"
    assert cell_values(report) == doc.expected


def _xlsx(build: object) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    build(book)  # type: ignore[operator]
    book.close()
    return buf.getvalue()


def test_merged_ranges_repeat_the_merged_cell_and_spans_name_the_sheet() -> None:
    def build(book: xlsxwriter.Workbook) -> None:
        first = book.add_worksheet("表三")
        first.merge_range("A1:D1", "某县2018年度政府信息公开情况统计表")
        first.merge_range("A2:A3", "项目")
        first.merge_range("B2:D2", "申请人情况")
        first.write_row("B3", ["自然人", "法人", "总计"])
        first.write_row("A4", ["新收", 6, 0, 6])
        book.add_worksheet("空白")
        second = book.add_worksheet("表四")
        second.write_row("B2", ["行政复议", 1])

    layout = read_xlsx(_xlsx(build), "t.xlsx")
    lines = [(line.kind, [c.text for c in line.cells]) for line in layout.lines]
    assert lines == [
        (LineKind.TEXT, ["某县2018年度政府信息公开情况统计表"]),  # a row that is one merged cell: a title
        (LineKind.ROW, ["项目", "申请人情况", "申请人情况", "申请人情况"]),
        (LineKind.ROW, ["项目", "自然人", "法人", "总计"]),
        (LineKind.ROW, ["新收", "6", "0", "6"]),
        (LineKind.ROW, ["", "行政复议", "1"]),
    ]
    copy = layout.lines[2].cells[0]
    assert (copy.span.sheet, copy.span.table, copy.span.row, copy.span.col) == ("表三", 1, 2, 1)
    assert layout.lines[1].cells[3] == layout.lines[1].cells[1]  # copies are the same cell
    last = layout.lines[4].cells[2]
    assert (last.span.sheet, last.span.table, last.span.row, last.span.col) == ("表四", 3, 2, 3)
    assert last.span.where() == "工作表“表四” 表3 第2行 第3列"


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (6.0, "6"),
        (-12.0, "-12"),
        (779.508355, "779.508355"),
        (0.1 + 0.2, "0.3"),
        (1e20, "100000000000000000000"),
        (2.5e-7, "0.00000025"),
    ],
)
def test_numbers_are_written_as_printed(value: float, printed: str) -> None:
    assert number_text(value) == printed


def test_formula_cells_read_their_cached_result() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "总计"
    sheet["B1"] = "=1+2"
    buf = io.BytesIO()
    workbook.save(buf)
    # openpyxl writes no cached value: the cell reads blank, never the formula text
    layout = read_xlsx(buf.getvalue(), "f.xlsx")
    assert [[c.text for c in line.cells] for line in layout.lines] == [["总计"]]


def test_empty_workbook_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="没有任何内容"):
        read_xlsx(_xlsx(lambda book: book.add_worksheet("Sheet1")), "empty.xlsx")


def test_damaged_xls_is_a_read_error() -> None:
    with pytest.raises(ReadError, match=r"bad\.xls"):
        read_xls(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "bad.xls")


@needs_soffice
@pytest.mark.slow  # LibreOffice takes seconds per conversion
def test_xlsx_written_by_libreoffice_reads_back_exactly() -> None:
    # LibreOffice's SpreadsheetML (shared strings, its merge records), from the .xls
    doc, data = fixture("distinct-2019", "xls")
    report = gongkai.read("另存.xlsx", convert(data, "xls", "xlsx"))
    assert report.medium == "xlsx"
    assert cell_values(report) == doc.expected
