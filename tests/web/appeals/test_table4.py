"""Table 四 from the case register: the result → column mapping as data, 尚未审结 carried into the next year."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.web.appeals.mapping import BLOCKS, COLUMNS, RESULT_BASIS, RESULT_COLUMN, Result, column_of
from gongkai.web.appeals.table4 import carried_in, cases_for_cell, table4

from .helpers import make_case

D = dt.date


def test_blocks_and_columns_are_the_formats() -> None:
    ids = {f"t4.{b}.{c}" for b in BLOCKS for c in COLUMNS}
    assert ids == {s.id for s in FORMAT_2021.table_cells("t4")}


def test_every_result_has_a_column_and_a_source() -> None:
    assert set(RESULT_COLUMN) == set(Result.values) == set(RESULT_BASIS)
    assert set(RESULT_COLUMN.values()) == {"maintain", "correct", "other"}


@pytest.mark.parametrize(
    ("result", "column"),
    [
        (Result.MAINTAINED, "maintain"),  # 行政复议法第六十八条
        (Result.REVOKED, "correct"),  # 行政复议法第六十四条
        (Result.CONFIRMED_ILLEGAL, "correct"),  # 行政诉讼法第七十四条
        (Result.ORDERED_TO_PERFORM, "correct"),  # 行政复议法第六十六条
        (Result.TERMINATED, "other"),  # 行政复议法第四十一条
        (Result.WITHDRAWN, "other"),  # 行政诉讼法第六十二条
        ("", "pending"),
    ],
)
def test_column_of(result: str, column: str) -> None:
    assert column_of(result) == column


def test_dismissed_claim_column_is_a_setting(monkeypatch) -> None:
    """[M] 驳回诉讼请求: 维持 by default, 其他 when the environment says so."""
    assert column_of(Result.DISMISSED_CLAIM) == "maintain"
    monkeypatch.setenv("GONGKAI_T4_DISMISSED_CLAIM_COLUMN", "other")
    assert column_of(Result.DISMISSED_CLAIM) == "other"
    monkeypatch.setenv("GONGKAI_T4_DISMISSED_CLAIM_COLUMN", "nonsense")
    assert column_of(Result.DISMISSED_CLAIM) == "maintain"


@pytest.mark.django_db
def test_pending_cases_carry_into_the_next_year(personas) -> None:
    make_case(personas, filed=D(2024, 3, 1), decided=D(2024, 6, 1), result=Result.MAINTAINED)
    late = make_case(personas, filed=D(2024, 11, 20), decided=D(2025, 2, 1), result=Result.REVOKED)
    open_case = make_case(personas, kind="after_review", filed=D(2024, 12, 20))
    make_case(personas, kind="direct", filed=D(2025, 7, 1), decided=D(2025, 9, 1), result=Result.WITHDRAWN)
    t2024, t2025 = table4(personas.bureau, 2024), table4(personas.bureau, 2025)
    assert (
        t2024["t4.review.maintain"] == 1 and t2024["t4.review.pending"] == 1 and t2024["t4.review.total"] == 2
    )
    assert t2024["t4.after_review.pending"] == 1
    assert t2025["t4.review.correct"] == 1 and t2025["t4.review.total"] == 1  # decided in 2025: counted there
    assert t2025["t4.after_review.pending"] == 1 and t2025["t4.direct.other"] == 1
    pending_2024 = sum(t2024[f"t4.{b}.pending"] for b in BLOCKS)
    assert set(carried_in(personas.bureau, 2025)) == {late, open_case}
    assert carried_in(personas.bureau, 2025).count() == pending_2024
    assert [c.pk for c in cases_for_cell(personas.bureau, 2025, "t4.review.correct")] == [late.pk]
    assert len(cases_for_cell(personas.bureau, 2024, "t4.review.total")) == 2
    for cells in (t2024, t2025):
        for b in BLOCKS:
            assert cells[f"t4.{b}.total"] == sum(cells[f"t4.{b}.{c}"] for c in COLUMNS if c != "total")
