"""Cell values: turning the text printed after a row label into pieces, and pieces into values.

A row's *payload* (the text between its label and the next label) is cut into pieces:

- ``NUM``   a number as printed: optional sign ("-", "+", or 减/增 as printed in 2019 本年增/减),
            digits (thousands separators allowed: "13,613"), optional decimals, optional unit
            (万元, 元, 件, 个, 条, 项 — bare or in brackets — or %), which is dropped;
- ``MARK``  a placeholder printed in a numeric cell: "/", "—", "-", "无", "空" …;
- ``TEXT``  anything else; short text between numbers is a text cell ("撤销"), longer text is prose;
- ``BLANK`` an empty cell between two pipes/tabs/table cells.

Pipes, tabs and real table cells are *strong* boundaries (an empty cell between two of them is a
blank cell); spaces, line breaks and commas between values are *weak* ones (they separate numbers
but never make a blank).
Fused digits are not split here; :mod:`.digitruns` does that with the table's arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from ..formats import ValueKind
from ..model import CellValue
from .stream import CELL_SEP


class PieceKind(StrEnum):
    NUM = "num"
    MARK = "mark"
    TEXT = "text"
    BLANK = "blank"


@dataclass(frozen=True)
class Piece:
    kind: PieceKind
    printed: str  # as printed (NFKC-normalised)
    start: int  # text offset in the stream
    core: str = ""  # NUM: sign + digits (+ decimals), units removed, 减/增 turned into -/+
    glued: bool = False  # TEXT: touches a number with no separator ("数据1"), so it is not a cell
    chunk: int = -1  # index of the cell (between pipes/tabs/table cells) it came from; -1: none
    col: int = -1  # that cell's position in its line, counted from the payload's first cell
    line: int = 0  # the line of the payload it is on (0: the label's own line)
    line_cells: int = 0  # how many cells that line has from the payload's first cell on


#: What a masked phrase (a group label cut out of a payload) is replaced with: not a value, not a
#: blank cell, not a space.
MASKED = "\ue000"
_NUMBER = re.compile(
    # thousands separators ("13,613") first, so that "13" is never read alone
    r"(?P<sign>[+\-−－]|减|增)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<unit>\((?:万元|元|件|个|条|项)\)|万元|元|件|个|条|项|%)?"
)
_MARKS = frozenset({"/", "\\", "-", "—", "——", "–", "―", "─", "－", "--", "无", "空", "×", "x", "X"})
_RULE = re.compile(r"^:?-{3,}:?$")  # a markdown table rule: |---|:---:|
_STRONG_SPLIT = re.compile(r"([|\t" + CELL_SEP + r"])")

_WORD = re.compile(r"[^\s" + MASKED + r"]+")
#: Quotes left over from a label ("3.危及“三安全一稳定”0") and markdown marks are not content.
_NOISE = str.maketrans({ch: " " for ch in "“”‘’\"'「」『』*#>`"})
#: A comma or 、 after a digit separates values ("1,0,0,0,0,0,1"), unless it groups thousands
#: ("13,613": exactly three digits follow).
_LIST_COMMA = re.compile(r"(?<=\d)[,;、](?=\d)(?!\d{3}(?!\d))")
_UNITS = frozenset({"万元", "(万元)", "元", "(元)", "件", "(件)", "个", "条", "项"})
_HAS_DIGIT = re.compile(r"\d")
_LIST_MARK = re.compile(r"[.、](?!\d)")
_SIGNED_INT = re.compile(r"[+-]?\d+")
_WHOLE = re.compile(r"[+-]?\d+\.0+")
_PROSE_PUNCT = re.compile(r"[，。；：,;:！？!?、【】《》]")


def pieces_of(text: str, base: int) -> list[Piece]:
    """Cut a payload (text starting at stream offset ``base``) into pieces, in order.

    An empty cell is a BLANK piece when it is certainly a cell: between two separators, or — in a
    real table's row (cells separated by CELL_SEP, lines not terminated by one) — the first or last
    cell of a line. Never on a later line that holds the start of the next label (its empty cells
    belong to that row); and a pipe at the start or end of a line ("| 0 | 0 |") only delimits.
    """
    text = _LIST_COMMA.sub(" ", text.translate(_NOISE))
    out: list[Piece] = []
    lines = text.split("\n")
    line_offset = 0
    chunk_id = 0
    for li, line in enumerate(lines):
        parts = _STRONG_SPLIT.split(line)
        chunks, seps = parts[0::2], parts[1::2]
        offset = line_offset
        last_line = li == len(lines) - 1
        first_piece = len(out)
        for ci, chunk in enumerate(chunks):
            words = list(_WORD.finditer(chunk))
            if words:
                for w in words:
                    cell = (chunk_id, ci, li) if seps else (-1, -1, li)
                    out.extend(_word_pieces(w.group(), base + offset + w.start(), cell))
            elif (
                MASKED not in chunk
                and seps
                and not (last_line and li > 0)
                and _is_cell(ci, len(chunks), seps, li)
            ):
                out.append(Piece(PieceKind.BLANK, "", base + offset, chunk=chunk_id, col=ci, line=li))
            chunk_id += 1
            offset += len(chunk) + (1 if ci < len(seps) else 0)
        if seps:
            out[first_piece:] = [replace(p, line_cells=len(chunks)) for p in out[first_piece:]]
        line_offset += len(line) + 1
    return out


def _is_cell(ci: int, count: int, seps: list[str], line_index: int) -> bool:
    if 0 < ci < count - 1:
        return True
    if ci == count - 1:
        return seps[-1] == CELL_SEP  # a table row's last cell, left empty
    # The first chunk of the payload's first line is the rest of the label's own cell.
    return line_index > 0 and seps[0] == CELL_SEP


def _word_pieces(word: str, start: int, cell: tuple[int, int, int]) -> list[Piece]:
    chunk, col, line = cell
    if word.isdigit():  # the common case, kept fast
        return [Piece(PieceKind.NUM, word, start, core=word, chunk=chunk, col=col, line=line)]
    if _RULE.match(word) or word in _UNITS:
        return []
    if word in _MARKS:
        return [Piece(PieceKind.MARK, word, start, chunk=chunk, col=col, line=line)]
    if not any(ch.isalnum() for ch in word):
        return []  # stray brackets or punctuation left around a masked heading: "(", ")"
    result: list[Piece] = []
    pos = 0
    for m in _NUMBER.finditer(word):
        if m.start() != pos:
            break  # text follows: the rest of the word is one text piece
        sign = m.group("sign") or ""
        sign = {"减": "-", "增": "+", "−": "-", "－": "-"}.get(sign, sign)
        core = sign + m.group("num").replace(",", "")
        result.append(
            Piece(PieceKind.NUM, m.group(), start + pos, core=core, chunk=chunk, col=col, line=line)
        )
        pos = m.end()
    if pos < len(word):
        # Text touching a number inside one word ("数据1", "年,左岭…1起") is a label or prose, and the
        # numbers inside it belong to it; numbers *before* it are data fused with the next words
        # ("0000000四、政府信息公开…").
        rest = word[pos:]
        if result and _LIST_MARK.match(rest) and result[-1].core.isdigit():
            # "…0 0 02.其他法律…": the digit before "." is the list number of a row label that was
            # not recognised, not a value of this row.
            last = result.pop()
            if len(last.core) > 1:
                result.append(
                    Piece(
                        PieceKind.NUM,
                        last.core[:-1],
                        last.start,
                        core=last.core[:-1],
                        chunk=chunk,
                        col=col,
                        line=line,
                    )
                )
            pos -= 1
            rest = word[pos:]
        result.append(
            Piece(
                PieceKind.TEXT,
                rest,
                start + pos,
                glued=bool(result) or _HAS_DIGIT.search(rest) is not None,
                chunk=chunk,
                col=col,
                line=line,
            )
        )
    return result


def is_prose(piece: Piece) -> bool:
    """Text that cannot be a cell value: longer than a word ("撤销", "不适用"), punctuated, or glued
    to numbers (row labels are longer, so an unrecognised label is not taken for a cell)."""
    if piece.kind is not PieceKind.TEXT:
        return False
    return piece.glued or len(piece.printed) > 4 or bool(_PROSE_PUNCT.search(piece.printed))


def _wrapped_label(piece: Piece, data: list[Piece]) -> bool:
    """Words on a line below values printed side by side, outside any table cell: the rest of a
    label wrapped in its column ("2.其他法律行政法规禁 0 0 0 0 0 0 0" / "止公开" in a PDF table without
    rules), not a text cell. (One value per line — a cell per line — keeps its text cells.)"""
    last = data[-1]
    side_by_side = sum(1 for d in data if d.line == last.line) >= 2
    return piece.chunk < 0 and piece.line > last.line and side_by_side


def select_data(pieces: list[Piece], n: int) -> list[Piece]:
    """The pieces that make up a row's cells: from the first value to the first prose after it.

    Short text between values is a text cell ("撤销"). Blanks and short text *before* the first
    value, and blanks after the last, are cells only when the row needs them to have ``n`` cells
    (an empty or "撤销" first or last cell); otherwise they are layout (a repeated label cell, the
    empty cells a pipe table ends with). When both ends could supply the missing cells and not all
    of them are needed, none is taken (the row is not read) — unless the table's columns place them
    (see tables.aligned_rows).
    """
    lead: list[Piece] = []
    data: list[Piece] = []
    for p in pieces:
        if p.kind is PieceKind.TEXT and (is_prose(p) or (data and _wrapped_label(p, data))):
            if data:
                break
            lead.clear()  # junk before the row's cells: what follows it starts afresh
            continue
        if not data and p.kind in (PieceKind.BLANK, PieceKind.TEXT):
            lead.append(p)
            continue
        data.append(p)
    if not data and any(p.kind is PieceKind.TEXT for p in lead):
        data, lead = lead, []  # a row of text cells only ("撤销", or a cell spanning the row)
    trail: list[Piece] = []
    while data and data[-1].kind is PieceKind.BLANK:
        trail.insert(0, data.pop())
    while len(data) > n and data[-1].kind is PieceKind.TEXT:
        data.pop()
    need = n - len(data)
    if need > 0 and data:
        # Layout cells (a label spanning columns, a table wider than the row) lie further from the
        # values than the row's own empty cells, so the nearest ones are taken — from one side only.
        if len(lead) + len(trail) == need:
            data = [*lead, *data, *trail]
        elif not trail and len(lead) >= need:
            data = [*lead[len(lead) - need :], *data]
        elif not lead and len(trail) >= need:
            data = [*data, *trail[:need]]
    return data


def value_of(piece: Piece, kind: ValueKind) -> CellValue:
    """The value of one piece in a cell of ``kind`` (see model.CellValue)."""
    if piece.kind is PieceKind.BLANK:
        return None
    if piece.kind is not PieceKind.NUM:
        return piece.printed
    return parse_number(piece.core, kind)


def parse_number(core: str, kind: ValueKind) -> CellValue:
    """ "12" → 12, "-3" → -3, "779.508355" → Decimal. In a count column "6.0" / "6.00" (how
    spreadsheets print whole numbers) is 6; a count with a real fraction ("1.5") stays Decimal, for
    the rules to report."""
    if kind is ValueKind.DECIMAL:
        try:
            return Decimal(core)
        except InvalidOperation:  # pragma: no cover - the regex only lets numbers through
            return core
    if core.isdigit() or _SIGNED_INT.fullmatch(core):
        return int(core)
    if _WHOLE.fullmatch(core):
        return int(core.split(".")[0])
    return Decimal(core)
