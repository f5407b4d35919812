"""The renderer-neutral table model: the official template's merges, values written exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from render_fixtures import with_blank, without, xichou, yinchuan, zuoling

from gongkai.errors import ContractError
from gongkai.report.formats import FORMAT_2019, FORMAT_2021
from gongkai.report.model import Cell, Report
from gongkai.report.render.tables import Role, report_tables, validate_cells, value_text


def test_every_cell_of_the_format_appears_exactly_once_in_its_table() -> None:
    for report, fmt in ((xichou(), FORMAT_2021), (yinchuan(), FORMAT_2019)):
        tables = report_tables(report)
        ids = [p.cell.cell_id for t in tables.values() for p in t.placed() if p.cell.role is Role.VALUE]
        assert ids == list(fmt.cell_ids())


def test_grids_are_rectangular_without_holes_or_overlaps() -> None:
    for report in (xichou(), yinchuan()):
        for table in report_tables(report).values():
            covered: dict[tuple[int, int], int] = {}
            for placed in table.placed():
                for r in range(placed.row, placed.last_row + 1):
                    for c in range(placed.col, placed.last_col + 1):
                        covered[(r, c)] = covered.get((r, c), 0) + 1
            assert set(covered) == {(r, c) for r in range(len(table.rows)) for c in range(table.columns)}
            assert set(covered.values()) == {1}, table.key


def test_table3_header_merges_as_in_the_template() -> None:
    t3 = report_tables(xichou())["s3_requests"]
    head = [p for p in t3.placed() if p.row < 3]
    note = head[0]
    assert note.cell.role is Role.NOTE and (note.cell.rowspan, note.cell.colspan) == (3, 3)
    spans = {p.cell.text: (p.cell.rowspan, p.cell.colspan) for p in head}
    assert spans["申请人情况"] == (1, 7)
    assert spans["自然人"] == (2, 1)
    assert spans["法人或其他组织"] == (1, 5)
    assert spans["总计"] == (2, 1)
    assert t3.head_rows == 3


def test_table3_row_labels_span_as_in_the_template() -> None:
    t3 = report_tables(xichou())["s3_requests"]
    by_text = {p.cell.text: p for p in t3.placed() if p.cell.is_header}
    assert (by_text["三、本年度办理结果"].cell.rowspan, by_text["三、本年度办理结果"].col) == (22, 0)
    assert by_text["（三）不予公开"].cell.rowspan == 8
    assert by_text["（四）无法提供"].cell.rowspan == 3
    assert by_text["（五）不予处理"].cell.rowspan == 5
    assert by_text["（六）其他处理"].cell.rowspan == 3
    assert by_text["（一）予以公开"].cell.colspan == 2
    assert by_text["（七）总计"].cell.colspan == 2
    assert by_text["一、本年新收政府信息公开申请数量"].cell.colspan == 3
    assert by_text["四、结转下年度继续办理"].cell.colspan == 3


def test_2019_table3_has_a_single_other_row_spanning_two_label_columns() -> None:
    t3 = report_tables(yinchuan())["s3_requests"]
    by_text = {p.cell.text: p for p in t3.placed() if p.cell.is_header}
    assert by_text["（六）其他处理"].cell.colspan == 2
    assert by_text["（六）其他处理"].cell.rowspan == 1
    assert by_text["三、本年度办理结果"].cell.rowspan == 20
    assert len(t3.rows) == 3 + 23


def test_table2_single_value_blocks_span_three_columns_and_2019_two_value_blocks_leave_a_slot() -> None:
    t2 = report_tables(xichou())["s2_proactive"]
    licensing = next(p for p in t2.placed() if p.cell.cell_id == "t2.licensing.decisions")
    assert licensing.cell.colspan == 3 and licensing.cell.text == "2821"
    fees = next(p for p in t2.placed() if p.cell.cell_id == "t2.admin_fees.amount_wan_yuan")
    assert fees.cell.text == "779.508355"
    t2_2019 = report_tables(yinchuan())["s2_proactive"]
    delta = next(p for p in t2_2019.placed() if p.cell.cell_id == "t2.admin_fees.delta")
    assert (delta.cell.colspan, delta.cell.text) == (1, "-3")
    row = [p.cell.role for p in t2_2019.placed() if p.row == delta.row]
    assert row == [Role.ROW, Role.VALUE, Role.VALUE, Role.FILLER]
    amount = next(p for p in t2_2019.placed() if p.cell.cell_id == "t2.central_procurement.amount")
    assert amount.cell.text == "3168.0656"


def test_table4_header_spans() -> None:
    t4 = report_tables(xichou())["s4_review_lit"]
    spans = [(p.cell.text, p.cell.rowspan, p.cell.colspan) for p in t4.placed() if p.row < 3]
    assert spans[:2] == [("行政复议", 1, 5), ("行政诉讼", 1, 10)]
    assert ("结果维持", 2, 1) in spans
    assert ("未经复议直接起诉", 1, 5) in spans and ("复议后起诉", 1, 5) in spans
    assert len([s for s in spans if s[0] == "结果维持"]) == 3


def test_blank_stays_blank_text_stays_text_and_unread_cells_are_listed() -> None:
    report = without(with_blank(zuoling(), "t4.review.maintain"), "t4.direct.total")
    t4 = report_tables(report)["s4_review_lit"]
    values = {p.cell.cell_id: p.cell for p in t4.placed() if p.cell.role is Role.VALUE}
    assert values["t4.review.maintain"].text == "" and not values["t4.review.maintain"].numeric
    assert values["t4.review.other"].text == "撤销" and not values["t4.review.other"].numeric
    assert values["t4.review.total"].text == "1" and values["t4.review.total"].numeric
    assert values["t4.direct.total"].text == ""
    assert t4.unread == ("t4.direct.total",)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (-3, "-3"),
        (Decimal("779.508355"), "779.508355"),
        (Decimal("1E+3"), "1000"),
        (None, ""),
        ("—", "—"),
    ],
)
def test_value_text_is_exact(value: object, text: str) -> None:
    assert value_text(value, "t3.total.np") == text  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [1.5, True, [1], Decimal("NaN")])
def test_values_outside_the_contract_are_refused_naming_the_cell(value: object) -> None:
    report = Report(format="2021", cells={"t3.total.np": Cell("t3.total.np", value)})  # type: ignore[arg-type]
    with pytest.raises(ContractError, match=r"t3\.total\.np"):
        validate_cells(report)


def test_unknown_cell_ids_are_refused() -> None:
    report = Report(format="2021", cells={"t3.totl.np": Cell("t3.totl.np", 1)})
    with pytest.raises(ContractError, match=r"未知的单元格编号“t3\.totl\.np”"):
        validate_cells(report)


def test_legacy_report_has_no_tables() -> None:
    report = Report(format="legacy", cells={"legacy.requests.received": Cell("legacy.requests.received", 27)})
    assert report_tables(report) == {}


def test_each_table_is_drawn_in_the_format_detected_for_it() -> None:
    """Real reports mix formats (e.g. a 2021 report that kept the 2019 table 二)."""
    report = xichou()
    old = yinchuan()
    cells = {k: v for k, v in report.cells.items() if not k.startswith("t2.")}
    cells.update({k: v for k, v in old.cells.items() if k.startswith("t2.")})
    mixed = report.with_cells(cells)
    mixed.table_formats = {"t2": "2019", "t3": "2021", "t4": "2021"}
    tables = report_tables(mixed)
    assert (tables["s2_proactive"].format, tables["s3_requests"].format) == ("2019", "2021")
    assert tables["s2_proactive"].unread == () and tables["s3_requests"].unread == ()
    validate_cells(mixed)
