"""Table 二 第二十条第（一）项 of the annual report, computed from validity histories.

For 规章 and 行政规范性文件 of an agency: 本年制发 (issued in the year), 本年废止 (repealed in the
year) and 现行有效 (issued on or before 31 December and neither repealed nor expired by then).
Cell ids are those of the core's format (``t2.regulations.made`` …, spec/cells.yaml).
"""

from __future__ import annotations

import datetime as dt

from gongkai.web.agencies.models import Agency

from .models import ValidityEvent, ValidityEventKind

ROWS = {"rule": "regulations", "normative": "normative_docs"}


def article20_item1(agency: Agency, year: int) -> dict[str, int]:
    """``{"t2.regulations.made": n, …, "t2.normative_docs.in_force": n}`` for ``agency`` in ``year``."""
    end = dt.date(year, 12, 31)
    cells = {f"t2.{row}.{col}": 0 for row in ROWS.values() for col in ("made", "repealed", "in_force")}
    events = (
        ValidityEvent.objects.filter(item__agency=agency, item__genre__code__in=ROWS, date__lte=end)
        .select_related("item__genre")
        .order_by("item_id", "date", "pk")
    )
    state: dict[int, tuple[str, bool, bool]] = {}  # item → (row, issued, ended)
    for event in events:
        row = ROWS[event.item.genre.code]  # type: ignore[union-attr]
        _, issued, ended = state.get(event.item_id, (row, False, False))
        if event.kind == ValidityEventKind.ISSUED:
            issued = True
            if event.date.year == year:
                cells[f"t2.{row}.made"] += 1
        elif event.kind in (ValidityEventKind.REPEALED, ValidityEventKind.EXPIRED):
            ended = True
            if event.kind == ValidityEventKind.REPEALED and event.date.year == year:
                cells[f"t2.{row}.repealed"] += 1
        state[event.item_id] = (row, issued, ended)
    for row, issued, ended in state.values():
        if issued and not ended:
            cells[f"t2.{row}.in_force"] += 1
    return cells


LABELS = {
    "t2.regulations.made": "规章 本年制发件数",
    "t2.regulations.repealed": "规章 本年废止件数",
    "t2.regulations.in_force": "规章 现行有效件数",
    "t2.normative_docs.made": "行政规范性文件 本年制发件数",
    "t2.normative_docs.repealed": "行政规范性文件 本年废止件数",
    "t2.normative_docs.in_force": "行政规范性文件 现行有效件数",
}
