"""Property tests: random consistent reports written as text in every layout read back.

Spaced, piped, tabbed and one-cell-per-line layouts read back identically. Fused digit runs read back
either identically or — where the print allows several readings — with the cells left out and a
READ-AMBIGUOUS-SPLIT finding naming them; a fused cell is never read wrongly.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from text_layouts import LAYOUTS, render_text

from gongkai.report.extract import extract
from gongkai.report.formats import FORMATS, ValueKind
from gongkai.report.model import CellValue, SourceSpan
from gongkai.report.read import read_layout
from gongkai.report.read.layout import Layout, LayoutCell

small = st.integers(min_value=0, max_value=40) | st.just(0)


@st.composite
def consistent_values(draw: st.DrawFn, fmt_key: str) -> dict[str, CellValue]:
    """Cell values satisfying R1–R4 for the format."""
    fmt = FORMATS[fmt_key]
    values: dict[str, CellValue] = {}
    cols = [c.key for c in fmt.table3_columns if c.key != "tot"]
    for block in fmt.table2:
        for row in block.rows:
            for col in block.columns:
                kind = block.kind_of(col.key)
                if kind is ValueKind.DECIMAL:
                    cents = draw(st.integers(min_value=0, max_value=10_000_000))
                    values[f"t2.{row.key}.{col.key}"] = Decimal(cents) / 100
                elif kind is ValueKind.SIGNED:
                    values[f"t2.{row.key}.{col.key}"] = draw(st.integers(min_value=-50, max_value=50))
                else:
                    values[f"t2.{row.key}.{col.key}"] = draw(st.integers(min_value=0, max_value=3000))

    def put_row(row: str, parts: list[int]) -> None:
        for c, v in zip(cols, parts, strict=True):
            values[f"t3.{row}.{c}"] = v
        values[f"t3.{row}.tot"] = sum(parts)

    totals = [0] * len(cols)
    for row in fmt.table3_outcome_rows:
        parts = [draw(small) if draw(st.booleans()) else 0 for _ in cols]
        put_row(row, parts)
        totals = [a + b for a, b in zip(totals, parts, strict=True)]
    put_row("total", totals)
    carried = [draw(st.integers(min_value=0, max_value=t)) for t in totals]
    forward = [draw(st.integers(min_value=0, max_value=5)) for _ in cols]
    put_row("carried_over", carried)
    put_row("carry_forward", forward)
    put_row("new_received", [t + f - c for t, f, c in zip(totals, forward, carried, strict=True)])
    for block in fmt.table4_blocks:
        parts = [draw(st.integers(min_value=0, max_value=12)) for _ in range(4)]
        for col, v in zip(fmt.table4_columns, [*parts, sum(parts)], strict=True):
            values[f"t4.{block.key}.{col.key}"] = v
    return values


def _read(text: str) -> object:
    return extract(read_layout(text.encode("utf-8"), "generated.txt"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    fmt_key=st.sampled_from(["2021", "2019"]),
    data=st.data(),
    layout=st.sampled_from([x for x in LAYOUTS if x != "fused"]),
    split_headers=st.booleans(),
    boilerplate=st.booleans(),
)
def test_separated_layouts_read_back_identically(
    fmt_key: str, data: st.DataObject, layout: str, split_headers: bool, boilerplate: bool
) -> None:
    values = data.draw(consistent_values(fmt_key))
    text = render_text(fmt_key, values, layout, split_headers=split_headers, boilerplate=boilerplate)
    report = extract(read_layout(text.encode("utf-8"), "generated.txt"))
    assert report.format == fmt_key
    assert report.year == 2023
    assert report.agency == "某某县人民政府"
    assert report.cell_values() == values
    assert report.read_findings == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt_key=st.sampled_from(["2021", "2019"]), data=st.data())
def test_fused_runs_read_back_or_say_ambiguous_never_wrong(fmt_key: str, data: st.DataObject) -> None:
    values = data.draw(consistent_values(fmt_key))
    text = render_text(fmt_key, values, "fused")
    report = extract(read_layout(text.encode("utf-8"), "generated.txt"))
    read = report.cell_values()
    for cid, value in read.items():
        assert value == values[cid], cid  # never a wrong value
    explained = {c for f in report.read_findings if f.rule == "READ-AMBIGUOUS-SPLIT" for c in f.cells}
    assert set(values) - set(read) <= explained  # every cell left out is named by a finding
    assert all(f.rule == "READ-AMBIGUOUS-SPLIT" for f in report.read_findings)


def _text(value: CellValue) -> str:
    return "" if value is None else format(value, "f") if isinstance(value, Decimal) else str(value)


def table_layout(fmt_key: str, values: dict[str, CellValue]) -> Layout:
    """The report as a real-table reader gives it: ROW lines, merged cells repeated."""
    fmt = FORMATS[fmt_key]
    layout = Layout("generated.html", "html")

    def row(*texts: str) -> None:
        n = len(layout.lines) + 1
        layout.row(
            [
                LayoutCell(t, SourceSpan(file="generated.html", table=1, row=n, col=i + 1))
                for i, t in enumerate(texts)
            ]
        )

    def text(line: str) -> None:
        layout.text_line(line, SourceSpan(file="generated.html", line=len(layout.lines) + 1))

    text("某某县人民政府2023年政府信息公开工作年度报告")
    text(fmt.sections[1].title)
    for block in fmt.table2:
        row(*[block.heading] * 4)
        labels = [c.label for c in block.columns]
        row("信息内容", *(labels + [labels[-1]] * (3 - len(labels))))  # a last header spanning the rest
        for r in block.rows:
            cells = [_text(values[f"t2.{r.key}.{c.key}"]) for c in block.columns]
            row(r.label, *(cells + [cells[-1]] * (3 - len(cells))))  # a last cell spanning the rest
    text(fmt.sections[2].title)
    row(fmt.table3_note, fmt.table3_note, "申请人情况")
    for r in fmt.table3_rows:
        row(r.group or r.label, r.label, *[_text(values[f"t3.{r.key}.{c.key}"]) for c in fmt.table3_columns])
    text(fmt.sections[3].title)
    row(*["行政复议"] * 5, *["行政诉讼"] * 10)
    row(*[c.label for c in fmt.table4_columns], *["未经复议直接起诉"] * 5, *["复议后起诉"] * 5)
    row(*[_text(values[f"t4.{b.key}.{c.key}"]) for b in fmt.table4_blocks for c in fmt.table4_columns])
    text(fmt.sections[4].title)
    return layout


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt_key=st.sampled_from(["2021", "2019"]), data=st.data())
def test_real_table_rows_read_back_identically(fmt_key: str, data: st.DataObject) -> None:
    values = data.draw(consistent_values(fmt_key))
    report = extract(table_layout(fmt_key, values))
    assert report.cell_values() == values
    assert report.read_findings == []


@st.composite
def values_with_blank_and_text_cells(draw: st.DrawFn, fmt_key: str) -> dict[str, CellValue]:
    """Consistent values where some cells — anywhere, row ends included — are blank or text."""
    values = draw(consistent_values(fmt_key))
    odd = st.sampled_from([None, None, "撤销", "/", "—", "无"])
    for cid in sorted(values):
        if draw(st.integers(0, 5)) == 0:
            values[cid] = draw(odd)
    return values


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt_key=st.sampled_from(["2021", "2019"]), data=st.data())
def test_real_table_rows_with_blank_and_text_cells_read_back_identically(
    fmt_key: str, data: st.DataObject
) -> None:
    values = data.draw(values_with_blank_and_text_cells(fmt_key))
    report = extract(table_layout(fmt_key, values))
    assert report.cell_values() == values


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt_key=st.sampled_from(["2021", "2019"]), data=st.data())
def test_pipe_rows_with_blank_and_text_cells_are_never_read_wrongly(
    fmt_key: str, data: st.DataObject
) -> None:
    values = data.draw(values_with_blank_and_text_cells(fmt_key))
    report = extract(read_layout(render_text(fmt_key, values, "pipe").encode("utf-8"), "generated.md"))
    for cid, value in report.cell_values().items():
        assert value == values[cid], cid
