"""Rows printed one cell per line with their blank cells dropped.

A web page's table copied as text (a crawler's page.txt, "copy all" from a browser) prints every
non-empty cell on a line of its own and nothing at all for an empty cell: a table-三 row of seven
cells may arrive as "4 / 1 / 0 / 5" on four lines, or as a lone "0". Such numbers are separate cells —
never the digits of one fused number ("0" and "22" on two lines are not 0 | 2 | 2) — and the cells
that were not printed are not known to be 0. A lone 0 is a row of zeros (it spans the row: a merged
cell, or the only figure the row was filled with — the reading of D49).

What structure and arithmetic still tell: a row's 总计 (its sum rule's total) is printed whenever
the row holds a value, so in each group the last number printed is the total when it equals the sum
of the numbers before it; the parts not printed are then 0 (counts are never negative). The order
of the printed numbers is the column order, but which columns the non-zero parts stand in is not
printed: every placement is a candidate, and the table reader keeps one only when the equations
between rows leave a single choice. A row of a table without sum rules (table 二), or a group with
no total printed, is not read (its cells stay open, with a finding).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from math import comb

from ..formats import ValueKind
from .digitruns import SumRule
from .numbers import Piece, PieceKind, parse_number
from .rows import CellRead, RowRead
from .sparse import lone_zero, read_sparse

#: One cell's number: no leading zero ("00" on a line is a fused run, not a cell), sign and decimals kept.
_ONE_NUMBER = re.compile(r"[+-]?(?:0|[1-9]\d*)(?:\.\d+)?")

#: Beyond this many placements the row is not searched (it is reported instead).
MAX_PLACEMENTS = 20_000


def one_cell_per_line(data: Sequence[Piece], n: int) -> bool:
    """Fewer numbers than cells, each a whole number on a line of its own below the row's label
    (which stands alone on its line too), outside any table cell."""
    if len(data) == 1 and data[0].core not in ("0", "+0", "-0"):
        return False  # a lone non-zero number may be a fused run ("200020000000000"): split as one
    return (
        0 < len(data) < n
        and all(p.kind is PieceKind.NUM and p.chunk < 0 and _ONE_NUMBER.fullmatch(p.core) for p in data)
        and all(p.line > 0 for p in data)  # the label on a line of its own, as every cell
        and len({p.line for p in data}) == len(data)
    )


def read_dropped(data: Sequence[Piece], kinds: Sequence[ValueKind], rules: Sequence[SumRule]) -> RowRead:
    """The candidates of a row whose blank cells were dropped (see the module docstring)."""
    n = len(kinds)
    start = data[0].start
    shown = " / ".join(p.printed for p in data)
    problem = (
        f"每个数单独一行、空白单元格未印出：印有 {len(data)} 个数（{shown}），应为 {n} 个单元格，"
        "无法确定各数所在的列"
    )
    if lone_zero(data, n):
        # A lone 0 spans the row (a merged cell, or the only figure the row was filled with; D49):
        # a row of zeros, whatever its sum rules — read as sparse.py reads it.
        return read_sparse(data, kinds)
    covered = sorted({i for r in rules for i in (r.total, *r.parts)})
    if not rules or covered != list(range(n)):
        return RowRead((), problem=problem, start=start)
    if comb(n, len(data)) > MAX_PLACEMENTS:
        return RowRead((), problem=problem, start=start, complete=False)
    seen: dict[tuple[object, ...], tuple[CellRead, ...]] = {}
    for slots in itertools.combinations(range(n), len(data)):
        placed = dict(zip(slots, range(len(data)), strict=True))
        cells = _candidate(placed, data, kinds, rules, start)
        if cells is None:
            continue
        key = tuple(c.value for c in cells)
        seen.setdefault(key, cells)
    if not seen:
        return RowRead((), problem=problem + "（也不符合本行合计）", start=start)
    return RowRead(tuple(seen.values()), start=start)


def _candidate(
    placed: dict[int, int],
    data: Sequence[Piece],
    kinds: Sequence[ValueKind],
    rules: Sequence[SumRule],
    start: int,
) -> tuple[CellRead, ...] | None:
    """The row's cells for one placement of the printed numbers, or None when it breaks the premise
    (a group with a value but no total printed, a total not equal to its printed parts)."""
    value: dict[int, object] = {}
    for slot, i in placed.items():
        value[slot] = parse_number(data[i].core, kinds[slot])
    for rule in rules:
        if rule.total not in placed:
            return None  # a group whose total is not printed: its blank cells are not known
        parts = sum(v for s, v in value.items() if s in rule.parts and isinstance(v, int))
        if any(s in rule.parts and not isinstance(value[s], int) for s in value):
            return None
        if value[rule.total] != parts:
            return None
    cells: list[CellRead] = []
    for slot in range(len(kinds)):
        if slot in placed:
            p = data[placed[slot]]
            cells.append(CellRead(p.printed, value[slot], p.start))  # type: ignore[arg-type]
        else:
            cells.append(CellRead("", 0, start))  # a part not printed, 0 by its group's total
    return tuple(cells)
