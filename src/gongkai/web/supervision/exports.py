"""CSV and XLSX exports headed with Chinese labels (the machine id under each label in XLSX)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

Column = tuple[str, str]  # (machine id, Chinese label)


def to_csv(columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with BOM (Excel opens it as Chinese), header = the Chinese labels."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label for _, label in columns])
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(columns: Sequence[Column], rows: Iterable[Sequence[object]], title: str) -> bytes:
    """One sheet: row 1 the Chinese labels, row 2 the machine ids, then the data."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([label for _, label in columns])
    sheet.append([key for key, _ in columns])
    for row in rows:
        sheet.append(["" if v is None else v for v in row])
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
