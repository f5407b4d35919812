"""Table 四 of the annual report from the case register (条例第五十条第（四）项; domain.md §2.5).

A case counts in year *Y* when it was filed by 31 December *Y* and not decided before 1 January *Y*:
decided in *Y* → the column of its result; still undecided on 31 December → 尚未审结. So a case
尚未审结 at the end of *Y* is counted again in *Y + 1* (under its result, or again 尚未审结): the
cases behind *Y*'s 尚未审结 are exactly those carried into *Y + 1* (:func:`carried_in`), by
construction. 总计 is the sum of the four columns of its block (rule R4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from .mapping import BLOCKS, COLUMNS, column_of
from .models import Case


@dataclass(frozen=True)
class CaseFacts:
    kind: str
    filed: dt.date
    decided: dt.date | None
    result: str


def empty_table4() -> dict[str, int]:
    return {f"t4.{block}.{col}": 0 for block in BLOCKS for col in COLUMNS}


def cell_of(case: CaseFacts, year: int) -> str | None:
    """The table 四 cell (not the total) a case counts in for ``year``, or None."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if case.filed > end or (case.decided is not None and case.decided < start):
        return None
    column = column_of(case.result) if case.decided is not None and case.decided <= end else "pending"
    return f"t4.{case.kind}.{column}"


def tally(cases: Iterable[CaseFacts], year: int) -> dict[str, int]:
    """The 15 cells of table 四 for ``year`` from the case facts (pure arithmetic)."""
    cells = empty_table4()
    for case in cases:
        cell = cell_of(case, year)
        if cell is not None:
            cells[cell] += 1
            cells[f"t4.{case.kind}.total"] += 1
    return cells


def cases_in_year(agency: Any, year: int) -> QuerySet[Case]:
    """The cases that count in ``agency``'s table 四 for ``year``."""
    return Case.objects.filter(agency=agency, filed_on__lte=dt.date(year, 12, 31)).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gte=dt.date(year, 1, 1))
    )


def _facts(cases: QuerySet[Case]) -> Iterable[CaseFacts]:
    for kind, filed, decided, result in cases.values_list(
        "kind", "filed_on", "decided_on", "result"
    ).iterator():
        yield CaseFacts(kind, filed, decided, result)


def table4(agency: Any, year: int) -> dict[str, int]:
    """All 15 table 四 cells (2021 ids) for ``agency`` in ``year``."""
    return tally(_facts(cases_in_year(agency, year)), year)


def cases_for_cell(agency: Any, year: int, cell_id: str) -> list[Case]:
    """The cases that make up one table 四 cell (a total: every case of its block)."""
    _, block, column = cell_id.split(".")
    found = []
    for case in cases_in_year(agency, year).filter(kind=block).order_by("filed_on", "pk"):
        cell = cell_of(CaseFacts(case.kind, case.filed_on, case.decided_on, case.result), year)
        if column == "total" or cell == cell_id:
            found.append(case)
    return found


def carried_in(agency: Any, year: int) -> QuerySet[Case]:
    """Cases 尚未审结 on 31 December of ``year - 1``: last year's 尚未审结, by construction."""
    end = dt.date(year - 1, 12, 31)
    return Case.objects.filter(agency=agency, filed_on__lte=end).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gt=end)
    )
