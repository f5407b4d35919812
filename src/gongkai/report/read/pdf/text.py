"""Characters into printed lines and words: the text of a cell, a line, an unruled row.

A character is a glyph of the text layer or an OCR box (:class:`_Char`, PDF points, origin top-left).
Chinese is never separated by spaces: gaps between wide characters are justification, not words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any


class _Char:
    """One printed character with its box (PDF points, origin top-left)."""

    __slots__ = ("bottom", "confidence", "size", "text", "top", "unit", "upright", "x0", "x1")

    def __init__(
        self,
        text: str,
        x0: float,
        top: float,
        x1: float,
        bottom: float,
        *,
        size: float = 0.0,
        upright: bool = True,
        confidence: float | None = None,
    ) -> None:
        self.text = text
        self.x0 = float(x0)
        self.x1 = float(x1)
        self.top = float(top)
        self.bottom = float(bottom)
        self.size = max(float(size or 0.0), self.bottom - self.top, 1.0)
        self.upright = upright
        #: OCR recognition score of the box this character came from; None for a text layer
        self.confidence = confidence
        #: width of one character (an OCR box holds a whole run of text)
        self.unit = (self.x1 - self.x0) / max(len(text.strip()), 1)

    @classmethod
    def from_pdfplumber(cls, obj: dict[str, Any]) -> _Char:
        return cls(
            obj["text"],
            obj["x0"],
            obj["top"],
            obj["x1"],
            obj["bottom"],
            size=float(obj.get("size") or 0.0),
            upright=bool(obj.get("upright", True)),
        )

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2010-\u206f]")


def _is_wide(ch: str) -> bool:
    """CJK ideographs and full-width punctuation: never separated by a space in Chinese text."""
    return bool(_WIDE.match(ch))


def _visual_lines(chars: Sequence[_Char]) -> list[list[_Char]]:
    """Group characters into printed lines (top to bottom), each sorted left to right.

    A character joins the current line when its vertical centre is within half a character height
    of the line's first character; that keeps stacked one-character lines apart.
    """
    lines: list[list[_Char]] = []
    for ch in sorted(chars, key=lambda c: (c.cy, c.x0)):
        if lines:
            first = lines[-1][0]
            if abs(ch.cy - first.cy) < 0.5 * min(ch.size, first.size):
                lines[-1].append(ch)
                continue
        lines.append([ch])
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _line_text(line: Sequence[_Char]) -> str:
    """The text of one printed line.

    Spaces printed as characters are kept (runs collapsed). A gap wider than a third of the
    character size becomes a space only between two narrow characters (digits, Latin): justified
    Chinese is spread with gaps that are not spaces ("号 ， 邮 编" is 号，邮编). Between a Chinese
    character and a narrow one, only a gap wider than a character is a space (a column boundary).
    """
    out: list[str] = []
    prev: _Char | None = None
    for ch in line:
        text = ch.text
        if not text.strip():
            if out and out[-1] != " ":
                out.append(" ")
            prev = ch
            continue
        if prev is not None and prev.text.strip() and out and out[-1] != " ":
            gap = ch.x0 - prev.x1
            size = min(ch.size, prev.size)
            wide = _is_wide(prev.text[-1]), _is_wide(text[0])
            if gap > 0.33 * size and not any(wide):
                out.append(" ")
            elif gap > 1.0 * size and not all(wide):
                # A character-wide gap between a Chinese character and a digit is a column boundary
                # (a table without rules: "…禁止公开   0   0"), not the spacing Word puts there.
                out.append(" ")
        out.append(text)
        prev = ch
    return "".join(out).strip()


def _join_lines(parts: Iterable[str]) -> str:
    """Join the printed lines of one cell: a line broken by the cell width continues the word."""
    result = ""
    for part in parts:
        if not part:
            continue
        if (
            result
            and result[-1].isascii()
            and result[-1].isalpha()
            and part[0].isascii()
            and part[0].isalpha()
        ):
            result += " " + part
        else:
            result += part
    return result


def _segments(line: Sequence[_Char]) -> list[list[_Char]]:
    """Split a printed line where a gap marks an unruled column.

    Between Chinese characters the gap must be wider than two characters (justified Chinese is
    spread by up to about one); between digits or Latin letters, wider than one character (a
    number never has a gap of a full em inside it, while columns of numbers are that far apart).
    """
    segs: list[list[_Char]] = []
    prev: _Char | None = None  # the last visible character
    for ch in line:
        if not ch.text.strip():
            if segs:
                segs[-1].append(ch)  # a printed space stays inside its segment
            continue
        narrow = not (_is_wide(prev.text[-1]) or _is_wide(ch.text[0])) if prev is not None else False
        if prev is None or ch.x0 - prev.x1 > (1.0 if narrow else 2.0) * max(ch.size, prev.size):
            segs.append([ch])
        else:
            segs[-1].append(ch)
        prev = ch
    return segs


def _lowest(scores: Iterable[float | None]) -> float | None:
    known = [s for s in scores if s is not None]
    return min(known) if known else None


def _rotated(chars: Sequence[_Char]) -> list[list[_Char]]:
    """Lines of text rotated by 90°: columns of characters, each read top to bottom."""
    cols: list[list[_Char]] = []
    for ch in sorted(chars, key=lambda c: (c.cx, c.top)):
        if cols and abs(ch.cx - cols[-1][0].cx) < 0.5 * ch.size:
            cols[-1].append(ch)
        else:
            cols.append([ch])
    for col in cols:
        col.sort(key=lambda c: c.top)
    return cols
