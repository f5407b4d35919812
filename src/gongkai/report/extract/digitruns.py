"""Splitting fused digit runs with the table's own arithmetic.

Web pages copied as text often lose the cell boundaries of a table row: "190000019" is the seven
applicant columns 19,0,0,0,0,0,19; "10 0 0 0 01" (misleading spaces) is 1,0,0,0,0,0,1. The spacing
cannot be trusted, so a run is split from its digits alone: every way of cutting it into the row's
cells in which each part is a well-formed number (no leading zero, at most ``MAX_DIGITS`` digits,
a sign or decimals only where the column's kind allows), and which satisfies the equations the format
declares among the row's cells (R3 row totals, R4 table-四 block totals). Equations *between* rows
(R1 balance, R2 column totals) are applied afterwards by the table reader. When more than one split
survives, the reader reports them and reads nothing — it never picks one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..formats import ValueKind

#: No cell of an annual report has more digits (a county's 行政许可 count is at most millions).
MAX_DIGITS = 9
#: Money is printed with at most six decimals (万元 to the 元 cent: 779.508355).
MAX_DECIMALS = 6
#: Stop enumerating beyond this many surviving splits: the run is ambiguous anyway.
MAX_CANDIDATES = 64
#: Bound on the search itself, so a pathological run costs bounded time.
MAX_STEPS = 200_000

_PART = {
    ValueKind.COUNT: re.compile(r"0|[1-9]\d*"),
    ValueKind.SIGNED: re.compile(r"[+-]?(?:0|[1-9]\d*)"),
    ValueKind.DECIMAL: re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?"),
}


@dataclass(frozen=True)
class SumRule:
    """Part ``total`` (an index into the row) equals the sum of ``parts``."""

    total: int
    parts: tuple[int, ...]


@dataclass(frozen=True)
class SplitResult:
    candidates: tuple[tuple[str, ...], ...]
    complete: bool  # False when a bound stopped the search (more candidates may exist)


def split_run(run: str, kinds: Sequence[ValueKind], rules: Sequence[SumRule] = ()) -> SplitResult:
    """Every split of ``run`` into ``len(kinds)`` well-formed parts that satisfies ``rules``."""
    n = len(kinds)
    # rules checked as soon as their last index is assigned
    due: dict[int, list[SumRule]] = {}
    for rule in rules:
        due.setdefault(max(rule.total, *rule.parts), []).append(rule)
    found: list[tuple[str, ...]] = []
    parts: list[str] = []
    values: list[Decimal] = []
    steps = 0
    complete = True

    def rest_fits(pos: int, index: int) -> bool:
        left = len(run) - pos
        remaining = n - index
        return remaining <= left <= remaining * (MAX_DIGITS + 2 + MAX_DECIMALS)

    def walk(pos: int, index: int) -> None:
        nonlocal steps, complete
        if len(found) >= MAX_CANDIDATES or steps >= MAX_STEPS:
            complete = False
            return
        if index == n:
            if pos == len(run):
                found.append(tuple(parts))
            return
        pattern = _PART[kinds[index]]
        last = index == n - 1
        max_len = min(len(run) - pos - (n - index - 1), MAX_DIGITS + 1 + MAX_DECIMALS)
        lengths = [len(run) - pos] if last else range(1, max_len + 1)
        for length in lengths:
            steps += 1
            piece = run[pos : pos + length]
            if not pattern.fullmatch(piece):
                continue
            whole = piece.split(".")[0].lstrip("+-")
            if len(whole) > MAX_DIGITS:
                break
            if not last and not rest_fits(pos + length, index + 1):
                continue
            parts.append(piece)
            values.append(Decimal(piece))
            if all(values[r.total] == sum(values[i] for i in r.parts) for r in due.get(index, ())):
                walk(pos + length, index + 1)
            parts.pop()
            values.pop()

    if n and len(run) >= n:
        walk(0, 0)
    return SplitResult(tuple(found), complete)
