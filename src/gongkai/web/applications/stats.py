"""Table 三 of the annual report from the application records (条例 art. 50(3)).

:func:`table3` gives all 175 cells of the 2021 format for an agency and a year, in canonical cell
ids; the arithmetic is :func:`gongkai.web.applications.tally.tally`, so new + carried over ==
handled + carried forward holds by construction. :func:`table3_findings` runs the core's table 三
rules (``gongkai.report.rules``) on the result, as the annual-report checker would.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.report.findings import Finding
from gongkai.report.model import Cell, Report

from .models import Application
from .tally import CaseFacts, tally


def table3(agency: Any, year: int) -> dict[str, int]:
    """All 175 table 三 cells (2021 format ids) for ``agency``'s applications in ``year``."""
    rows = (
        Application.objects.filter(agency=agency, received_on__lte=dt.date(year, 12, 31))
        .exclude(concluded_on__lt=dt.date(year, 1, 1))
        .values_list("applicant_category", "received_on", "concluded_on", "outcome")
    )
    # Plain tuples, not model instances: the tally needs four values per case (see bench/).
    facts = (
        CaseFacts(column, received, concluded, outcome if concluded else None)
        for column, received, concluded, outcome in rows.iterator()
    )
    return tally(facts, year)


def table3_report(agency: Any, year: int) -> Report:
    """Table 三 as a core :class:`Report` (format 2021), for the core's rules and renderers."""
    cells = {
        cid: Cell(id=cid, value=value, printed=str(value)) for cid, value in table3(agency, year).items()
    }
    return Report(format="2021", agency=agency.name, year=year, cells=cells, table_formats={"t3": "2021"})


def table3_findings(agency: Any, year: int) -> list[Finding]:
    """The findings of the core's table 三 rules (balance, outcome sums, row totals) on the records."""
    from gongkai.report.rules import run_rules
    from gongkai.report.rules.table3 import T3_BALANCE, T3_OUTCOMES_SUM, T3_ROW_TOTAL

    return run_rules(table3_report(agency, year), rules=(T3_BALANCE, T3_OUTCOMES_SUM, T3_ROW_TOTAL))
