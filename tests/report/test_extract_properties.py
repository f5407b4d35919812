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
from gongkai.report.model import CellValue
from gongkai.report.read import read_layout

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
