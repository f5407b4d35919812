"""The cells of each unit's published report, whichever way it was published (for sums and benchmarks).

Like the status page's :data:`.status.SOURCES`, the facts have **sources**: a function ``(agency ids,
years) → {(agency id, year): Facts}``. :data:`FACT_SOURCES` lists them: the published reports
(uploaded or imported: :class:`UnitReport`'s cells, read from the published file) and the reports
generated from records and published in gongkai (``gongkai.web.annual``: the cells of the **latest
published version's frozen JSON document**, D34 — a correction replaces the cells, as it replaces
the public file). When two sources know a unit's year, the first source in the list wins: the
uploaded file is what the public saw at that address.

The consolidated report (:mod:`.consolidate`) and the peer benchmarks (:mod:`.benchmarks`) read
their cells here, so a unit whose only report is generated counts in both.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gongkai.errors import GongkaiError
from gongkai.report import jsonio

from .models import UnitReport
from .records import numeric_cells

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Facts:
    report_format: str
    cells: dict[str, str]  # numeric cells as exact text (records.numeric_cells)
    reused_share: float | None = None


FactSource = Callable[[list[int], Iterable[int]], dict[tuple[int, int], Facts]]


def published_facts(agency_ids: list[int], years: Iterable[int]) -> dict[tuple[int, int], Facts]:
    rows = UnitReport.objects.filter(year__in=list(years), agency_id__in=agency_ids).values_list(
        "agency_id", "year", "report_format", "cells", "reused_share"
    )
    return {(a, y): Facts(fmt or "", cells or {}, reused) for a, y, fmt, cells, reused in rows}


def generated_facts(agency_ids: list[int], years: Iterable[int]) -> dict[tuple[int, int], Facts]:
    """Cells of the latest published version of each generated report (its frozen JSON document)."""
    from gongkai.web.annual.models import PublishedVersion

    rows = (
        PublishedVersion.objects.filter(
            report__year__in=list(years), report__agency_id__in=agency_ids, report__status="published"
        )
        .order_by("report__agency_id", "report__year", "number")
        .values_list("report__agency_id", "report__year", "document")
    )
    latest: dict[tuple[int, int], object] = {}
    for agency_id, year, document in rows:
        latest[(agency_id, year)] = document  # ordered by number: the last one stays
    out: dict[tuple[int, int], Facts] = {}
    for key, document in latest.items():
        try:
            report = jsonio.report_from_json(document, "已发布版本")
        except GongkaiError as exc:  # a frozen document the core no longer accepts: say so, skip it
            log.warning("已发布版本（单位 %s，%s年）无法读取：%s", key[0], key[1], exc)
            continue
        out[key] = Facts(report.format, numeric_cells(report))
    return out


FACT_SOURCES: list[FactSource] = [published_facts, generated_facts]


def unit_facts(agency_ids: list[int], years: Iterable[int]) -> dict[tuple[int, int], Facts]:
    """Facts of every (unit, year) any source knows; the first source that knows one wins."""
    wanted = list(years)
    out: dict[tuple[int, int], Facts] = {}
    for source in FACT_SOURCES:
        for key, facts in source(agency_ids, wanted).items():
            out.setdefault(key, facts)
    return out
