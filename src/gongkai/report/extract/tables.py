"""Reading tables 二, 三 and 四 out of a stream, driven by the format declarations.

Each table is found by its labels (block headings, row labels) in printed order, within a region of
the document; the text between a row's label and the next label is that row's payload. Format
detection is per table and, for table 二, per block: the column headings printed decide between the
2021 and 2019 declarations, and table 三 is read with the 2021 rows when its （六） sub-rows are printed
and with the 2019 single （六）其他处理 row otherwise (real reports mix them).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..findings import Finding, Severity
from ..formats import FORMAT_2019, FORMAT_2021, Block, Format, Row, ValueKind
from ..model import Cell, CellValue
from .digitruns import SumRule
from .labels import Match, find_label, find_sequence, keys_for
from .numbers import MASKED, Piece, PieceKind, is_prose, pieces_of, select_data
from .rows import Candidate, RowRead, read_row
from .stream import CELL_SEP, Stream, compact

#: Above this many combinations of ambiguous rows, equations between rows are not searched.
MAX_COMBINATIONS = 50_000
#: Table 三 is taken as printed when at least this many of its row labels are found in order.
MIN_T3_ROWS = 5
#: At most this many table 三 rows printed with no value at all are read as blank rows.
MAX_BLANK_ROWS = 3
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


#: A table 二 row as found: its block, its declaration, where its label is, what follows it.
T2Row = tuple[Block, Row, Match, list[Piece]]


@dataclass
class PendingRow:
    """A row read but not yet turned into cells (candidates may still be narrowed)."""

    ids: tuple[str, ...]
    label: str  # Chinese name for messages
    read: RowRead


# ---- shared helpers ---------------------------------------------------------------------------------


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
    if equations and size <= MAX_COMBINATIONS and complete:
        owner = {cid: i for i, r in enumerate(ambiguous) for cid in r.ids}
        relevant = [eq for eq in equations if any(cid in owner for cid in (*eq[0], *eq[1]))]
        agree: list[set[int]] = [set() for _ in ambiguous]
        count = 0
        for combo in itertools.product(*(range(len(d)) for d in domains)):
            values = dict(fixed)
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


def _holds(eq: tuple[tuple[str, ...], tuple[str, ...]], values: dict[str, CellValue]) -> bool:
    """An equation holds, or cannot be evaluated (a cell absent, blank or text) and so says nothing."""
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


# ---- table 三 ---------------------------------------------------------------------------------------


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
    for (row, m), pieces, data in zip(found, payloads, selected, strict=True):
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
        pending.append(PendingRow(ids, label, read_row(data, kinds, rules)))
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


# ---- table 四 ---------------------------------------------------------------------------------------

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
    read = read_row(data, [ValueKind.COUNT] * n, rules)
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


# ---- table 二 ---------------------------------------------------------------------------------------


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
    for (block, row, m, pieces), data in zip(rows, selected, strict=True):
        ids = tuple(f"t2.{row.key}.{c.key}" for c in block.columns)
        label = f"表二“{block.heading}”“{row.label}”行"
        if not data and not any(p.kind is PieceKind.TEXT for p in pieces):
            _blank_row(stream, table, ids, label, m)
            continue
        pending.append(PendingRow(ids, label, read_row(data, [block.kind_of(c.key) for c in block.columns])))
    _settle(stream, table, pending)


def _heading(block_key: str) -> str:
    return dict(_block_headings()).get(block_key, block_key)
