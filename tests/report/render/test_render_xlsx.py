"""The Excel workbook, opened with openpyxl: the tables with merged headers, and the flat cell sheet."""

from __future__ import annotations

import io

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from render_fixtures import with_blank, xichou, yinchuan, zuoling

from gongkai.report.formats import FORMAT_2021
from gongkai.report.render import render_report


def _open(data: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def book() -> Workbook:
    return _open(render_report(xichou(), "xlsx"))


def test_sheets(book: Workbook) -> None:
    assert book.sheetnames == ["表二", "表三", "表四", "单元格"]


def test_merged_headers_as_in_the_report(book: Workbook) -> None:
    t3 = book["表三"]
    merged = {str(r) for r in t3.merged_cells.ranges}
    # the section heading in row 1, the table from row 2: the note over A2:C4
    assert t3["A1"].value == "三、收到和处理政府信息公开申请情况"
    assert {"A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4", "A7:A28", "B9:B16"} <= merged
    assert t3["A2"].value.startswith("（本列数据的勾稽关系为")
    assert t3["D2"].value == "申请人情况"
    assert book["表二"]["A1"].value == "西畴县人民政府2023年政府信息公开工作年度报告"
    t4 = book["表四"]
    merged4 = {str(r) for r in t4.merged_cells.ranges}
    assert {"A2:E2", "F2:O2", "A3:A4", "F3:J3", "K3:O3"} <= merged4


def test_numbers_are_numbers(book: Workbook) -> None:
    t2 = book["表二"]
    values = [[c.value for c in row] for row in t2.iter_rows(min_row=1)]
    assert ["行政规范性文件", 3, 0, 9] in values
    fee_row = next(row for row in values if row[0] == "行政事业性收费")
    assert fee_row[1] == pytest.approx(779.508355)
    t3 = book["表三"]
    row = next(r for r in t3.iter_rows(values_only=True) if r[0] == "一、本年新收政府信息公开申请数量")
    assert list(row[3:]) == [6, 0, 0, 0, 0, 0, 6]


def test_flat_sheet_lists_every_cell_with_id_value_label(book: Workbook) -> None:
    rows = list(book["单元格"].iter_rows(values_only=True))
    assert rows[0] == ("单元格编号", "值", "说明")
    assert [r[0] for r in rows[1:]] == list(FORMAT_2021.cell_ids())
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["t3.new_received.np"][1] == 6
    assert by_id["t3.new_received.np"][2] == "表三“一、本年新收政府信息公开申请数量”/“自然人”"


def test_blank_and_text_cells() -> None:
    book = _open(render_report(with_blank(zuoling(), "t4.review.maintain"), "xlsx"))
    data_row = next(book["表四"].iter_rows(min_row=5, max_row=5, values_only=True))
    assert list(data_row[:5]) == [None, 0, "撤销", 0, 1]
    flat = {r[0]: r[1] for r in book["单元格"].iter_rows(min_row=2, values_only=True)}
    assert flat["t4.review.maintain"] is None and flat["t4.review.other"] == "撤销"


def test_2019_workbook() -> None:
    book = _open(render_report(yinchuan(), "xlsx"))
    values = [r for r in book["表二"].iter_rows(values_only=True)]
    assert ("行政事业性收费", 4, -3, None) in values
    assert any(r[0] == "政府集中采购" and r[2] == pytest.approx(3168.0656) for r in values)
