"""Every registered rule has a failing case here and passes the consistent report — enforced: a new
rule without an example fails this test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from gongkai.report.formats import FORMAT_2021, format_for_year
from gongkai.report.model import Report
from gongkai.report.rules import RULE_IDS, run_rules
from report.notation import report_from_rows, standard_sections, zeros

ONE = "1 0 0 0 0 0 1"


def sections_without(*keys: str, **texts: str) -> dict[str, str]:
    sections = standard_sections(FORMAT_2021)
    for key in keys:
        del sections[key]
    sections.update(texts)
    return sections


#: rule id → (report, previous year's report or None) that must make the rule fire.
FAILING: dict[str, Callable[[], tuple[Report, Report | None]]] = {
    "T3-BALANCE": lambda: (report_from_rows("2021", t3={"new_received": ONE}), None),
    "T3-OUTCOMES-SUM": lambda: (report_from_rows("2021", t3={"granted": ONE}), None),
    "T3-ROW-TOTAL": lambda: (report_from_rows("2021", t3={"granted": "1 0 0 0 0 0 0"}), None),
    "T4-BLOCK-TOTAL": lambda: (report_from_rows("2021", t4="1 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0"), None),
    "CELL-NOT-NUMBER": lambda: (report_from_rows("2021", t4="0 0 撤销 0 0 | 0 0 0 0 0 | 0 0 0 0 0"), None),
    "CELL-NEGATIVE": lambda: (report_from_rows("2021", t2={"licensing": "-1"}), None),
    "CELL-NOT-INTEGER": lambda: (report_from_rows("2021", t2={"licensing": "1.5"}), None),
    "CELL-MISSING": lambda: (report_from_rows("2021", t4="_ 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0"), None),
    "SECTION-MISSING": lambda: (zeros("2021", sections=sections_without("s5_problems")), None),
    "SECTION-ORDER": lambda: (
        zeros("2021", sections=dict(reversed(list(standard_sections(FORMAT_2021).items())))),
        None,
    ),
    "FORMAT-YEAR": lambda: (report_from_rows("2019", year=2021, t2={"licensing": "1 0 1"}), None),
    "S6-FEE-STATEMENT": lambda: (zeros("2021", sections=sections_without(s6_other="无。")), None),
    "NARRATIVE-TABLE": lambda: (
        report_from_rows("2021", t3={}, sections=sections_without(s1_overview="共收到申请3件。")),
        None,
    ),
    "PUBLICATION-DEADLINE": lambda: (zeros("2021", year=2023, publish_date=dt.date(2024, 4, 1)), None),
    "PUBLICATION-DATE-EARLY": lambda: (zeros("2021", year=2023, publish_date=dt.date(2023, 6, 1)), None),
    "CROSS-YEAR-PAIR": lambda: (zeros("2021", year=2023), zeros("2021", year=2021)),
    "CARRY-OVER": lambda: (
        zeros("2021", year=2023),
        report_from_rows("2021", year=2022, t3={"new_received": ONE, "carry_forward": ONE}),
    ),
    "T2-IN-FORCE-CONTINUITY": lambda: (
        report_from_rows("2021", year=2023, t2={"regulations": "1 0 1"}),
        report_from_rows("2021", year=2022, t2={"regulations": "0 0 5"}),
    ),
    "T2-PROJECT-CONTINUITY": lambda: (
        report_from_rows("2019", year=2020, t2={"penalty": "3 0 0"}),
        report_from_rows("2019", year=2019, t2={"penalty": "5 1 0"}),
    ),
}


def test_every_rule_has_a_failing_example() -> None:
    assert set(FAILING) == RULE_IDS


@pytest.mark.parametrize("rule_id", sorted(FAILING))
def test_rule_fails_on_its_example_and_passes_the_consistent_report(rule_id: str) -> None:
    report, previous = FAILING[rule_id]()
    assert rule_id in {f.rule for f in run_rules(report, previous)}
    year = report.year or 2023
    due = format_for_year(year)
    assert due is not None
    consistent = zeros(due.key, year=year)
    consistent_previous = None if previous is None else zeros(due.key, year=year - 1)
    assert run_rules(consistent, consistent_previous) == []
