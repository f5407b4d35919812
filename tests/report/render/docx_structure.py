"""The merge structure of a Word table, to compare a rendered table with the official template."""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn


def structure(table: Any) -> list[list[tuple[str, int, str]]]:
    """Per row, per ``w:tc``: (text without blanks, gridSpan, vMerge: "" | "restart" | "continue")."""
    rows = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            pr = tc.tcPr
            span = pr.find(qn("w:gridSpan")) if pr is not None else None
            merge = pr.find(qn("w:vMerge")) if pr is not None else None
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            text = "".join(text.split()).replace("\u3000", "")
            cells.append(
                (
                    text,
                    int(span.get(qn("w:val"))) if span is not None else 1,
                    "" if merge is None else (merge.get(qn("w:val")) or "continue"),
                )
            )
        rows.append(cells)
    return rows


def shape(table: Any) -> list[list[tuple[int, str]]]:
    """The structure without texts: which cells span which columns and rows."""
    return [[(span, merge) for _, span, merge in row] for row in structure(table)]
