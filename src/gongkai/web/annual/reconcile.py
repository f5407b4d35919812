"""Reconciliation: a report an agency actually published (any medium, read by the core) against the records.

Cell by cell: the value printed in the published report and the value the records give; a cell the
reader could not find is reported as missing. Numbers are compared as numbers (``12`` = ``12.0``);
text in a numeric cell ("撤销") is always a difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.report.model import Report

from .build import build


@dataclass(frozen=True)
class CellDifference:
    cell_id: str
    label: str
    published: Any
    records: Any


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, Decimal)) and isinstance(b, (int, Decimal)):
        return Decimal(a) == Decimal(b)
    return bool(a == b)


def reconcile(agency: Any, year: int, published: Report) -> list[CellDifference]:
    """Every table cell where ``published`` differs from what the records say (printed order)."""
    records = build(agency, year).report
    found = []
    for spec in FORMAT_2021.cells():
        ours = records.value(spec.id)
        cell = published.cells.get(spec.id)
        theirs = "（未读出）" if cell is None else cell.value
        if cell is None or not _same(theirs, ours):
            found.append(CellDifference(spec.id, spec.label, theirs, ours))
    return found
