"""Table 二 (主动公开政府信息情况): its blocks found by their headings (第二十条第（一）项 …) or, when a
report prints none, by their row labels; each block's format (2021 or 2019) decided by the column
headings printed, so a report mixing them is read block by block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..findings import Finding, Severity
from ..formats import FORMAT_2019, FORMAT_2021, Block, Format, Row
from .labels import Match, find_label, find_sequence, keys_for
from .numbers import Piece, PieceKind
from .rows import read_row
from .sparse import lone_zero, one_cell_per_line, read_sparse
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

#: A table 二 row as found: its block, its declaration, where its label is, what follows it.
T2Row = tuple[Block, Row, Match, list[Piece]]


def _block_headings() -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for fmt in (FORMAT_2021, FORMAT_2019):
        for block in fmt.table2:
            seen.setdefault(block.key, block.heading)
    return list(seen.items())


def read_t2(stream: Stream, start: int, end: int, default: Format) -> TableRead:
    table = TableRead("t2")
    headings: list[tuple[str, Match]] = []
    cursor = start
    for key, heading in _block_headings():
        # "第二十条第（一）项" is also printed "第二十条第一项"
        m = find_label(stream, (compact(heading), re.sub(r"[()]", "", compact(heading))), cursor, end)
        if m is not None:
            headings.append((key, m))
            cursor = m.end
    if not headings:
        _read_without_headings(stream, table, start, end, default)
        return table
    table.start = headings[0][1].start
    table.end = end
    formats_seen: list[str] = []
    rows: list[T2Row] = []
    for i, (block_key, found_at) in enumerate(headings):
        b_end = headings[i + 1][1].start if i + 1 < len(headings) else end
        fmt, block = _block_format(stream, block_key, found_at.end, b_end, default)
        if block is None:
            continue
        formats_seen.append(fmt.key)
        table.block_formats[block_key] = fmt.key
        rows.extend(_block_rows(stream, table, block, found_at.end, b_end))
    _read_t2_rows(stream, table, rows)
    if formats_seen:
        table.format = max(set(formats_seen), key=formats_seen.count)
        if len(set(formats_seen)) > 1:
            table.findings.append(
                Finding(
                    "READ-FORMAT-MIX",
                    Severity.WARNING,
                    "表二各栏目混用了 2021 年格式与 2019 年试行格式的表头（"
                    + "，".join(f"{_heading(k)}：{f} 年格式" for k, f in table.block_formats.items())
                    + "）",
                    location=stream.span_at(stream.to_text(start)),
                )
            )
    return table


def _read_without_headings(stream: Stream, table: TableRead, start: int, end: int, default: Format) -> None:
    """Table 二 printed without its 第二十条第（X）项 headings: its column headings decide the format
    (nothing is read when none is printed), then the rows of all blocks are read in order."""
    scores: dict[str, int] = {}
    for fmt in (FORMAT_2021, FORMAT_2019):
        score = 0
        for block in fmt.table2:
            for col in block.columns:
                m = find_label(stream, keys_for((col.label, *col.aliases), False), start, end)
                score += len(m.key) if m is not None else 0
        scores[fmt.key] = score
    best = max(scores.values())
    if best == 0:
        return
    fmt = default if scores[default.key] == best else (FORMAT_2021 if scores["2021"] == best else FORMAT_2019)
    rows = [(block, row) for block in fmt.table2 for row in block.rows]
    matches = find_sequence(stream, [(r.label, *r.aliases) for _, r in rows], start, end, lookahead=1)
    found = [(b, r, m) for (b, r), m in zip(rows, matches, strict=True) if m is not None]
    if len(found) < 2:
        return
    headers = [c.label for b in fmt.table2 for c in b.columns] + ["信息内容"]
    masks = masks_for(stream, headers, start, end)
    t2_rows: list[T2Row] = []
    for i, (block, row, m) in enumerate(found):
        stop = found[i + 1][2].start if i + 1 < len(found) else end
        pieces = without_own_label(payload(stream, m.end, stop, masks), (row.label, *row.aliases))
        t2_rows.append((block, row, m, pieces))
        table.block_formats[block.key] = fmt.key
    _read_t2_rows(stream, table, t2_rows)
    for (block, row), match in zip(rows, matches, strict=True):
        if match is None:
            missing = [f"t2.{row.key}.{c.key}" for c in block.columns]
            _missing(stream, table, f"表二“{block.heading}”“{row.label}”行", missing, start)
    table.format = fmt.key
    table.start, table.end = found[0][2].start, end


def _block_format(
    stream: Stream, key: str, start: int, end: int, default: Format
) -> tuple[Format, Block | None]:
    scores: list[tuple[int, Format, Block]] = []
    for fmt in (FORMAT_2021, FORMAT_2019):
        for block in fmt.table2:
            if block.key != key:
                continue
            # Score by the length of the headings found: "本年处理决定数量" (2021) contains
            # "处理决定数量" (2019), and the longer match is the one printed.
            score = 0
            for col in block.columns:
                m = find_label(stream, keys_for((col.label, *col.aliases), False), start, end)
                score += len(m.key) if m is not None else 0
            scores.append((score, fmt, block))
    if not scores:
        return default, None
    best = max(s for s, _, _ in scores)
    winners = [(f, b) for s, f, b in scores if s == best]
    if len(winners) == 1:
        return winners[0]
    for f, b in winners:
        if f.key == default.key:
            return f, b
    return winners[0]


def _block_rows(stream: Stream, table: TableRead, block: Block, start: int, end: int) -> list[T2Row]:
    """The rows of one table 二 block with their payloads; rows not found become findings."""
    matches = find_sequence(stream, [(r.label, *r.aliases) for r in block.rows], start, end, lookahead=1)
    found = [(r, m) for r, m in zip(block.rows, matches, strict=True) if m is not None]
    rows: list[T2Row] = []
    for i, (row, m) in enumerate(found):
        stop = found[i + 1][1].start if i + 1 < len(found) else end
        rows.append(
            (block, row, m, without_own_label(payload(stream, m.end, stop), (row.label, *row.aliases)))
        )
    for row, match in zip(block.rows, matches, strict=True):
        if match is None:
            ids = [f"t2.{row.key}.{c.key}" for c in block.columns]
            _missing(stream, table, f"表二“{block.heading}”“{row.label}”行", ids, start)
    return rows


def _read_t2_rows(stream: Stream, table: TableRead, rows: Sequence[T2Row]) -> None:
    """Cells of table 二's rows; the column of the first value is learnt over all blocks."""
    header = None
    if rows:
        content = grid_column(stream, "信息内容", max(0, rows[0][2].start - 400), rows[0][2].start)
        header = content + 1 if content is not None else None  # values start right after it
    selected = aligned_rows(stream, [(m, pieces, len(block.columns)) for block, _, m, pieces in rows], header)
    pending: list[PendingRow] = []
    per_line = one_cell_per_line(selected)
    for (block, row, m, pieces), data in zip(rows, selected, strict=True):
        ids = tuple(f"t2.{row.key}.{c.key}" for c in block.columns)
        label = f"表二“{block.heading}”“{row.label}”行"
        if not data and not any(p.kind is PieceKind.TEXT for p in pieces):
            _blank_row(stream, table, ids, label, m)
            continue
        kinds = [block.kind_of(c.key) for c in block.columns]
        if (per_line and 0 < len(data) < len(kinds)) or lone_zero(data, len(kinds)):
            pending.append(PendingRow(ids, label, read_sparse(data, kinds)))
            continue
        pending.append(PendingRow(ids, label, read_row(data, kinds)))
    _settle(stream, table, pending)


def _heading(block_key: str) -> str:
    return dict(_block_headings()).get(block_key, block_key)
