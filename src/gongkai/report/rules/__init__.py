"""The consistency rules of the annual report (domain.md §4), one registry.

Every rule is a small pure function with a stable id, wrapped in a :class:`Rule` (or
:class:`CrossYearRule`) that names its severity and its basis. ``RULES`` and ``CROSS_YEAR_RULES``
are tuples; callers with rules of their own pass them to :func:`run_rules` as ``extra`` — nothing is
ever appended to a shared list. A consistent report yields no error; a printed inconsistency is
reported exactly as printed, never repaired.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Finding
from ..model import Report
from .base import CrossYearRule, Rule
from .crossyear import CARRY_OVER, CROSS_YEAR_PAIR, IN_FORCE_CONTINUITY, PROJECT_CONTINUITY
from .soft import NARRATIVE_TABLE, PUBLICATION_DATE_EARLY, PUBLICATION_DEADLINE
from .structure import FORMAT_YEAR, S6_FEE_STATEMENT, SECTION_MISSING, SECTION_ORDER
from .table3 import T3_BALANCE, T3_OUTCOMES_SUM, T3_ROW_TOTAL
from .table4 import T4_BLOCK_TOTAL
from .values import CELL_MISSING, CELL_NEGATIVE, CELL_NOT_INTEGER, CELL_NOT_NUMBER

#: Single-report rules, hard ones first (domain.md §4.1 R1–R6), then soft ones (§4.2).
RULES: tuple[Rule, ...] = (
    T3_BALANCE,
    T3_OUTCOMES_SUM,
    T3_ROW_TOTAL,
    T4_BLOCK_TOTAL,
    CELL_NOT_NUMBER,
    CELL_NEGATIVE,
    CELL_NOT_INTEGER,
    CELL_MISSING,
    SECTION_MISSING,
    SECTION_ORDER,
    FORMAT_YEAR,
    S6_FEE_STATEMENT,
    NARRATIVE_TABLE,
    PUBLICATION_DEADLINE,
    PUBLICATION_DATE_EARLY,
)

#: Rules comparing a report with the previous year's report of the same agency (§4.2 X1, X3, X4).
CROSS_YEAR_RULES: tuple[CrossYearRule, ...] = (
    CROSS_YEAR_PAIR,
    CARRY_OVER,
    IN_FORCE_CONTINUITY,
    PROJECT_CONTINUITY,
)

#: Every rule id the registry knows, for documentation and for telling rule findings from reading ones.
RULE_IDS: frozenset[str] = frozenset(r.id for r in (*RULES, *CROSS_YEAR_RULES))


def run_rules(
    report: Report,
    previous: Report | None = None,
    extra: Iterable[Rule] = (),
    *,
    rules: Iterable[Rule] = RULES,
    cross_year_rules: Iterable[CrossYearRule] = CROSS_YEAR_RULES,
) -> list[Finding]:
    """Every finding of the rules on ``report`` (and against ``previous``, last year's report).

    ``extra`` rules run after the registry's; ``rules`` / ``cross_year_rules`` replace the registry
    (e.g. with a differently configured :class:`~.structure.FeeStatement`). Findings come in registry
    order, each rule's in printed order. Reading findings are not included: see
    :func:`gongkai.report.api.check_report`.
    """
    findings: list[Finding] = []
    for rule in (*rules, *extra):
        findings.extend(rule(report))
    if previous is not None:
        for cross in cross_year_rules:
            findings.extend(cross(report, previous))
    return findings


__all__ = ["CROSS_YEAR_RULES", "RULES", "RULE_IDS", "CrossYearRule", "Rule", "run_rules"]
