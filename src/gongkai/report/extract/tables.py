"""What the readers of tables 二, 三 and 四 share: a row's payload (the pieces between its label
and the next), rows printed in aligned columns, and settling the rows read — candidates narrowed by
the equations between rows (the format's totals), ambiguity left open with a finding.

The readers themselves are :mod:`.table2`, :mod:`.table3` and :mod:`.table4`.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..findings import Finding, Severity
from ..model import Cell, CellValue
from .labels import Match
from .numbers import MASKED, Piece, PieceKind, is_prose, pieces_of, select_data
from .rows import Candidate, RowRead
from .stream import CELL_SEP, Stream, compact

#: Above this many combinations of ambiguous rows, equations between rows are not searched.
MAX_COMBINATIONS = 50_000
#: The same bound when a row's candidates are placements of dropped blank cells (.dropped): shifted
#: placements satisfy the same equations, so a large search rarely decides and costs the throughput.
MAX_PLACEMENT_COMBINATIONS = 1_000


_SEPARATORS = "|\t" + CELL_SEP


@dataclass
class TableRead:
    """The cells read from one table, its detected format, and the reading findings."""

    table: str
    format: str | None = None
    cells: dict[str, Cell] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    start: int | None = None  # compact offsets of the region actually used
    end: int | None = None
    block_formats: dict[str, str] = field(default_factory=dict)


@dataclass
class PendingRow:
    """A row read but not yet turned into cells (candidates may still be narrowed)."""

    ids: tuple[str, ...]
    label: str  # Chinese name for messages
    read: RowRead


def payload(
    stream: Stream, c_start: int, c_end: int, masks: Sequence[Match] = (), *, row_ends_at_mask: bool = False
) -> list[Piece]:
    """The pieces printed between two compact offsets, with masked phrases cut out.

    With ``row_ends_at_mask``, a masked phrase (a group label such as （三）不予公开) after the row's
    first digit ends the row: what follows belongs to the group (some agencies print subtotals on
    group rows), not to this row."""
    if row_ends_at_mask:
        for m in sorted(masks, key=lambda m: m.start):
            if c_start < m.start < c_end and any(ch.isdigit() for ch in stream.compact[c_start : m.start]):
                c_end = m.start
                break
    t_start = stream.to_text_end(c_start)
    t_end = stream.to_text(c_end)
    if t_end <= t_start:
        return []
    chars = list(stream.text[t_start:t_end])
    for m in masks:
        if m.end <= c_start or m.start >= c_end:
            continue
        a = max(stream.to_text(max(m.start, c_start)), t_start)
        b = min(stream.to_text_end(min(m.end, c_end)), t_end)
        for i in range(a - t_start, b - t_start):
            chars[i] = MASKED  # separates words like a space, but a masked cell is not a blank one
    return pieces_of("".join(chars), t_start)


def without_own_label(pieces: list[Piece], labels: Sequence[str]) -> list[Piece]:
    """Drop the row's label printed again in a cell of its own (a merged label cell repeated)."""
    keys = {compact(label) for label in labels}
    return [p for p in pieces if not (p.kind is PieceKind.TEXT and compact(p.printed) in keys)]


def label_column(stream: Stream, m: Match) -> int:
    """How many cells precede the label on its line (0 when the line has no cell separators)."""
    t = stream.to_text(m.start)
    line_start = stream.text.rfind("\n", 0, t) + 1
    return sum(1 for ch in stream.text[line_start:t] if ch in _SEPARATORS)


def grid_column(stream: Stream, phrase: str, start: int, end: int) -> int | None:
    """The column of a heading cell in a real table's row (a ROW line), or None: only a real
    table's grid guarantees that headings stand above their values (pipe text often does not)."""
    pos = stream.compact.find(compact(phrase), start, end)
    if pos < 0:
        return None
    t = stream.to_text(pos)
    line_start = stream.text.rfind("\n", 0, t) + 1
    line_end = stream.text.find("\n", t)
    if CELL_SEP not in stream.text[line_start : line_end if line_end >= 0 else None]:
        return None
    return sum(1 for ch in stream.text[line_start:t] if ch in _SEPARATORS)


def aligned_rows(
    stream: Stream, rows: Sequence[tuple[Match, list[Piece], int]], header_first: int | None = None
) -> list[list[Piece]]:
    """Each row's data pieces (see numbers.select_data), placed by column where the table shows it.

    In a table whose rows are cells on a line (a real table, or pipe rows), the rows printed in full
    tell in which column the first value stands (counted from the line start, so label cells of
    different widths do not matter) — or, when that varies, how many cells follow the last value. A row with empty or text cells is then read cell by cell from
    that column — "| 三、本年度办理结果 | （一）予以公开 |  |  | 5 | 141 |  |  | 1131 |  |" has an
    empty layout cell *and* an empty 自然人 cell before the 5 — instead of by counting pieces.
    Without a column agreed by every full row, the column of the first value's heading in a real
    table (``header_first``) is used; without either, rows are read as select_data reads them.
    """
    labels = [label_column(stream, m) for m, _, _ in rows]
    selected = [select_data(pieces, n) for _, pieces, n in rows]
    firsts: Counter[int] = Counter()  # the first value's column, counted from the line start
    tails: Counter[int] = Counter()  # cells after the last value, to the line end
    for label_col, data, (_, _, n) in zip(labels, selected, rows, strict=True):
        if _full_row(data, n):
            firsts[label_col + data[0].col] += 1
            tails[data[-1].line_cells - 1 - data[-1].col] += 1
    first = _agreed(firsts)
    if first is None and header_first is not None and set(firsts) <= {header_first}:
        first = header_first  # the heading's column, which no full row contradicts
    tail = _agreed(tails) if first is None else None
    if first is None and tail is None:
        # no column to go by, or full rows that disagree with each other
        return [_unless_doubtful(d, p, n) for d, (_, p, n) in zip(selected, rows, strict=True)]
    result: list[list[Piece]] = []
    for label_col, data, (_, pieces, n) in zip(labels, selected, rows, strict=True):
        if not _odd_cells(data, pieces):
            result.append(data)
            continue
        if first is not None:
            start = first - label_col
        else:
            assert tail is not None
            line_cells = max((p.line_cells for p in pieces if p.line == 0), default=0)
            start = line_cells - tail - n
        by_col = _by_column(pieces, start, n) if start >= 0 else None
        result.append(by_col if by_col is not None else _unless_doubtful(data, pieces, n))
    return result


def _leading_cell(data: Sequence[Piece], pieces: Sequence[Piece]) -> bool:
    """An empty or text cell on the label's line before the row's first value."""
    first = data[0].start if data else len(pieces) and pieces[-1].start + 1
    return any(
        p.line == 0
        and p.start < first
        and (p.kind is PieceKind.BLANK or (p.kind is PieceKind.TEXT and not is_prose(p)))
        for p in pieces
    )


def _odd_cells(data: Sequence[Piece], pieces: Sequence[Piece]) -> bool:
    """The row has empty cells on its line, or a text cell before its values."""
    return any(p.kind is PieceKind.BLANK and p.line == 0 for p in pieces) or _leading_cell(data, pieces)


def _unless_doubtful(data: list[Piece], pieces: Sequence[Piece], n: int) -> list[Piece]:
    """Without columns to go by, a row with an empty cell before its values whose last two values
    repeat (" | 0 | 0" for two cells: an empty first cell and a merged last one — or a layout cell
    and two values?) cannot be read; it is returned short, so it is reported, not guessed."""
    repeated = len(data) >= 2 and data[-1].printed == data[-2].printed and data[-1].chunk != data[-2].chunk
    if _leading_cell(data, pieces) and repeated and len(data) == n and data[-1].chunk >= 0:
        return data[:-1]
    return data


def _agreed(counts: Counter[int]) -> int | None:
    """The column most full rows agree on — at least two of them and two thirds of all (a row whose
    merged last cell repeats can look full in the wrong place; it is outvoted)."""
    if not counts:
        return None
    value, count = counts.most_common(1)[0]
    return value if count >= 2 and count * 3 >= 2 * sum(counts.values()) else None


def _full_row(data: Sequence[Piece], n: int) -> bool:
    """n values on the label's line, in consecutive cells, none of them empty or text."""
    return (
        len(data) == n
        and all(p.kind in (PieceKind.NUM, PieceKind.MARK) and p.line == 0 and p.col >= 0 for p in data)
        and all(p.col == data[0].col + j for j, p in enumerate(data))
    )


def _by_column(pieces: Sequence[Piece], first: int, n: int) -> list[Piece] | None:
    on_line = [p for p in pieces if p.line == 0 and p.col >= 0]
    cells: list[Piece] = []
    for col in range(first, first + n):
        here = [p for p in on_line if p.col == col]
        if len(here) != 1 or (here[0].kind is PieceKind.TEXT and is_prose(here[0])):
            return None  # a cell missing, or holding several values or prose: not this layout
        cells.append(here[0])
    for p in on_line:
        if p.col < first and p.kind in (PieceKind.NUM, PieceKind.MARK):
            return None  # a value before the first column: not this layout
        if p.col >= first + n and p.kind is not PieceKind.BLANK and p.printed != cells[-1].printed:
            return None  # after the last column only a merged last cell may repeat
    return cells


def masks_for(stream: Stream, phrases: Sequence[str], start: int, end: int) -> list[Match]:
    out: list[Match] = []
    for phrase in phrases:
        key = compact(phrase)
        pos = stream.compact.find(key, start, end)
        while pos >= 0:
            out.append(Match(pos, pos + len(key), key))
            pos = stream.compact.find(key, pos + len(key), end)
    return out


def _cells_of(stream: Stream, ids: Sequence[str], candidate: Candidate) -> dict[str, Cell]:
    return {
        cid: Cell(cid, c.value, c.printed, stream.span_at(c.start))
        for cid, c in zip(ids, candidate, strict=True)
    }


def _fmt_candidate(candidate: Candidate) -> str:
    return "/".join(c.printed for c in candidate)


def _settle(
    stream: Stream,
    table: TableRead,
    pending: Sequence[PendingRow],
    equations: Sequence[tuple[tuple[str, ...], tuple[str, ...]]] = (),
) -> None:
    """Turn pending rows into cells: unique rows directly; ambiguous rows through the equations
    between rows when exactly one choice (per row) satisfies all of them; the rest → findings."""
    fixed: dict[str, CellValue] = {}
    ambiguous: list[PendingRow] = []
    for row in pending:
        if len(row.read.candidates) == 1 and row.read.complete:
            cells = _cells_of(stream, row.ids, row.read.candidates[0])
            table.cells.update(cells)
            fixed.update({cid: c.value for cid, c in cells.items()})
        elif row.read.candidates:
            ambiguous.append(row)
        else:
            _unreadable(stream, table, row)
    if not ambiguous:
        return
    chosen: dict[int, Candidate] = {}
    domains = [r.read.candidates for r in ambiguous]
    size = 1
    for d in domains:
        size *= len(d)
    complete = all(r.read.complete for r in ambiguous)
    bound = MAX_PLACEMENT_COMBINATIONS if any(r.read.run is None for r in ambiguous) else MAX_COMBINATIONS
    if equations and size <= bound and complete:
        owner = {cid: i for i, r in enumerate(ambiguous) for cid in r.ids}
        relevant = [eq for eq in equations if any(cid in owner for cid in (*eq[0], *eq[1]))]
        agree: list[set[int]] = [set() for _ in ambiguous]
        count = 0
        values = dict(fixed)  # the ambiguous rows' cells are overwritten by every combination
        for combo in itertools.product(*(range(len(d)) for d in domains)):
            for i, choice in enumerate(combo):
                for cid, c in zip(ambiguous[i].ids, domains[i][choice], strict=True):
                    values[cid] = c.value
            if relevant and all(_holds(eq, values) for eq in relevant):
                count += 1
                for i, choice in enumerate(combo):
                    agree[i].add(choice)
        if count:
            for i, choices in enumerate(agree):
                if len(choices) == 1:
                    chosen[i] = domains[i][next(iter(choices))]
    for i, row in enumerate(ambiguous):
        if i in chosen:
            table.cells.update(_cells_of(stream, row.ids, chosen[i]))
            continue
        shown = "；".join(_fmt_candidate(c) for c in row.read.candidates[:4])
        more = "" if len(row.read.candidates) <= 4 else f" 等 {len(row.read.candidates)} 种"
        if row.read.run is None:
            _agreed_cells(stream, table, row, f"{shown}{more}")
            continue
        table.findings.append(
            Finding(
                "READ-AMBIGUOUS-SPLIT",
                Severity.WARNING,
                f"{row.label}印为连写数字“{row.read.run}”，可拆分为 {shown}{more}，"
                "无法确定是哪一种（表内勾稽关系也不能区分），未读取该行",
                cells=row.ids,
                expected=[[c.printed for c in cand] for cand in row.read.candidates[:16]],
                actual=row.read.run,
                location=stream.span_at(row.read.start),
            )
        )


def _agreed_cells(stream: Stream, table: TableRead, row: PendingRow, shown: str) -> None:
    """A row whose numbers could stand in several columns (blank cells not printed, see .dropped):
    the cells on which every placement agrees are read, the others stay open with a finding."""
    cands = row.read.candidates
    open_ids: list[str] = []
    for j, cid in enumerate(row.ids):
        values = {c[j].value for c in cands}
        if len(values) == 1:
            table.cells.update(_cells_of(stream, (cid,), (cands[0][j],)))
        else:
            open_ids.append(cid)
    table.findings.append(
        Finding(
            "READ-AMBIGUOUS-SPLIT",
            Severity.WARNING,
            f"{row.label}只印出非空单元格（空白单元格未印出），印出的数可放入的列有 {shown}，"
            "无法确定是哪一种（表内勾稽关系也不能区分），未读取各种放法不一致的单元格",
            cells=tuple(open_ids),
            expected=[[c.printed for c in cand] for cand in cands[:16]],
            location=stream.span_at(row.read.start),
        )
    )


def _holds(eq: tuple[tuple[str, ...], tuple[str, ...]], values: dict[str, CellValue]) -> bool:
    """An equation holds, or cannot be evaluated (a cell absent, blank or text) and so says nothing."""
    ints = [values.get(cid) for cid in (*eq[0], *eq[1])]
    if all(type(v) is int for v in ints):  # the common case, without Decimal arithmetic
        return sum(ints[: len(eq[0])]) == sum(ints[len(eq[0]) :])  # type: ignore[arg-type]
    total = Decimal(0)
    for sign, side in ((1, eq[0]), (-1, eq[1])):
        for cid in side:
            v = values.get(cid)
            if not isinstance(v, (int, Decimal)):
                return True
            total += sign * Decimal(v)
    return total == 0


def _unreadable(stream: Stream, table: TableRead, row: PendingRow) -> None:
    table.findings.append(
        Finding(
            "READ-UNREADABLE-CELL",
            Severity.WARNING,
            f"{row.label}：{row.read.problem or '无法读取'}，未读取该行",
            cells=row.ids,
            actual=row.read.run,
            location=stream.span_at(row.read.start),
        )
    )


def _blank_row(stream: Stream, table: TableRead, ids: tuple[str, ...], label: str, m: Match) -> None:
    """The label is printed with nothing after it (or only empty cells): its cells are blank."""
    span = stream.span_at(stream.to_text(m.start))
    for cid in ids:
        table.cells[cid] = Cell(cid, None, None, span)
    table.findings.append(
        Finding(
            "READ-BLANK-ROW",
            Severity.INFO,
            f"{label}未填任何数字，按空白单元格读取",
            cells=ids,
            location=span,
        )
    )


def _missing(stream: Stream, table: TableRead, label: str, ids: Sequence[str], at: int) -> None:
    table.findings.append(
        Finding(
            "READ-MISSING-ROW",
            Severity.WARNING,
            f"{label}未找到，该行各单元格未读取",
            cells=tuple(ids),
            location=stream.span_at(stream.to_text(at)),
        )
    )
