"""X1 carry-over, X3 (2021 T2 in force), X4 (2019 T2 project counts): two reports of one agency."""

from __future__ import annotations

from gongkai.report.findings import Severity
from gongkai.report.rules import run_rules
from report.notation import report_from_rows

LAST = {
    "new_received": "3 0 0 0 0 0 3",
    "granted": "1 0 0 0 0 0 1",
    "total": "1 0 0 0 0 0 1",
    "carry_forward": "2 0 0 0 0 0 2",
}


def this_year(carried: str) -> object:
    return report_from_rows(
        "2021",
        year=2023,
        t3={
            "new_received": "0 0 0 0 0 0 0",
            "carried_over": carried,
            "granted": carried,
            "total": carried,
        },
    )


def test_carry_over_matching_last_year_passes() -> None:
    previous = report_from_rows("2021", year=2022, t3=LAST)
    assert run_rules(this_year("2 0 0 0 0 0 2"), previous) == []  # type: ignore[arg-type]


def test_carry_over_differing_from_last_year_warns_per_column() -> None:
    previous = report_from_rows("2021", year=2022, t3=LAST)
    findings = run_rules(this_year("1 0 0 0 0 0 1"), previous)  # type: ignore[arg-type]
    assert [(f.rule, f.cells, f.expected, f.actual) for f in findings] == [
        ("CARRY-OVER", ("t3.carried_over.np",), 2, 1),
        ("CARRY-OVER", ("t3.carried_over.tot",), 2, 1),
    ]
    assert all(f.severity is Severity.WARNING for f in findings)
    assert (
        findings[0].message == "表三“自然人”列：本年“上年结转”为 1，而 2022 年度报告“结转下年度继续办理”为 2"
    )


def test_non_adjacent_years_are_not_compared() -> None:
    previous = report_from_rows("2021", year=2020, t3=LAST)
    assert [f.rule for f in run_rules(this_year("1 0 0 0 0 0 1"), previous)] == ["CROSS-YEAR-PAIR"]  # type: ignore[arg-type]


def test_in_force_continuity_2021() -> None:
    previous = report_from_rows("2021", year=2022, t2={"normative_docs": "3 1 20"})
    good = report_from_rows("2021", year=2023, t2={"normative_docs": "5 2 23"})
    bad = report_from_rows("2021", year=2023, t2={"normative_docs": "5 2 30"})
    assert run_rules(good, previous) == []
    [finding] = run_rules(bad, previous)
    assert (finding.rule, finding.expected, finding.actual) == ("T2-IN-FORCE-CONTINUITY", 23, 30)


def test_project_continuity_2019() -> None:
    previous = report_from_rows("2019", year=2019, t2={"licensing": "88 -72 0"})
    good = report_from_rows("2019", year=2020, t2={"licensing": "16 3 10"})
    bad = report_from_rows("2019", year=2020, t2={"licensing": "88 3 10"})
    assert run_rules(good, previous) == []
    [finding] = run_rules(bad, previous)
    assert (finding.rule, finding.cells, finding.expected) == (
        "T2-PROJECT-CONTINUITY",
        ("t2.licensing.prev_items",),
        16,
    )
