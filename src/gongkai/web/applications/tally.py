"""Table 三 from case histories — the pure arithmetic (no ORM).

:func:`tally` turns the facts of each application (applicant column, date of receipt, date it was
concluded and its outcome row) into all 175 cells of the 2021 table 三, in canonical cell ids. The
cell ids, the outcome rows and the columns come from :data:`FORMAT_2021`.

Counting (domain.md §2.4; 条例 art. 50(3)):

* 一、本年新收: received in the year;
* 二、上年结转: received before the year and not concluded before 1 January;
* 三、办理结果: concluded in the year, on the row of its outcome (one row per application, so a
  partial disclosure counts only under （二）);
* 四、结转下年度: received by 31 December and not concluded by then.

Every application received by the end of the year is therefore counted once on the left (new or
carried over) and once on the right (a result or carried forward) — the balance R1 holds by
construction, per column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.report.formats.v2021 import FORMAT_2021

COLUMNS: tuple[str, ...] = tuple(c.key for c in FORMAT_2021.table3_columns if c.key != "tot")
OUTCOME_ROWS: tuple[str, ...] = FORMAT_2021.table3_outcome_rows


@dataclass(frozen=True)
class CaseFacts:
    """What table 三 needs to know about one application."""

    column: str  # np / com / res / npo / law / oth
    received: date
    concluded: date | None = None  # the day it left the open states (reply sent, abandoned, withdrawn)
    outcome: str | None = None  # a table 三 outcome row key; required when ``concluded`` is set

    def __post_init__(self) -> None:
        if self.column not in COLUMNS:
            raise ValueError(f"未知的申请人类型列：{self.column}")
        if self.concluded is not None:
            if self.outcome not in OUTCOME_ROWS:
                raise ValueError(f"已办结的申请缺少有效的办理结果：{self.outcome}")
            if self.concluded < self.received:
                raise ValueError("办结日期早于收到申请日期")


def empty_table3() -> dict[str, int]:
    """Every table 三 cell id of the 2021 format, set to 0, in printed order."""
    return {spec.id: 0 for spec in FORMAT_2021.table_cells("t3")}


def rows_of(case: CaseFacts, year: int) -> tuple[str, ...]:
    """The table 三 rows ``case`` counts in for ``year`` (empty: it does not count that year).

    The one definition of the counting rules (see the module docstring): :func:`tally` adds these rows
    up, and the annual report's trace (``gongkai.web.annual.trace``) lists a cell's applications with
    it, so a traced cell always shows exactly the records it counts.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    if case.received > end:
        return ()
    if case.received < start and case.concluded is not None and case.concluded < start:
        return ()  # concluded in an earlier year
    left = "new_received" if case.received >= start else "carried_over"
    if case.concluded is not None and case.concluded <= end:
        assert case.outcome is not None  # CaseFacts requires it once concluded
        return (left, case.outcome, "total")
    return (left, "carry_forward")


def tally(cases: Iterable[CaseFacts], year: int) -> dict[str, int]:
    """All 175 cells of table 三 for ``year`` from the case facts (see the module docstring)."""
    cells = empty_table3()
    for case in cases:
        for row in rows_of(case, year):
            cells[f"t3.{row}.{case.column}"] += 1
    # The 总计 column: each row summed across the applicant columns.
    for spec in FORMAT_2021.table_cells("t3"):
        if spec.col == "tot":
            cells[spec.id] = sum(cells[f"t3.{spec.row}.{c}"] for c in COLUMNS)
    return cells
