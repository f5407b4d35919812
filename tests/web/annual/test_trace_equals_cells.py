"""Traceability: for every cell of the demo's reports, the records a cell opens are as many as its figure.

Table 三's counting rules live once (``applications.tally.rows_of``): the tally adds them up, the trace
lists with them. Table 四's come from the appeals register's ``cases_for_cell``.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest

from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.web.agencies.models import Agency
from gongkai.web.annual.build import build
from gongkai.web.annual.trace import records_for_cell
from gongkai.web.applications.tally import CaseFacts, rows_of
from gongkai.web.demo import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_every_table3_and_table4_cell_of_the_demo_opens_as_many_records_as_it_counts() -> None:
    load_demo(io.StringIO(), today=dt.date(2026, 11, 20))
    bureau = Agency.objects.get(code="qx-education")
    checked = nonzero = 0
    for year in (2024, 2025, 2026):
        report = build(bureau, year).report
        for spec in (*FORMAT_2021.table_cells("t3"), *FORMAT_2021.table_cells("t4")):
            traced = records_for_cell(bureau, year, spec.id)
            assert len(traced) == report.value(spec.id), (year, spec.id)
            checked += 1
            nonzero += bool(traced)
    assert checked == 3 * (175 + len(FORMAT_2021.table_cells("t4")))
    assert nonzero > 30  # the demo has records in many cells: the test is not vacuous


def test_rows_of_is_the_rule() -> None:
    d = dt.date
    assert rows_of(CaseFacts("np", d(2025, 3, 1), d(2025, 4, 1), "granted"), 2025) == (
        "new_received",
        "granted",
        "total",
    )
    assert rows_of(CaseFacts("np", d(2024, 12, 30), d(2025, 1, 5), "granted"), 2025) == (
        "carried_over",
        "granted",
        "total",
    )
    assert rows_of(CaseFacts("np", d(2025, 12, 30)), 2025) == ("new_received", "carry_forward")
    assert rows_of(CaseFacts("np", d(2025, 12, 30), d(2026, 1, 4), "granted"), 2025) == (
        "new_received",
        "carry_forward",
    )
    assert rows_of(CaseFacts("np", d(2024, 3, 1), d(2024, 4, 1), "granted"), 2025) == ()
    assert rows_of(CaseFacts("np", d(2026, 1, 1)), 2025) == ()
