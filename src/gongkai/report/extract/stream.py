"""The document as one normalised string, with a compact view for label matching.

Every extraction step works on a :class:`Stream`: the layout's cells concatenated (NFKC-normalised,
TEXT lines and ROW lines ended by ``\\n``, ROW cells separated by ``\\x1f``), and a *compact* view
of it with whitespace, table rules, quotes and markdown emphasis removed. Labels are searched in the
compact view — so "商业\\n企业", "结 果 维 持" and "三安全一稳定" with or without quotes all match —
while numbers are read from the full text, where spacing is still visible. Offsets map back to the
layout cell (and so to its :class:`SourceSpan`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from ..model import SourceSpan
from ..read.layout import Layout, LayoutCell, LineKind

#: Separates the cells of a ROW line in the stream (a strong cell boundary, like "|").
CELL_SEP = "\x1f"

#: Characters the compact view drops: whitespace, cell separators, pipes, quotes, markdown marks.
_SKIP = re.compile(r"[\s|\x1f“”‘’\"'「」『』*#>`]+")
#: A list number written "1、" or "1，" is the same as "1." (the formats print "1.").
_DIGIT_COMMA = re.compile(r"(?<=\d)[、,]")
#: Other commas inside labels vary between "、" and "," (“逾期不补正, 行政机关…”); one form for matching.
_COMMA = re.compile(r"(?<!\d),|,(?!\d)")


def compact(text: str) -> str:
    """The compact form of a label or phrase: NFKC, no whitespace/quotes/pipes, "1、" → "1."."""
    return _COMMA.sub("、", _DIGIT_COMMA.sub(".", _SKIP.sub("", unicodedata.normalize("NFKC", text))))


@dataclass
class Stream:
    file: str
    text: str
    compact: str
    cells: list[LayoutCell]
    cell_starts: list[int]
    # compact → text offsets: segment i starts at compact offset seg_c[i] and text offset seg_t[i]
    seg_c: list[int] = field(default_factory=list)
    seg_t: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, layout: Layout) -> Stream:
        parts: list[str] = []
        cells: list[LayoutCell] = []
        starts: list[int] = []
        offset = 0
        for line in layout.lines:
            sep = CELL_SEP if line.kind is LineKind.ROW else ""
            for i, cell in enumerate(line.cells):
                if i and line.kind is LineKind.ROW and cell == line.cells[i - 1]:
                    # a merged cell repeated in the slots it spans (same text, same span): printed once
                    continue
                text = unicodedata.normalize("NFKC", cell.text).replace("\n", " ")
                if i:
                    parts.append(sep)
                    offset += len(sep)
                cells.append(cell)
                starts.append(offset)
                parts.append(text)
                offset += len(text)
            parts.append("\n")
            offset += 1
        text = "".join(parts)
        seg_c: list[int] = []
        seg_t: list[int] = []
        pieces: list[str] = []
        c = 0
        pos = 0
        for m in _SKIP.finditer(text):
            if m.start() > pos:
                seg_c.append(c)
                seg_t.append(pos)
                pieces.append(text[pos : m.start()])
                c += m.start() - pos
            pos = m.end()
        if pos < len(text):
            seg_c.append(c)
            seg_t.append(pos)
            pieces.append(text[pos:])
        joined = _COMMA.sub("、", _DIGIT_COMMA.sub(".", "".join(pieces)))
        return cls(layout.file, text, joined, cells, starts, seg_c, seg_t)

    # ---- offsets ---------------------------------------------------------------------------------
    def to_text(self, c: int) -> int:
        """Text offset of compact offset ``c`` (``len(compact)`` maps to the end of the text)."""
        if c >= len(self.compact):
            return len(self.text)
        i = bisect_right(self.seg_c, c) - 1
        return self.seg_t[i] + (c - self.seg_c[i])

    def to_text_end(self, c_end: int) -> int:
        """Text offset just after the compact character ``c_end - 1``."""
        if c_end <= 0:
            return 0
        return self.to_text(c_end - 1) + 1

    def span_at(self, t: int) -> SourceSpan:
        """The source span of the layout cell holding text offset ``t``."""
        i = max(0, bisect_right(self.cell_starts, t) - 1)
        return self.cells[i].span if self.cells else SourceSpan(file=self.file)
