"""Every cell traceable: the records that make up a cell of the report.

:func:`records_for_cell` returns ``(label, url)`` pairs — applications for table 三, cases for table 四,
register items or the entered source for table 二. The membership test for table 三 repeats
:mod:`gongkai.web.applications.tally`'s definitions (new / carried over / result / carried forward).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from gongkai.report.formats.v2021 import FORMAT_2021


def _url(name: str, **kwargs: Any) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _applications(agency: Any, year: int, row: str, column: str) -> list[tuple[str, str]]:
    from gongkai.web.applications.models import Application

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    qs = Application.objects.filter(agency=agency, received_on__lte=end).exclude(concluded_on__lt=start)
    if column != "tot":
        qs = qs.filter(applicant_category=column)
    if row == "new_received":
        qs = qs.filter(received_on__gte=start)
    elif row == "carried_over":
        qs = qs.filter(received_on__lt=start)
    elif row == "carry_forward":
        qs = qs.filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=end))
    elif row == "total":
        qs = qs.filter(concluded_on__lte=end)
    else:
        qs = qs.filter(concluded_on__lte=end, outcome=row)
    return [
        (f"{a.tracking_number} {a.applicant_name}", _url("applications:case", tracking=a.tracking_number))
        for a in qs.order_by("received_on", "pk")
    ]


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
