"""The facts of an agency's year, gathered once from every register: the tables' cells and the text's figures.

:func:`year_facts` reads the records and returns :class:`YearFacts`; the tables (:mod:`.build`) and
the drafted texts (:mod:`.drafting`) both read this one object, so every figure in the text is the
figure in the table by construction.

Sources of the cells:

* table 二 第二十条第（一）项 — the 主动公开 register's validity history
  (``disclosures.table2.article20_item1``) when the agency has one; else :class:`.models.SourceFigure`;
* table 二 第（五）（六）项 处理决定数量 and 第（八）项 收费金额 — :class:`.models.SourceFigure` (they live
  in other systems: 行政许可、行政处罚、收费 systems); absent → 0, listed in ``missing_sources``;
* table 三 — ``applications.stats.table3`` (the application records);
* table 四 — :func:`gongkai.web.appeals.table4.table4` (the case register).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum

from gongkai.report.formats.v2021 import FORMAT_2021

#: Table 二 cells of 第二十条第（一）项 (from the register when it has a validity history).
ITEM1_CELLS: tuple[str, ...] = tuple(
    s.id for s in FORMAT_2021.table_cells("t2") if s.row in ("regulations", "normative_docs")
)
#: Table 二 cells that only other systems know.
OTHER_SYSTEM_CELLS: tuple[str, ...] = tuple(
    s.id for s in FORMAT_2021.table_cells("t2") if s.id not in ITEM1_CELLS
)
MONEY_CELL = "t2.admin_fees.amount_wan_yuan"


@dataclass
class YearFacts:
    agency: Any
    year: int
    cells: dict[str, int | Decimal]
    #: where each table 二 cell came from ("主动公开登记（有效性记录）", a SourceFigure's source, "未录入")
    t2_sources: dict[str, str]
    missing_sources: list[str]
    published_by_column: list[tuple[str, int]] = field(default_factory=list)
    published_total: int = 0
    interpretations: int = 0
    fee_notices: int = 0
    fee_notice_amount: Decimal = Decimal(0)
    fee_collected: Decimal = Decimal(0)
    previous_new_received: int | None = None


def _table2(agency: Any, year: int) -> tuple[dict[str, int | Decimal], dict[str, str], list[str]]:
    from gongkai.web.disclosures.models import ValidityEvent
    from gongkai.web.disclosures.table2 import article20_item1

    from .models import SourceFigure

    cells: dict[str, int | Decimal] = {}
    sources: dict[str, str] = {}
    missing: list[str] = []
    entered = {f.cell_id: f for f in SourceFigure.objects.filter(agency=agency, year=year)}
    has_history = ValidityEvent.objects.filter(
        item__agency=agency, item__genre__code__in=("rule", "normative")
    ).exists()
    if has_history:
        for cid, value in article20_item1(agency, year).items():
            cells[cid] = value
            sources[cid] = "主动公开登记的有效性记录"
    for spec in FORMAT_2021.table_cells("t2"):
        if spec.id in cells:
            continue
        figure = entered.get(spec.id)
        if figure is not None:
            cells[spec.id] = figure.value if spec.id == MONEY_CELL else int(figure.value)
            sources[spec.id] = figure.source
        else:
            cells[spec.id] = Decimal(0) if spec.id == MONEY_CELL else 0
            sources[spec.id] = "未录入"
            missing.append(spec.id)
    return cells, sources, missing


def _proactive(agency: Any, year: int) -> tuple[list[tuple[str, int]], int, int]:
    from gongkai.web.disclosures.models import Item, Status

    published = Item.objects.filter(
        agency=agency,
        status=Status.PUBLISHED,
        published_at__date__gte=dt.date(year, 1, 1),
        published_at__date__lte=dt.date(year, 12, 31),
    )
    by_column = [
        (name or "未分栏目", n)
        for name, n in published.values_list("catalogue__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "catalogue__name")
    ]
    interpretations = published.filter(genre__code="interpretation").count()
    return by_column, sum(n for _, n in by_column), interpretations


def _fees(agency: Any, year: int) -> tuple[int, Decimal, Decimal]:
    """信息处理费 notices issued in the year (count, amount) and the amount actually paid (国办函〔2020〕109号)."""
    from gongkai.web.applications.models import FeeNotice

    notices = FeeNotice.objects.filter(application__agency=agency, issued_on__year=year)
    issued = notices.aggregate(n=Count("pk"), s=Sum("amount"))
    paid = FeeNotice.objects.filter(application__agency=agency, paid_on__year=year).aggregate(s=Sum("amount"))
    return int(issued["n"] or 0), Decimal(issued["s"] or 0), Decimal(paid["s"] or 0)


def table3_years(agency: Any, year: int) -> tuple[dict[str, int], dict[str, int]]:
    """Table 三 of ``year`` and of ``year - 1`` from one grouped query.

    The database counts the applications per (column, outcome, receipt period, conclusion period);
    each group is tallied once by the applications app's own arithmetic
    (:func:`gongkai.web.applications.tally.tally`, the function behind ``stats.table3``) on a
    representative case of its periods and multiplied by its count. Table 三 only depends on which
    period the dates fall in, so the result equals ``stats.table3`` for both years (tested), without
    turning 100,000 rows of dates into Python objects (bench/bench_annual.py).
    """
    from django.db.models import Case, IntegerField, Value, When

    from gongkai.web.applications.models import Application
    from gongkai.web.applications.tally import CaseFacts, empty_table3, tally

    previous, start, end = dt.date(year - 1, 1, 1), dt.date(year, 1, 1), dt.date(year, 12, 31)
    received_at = (dt.date(year - 2, 1, 1), previous, start)  # before last year, last year, this year
    concluded_at = (dt.date(year - 1, 12, 31), end, dt.date(year + 1, 1, 1))  # last year, this year, later
    groups = (
        Application.objects.filter(agency=agency, received_on__lte=end)
        .exclude(concluded_on__lt=previous)
        .annotate(
            rb=Case(
                When(received_on__lt=previous, then=Value(0)),
                When(received_on__lt=start, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            cb=Case(
                When(concluded_on__isnull=True, then=Value(-1)),
                When(concluded_on__lt=start, then=Value(0)),
                When(concluded_on__lte=end, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .values_list("applicant_category", "outcome", "rb", "cb")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tables = (empty_table3(), empty_table3())
    for column, outcome, rb, cb, n in groups:
        concluded = None if cb < 0 else concluded_at[cb]
        fact = CaseFacts(column, received_at[rb], concluded, outcome if concluded else None)
        for table, for_year in zip(tables, (year, year - 1), strict=True):
            for cell, value in tally((fact,), for_year).items():
                if value:
                    table[cell] += value * n
    return tables


def year_facts(
    agency: Any, year: int, *, t3: dict[str, int] | None = None, t3_previous: dict[str, int] | None = None
) -> YearFacts:
    """Every figure of ``agency``'s report for ``year``, read from the registers (tables 三 if known)."""
    from gongkai.web.appeals.table4 import table4
    from gongkai.web.applications.stats import table3

    t2, sources, missing = _table2(agency, year)
    t3 = t3 if t3 is not None else table3(agency, year)
    cells: dict[str, int | Decimal] = {**t2, **t3, **table4(agency, year)}
    by_column, total, interpretations = _proactive(agency, year)
    notices, notice_amount, collected = _fees(agency, year)
    from gongkai.web.applications.models import Application

    if t3_previous is not None:
        previous = t3_previous["t3.new_received.tot"]
    else:
        previous = Application.objects.filter(agency=agency, received_on__year=year - 1).count()
    return YearFacts(
        agency=agency,
        year=year,
        cells=cells,
        t2_sources=sources,
        missing_sources=missing,
        published_by_column=by_column,
        published_total=total,
        interpretations=interpretations,
        fee_notices=notices,
        fee_notice_amount=notice_amount,
        fee_collected=collected,
        previous_new_received=previous,
    )
