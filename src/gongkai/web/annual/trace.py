"""Every cell traceable: the records that make up a cell of the report.

:func:`records_for_cell` returns ``(label, url)`` pairs — applications for table 三, cases for table 四,
register items or the entered source for table 二. Which application counts in which table 三 cell is
decided by :func:`gongkai.web.applications.tally.rows_of` — the same function the tally adds up — so
the list of a cell and its figure cannot disagree (tested on every cell of the demo).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import NoReverseMatch, reverse

from gongkai.report.formats.v2021 import FORMAT_2021


def _url(name: str, **kwargs: Any) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _applications(agency: Any, year: int, row: str, column: str) -> list[tuple[str, str]]:
    from gongkai.web.applications.models import Application
    from gongkai.web.applications.tally import CaseFacts, rows_of

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    # The candidates (the same rows stats.table3 reads); rows_of decides, as it does for the tally.
    qs = Application.objects.filter(agency=agency, received_on__lte=end).exclude(concluded_on__lt=start)
    if column != "tot":
        qs = qs.filter(applicant_category=column)
    found = []
    for a in qs.order_by("received_on", "pk"):
        facts = CaseFacts(
            a.applicant_category, a.received_on, a.concluded_on, a.outcome if a.concluded_on else None
        )
        if row in rows_of(facts, year):
            found.append(
                (
                    f"{a.tracking_number} {a.applicant_name}",
                    _url("applications:case", tracking=a.tracking_number),
                )
            )
    return found


def records_for_cell(agency: Any, year: int, cell_id: str) -> list[tuple[str, str]]:
    """The records behind ``cell_id`` in ``agency``'s report for ``year``."""
    if not FORMAT_2021.has_cell(cell_id):
        return []
    table, row, column = cell_id.split(".")
    if table == "t3":
        return _applications(agency, year, row, column)
    if table == "t4":
        from gongkai.web.appeals.table4 import cases_for_cell

        return [(str(c), _url("appeals:detail", pk=c.pk)) for c in cases_for_cell(agency, year, cell_id)]
    from .figures import _table2

    _, sources, _ = _table2(agency, year)
    if sources[cell_id] == "主动公开登记的有效性记录":
        from gongkai.web.disclosures.models import Item

        genre = "rule" if row == "regulations" else "normative"
        items = Item.objects.filter(
            agency=agency, genre__code=genre, validity_events__date__year__lte=year
        ).distinct()
        return [(f"{i.index_number} {i.title}", "") for i in items.order_by("pk")]
    return [(f"来源：{sources[cell_id]}", "")]
