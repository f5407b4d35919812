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
from dataclasses import dataclass
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


_NUMBER = re.compile(
    # thousands separators ("13,613") first, so that "13" is never read alone
    r"(?P<sign>[+\-−－]|减|增)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<unit>\((?:万元|元|件|个|条|项)\)|万元|元|件|个|条|项|%)?"
)
_MARKS = frozenset({"/", "\\", "-", "—", "——", "–", "―", "─", "－", "--", "无", "空", "×", "x", "X"})
_RULE = re.compile(r"^:?-{3,}:?$")  # a markdown table rule: |---|:---:|
_STRONG = re.compile(r"[|\t" + CELL_SEP + r"]")
_WORD = re.compile(r"\S+")
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
    """Cut a payload (text starting at stream offset ``base``) into pieces, in order."""
    text = _LIST_COMMA.sub(" ", text.translate(_NOISE))
    out: list[Piece] = []
    pos = 0
    chunks: list[tuple[int, str]] = []
    for m in _STRONG.finditer(text):
        chunks.append((pos, text[pos : m.start()]))
        pos = m.end()
    chunks.append((pos, text[pos:]))
    strong = len(chunks) > 1
    for i, (offset, chunk) in enumerate(chunks):
        words = list(_WORD.finditer(chunk))
        if not words:
            if strong and 0 < i < len(chunks) - 1:
                out.append(Piece(PieceKind.BLANK, "", base + offset))
            continue
        for w in words:
            out.extend(_word_pieces(w.group(), base + offset + w.start(), i if strong else -1))
    return out


def _word_pieces(word: str, start: int, chunk: int) -> list[Piece]:
    if word.isdigit():  # the common case, kept fast
        return [Piece(PieceKind.NUM, word, start, core=word, chunk=chunk)]
    if _RULE.match(word) or word in _UNITS:
        return []
    if word in _MARKS:
        return [Piece(PieceKind.MARK, word, start, chunk=chunk)]
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
        result.append(Piece(PieceKind.NUM, m.group(), start + pos, core=core, chunk=chunk))
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
                    Piece(PieceKind.NUM, last.core[:-1], last.start, core=last.core[:-1], chunk=chunk)
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
            )
        )
    return result


def is_prose(piece: Piece) -> bool:
    """Text that cannot be a cell value: longer than a word ("撤销", "不适用"), punctuated, or glued
    to numbers (row labels are longer, so an unrecognised label is not taken for a cell)."""
    if piece.kind is not PieceKind.TEXT:
        return False
    return piece.glued or len(piece.printed) > 4 or bool(_PROSE_PUNCT.search(piece.printed))


def select_data(pieces: list[Piece], n: int) -> list[Piece]:
    """The pieces that make up a row's cells: from the first value to the first prose after it.

    Text before the first value is skipped (header junk); short text between values is a text cell
    ("撤销"); trailing blanks and text beyond ``n`` pieces are dropped.
    """
    data: list[Piece] = []
    for p in pieces:
        if p.kind is PieceKind.BLANK:
            if data:
                data.append(p)
            continue
        if p.kind is PieceKind.TEXT:
            if is_prose(p):
                if data:
                    break
                continue
            if not data:
                continue
        data.append(p)
    while len(data) > n and data[-1].kind in (PieceKind.BLANK, PieceKind.TEXT):
        data.pop()
    while data and data[-1].kind is PieceKind.BLANK:
        data.pop()
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
