"""Reading the cells of one table row (or of table 四's single row of 15) from its payload.

A row's data pieces either map one-to-one onto its cells, or — when cells are fused or spaced
misleadingly — they are joined into one run and split by :mod:`.digitruns`. The result is a list of
*candidates*: exactly one when the row is read with confidence, several when the print is ambiguous
(the table reader may still decide with equations between rows), none when nothing fits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..formats import ValueKind
from ..model import CellValue
from .digitruns import SplitResult, SumRule, split_run
from .numbers import Piece, PieceKind, parse_number, value_of


@dataclass(frozen=True)
class CellRead:
    printed: str
    value: CellValue
    start: int  # text offset in the stream


Candidate = tuple[CellRead, ...]


@dataclass(frozen=True)
class RowRead:
    """What was read for one row: its candidates and, for a fused run, the digits that were split."""

    candidates: tuple[Candidate, ...]
    run: str | None = None  # the fused run, when the row had to be split
    complete: bool = True  # False when the split search hit a bound
    problem: str | None = None  # why nothing could be read (Chinese), when candidates is empty
    start: int = 0


def _merged_cells_collapsed(data: Sequence[Piece], n: int) -> Sequence[Piece]:
    """A real table's merged cell arrives repeated ("行政许可 | 2821 | 2821 | 2821" for a cell spanning
    three columns). When every piece is its own table cell and collapsing runs of equal neighbours
    leaves exactly ``n`` cells, those are the row's cells; otherwise the pieces are left as they are."""
    if any(p.chunk < 0 for p in data) or len({p.chunk for p in data}) != len(data):
        return data
    # A last cell spanning the remaining columns ("4 | -3 | -3" for two cells under three headings).
    trimmed = list(data)
    while len(trimmed) > n and trimmed[-1].printed == trimmed[-2].printed:
        trimmed.pop()
    if len(trimmed) == n:
        return trimmed
    collapsed = [p for i, p in enumerate(data) if i == 0 or p.printed != data[i - 1].printed]
    return collapsed if len(collapsed) == n else data


def _order_doubtful(data: Sequence[Piece], cells: Candidate, rules: Sequence[SumRule]) -> bool:
    """Whether the printed order of a row's values may not be its column order: the values stand on
    several lines, one of them holding several values (a table laid out in aligned columns whose
    cells are centred vertically — pdftotext -layout, "copy all" from a PDF — prints a one-line cell
    of a tall row on the line above the others: "这一情 79" / "53 17 0 1 6 2"), and in that order the
    row breaks its own equation. Such a row is left out, never read in a guessed order. Values on one
    line each (a cell per line) or all on one line keep their order, consistent or not."""
    per_line = Counter(p.line for p in data)
    if len(per_line) < 2 or max(per_line.values()) < 2 or not rules:
        return False
    values = [c.value for c in cells]
    if not all(isinstance(v, int) for v in values):
        return False
    return any(values[r.total] != sum(values[i] for i in r.parts) for r in rules)  # type: ignore[misc]


def read_row(data: Sequence[Piece], kinds: Sequence[ValueKind], rules: Sequence[SumRule] = ()) -> RowRead:
    n = len(kinds)
    start = data[0].start if data else 0
    if not data:
        return RowRead((), problem="未印数字", start=start)
    if len(data) > n:
        data = _merged_cells_collapsed(data, n)
    if len(data) == n:
        as_printed = tuple(
            CellRead(p.printed, value_of(p, k), p.start) for p, k in zip(data, kinds, strict=True)
        )
        if _order_doubtful(data, as_printed, rules):
            return RowRead(
                (),
                problem="本行数字分印在几行（单元格上下错位），印出次序不一定是列的次序，且按此次序本行合计不符",
                start=start,
            )
        return RowRead((as_printed,), start=start)
    if any(p.chunk >= 0 for p in data):
        # The values stand in cells of a table (between pipes, tabs or real table cells): a cell's
        # number is never cut into several, so a row with the wrong number of cells is not read.
        shown = "、".join(p.printed or "（空）" for p in data)
        return RowRead((), problem=f"印有 {len(data)} 个单元格（{shown}），应为 {n} 个", start=start)
    from .dropped import one_cell_per_line, read_dropped  # dropped builds on this module

    if one_cell_per_line(data, n):
        return read_dropped(data, kinds, rules)
    if any(p.kind is not PieceKind.NUM for p in data):
        texts = "、".join(p.printed or "（空）" for p in data)
        return RowRead(
            (), problem=f"印有 {len(data)} 项（{texts}），应为 {n} 项，且含非数字内容", start=start
        )
    # Join the numbers (their signs and decimals kept) and split with the row's arithmetic.
    run_chars: list[str] = []
    offsets: list[int] = []
    for p in data:
        run_chars.append(p.core)
        offsets.extend(p.start + min(i, len(p.printed) - 1) for i in range(len(p.core)))
    run = "".join(run_chars)
    if len(run) == n and run.isdigit():
        # One digit per cell: the only reading of the print (the common fused row "0000000"). It is
        # kept even when the row does not add up ("5100000": 总计 printed 0) — the rules report
        # that; a run with more digits than cells must satisfy the row's equation to be read.
        result = SplitResult((tuple(run),), True)
    else:
        result = split_run(run, kinds, rules)
    candidates: list[Candidate] = []
    for parts in result.candidates:
        cells: list[CellRead] = []
        pos = 0
        for part, kind in zip(parts, kinds, strict=True):
            cells.append(CellRead(part, parse_number(part, kind), offsets[pos]))
            pos += len(part)
        candidates.append(tuple(cells))
    problem = None
    if not candidates:
        problem = f"数字串“{run}”无法拆分为 {n} 个符合表内勾稽关系的数"
    return RowRead(tuple(candidates), run=run, complete=result.complete, problem=problem, start=start)
