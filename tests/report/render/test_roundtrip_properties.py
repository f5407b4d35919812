"""Round trip on generated reports (hypothesis): any report in the canonical shape — counts of any
size, blanks, text printed in numeric cells, money with decimals, signed 2019 增/减 — reads back
with the same cells from every renderer's output."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_roundtrip import assert_same_cells

import gongkai
from gongkai.report.formats import FORMATS, ValueKind
from gongkai.report.model import Cell, CellValue, Report
from gongkai.report.render import render_report

TEXTS = ("撤销", "/", "—", "无")  # text printed in numeric cells in real reports


def _value(kind: ValueKind, odd: str) -> st.SearchStrategy[CellValue]:
    if kind is ValueKind.DECIMAL:
        number: st.SearchStrategy[CellValue] = st.one_of(
            st.integers(0, 99999).map(Decimal), st.decimals(Decimal("0.01"), Decimal("9999.99"), places=2)
        )
    elif kind is ValueKind.SIGNED:
        number = st.integers(-999, 999)
    else:
        number = st.integers(0, 99999)
    if odd == "text":
        return st.one_of(number, number, number, st.sampled_from(TEXTS))
    if odd == "blank":
        return st.one_of(number, number, number, st.none())
    return number


@st.composite
def reports(draw: st.DrawFn, odd: str = "") -> Report:
    """A report of either format; every cell a number, or also text (odd="text") or blank
    (odd="blank") cells anywhere."""
    fmt = FORMATS[draw(st.sampled_from(["2021", "2019"]))]
    cells = {spec.id: Cell(spec.id, draw(_value(spec.kind, odd))) for spec in fmt.cells()}
    year = 2023 if fmt.key == "2021" else 2020
    return Report(
        format=fmt.key,
        agency="某县人民政府",
        year=year,
        title=f"某县人民政府{year}年政府信息公开工作年度报告",
        sections={s.key: f"{s.title}的说明文字。" for s in fmt.sections},
        cells=cells,
    )


# No shrinking: a failing report is shown as drawn (shrinking 200-cell reports takes minutes).
FAST = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


@pytest.mark.parametrize("to", ["md", "html", "xlsx", "docx"])
@FAST
@given(report=reports())
def test_generated_reports_read_back_identically(to: str, report: Report) -> None:
    data = render_report(report, to, charts=False)
    assert_same_cells(report, gongkai.read(f"generated.{to}", data))


@pytest.mark.parametrize("odd", ["blank", "text"])
@pytest.mark.parametrize("to", ["html", "docx"])
@FAST
@given(data=st.data())
def test_generated_reports_with_blank_or_text_cells_read_back_identically(
    to: str, odd: str, data: st.DataObject
) -> None:
    report = data.draw(reports(odd))
    data = render_report(report, to, charts=False)
    assert_same_cells(report, gongkai.read(f"generated.{to}", data))
