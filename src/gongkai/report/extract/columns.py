"""Rows of text laid out in aligned columns, read by the horizontal position of their numbers.

Text laid out with spaces (``pdftotext -layout``, a report copied from a monospaced page) keeps a
table's columns only as positions on the line. A row whose label wraps over several lines is
centred vertically: its one-line cells print on the middle line and a cell of a neighbouring column
may print a line higher ("（二）部分公开（区分处理的，只计这一情      79" / "   53   17   0   1   6   2").
Printed order then is not column order (rows._order_doubtful leaves such a row out). The columns
are still there: a row of the same table printed in full on one line shows where each column
stands, and each number of the wrapped row belongs to the column nearest to it.

A position is measured in two ways, because text is aligned in two ways: in characters (pdftotext
places every character, Chinese or not, in one text column) and in display width (an editor or a
monospaced page draws East Asian wide characters two columns wide). The row is read when one
reading results — every column gets exactly one number and the row's equation holds — whichever
reference row and measure produce it; several different readings, or none, leave the row open (its
finding stays), never guessed.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise

from ..formats import ValueKind
from .digitruns import SumRule
from .numbers import Piece, PieceKind, value_of
from .rows import Candidate, CellRead, RowRead
from .stream import CELL_SEP, Stream

Measure = Callable[[Stream, int], float]


def width(ch: str) -> int:
    """Display width of one character: 2 for East Asian wide and fullwidth characters, else 1."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _line_start(stream: Stream, t: int) -> int:
    return stream.text.rfind("\n", 0, t) + 1


def char_column(stream: Stream, t: int) -> float:
    """Characters between the line start and text offset ``t`` (how pdftotext aligns)."""
    return float(t - _line_start(stream, t))


def display_column(stream: Stream, t: int) -> float:
    """Display width between the line start and ``t``, wide characters counted as 2 — measured on
    the text as printed (the stream is NFKC-normalised: "，" there is ",", one column narrower)."""
    start = _line_start(stream, t)
    i = max(0, bisect_right(stream.cell_starts, t) - 1)
    if stream.cells and stream.cell_starts[i] >= start:
        original = stream.cells[i].text.replace("\n", " ")
        c0 = stream.cell_starts[i]
        if len(unicodedata.normalize("NFKC", original)) == len(original):
            before = sum(width(ch) for ch in stream.text[start:c0])
            return float(before + sum(width(ch) for ch in original[: t - c0]))
    return float(sum(width(ch) for ch in stream.text[start:t]))


MEASURES: tuple[Measure, ...] = (char_column, display_column)


def _centre(stream: Stream, p: Piece, measure: Measure) -> float:
    return (measure(stream, p.start) + measure(stream, p.start + len(p.printed))) / 2


def on_text_lines(stream: Stream, data: Sequence[Piece]) -> bool:
    """The pieces stand on plain text lines (not in cells of a table, whose grid says more)."""
    if any(p.chunk >= 0 for p in data):
        return False
    for p in data:
        start = _line_start(stream, p.start)
        end = stream.text.find("\n", p.start)
        if CELL_SEP in stream.text[start : end if end >= 0 else None]:
            return False
    return True


def full_line_row(data: Sequence[Piece], n: int) -> bool:
    """``n`` numbers, all on one line: a row that shows where the table's columns stand."""
    return len(data) == n and all(p.kind is PieceKind.NUM for p in data) and len({p.line for p in data}) == 1


def _assign(
    stream: Stream, data: Sequence[Piece], reference: Sequence[Piece], measure: Measure
) -> list[Piece] | None:
    """Each number of ``data`` in the column of ``reference`` nearest to it; None unless every
    column gets exactly one (a tie between two columns decides nothing)."""
    centres = [_centre(stream, p, measure) for p in reference]
    if any(b <= a for a, b in pairwise(centres)):
        return None  # the reference row is not in left-to-right column order under this measure
    slots: list[list[Piece]] = [[] for _ in reference]
    for p in data:
        x = _centre(stream, p, measure)
        dist = sorted((abs(x - c), j) for j, c in enumerate(centres))
        if len(dist) > 1 and dist[0][0] == dist[1][0]:
            return None
        slots[dist[0][1]].append(p)
    if any(len(s) != 1 for s in slots):
        return None
    return [s[0] for s in slots]


def _holds(cells: Candidate, rules: Sequence[SumRule]) -> bool:
    values = [c.value for c in cells]
    if not rules or not all(type(v) is int for v in values):
        return False  # without an equation that holds, a reordering is not confirmed
    return all(values[r.total] == sum(values[i] for i in r.parts) for r in rules)  # type: ignore[misc]


def read_by_columns(
    stream: Stream,
    pieces: Sequence[Piece],
    references: Sequence[Sequence[Piece]],
    kinds: Sequence[ValueKind],
    rules: Sequence[SumRule],
) -> RowRead | None:
    """The row read from the numbers printed between its label and the next one (``pieces``, its
    payload: the lines the row occupies), each placed in the column of the reference rows (full rows
    of the same table printed on one line, nearest first) it stands under; None when no single
    reading results. Words left of the first column are the wrapped label; a mark ("—", "/") or a
    word inside the columns may be a cell, and the row is then not read this way."""
    n = len(kinds)
    data = [p for p in pieces if p.kind is PieceKind.NUM]
    if len(data) != n or any(p.kind is PieceKind.MARK for p in pieces) or not on_text_lines(stream, pieces):
        return None
    words = [p for p in pieces if p.kind is PieceKind.TEXT]
    readings: set[tuple[int, ...]] = set()
    found: Candidate | None = None
    for reference in references:
        if len(reference) != n or not on_text_lines(stream, reference):
            continue
        for measure in MEASURES:
            first = measure(stream, reference[0].start)
            if any(measure(stream, w.start) >= first for w in words):
                continue
            placed = _assign(stream, data, reference, measure)
            if placed is None:
                continue
            cells = tuple(
                CellRead(p.printed, value_of(p, k), p.start) for p, k in zip(placed, kinds, strict=True)
            )
            if _holds(cells, rules):
                readings.add(tuple(p.start for p in placed))
                found = cells
    if len(readings) != 1 or found is None:
        return None
    return RowRead((found,), start=data[0].start)
