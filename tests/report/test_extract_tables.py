"""Tables 二/三/四 from text and from real-table rows: formats per table, merges, ambiguity, gaps."""

from __future__ import annotations

from decimal import Decimal

from text_layouts import render_text

from gongkai.report.extract import extract
from gongkai.report.formats import FORMAT_2019, FORMAT_2021
from gongkai.report.model import CellValue, Report, SourceSpan
from gongkai.report.read import read_layout
from gongkai.report.read.layout import Layout, LayoutCell


def zero_values(fmt_key: str) -> dict[str, CellValue]:
    fmt = {"2021": FORMAT_2021, "2019": FORMAT_2019}[fmt_key]
    return {cid: 0 for cid in fmt.cell_ids()}


def read_text(text: str) -> Report:
    return extract(read_layout(text.encode("utf-8"), "t.txt"))


def with_granted(values: dict[str, CellValue], np: int) -> dict[str, CellValue]:
    values = dict(values)
    for row in ("new_received", "granted", "total"):
        values[f"t3.{row}.np"] = np
        values[f"t3.{row}.tot"] = np
    return values


def test_fused_row_resolved_by_the_column_totals() -> None:
    # "110000011" is 11,0,0,0,0,0,11 or 1,10,0,0,0,0,11 — both add up across the row; the printed
    # （七）总计 row (11 in 自然人) decides between them.
    values = with_granted(zero_values("2021"), 11)
    text = render_text("2021", values, "pipe")
    line = next(ln for ln in text.splitlines() if "（一）予以公开" in ln)
    text = text.replace(line, "三、本年度办理结果 （一）予以公开110000011")
    report = read_text(text)
    assert report.cell_values() == values
    assert report.read_findings == []


def test_fused_row_left_out_when_nothing_decides() -> None:
    values = with_granted(zero_values("2021"), 11)
    text = render_text("2021", values, "fused")
    report = read_text(text)
    ambiguous = [f for f in report.read_findings if f.rule == "READ-AMBIGUOUS-SPLIT"]
    # every row holding "11" is ambiguous on its own, and the equations between rows cannot
    # separate 11/0 from 1/10 either (they hold for both readings): nothing is guessed
    assert {f.cells[0] for f in ambiguous} == {"t3.new_received.np", "t3.granted.np", "t3.total.np"}
    assert ["11", "0", "0", "0", "0", "0", "11"] in ambiguous[0].expected  # type: ignore[operator]
    assert all(report.value(c) == values[c] for c in report.cells)
    assert "t3.granted.np" not in report.cells


def test_2021_table_two_with_the_2019_single_other_row() -> None:
    values = zero_values("2021")
    text = render_text("2021", values, "space")
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if "（六）其他处理" in ln)
    lines[start : start + 3] = ["（六）其他处理 0 0 0 0 0 0 0"]
    report = read_text("\n".join(lines))
    assert report.table_formats == {"t2": "2021", "t3": "2019", "t4": "2019"}
    assert report.format == "2021"  # the template follows table 二; table 三 keeps its own ids
    assert report.value("t3.other.tot") == 0
    assert "t3.other_other.tot" not in report.cells
    assert report.value("t2.admin_fees.amount_wan_yuan") == 0
    assert [f.rule for f in report.read_findings] == ["READ-FORMAT-MIX"]


def test_missing_row_and_blank_row() -> None:
    values = zero_values("2021")
    text = render_text("2021", values, "space")
    text = text.replace("规章 0 0 0\n", "")
    text = text.replace("3.其他 0 0 0 0 0 0 0\n", "3.其他\n")
    report = read_text(text)
    rules = sorted(f.rule for f in report.read_findings)
    assert rules == ["READ-BLANK-ROW", "READ-MISSING-ROW"]
    assert "t2.regulations.made" not in report.cells
    assert report.cells["t3.other_other.np"].value is None


def test_text_and_placeholders_in_numeric_cells_are_kept_as_printed() -> None:
    values = zero_values("2021")
    values["t4.review.other"] = "撤销"
    values["t4.review.total"] = 1
    values["t2.regulations.made"] = "/"
    values["t2.regulations.repealed"] = "—"
    report = read_text(render_text("2021", values, "pipe"))
    assert report.value("t4.review.other") == "撤销"
    assert report.value("t2.regulations.made") == "/"
    assert report.value("t2.regulations.repealed") == "—"
    assert report.read_findings == []


def test_full_width_digits_and_money_units() -> None:
    values = zero_values("2019")
    text = render_text("2019", values, "pipe")
    text = text.replace("政府集中采购 | 0 | 0 |", "政府集中采购 | ７ | 3168.0656(万元) |")
    text = text.replace("行政事业性收费 | 0 | 0 |", "行政事业性收费 | 16 | 减12 |")
    report = read_text(text)
    assert report.value("t2.central_procurement.items") == 7
    assert report.value("t2.central_procurement.amount") == Decimal("3168.0656")
    assert report.value("t2.admin_fees.delta") == -12


def test_misleading_spaces_are_read_by_the_arithmetic() -> None:
    values = zero_values("2021")
    for row in ("new_received", "partial", "total"):
        values[f"t3.{row}.np"] = 1
        values[f"t3.{row}.tot"] = 1
    text = render_text("2021", values, "space")
    text = text.replace(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 10 0 0 0 01",
    )
    report = read_text(text)
    assert report.cell_values() == values


# ---- ROW layouts, as the HTML/DOCX/XLSX readers produce them (merged cells repeated) -------------


def row(layout: Layout, *texts: str) -> None:
    n = len(layout.lines) + 1
    layout.row(
        [LayoutCell(t, SourceSpan(file="t.html", table=1, row=n, col=i + 1)) for i, t in enumerate(texts)]
    )


def test_rows_from_a_real_table_with_merged_cells() -> None:
    layout = Layout("t.html", "html")
    layout.text_line("某区2023年政府信息公开工作年度报告", SourceSpan(file="t.html", line=1))
    layout.text_line("二、主动公开政府信息情况", SourceSpan(file="t.html", line=2))
    for block in FORMAT_2021.table2:
        row(layout, *[block.heading] * 4)
        heads = [c.label for c in block.columns]
        row(layout, "信息内容", *(heads * 3)[:3] if len(heads) == 1 else heads)
        for r in block.rows:
            if len(block.columns) == 1:
                row(layout, r.label, "2821", "2821", "2821")  # colspan=3 repeated
            else:
                row(layout, r.label, "1", "2", "3")
    layout.text_line("三、收到和处理政府信息公开申请情况", SourceSpan(file="t.html", line=3))
    row(layout, FORMAT_2021.table3_note, FORMAT_2021.table3_note, FORMAT_2021.table3_note, "申请人情况")
    for r in FORMAT_2021.table3_rows:
        cells = (
            ["1", "0", "0", "0", "0", "0", "1"]
            if r.key in ("new_received", "granted", "total")
            else ["0"] * 7
        )
        group = r.group or r.label
        row(layout, group, r.label, *cells)
    layout.text_line("四、政府信息公开行政复议、行政诉讼情况", SourceSpan(file="t.html", line=4))
    row(layout, *["行政复议"] * 5, *["行政诉讼"] * 10)
    row(
        layout,
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        *["未经复议直接起诉"] * 5,
        *["复议后起诉"] * 5,
    )
    row(layout, *["0"] * 15)
    layout.text_line("五、存在的主要问题及改进情况", SourceSpan(file="t.html", line=5))
    report = extract(layout)
    assert report.read_findings == []
    assert report.value("t2.licensing.decisions") == 2821
    assert report.value("t2.normative_docs.in_force") == 3
    assert report.value("t3.granted.np") == 1
    assert report.value("t3.total.tot") == 1
    assert len(report.cells) == len(FORMAT_2021.cell_ids())
    span = report.cells["t3.granted.tot"].source
    assert span is not None and span.table == 1 and span.col == 9


def test_block_headings_without_brackets() -> None:
    values = zero_values("2021")
    values["t2.licensing.decisions"] = 2821
    text = render_text("2021", values, "space").replace("第二十条第（五）项", "第二十条第五项")
    assert read_text(text).cell_values() == values


def test_table_two_blocks_in_different_formats() -> None:
    # A 2021 report whose 第二十条第（五）项 block still has the 2019 columns and rows.
    values = zero_values("2021")
    text = render_text("2021", values, "space")
    block_2019 = next(b for b in FORMAT_2019.table2 if b.key == "art20_5")
    old = "信息内容 " + " ".join(c.label for c in block_2019.columns) + "\n"
    old += "".join(f"{r.label} 1 -1 7\n" for r in block_2019.rows)
    start = text.index("第二十条第（五）项")
    end = text.index("第二十条第（六）项")
    text = text[:start] + "第二十条第（五）项\n" + old + text[end:]
    report = read_text(text)
    assert report.value("t2.licensing.prev_items") == 1
    assert report.value("t2.licensing.delta") == -1
    assert report.value("t2.other_services.decisions") == 7
    assert "t2.licensing.decisions" in report.cells and report.value("t2.penalty.decisions") == 0
    assert report.table_formats["t2"] == "2021"
    assert [f.rule for f in report.read_findings] == ["READ-FORMAT-MIX"]


def test_table_flattened_column_by_column_is_not_read_as_blank_rows() -> None:
    fmt = FORMAT_2021
    values = zero_values("2021")
    text = render_text("2021", values, "space")
    start = text.index("一、本年新收")
    end = text.index(fmt.sections[3].title)
    labels = "\n".join(r.label for r in fmt.table3_rows)
    numbers = " ".join("0" for _ in range(len(fmt.table3_rows) * 7))
    report = read_text(text[:start] + labels + "\n" + numbers + "\n" + text[end:])
    assert not any(c.startswith("t3.") for c in report.cells)
    assert "READ-BLANK-ROW" not in {f.rule for f in report.read_findings}


def test_table_two_without_block_headings() -> None:
    values = zero_values("2021")
    values["t2.licensing.decisions"] = 2821
    values["t2.normative_docs.in_force"] = 9
    text = render_text("2021", values, "space")
    for block in FORMAT_2021.table2:
        text = text.replace(block.heading + "\n", "")
    report = read_text(text)
    assert report.cell_values() == values
    assert report.table_formats["t2"] == "2021"


def test_subtotals_printed_on_group_rows_are_not_read_into_the_row_above() -> None:
    values = zero_values("2021")
    for row in ("new_received", "partial", "denied_third_party", "total"):
        values[f"t3.{row}.np"] = 2 if row in ("new_received", "total") else 1
        values[f"t3.{row}.tot"] = values[f"t3.{row}.np"]
    text = render_text("2021", values, "space")
    text = text.replace("（三）不予公开 ", "（三）不予公开 1 0 0 0 0 0 1\n")
    report = read_text(text)
    assert report.value("t3.partial.np") == 1
    assert report.value("t3.denied_state_secret.tot") == 0
    assert report.cell_values() == values


def test_table_three_with_labels_and_no_numbers_is_one_finding() -> None:
    values: dict[str, CellValue] = {cid: None for cid in FORMAT_2021.cell_ids() if cid.startswith("t3.")}
    text = render_text("2021", {**zero_values("2021"), **values}, "space")
    report = read_text(text)
    t3 = [f for f in report.read_findings if any(c.startswith("t3.") for c in f.cells)]
    assert len(t3) == 1 and t3[0].rule == "READ-UNREADABLE-CELL"
    assert not any(c.startswith("t3.") for c in report.cells)


def test_empty_cells_in_markdown_rows_are_placed_by_column() -> None:
    # A markdown copy whose label area is three columns wide: the empty 自然人 cell and the empty
    # layout cell cannot be told apart by counting; the full rows show where 自然人 stands.
    values = zero_values("2021")
    text = render_text("2021", values, "pipe")
    lines = []
    for line in text.splitlines():
        if "|" in line and any(r.label in line for r in FORMAT_2021.table3_rows):
            label, _, rest = line.partition(" | ")
            line = f"| {label} |  | {rest}"
        lines.append(line)
    text = "\n".join(lines)
    granted = next(ln for ln in text.splitlines() if "（一）予以公开" in ln)
    text = text.replace(granted, "| 三、本年度办理结果 （一）予以公开 |  |  | 5 | 141 |  |  | 1131 |  |")
    report = read_text(text)
    assert [report.value(f"t3.granted.{c}") for c in ("np", "com", "res", "npo", "law", "oth", "tot")] == [
        None,
        5,
        141,
        None,
        None,
        1131,
        None,
    ]


def test_a_number_in_a_table_cell_is_never_split() -> None:
    layout = Layout("t.html", "html")
    layout.text_line("某区2023年政府信息公开工作年度报告", SourceSpan(file="t.html", line=1))
    layout.text_line("二、主动公开政府信息情况", SourceSpan(file="t.html", line=2))
    row(layout, *["第二十条第（一）项"] * 4)
    row(layout, "信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
    row(layout, "规章", "3479", "")  # two cells where three are due: not "3", "4", "79"
    row(layout, "行政规范性文件", "1", "2", "3")
    layout.text_line("三、收到和处理政府信息公开申请情况", SourceSpan(file="t.html", line=9))
    report = extract(layout)
    assert not any(c.startswith("t2.regulations.") for c in report.cells)
    assert report.value("t2.normative_docs.in_force") == 3
    assert "READ-UNREADABLE-CELL" in {f.rule for f in report.read_findings}
