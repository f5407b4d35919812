"""The registry: stable unique ids, a basis for each rule, extra rules passed in, every total checked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from gongkai.report.findings import Finding, Severity
from gongkai.report.formats import FORMATS
from gongkai.report.model import Cell, Report
from gongkai.report.rules import CROSS_YEAR_RULES, RULE_IDS, RULES, Rule, run_rules
from report.notation import zeros

DOCS = Path(__file__).resolve().parents[3] / "docs" / "report-rules.md"


def test_rule_ids_are_unique_and_stable_shaped() -> None:
    ids = [r.id for r in (*RULES, *CROSS_YEAR_RULES)]
    assert len(ids) == len(set(ids)) == len(RULE_IDS)
    for rule_id in ids:
        assert re.fullmatch(r"[A-Z0-9]+(-[A-Z0-9]+)*", rule_id), rule_id


def test_every_rule_names_its_basis_and_summary() -> None:
    for rule in (*RULES, *CROSS_YEAR_RULES):
        assert rule.basis.startswith("docs/domain.md §"), rule.id
        assert rule.summary, rule.id


def test_every_rule_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for rule_id in RULE_IDS:
        assert f"`{rule_id}`" in text, rule_id


def test_extra_rules_are_passed_in_not_registered() -> None:
    def always(report: Report) -> Iterator[Finding]:
        yield EXTRA.finding("额外规则")

    EXTRA = Rule("LOCAL-EXTRA", Severity.INFO, basis="本地", check=always, summary="测试")
    report = zeros("2021")
    assert [f.rule for f in run_rules(report, extra=(EXTRA,))] == ["LOCAL-EXTRA"]
    assert run_rules(report) == []
    assert "LOCAL-EXTRA" not in RULE_IDS


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_declared_total_is_checked_by_a_rule(fmt: str) -> None:
    """Coverage: corrupting any total the format declares gives an error naming that total."""
    base = zeros(fmt)
    declared = {t.total for t in FORMATS[fmt].totals()}
    declared |= {cid for pair in FORMATS[fmt].balance() for cid in (*pair[0], *pair[1])}
    for total_id in sorted(declared):
        cells = dict(base.cells)
        cells[total_id] = Cell(total_id, 7, "7", base.cells[total_id].source)
        errors = [f for f in run_rules(base.with_cells(cells)) if f.severity is Severity.ERROR]
        assert errors and all(total_id in f.cells for f in errors), total_id
