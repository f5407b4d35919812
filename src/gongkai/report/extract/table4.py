"""Table 四 (政府信息公开行政复议、行政诉讼情况), read by position: the 15 values in the order of the
format after its (often shredded) headings — a real table row of exactly 15 cells cell by cell, else
the run of values nearest the headings — as one row whose three block totals split fused digits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..formats import FORMAT_2021, ValueKind
from .digitruns import SumRule
from .numbers import Piece, PieceKind, is_prose, select_data
from .rows import read_row
from .sparse import lone_zero, read_sparse
from .stream import Stream
from .tables import PendingRow, TableRead, _settle, masks_for, payload

_T4_HEADER_CHARS = frozenset(
    "".join(c.label for c in (*FORMAT_2021.table4_blocks, *FORMAT_2021.table4_columns)) + "行政诉讼情况表四"
)


_IGNORABLE = re.compile(r"[()\[\]（）一二三四五六七八九十、.:：]")


def _header_like(piece: Piece) -> bool:
    text = _IGNORABLE.sub("", piece.printed)
    return bool(text) and all(ch in _T4_HEADER_CHARS for ch in text)


def read_t4(stream: Stream, start: int, end: int) -> TableRead:
    """Table 四 is read by position: the 15 values in the order of the format, after its headings
    (which extracted text shreds: "结 果 维 持", "其 他 果"), in the run of values nearest the headings."""
    fmt = FORMAT_2021
    table = TableRead("t4", fmt.key, start=start, end=end)
    headers = [c.label for c in (*fmt.table4_blocks, *fmt.table4_columns)] + ["行政诉讼"]
    masks = masks_for(stream, headers, start, end)
    pieces = payload(stream, start, end, masks)
    # Runs of data separated by prose; headings are separators inside a run.
    runs: list[list[Piece]] = [[]]
    seen_header = bool(masks)
    for p in pieces:
        if p.kind is PieceKind.TEXT and _header_like(p):
            seen_header = True
            continue
        if p.kind is PieceKind.TEXT and (len(p.printed) > 4 or p.glued or not seen_header):
            runs.append([])
            continue
        runs[-1].append(p)

    def digits(run: list[Piece]) -> int:
        return sum(len(p.core) for p in run if p.kind is PieceKind.NUM) + sum(
            1 for p in run if p.kind in (PieceKind.MARK, PieceKind.TEXT)
        )

    best = max(runs, key=digits) if runs else []
    n = len(fmt.table4_blocks) * len(fmt.table4_columns)
    # A real table's data row of exactly 15 cells is read by position, even when all are empty.
    by_line: dict[int, list[Piece]] = {}
    for p in pieces:
        if p.kind is not PieceKind.TEXT or not (is_prose(p) or _header_like(p)):
            by_line.setdefault(p.line, []).append(p)
    grid = next((g for g in (_one_table_row(ps, n) for ps in by_line.values()) if g is not None), None)
    if not seen_header or (digits(best) == 0 and grid is None):
        return TableRead("t4")
    data = select_data(best, n)
    if grid is not None:
        data = grid
    elif len(data) != n and any(p.kind is PieceKind.BLANK for p in data):
        # Empty cells left by heading rows between the three blocks (markdown copies print one
        # small table per block); the values themselves are never blank in such copies.
        data = select_data([p for p in best if p.kind is not PieceKind.BLANK], n)
    ids = tuple(f"t4.{b.key}.{c.key}" for b in fmt.table4_blocks for c in fmt.table4_columns)
    width = len(fmt.table4_columns)
    rules = [SumRule(b * width + width - 1, tuple(b * width + i for i in range(width - 1))) for b in range(3)]
    kinds = [ValueKind.COUNT] * n
    read = read_sparse(data, kinds) if lone_zero(data, n) else read_row(data, kinds, rules)
    _settle(stream, table, [PendingRow(ids, "表四", read)])
    return table


def _one_table_row(pieces: Sequence[Piece], n: int) -> list[Piece] | None:
    """The values when they are one real table row of exactly ``n`` cells (blank ones included):
    then each cell is read by its position, whatever is empty."""
    values = [p for p in pieces if p.kind is not PieceKind.TEXT or not is_prose(p)]
    lines = {(p.line, p.line_cells) for p in values}
    if len(lines) != 1 or next(iter(lines))[1] != n or any(p.col < 0 for p in values):
        return None
    by_col = {p.col: p for p in values}
    if len(by_col) != len(values) or set(by_col) - set(range(n)):
        return None
    if len(by_col) != n:
        return None  # an empty cell that was not a BLANK piece: do not guess its place
    return [by_col[c] for c in range(n)]
