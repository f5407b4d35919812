"""Table 三 from case histories: 175 cells, balanced by construction (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.web.applications.tally import COLUMNS, OUTCOME_ROWS, CaseFacts, tally

D0 = date(2023, 1, 1)


@st.composite
def case_facts(draw: st.DrawFn) -> CaseFacts:
    received = D0 + timedelta(days=draw(st.integers(0, 365 * 3)))
    column = draw(st.sampled_from(COLUMNS))
    if draw(st.booleans()):
        return CaseFacts(column, received)
    concluded = received + timedelta(days=draw(st.integers(0, 120)))
    return CaseFacts(column, received, concluded, draw(st.sampled_from(OUTCOME_ROWS)))


def _check_format_relations(cells: dict[str, int]) -> None:
    for (new, carried), (total, forward) in FORMAT_2021.balance():
        assert cells[new] + cells[carried] == cells[total] + cells[forward]
    for rel in FORMAT_2021.totals():
        if rel.total.startswith("t3."):
            assert cells[rel.total] == sum(cells[p] for p in rel.parts), rel


@settings(max_examples=200, deadline=None)
@given(st.lists(case_facts(), max_size=60), st.integers(2023, 2026))
def test_balance_always_holds(cases: list[CaseFacts], year: int) -> None:
    cells = tally(cases, year)
    assert len(cells) == 175
    assert set(cells) == {s.id for s in FORMAT_2021.table_cells("t3")}
    assert all(v >= 0 for v in cells.values())
    _check_format_relations(cells)


@settings(max_examples=100, deadline=None)
@given(st.lists(case_facts(), max_size=60), st.integers(2023, 2025))
def test_carry_forward_becomes_next_years_carried_over(cases: list[CaseFacts], year: int) -> None:
    this, following = tally(cases, year), tally(cases, year + 1)
    for col in (*COLUMNS, "tot"):
        assert this[f"t3.carry_forward.{col}"] == following[f"t3.carried_over.{col}"]


def test_worked_example() -> None:
    cases = [
        CaseFacts("np", date(2024, 12, 30)),  # open on 31 Dec 2024 → carried into 2025
        CaseFacts("np", date(2025, 3, 1), date(2025, 3, 20), "granted"),
        CaseFacts("com", date(2025, 12, 29)),  # carried into 2026
        CaseFacts("law", date(2025, 5, 1), date(2025, 5, 2), "partial"),
        CaseFacts("np", date(2024, 11, 1), date(2024, 12, 1), "granted"),  # concluded before 2025
        CaseFacts("np", date(2026, 1, 5)),  # next year
    ]
    cells = tally(cases, 2025)
    assert cells["t3.new_received.tot"] == 3
    assert cells["t3.carried_over.np"] == 1
    assert cells["t3.granted.np"] == 1
    assert cells["t3.partial.law"] == 1
    assert cells["t3.total.tot"] == 2
    assert cells["t3.carry_forward.np"] == 1 and cells["t3.carry_forward.com"] == 1


def test_bad_facts_refused() -> None:
    with pytest.raises(ValueError, match="申请人类型"):
        CaseFacts("xx", date(2025, 1, 1))
    with pytest.raises(ValueError, match="办理结果"):
        CaseFacts("np", date(2025, 1, 1), date(2025, 1, 2), None)
    with pytest.raises(ValueError, match="早于"):
        CaseFacts("np", date(2025, 1, 2), date(2025, 1, 1), "granted")
