"""One page: page numbers and running headers/footers removed, ruled tables built, the remaining
text as TEXT lines or runs of unruled rows, everything in reading order (:class:`_Item`).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import limits
from .ruling import _assign_chars, _build_table, _Table, _table_cells
from .text import _Char, _join_lines, _line_text, _lowest, _segments, _visual_lines

_PAGE_MARGIN = 0.12  # share of the page height at the top and bottom where page numbers live


@dataclass
class _PageSource:
    """What one page offers: its characters (text layer or OCR boxes) and its table rules."""

    number: int
    height: float
    chars: list[_Char]
    edges: list[dict[str, Any]]
    ocr: bool = False  # the characters are OCR boxes
    #: the cells of each ruled table on the page
    tables: list[list[tuple[float, float, float, float]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.edges) > limits.MAX_RULES_PER_PAGE:
            # A drawing (a chart, a hatched seal), not a table: finding cells in it would take time
            # quadratic in the number of lines. Its text is still read, as lines.
            self.edges = []
        self.tables = [cells for cells in _table_cells(self.edges) if cells]


@dataclass
class _Item:
    """One thing on a page in reading order: a text line, a table, or a run of unruled rows."""

    top: float
    kind: str  # "text", "table", "rows"
    text: str = ""
    confidence: float | None = None
    table: _Table | None = None
    rows: list[list[tuple[str, float | None]]] = field(default_factory=list)
    size: float = 0.0  # character size of a text line
    bottom: float = 0.0
    heading: bool = False  # a text line set larger than the text, centred


_PAGE_NUMBER = re.compile(
    r"^(?:[-－—–─_~·•\s]*\d{1,4}[-－—–─_~·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$"
)


def _decoration_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _decorations(pages: Sequence[_PageSource]) -> set[int]:
    """ids of the characters of page numbers and running headers/footers.

    Candidates are the outermost two lines at the top and at the bottom of a page, outside ruled
    tables and inside the page margin. A page number is a line that is nothing but a number with
    dashes, 第…页 or n/m; a running header/footer is candidate text (digits ignored) repeated on at
    least half of the pages (and at least three).
    """
    drop: set[int] = set()
    seen: Counter[str] = Counter()
    margin_lines: list[tuple[str, list[_Char]]] = []
    for page in pages:
        boxes = [_bbox_of(cells) for cells in page.tables]
        lines = _visual_lines([c for c in page.chars if not any(_inside(c, box) for box in boxes)])
        outer = lines[:2] + lines[2:][-2:]
        keys: set[str] = set()
        for line in outer:
            top = min(c.top for c in line)
            bottom = max(c.bottom for c in line)
            if _PAGE_MARGIN * page.height < top and bottom < (1 - _PAGE_MARGIN) * page.height:
                continue
            text = _line_text(line)
            if _PAGE_NUMBER.match(text):
                drop.update(id(c) for c in line)
                continue
            key = _decoration_key(text)
            if key:
                keys.add(key)
                margin_lines.append((key, line))
        seen.update(keys)
    needed = max(3, (len(pages) + 1) // 2)  # on a two-page document a heading may top both pages
    for key, line in margin_lines:
        if seen[key] >= needed:
            drop.update(id(c) for c in line)
    return drop


def _bbox_of(cells: Sequence[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (
        min(b[0] for b in cells),
        min(b[1] for b in cells),
        max(b[2] for b in cells),
        max(b[3] for b in cells),
    )


def _inside(ch: _Char, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= ch.cx <= box[2] and box[1] <= ch.cy <= box[3]


def _page_items(source: _PageSource, drop: set[int], body_size: float) -> list[_Item]:
    """Ruled tables and the remaining lines of one page, in reading order."""
    chars = [c for c in source.chars if id(c) not in drop]
    items: list[_Item] = []
    for bboxes in source.tables:
        table = _build_table(bboxes, source.number)
        box = _bbox_of(bboxes)
        inside = [c for c in chars if _inside(c, box)]
        outside = [c for c in chars if not _inside(c, box)]
        chars = outside + _assign_chars(table, inside)
        items.append(_Item(top=box[1], kind="table", table=table))
    items.extend(_loose_lines(chars, body_size))
    items.sort(key=lambda item: item.top)
    return items


def _loose_lines(chars: list[_Char], body_size: float) -> list[_Item]:
    """Text outside ruled tables: TEXT lines, and runs of column-aligned lines as unruled rows.

    ``body_size`` is the usual character size of the document; larger lines are headings.
    """
    items: list[_Item] = []
    run: list[tuple[float, list[tuple[str, float | None]]]] = []
    visible = [c for c in chars if c.text.strip()]
    left = min((c.x0 for c in visible), default=0.0)
    right = max((c.x1 for c in visible), default=0.0)

    def centred(line: Sequence[_Char]) -> bool:
        """Set in the middle of the text block and narrower than it (a heading, not prose)."""
        x0, x1 = min(c.x0 for c in line), max(c.x1 for c in line)
        return abs((x0 + x1) / 2 - (left + right) / 2) < 0.06 * (right - left) and x1 - x0 < 0.9 * (
            right - left
        )

    def flush() -> None:
        if len(run) >= 2:
            items.append(_Item(top=run[0][0], kind="rows", rows=[cells for _, cells in run]))
        else:
            for top, cells in run:
                text = " ".join(t for t, _ in cells)
                items.append(_Item(top=top, kind="text", text=text, confidence=_lowest(c for _, c in cells)))
        run.clear()

    for line in _visual_lines(chars):
        segs = [(_line_text(s), _lowest(c.confidence for c in s)) for s in _segments(line)]
        segs = [s for s in segs if s[0]]
        if not segs:
            continue
        top = min(c.top for c in line)
        if len(segs) >= 2:
            run.append((top, segs))
            continue
        flush()
        size = statistics.median(c.size for c in line)
        bottom = max(c.bottom for c in line)
        previous = items[-1] if items else None
        heading = centred(line) and size > 1.15 * body_size
        if (
            previous is not None
            and previous.kind == "text"
            and previous.heading
            and heading
            and abs(previous.size - size) <= 0.1 * size
            and top - previous.bottom < 0.8 * size
        ):
            # A heading set larger than the text and wrapped over two lines ("洪泽区人民政府" /
            # "2023年政府信息公开工作年度报告") is one heading.
            previous.text = _join_lines([previous.text, segs[0][0]])
            previous.confidence = _lowest([previous.confidence, segs[0][1]])
            previous.bottom = bottom
            continue
        items.append(
            _Item(
                top=top,
                kind="text",
                text=segs[0][0],
                confidence=segs[0][1],
                size=size,
                bottom=bottom,
                heading=heading,
            )
        )
    flush()
    return items


def _body_size(sources: Sequence[_PageSource]) -> float:
    """The usual size of running text: the median size of the characters outside ruled tables.

    Text-layer pages and OCR'd pages are measured apart: an OCR box is taller than its font size.
    """
    sizes = [
        c.size
        for source in sources
        for c in source.chars
        if not any(_inside(c, _bbox_of(cells)) for cells in source.tables)
        for _ in range(len(c.text.strip()))  # an OCR box counts once per character it holds
    ]
    return statistics.median(sizes) if sizes else 0.0
