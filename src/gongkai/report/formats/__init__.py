"""The official report formats, declared once as data.

``FORMATS`` maps a format key ("2021", "2019") to its declaration. Legacy reports (≤ 2018) have no
fixed tables; the figures extracted from them are declared in :mod:`.legacy`.
"""

from __future__ import annotations

from .spec import Block, CellSpec, Column, Format, Row, Section, Total, ValueKind
from .v2019 import FORMAT_2019
from .v2021 import FORMAT_2021

FORMATS: dict[str, Format] = {"2021": FORMAT_2021, "2019": FORMAT_2019}


def format_for_year(year: int) -> Format | None:
    """The format an agency must use for a report year (None before 2019: free-form, 492号令)."""
    if year >= 2021:
        return FORMAT_2021
    if year >= 2019:
        return FORMAT_2019
    return None


def any_cell(cell_id: str) -> CellSpec:
    """The spec of a cell id in whichever format declares it (2021 first)."""
    for fmt in (FORMAT_2021, FORMAT_2019):
        try:
            return fmt.cell(cell_id)
        except KeyError:
            continue
    raise KeyError(cell_id)


__all__ = [
    "FORMATS",
    "FORMAT_2019",
    "FORMAT_2021",
    "Block",
    "CellSpec",
    "Column",
    "Format",
    "Row",
    "Section",
    "Total",
    "ValueKind",
    "any_cell",
    "format_for_year",
]
