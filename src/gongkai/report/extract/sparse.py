"""Rows that print fewer values than cells because the page (or the crawler that saved it) dropped
the blank cells: "一、本年新收政府信息公开申请数量 / 46 / 0 / 46" for seven cells, "规章 / 0" for three.

Such a row is never split as a fused digit run — each value stands in a cell of its own — and its
values are placed only where the table's structure and arithmetic place them (D49):

- a row printing a single 0 is a row of zeros: one printed figure, 0, spans the row (a merged
  cell, or the only figure the row was filled with); a single digit cannot be several cells;
- a row printing one value per top-level heading group (table 三: 自然人 | 法人或其他组织 | 总计)
  puts each value under its group; a group of several columns whose value is 0 is 0 in each of
  them (a sum of non-negative counts that is 0) — and the row must then satisfy its own equation;
- anything else (one non-zero value of three, two values of three …) is not placed: the row stays
  open with a finding that says what was printed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..formats import ValueKind
from .digitruns import SumRule
from .numbers import Piece, PieceKind, parse_number
from .rows import CellRead, RowRead


def one_cell_per_line(rows: Sequence[Sequence[Piece]]) -> bool:
    """Whether a table's rows print their values one per line with no cell separators: some row
    shows at least two values, each on a line of its own, and no row has two values on one line."""
    seen = False
    for data in rows:
        values = [p for p in data if p.kind in (PieceKind.NUM, PieceKind.MARK)]
        if any(p.chunk >= 0 for p in values):
            return False
        per_line = Counter(p.line for p in values)
        if per_line and max(per_line.values()) > 1:
            return False
        if len(values) >= 2:
            seen = True
    return seen


def lone_zero(data: Sequence[Piece], n: int) -> bool:
    """A row of ``n`` > 1 cells whose only printed value is a single 0."""
    return n > 1 and len(data) == 1 and data[0].kind is PieceKind.NUM and data[0].core in ("0", "+0", "-0")


def groups_of(column_groups: Sequence[str | None]) -> tuple[tuple[int, ...], ...]:
    """Top-level heading groups from each column's spanning header (None: a column of its own)."""
    out: list[list[int]] = []
    for i, g in enumerate(column_groups):
        if out and g is not None and column_groups[i - 1] == g:
            out[-1].append(i)
        else:
            out.append([i])
    return tuple(tuple(g) for g in out)


def read_sparse(
    data: Sequence[Piece],
    kinds: Sequence[ValueKind],
    rules: Sequence[SumRule] = (),
    groups: Sequence[Sequence[int]] = (),
) -> RowRead:
    """Read a row that prints fewer values than it has cells (see the module docstring)."""
    n = len(kinds)
    start = data[0].start if data else 0
    if lone_zero(data, n):
        p = data[0]
        cells = tuple(CellRead(p.printed, parse_number("0", k), p.start) for k in kinds)
        return RowRead((cells,), start=start)
    shown = "、".join(p.printed for p in data)
    problem = f"本行只印 {len(data)} 个数（{shown}），应为 {n} 个（空白单元格被略去），无法确定各数所在的列"
    if not groups or len(data) != len(groups) or any(p.kind is not PieceKind.NUM for p in data):
        return RowRead((), problem=problem, start=start)
    placed: list[CellRead | None] = [None] * n
    for p, group in zip(data, groups, strict=True):
        value = parse_number(p.core, kinds[group[0]])
        if len(group) > 1 and value != 0:
            return RowRead((), problem=problem, start=start)
        for col in group:
            placed[col] = CellRead(p.printed, parse_number(p.core, kinds[col]), p.start)
    cells = tuple(c for c in placed if c is not None)
    values = [c.value for c in cells]
    if any(not isinstance(v, int) for v in values) or any(
        values[r.total] != sum(values[i] for i in r.parts)  # type: ignore[misc]
        for r in rules
    ):
        return RowRead((), problem=problem + "，按表头分组放置后本行合计不符", start=start)
    return RowRead((cells,), start=start)


__all__ = ["groups_of", "lone_zero", "one_cell_per_line", "read_sparse"]
