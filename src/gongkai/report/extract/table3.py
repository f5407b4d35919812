"""Table 三 (收到和处理政府信息公开申请情况): found by its row labels in printed order; read with the
2021 rows when its （六） sub-rows are printed and with the 2019 single （六）其他处理 row otherwise (real
reports mix them).
"""

from __future__ import annotations

from ..findings import Finding, Severity
from ..formats import FORMAT_2019, FORMAT_2021, Format, ValueKind
from .columns import full_line_row, read_by_columns
from .digitruns import SumRule
from .labels import find_label, find_sequence, keys_for
from .numbers import Piece, PieceKind
from .rows import RowRead, read_row
from .sparse import groups_of, lone_zero, one_cell_per_line, read_sparse
from .stream import Stream, compact
from .tables import (
    PendingRow,
    TableRead,
    _blank_row,
    _missing,
    _settle,
    aligned_rows,
    grid_column,
    masks_for,
    payload,
    without_own_label,
)

#: Table 三 is taken as printed when at least this many of its row labels are found in order.
MIN_T3_ROWS = 5


#: At most this many table 三 rows printed with no value at all are read as blank rows.
MAX_BLANK_ROWS = 3


def t3_format(stream: Stream, start: int, end: int) -> Format:
    """2021 when any of the three （六） sub-rows is printed, else the 2019 single （六） row."""
    rows_2021 = {r.key: r for r in FORMAT_2021.table3_rows}
    for key in ("other_no_correction", "other_no_fee"):
        row = rows_2021[key]
        if find_label(stream, keys_for((row.label, *row.aliases)), start, end) is not None:
            return FORMAT_2021
    # A variant wording of the sub-rows still shows the structure: （六）其他处理 followed by "1.".
    if stream.compact.find(compact("（六）其他处理") + "1.", start, end) >= 0:
        return FORMAT_2021
    return FORMAT_2019


def read_t3(stream: Stream, start: int, end: int) -> TableRead:
    fmt = t3_format(stream, start, end)
    table = TableRead("t3", fmt.key)
    rows = fmt.table3_rows
    matches = find_sequence(stream, [(r.label, *r.aliases) for r in rows], start, end)
    found = [(r, m) for r, m in zip(rows, matches, strict=True) if m is not None]
    if len(found) < MIN_T3_ROWS:
        # A row name or two quoted in prose ("部分公开") is not a table.
        return TableRead("t3")
    table.start, table.end = found[0][1].start, end
    masks = masks_for(stream, fmt.table3_groups, found[0][1].start, end)
    cols = [c.key for c in fmt.table3_columns]
    kinds = [ValueKind.COUNT] * len(cols)
    rules = [SumRule(len(cols) - 1, tuple(range(len(cols) - 1)))]
    pending: list[PendingRow] = []
    payloads: list[list[Piece]] = []
    for i, (_row, m) in enumerate(found):
        stop = found[i + 1][1].start if i + 1 < len(found) else end
        payloads.append(payload(stream, m.end, stop, masks, row_ends_at_mask=True))
    empty = sum(1 for p in payloads if not p)
    if empty == len(found):
        # Row labels and no number at all (the numbers are an image, or the table lost its cells).
        ids = tuple(f"t3.{r.key}.{c}" for r, _ in found for c in cols)
        table.findings.append(
            Finding(
                "READ-UNREADABLE-CELL",
                Severity.WARNING,
                "表三只印了行标签，没有任何数字（表格可能是图片），各单元格未读取",
                cells=ids,
                location=stream.span_at(stream.to_text(found[0][1].start)),
            )
        )
        return table
    # A few rows printed with nothing are blank rows; most rows empty means the table was flattened
    # column by column (labels first, numbers after): then no row can be read by its label.
    blank_rows_plausible = empty <= MAX_BLANK_ROWS
    payloads = [
        without_own_label(p, (r.label, *r.aliases)) for (r, _), p in zip(found, payloads, strict=True)
    ]
    header = grid_column(stream, fmt.table3_columns[0].label, start, found[0][1].start)
    selected = aligned_rows(
        stream, [(m, p, len(cols)) for (_, m), p in zip(found, payloads, strict=True)], header
    )
    per_line = one_cell_per_line(selected)
    groups = groups_of([c.group for c in fmt.table3_columns])
    by_group = all(len(d) in (0, 1, len(groups), len(cols)) for d in selected)
    for i, ((row, m), pieces, data) in enumerate(zip(found, payloads, selected, strict=True)):
        ids = tuple(f"t3.{row.key}.{c}" for c in cols)
        label = f"表三“{row.label}”行"
        if not pieces and not blank_rows_plausible:
            pending.append(
                PendingRow(ids, label, RowRead((), problem="行标签后没有数字（表格可能按列而非按行排版）"))
            )
            continue
        if not data and not any(p.kind is PieceKind.TEXT for p in pieces):
            _blank_row(stream, table, ids, label, m)
            continue
        # One value per heading group (D49) while every row of the table prints one value per group
        # (or a lone 0); a table whose rows print other counts printed single cells, not groups: the
        # placements its rows' own sums allow, settled between rows (read_row → dropped.py, D51).
        if lone_zero(data, len(cols)) or (by_group and per_line and 0 < len(data) < len(cols)):
            pending.append(PendingRow(ids, label, read_sparse(data, kinds, rules, groups)))
            continue
        read = read_row(data, kinds, rules)
        if not read.candidates and len({p.line for p in pieces if p.kind is PieceKind.NUM}) > 1:
            # a tall row of text aligned in columns: its numbers placed by position (D57)
            read = read_by_columns(stream, pieces, _references(selected, i, len(cols)), kinds, rules) or read
        pending.append(PendingRow(ids, label, read))
    for row, match in zip(rows, matches, strict=True):
        if match is None:
            at = found[0][1].start
            _missing(stream, table, f"表三“{row.label}”行", [f"t3.{row.key}.{c}" for c in cols], at)
    equations: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for total in fmt.totals():
        if total.relation == "outcomes":
            equations.append(((total.total,), total.parts))
    for lhs, rhs in fmt.balance():
        equations.append((lhs, rhs))
    _settle(stream, table, pending, equations)
    return table


def _references(selected: list[list[Piece]], i: int, n: int) -> list[list[Piece]]:
    """The full rows printed on one line nearest above and below row ``i``: where the columns stand
    (a table cut into several text blocks — pdftotext — may place them differently block by block)."""
    above = next((d for d in reversed(selected[:i]) if full_line_row(d, n)), None)
    below = next((d for d in selected[i + 1 :] if full_line_row(d, n)), None)
    return [d for d in (above, below) if d is not None]
