"""Property tests: random consistent tables pass every rule; a random single-cell corruption is
caught by the right rule, and every error it causes names the corrupted cell."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.findings import Severity
from gongkai.report.formats import FORMATS
from gongkai.report.model import Cell, Report, SourceSpan
from gongkai.report.rules import run_rules
from report.notation import standard_sections

counts = st.integers(min_value=0, max_value=40)


@st.composite
def consistent_reports(draw: st.DrawFn) -> Report:
    fmt = FORMATS[draw(st.sampled_from(sorted(FORMATS)))]
    cols = [c.key for c in fmt.table3_columns if c.key != "tot"]
    values: dict[str, int] = {}
    for row in fmt.table3_outcome_rows:
        for col in cols:
            values[f"t3.{row}.{col}"] = draw(st.integers(0, 5)) if draw(st.booleans()) else 0
    for col in cols:
        total = sum(values[f"t3.{row}.{col}"] for row in fmt.table3_outcome_rows)
        forward = draw(counts)
        carried = draw(st.integers(0, total + forward))
        values[f"t3.total.{col}"] = total
        values[f"t3.carry_forward.{col}"] = forward
        values[f"t3.carried_over.{col}"] = carried
        values[f"t3.new_received.{col}"] = total + forward - carried
    for row in fmt.table3_rows:
        values[f"t3.{row.key}.tot"] = sum(values[f"t3.{row.key}.{c}"] for c in cols)
    for block in fmt.table4_blocks:
        parts = [draw(counts) for _ in range(4)]
        for col, value in zip(("maintain", "correct", "other", "pending"), parts, strict=True):
            values[f"t4.{block.key}.{col}"] = value
        values[f"t4.{block.key}.total"] = sum(parts)
    cells = {
        spec.id: Cell(spec.id, values[spec.id], str(values[spec.id]), SourceSpan("p.txt", line=i + 1))
        for i, spec in enumerate(fmt.cells())
        if spec.id in values
    }
    year = 2023 if fmt.key == "2021" else 2020
    return Report(
        format=fmt.key,
        agency="测试县人民政府",
        year=year,
        sections=standard_sections(fmt, fee=fmt.key == "2021"),
        cells=cells,
        source=SourceSpan("p.txt"),
    )


@settings(max_examples=60, deadline=None)
@given(consistent_reports())
def test_consistent_tables_pass_every_rule(report: Report) -> None:
    assert run_rules(report) == []


#: Which rule must catch a changed cell, by where the cell sits (table, row kind, column kind).
def expected_rules(cell_id: str) -> set[str]:
    table, row, _col = cell_id.split(".")
    if table == "t4":
        return {"T4-BLOCK-TOTAL"}
    rules = {"T3-ROW-TOTAL"}
    if row in ("new_received", "carried_over", "carry_forward"):
        rules.add("T3-BALANCE")
    elif row == "total":
        rules |= {"T3-BALANCE", "T3-OUTCOMES-SUM"}
    else:
        rules.add("T3-OUTCOMES-SUM")
    return rules


@settings(max_examples=120, deadline=None)
@given(consistent_reports(), st.data())
def test_single_numeric_corruption_is_caught_at_the_right_cell(report: Report, data: st.DataObject) -> None:
    cell_id = data.draw(st.sampled_from(sorted(report.cells)))
    old = report.cells[cell_id]
    assert isinstance(old.value, int)
    delta = data.draw(st.integers(-old.value, 9).filter(lambda d: d != 0))
    cells = dict(report.cells)
    cells[cell_id] = replace(old, value=old.value + delta, printed=str(old.value + delta))
    findings = run_rules(report.with_cells(cells))
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert {f.rule for f in errors} == expected_rules(cell_id)
    for finding in errors:
        assert cell_id in finding.cells
        assert finding.location is not None and finding.location.line is not None
        # the finding points at the total of the relation that failed
        assert (
            finding.location == report.cells[finding.cells[2 if finding.rule == "T3-BALANCE" else 0]].source
        )


@settings(max_examples=60, deadline=None)
@given(consistent_reports(), st.data(), st.sampled_from(["撤销", "不详", "见附件"]))
def test_single_text_corruption_is_caught_as_not_a_number(
    report: Report, data: st.DataObject, text: str
) -> None:
    cell_id = data.draw(st.sampled_from(sorted(report.cells)))
    cells = dict(report.cells)
    cells[cell_id] = replace(report.cells[cell_id], value=text, printed=text)
    findings = run_rules(report.with_cells(cells))
    not_number = [f for f in findings if f.rule == "CELL-NOT-NUMBER"]
    assert [f.cells for f in not_number] == [(cell_id,)]
    assert not_number[0].location == report.cells[cell_id].source
    # every other error is a sum that could not count the text, and names it
    for finding in findings:
        assert finding.severity is Severity.ERROR
        assert cell_id in finding.cells


@settings(max_examples=40, deadline=None)
@given(consistent_reports(), st.data())
def test_single_negative_corruption_is_caught(report: Report, data: st.DataObject) -> None:
    cell_id = data.draw(st.sampled_from(sorted(report.cells)))
    cells = dict(report.cells)
    cells[cell_id] = replace(report.cells[cell_id], value=-3, printed="-3")
    rules = {f.rule for f in run_rules(report.with_cells(cells)) if cell_id in f.cells}
    assert "CELL-NEGATIVE" in rules


any_value = st.one_of(
    st.integers(-5, 50),
    st.none(),
    st.sampled_from(["撤销", "/", "—", "无", "", " ", "1 0", "见附件"]),
    st.decimals(min_value=-10, max_value=1000, places=3, allow_nan=False, allow_infinity=False),
)


@st.composite
def arbitrary_reports(draw: st.DrawFn) -> Report:
    """Anything a reader might produce: any subset of cells, any values, odd years and sections."""
    fmt = FORMATS[draw(st.sampled_from(sorted(FORMATS)))]
    ids = draw(st.lists(st.sampled_from([s.id for s in fmt.cells()]), unique=True, max_size=60))
    cells = {
        cid: Cell(cid, draw(any_value), None, draw(st.none() | st.just(SourceSpan("a.txt", line=3))))
        for cid in ids
    }
    keys = [s.key for s in fmt.sections]
    sections = {k: draw(st.text(max_size=40)) for k in draw(st.permutations(keys))[: draw(st.integers(0, 6))]}
    return Report(
        format=draw(st.sampled_from([fmt.key, "legacy"])),
        agency=draw(st.none() | st.sampled_from(["某县人民政府", "某市市场监督管理局", "某街道办事处", ""])),
        year=draw(st.none() | st.integers(2005, 2030)),
        publish_date=draw(st.none() | st.dates()),
        sections=sections,
        cells=cells,
        table_formats=draw(st.sampled_from([{}, {"t3": "2019"}, {"t3": "2021", "t2": "2019"}])),
    )


@settings(max_examples=150, deadline=None)
@given(arbitrary_reports(), st.none() | arbitrary_reports())
def test_rules_never_raise_and_findings_are_well_formed(report: Report, previous: Report | None) -> None:
    for finding in run_rules(report, previous):
        assert finding.message and "\n" not in finding.message
        assert finding.severity in (Severity.ERROR, Severity.WARNING)
        assert all(
            cid in report.cells
            for cid in finding.cells
            if cid.startswith("t") and finding.rule != "SECTION-MISSING"
        )
        finding.to_json()
