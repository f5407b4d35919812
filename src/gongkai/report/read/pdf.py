"""PDF → the neutral :class:`~gongkai.report.read.layout.Layout`.

Reports are mostly exported from WPS 文字 or Word. What such exports do to a table, and what this
reader does about it:

* Tables are ruled. Only real rules count as table edges: stroked lines, outlines and polylines,
  and thin filled bars. WPS also paints a white background rectangle behind every text line and
  cell; those are ignored, otherwise every paragraph would become a one-column "table".
* A table cut by a page break has no bottom rule on the first page and no top rule on the next
  (the vertical rules just stop). Where several vertical rules end (or start) at the same height
  without a horizontal rule there, the reader closes the table with a virtual rule.
* Merged cells are expanded: a cell spanning three columns appears three times, as the layout
  contract asks.
* Text inside a cell is rejoined: lines broken by the cell width ("结果/维持", "商业企/业") and
  labels printed one character per line ("三/、/本/年/度/办/理/结/果") are joined without a space.
* A table whose last row ends a page and which continues at the top of the next page (same columns)
  is joined into one table: same table number, rows numbered on, a repeated header row dropped, and a
  merged label cell cut by the page break ("（四）无" / "法提供") glued back together.
* Page numbers ("- 4 -", "第4页", "4/6") and running headers/footers (the same text in the margin of
  most pages) are removed, so they never land between the rows of a table.
* Text outside tables becomes one TEXT line per printed line. A run of lines whose words stand in
  columns far apart (an unruled table) becomes ROW lines, one cell per column.
* Pages without a usable text layer (scans, "图片版") are handed to :mod:`.ocr` when the optional
  ``gongkai[ocr]`` extra is installed, else a clear :class:`UnsupportedMediumError`. A table pasted
  into a text page as a picture is recognised too (skipped, with a note, without the extra).
* A title set larger than the text, centred and wrapped over two lines, is one TEXT line.

Nothing here knows a label of the report: all label matching and number clean-up is the
extractor's (:mod:`gongkai.report.extract`). Bounds: file size, page count, objects per page, OCR
pages and wall-clock time are module constants (tests lower them to prove they bite).
"""

from __future__ import annotations

import bisect
import io
import itertools
import logging
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...errors import GongkaiError, InputTooLargeError, ReadError
from ..model import SourceSpan
from .layout import Layout, LayoutCell, Line, LineKind

#: Largest PDF accepted (scanned reports run to a few tens of megabytes).
MAX_PDF_BYTES = 80 * 1024 * 1024
#: Most pages read; annual reports have 3-30 pages.
MAX_PAGES = 500
#: Most characters plus path segments on one page (a dense real page has ~3,000; pdfminer parses
#: about 5,000 objects a second, so this bounds the time a page can take).
MAX_OBJECTS_PER_PAGE = 20_000
#: Wall-clock budget for the whole text-layer reading, checked between pages.
MAX_SECONDS = 120.0
#: Most pages sent to OCR (each takes seconds on a laptop CPU).
MAX_OCR_PAGES = 60
#: Most rule segments on a page considered for tables (a dense table page draws a few hundred).
MAX_RULES_PER_PAGE = 4000
#: A page with fewer printable characters than this has no usable text layer.
MIN_TEXT_CHARS = 8

_PAGE_MARGIN = 0.12  # share of the page height at the top and bottom where page numbers live
_EDGE_TOL = 2.0  # points: rules closer than this are the same rule
_COL_TOL = 4.0  # points: column boundaries of two table parts that count as the same column


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


# --- text assembly -----------------------------------------------------------------------------

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


# --- page content ------------------------------------------------------------------------------


@dataclass(eq=False)
class _PhysCell:
    """A cell as drawn (possibly spanning several grid rows/columns) and its text."""

    x0: float
    top: float
    x1: float
    bottom: float
    chars: list[_Char] = field(default_factory=list)
    text: str = ""
    #: the last printed line reaches the right edge: the text was cut by the cell width and a page
    #: break may have cut the rest onto the next page
    fills_width: bool = False
    #: lowest OCR score of the text in the cell; None when read from a text layer
    confidence: float | None = None

    def finish(self) -> None:
        self.confidence = _lowest(c.confidence for c in self.chars)
        upright = [c for c in self.chars if c.upright]
        lines = _visual_lines(upright) if len(upright) * 2 >= len(self.chars) else _rotated(self.chars)
        self.text = _join_lines(_line_text(line) for line in lines)
        if lines:
            # The last line was cut by the cell width (its text may go on below): it runs to the
            # right edge, spans most of the cell, and does not end in a digit (a short centred
            # number in a narrow column also comes close to the edge).
            last = lines[-1]
            unit = statistics.median(c.unit for c in last)
            extent = last[-1].x1 - last[0].x0
            self.fills_width = (
                self.x1 - last[-1].x1 < 1.6 * unit + 2.0
                and extent >= 0.6 * (self.x1 - self.x0)
                and not last[-1].text[-1:].isdigit()
            )


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


@dataclass(eq=False)
class _Table:
    """A ruled table of one page, or several page parts joined; ``grid[r][c]`` is the drawn cell
    covering that position (the same object repeated for merged cells), ``None`` for a hole."""

    cols: list[float]  # left boundaries of the grid columns, then the right edge
    grid: list[list[_PhysCell | None]]
    pages: list[int]  # the page of each grid row
    row_edges: list[float] = field(default_factory=list)  # tops of the rows, then the bottom

    @property
    def ncols(self) -> int:
        return len(self.cols) - 1


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


# --- ruling ------------------------------------------------------------------------------------


def _is_white(color: Any) -> bool:
    """Whether a fill or stroke colour is (near) white, in gray, RGB or CMYK."""
    if isinstance(color, (int, float)):
        return float(color) > 0.95
    if not isinstance(color, (tuple, list)) or not color:
        return False  # no colour, or a pattern: drawn, so it may be a rule
    if not all(isinstance(v, (int, float)) for v in color):
        return False
    if len(color) == 4:  # CMYK
        return all(float(v) < 0.05 for v in color)
    return all(float(v) > 0.95 for v in color)


def _is_rule(obj: dict[str, Any]) -> bool:
    """A drawing object that can be a table rule (not a white background or a shaded band)."""
    kind = obj.get("object_type")
    if kind == "line":
        return not _is_white(obj.get("stroking_color"))
    if kind == "curve":  # a grid drawn as one polyline; only its straight, axis-parallel runs count
        return bool(obj.get("stroke")) and not _is_white(obj.get("stroking_color"))
    if kind == "rect":
        if obj.get("stroke") and not _is_white(obj.get("stroking_color")):
            return True
        thin = min(obj["width"], obj["height"]) < 2.0
        return bool(obj.get("fill")) and thin and not _is_white(obj.get("non_stroking_color"))
    return False


def _closing_rules(edges: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Virtual horizontal rules where several vertical rules end or start together with no
    horizontal rule there: the open side of a table cut by a page break."""
    verticals = [e for e in edges if e["orientation"] == "v"]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    # Endpoints clustered by height in one sweep (n log n, whatever the page holds).
    points = sorted(
        ((y, edge) for edge in verticals for y in (edge["top"], edge["bottom"])), key=lambda p: p[0]
    )
    groups: list[list[tuple[float, dict[str, Any]]]] = []
    for point in points:
        if groups and point[0] - groups[-1][-1][0] <= _EDGE_TOL:
            groups[-1].append(point)
        else:
            groups.append([point])
    level: dict[int, list[dict[str, Any]]] = {}
    for h in horizontals:
        level.setdefault(round(h["top"] / _EDGE_TOL), []).append(h)
    virtual: list[dict[str, Any]] = []
    for group in groups:
        if len(group) < 2:
            continue
        y = statistics.median(p[0] for p in group)
        x0 = min(p[1]["x0"] for p in group)
        x1 = max(p[1]["x0"] for p in group)
        key = round(y / _EDGE_TOL)
        covered = sum(
            max(0.0, min(h["x1"], x1) - max(h["x0"], x0))
            for k in (key - 1, key, key + 1)
            for h in level.get(k, ())
            if abs(h["top"] - y) <= _EDGE_TOL
        )
        if covered < 0.95 * (x1 - x0):
            virtual.append(_h_edge(x0, x1, y))
    return virtual


def _axis_edges(edges: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Horizontal and vertical rule edges, their orientation decided from their geometry.

    pdfminer leaves floating-point dust in coordinates drawn through a rotation (a landscape page
    stored rotated): a horizontal line whose two ends differ by 1e-13 would be called vertical, and
    slightly oblique polyline runs get no orientation at all. Within half a point, a run is level.
    """
    out: list[dict[str, Any]] = []
    for edge in edges:
        x0, x1, top, bottom = edge["x0"], edge["x1"], edge["top"], edge["bottom"]
        if bottom - top <= 0.5 and x1 - x0 > bottom - top:
            y = (top + bottom) / 2
            out.append(_h_edge(x0, x1, y))
        elif x1 - x0 <= 0.5 and bottom - top > x1 - x0:
            out.append(_v_edge((x0 + x1) / 2, top, bottom))
    return out


def _h_edge(x0: float, x1: float, y: float) -> dict[str, Any]:
    return {
        "object_type": "line",
        "orientation": "h",
        "x0": x0,
        "x1": x1,
        "top": y,
        "bottom": y,
        "width": x1 - x0,
        "height": 0.0,
        "doctop": y,
    }


def _v_edge(x: float, top: float, bottom: float) -> dict[str, Any]:
    return {
        "object_type": "line",
        "orientation": "v",
        "x0": x,
        "x1": x,
        "top": top,
        "bottom": bottom,
        "width": 0.0,
        "height": bottom - top,
        "doctop": top,
    }


def _table_cells(edges: list[dict[str, Any]]) -> list[list[tuple[float, float, float, float]]]:
    """The cells of each ruled table drawn by ``edges`` (pdfplumber's lattice algorithm)."""
    from pdfplumber.table import (
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )
    from pdfplumber.utils.geometry import filter_edges

    if not edges:
        return []
    merged = merge_edges(edges, 3, 3, 3, 3)
    virtual = _closing_rules(merged)
    if virtual:
        merged = merge_edges(merged + virtual, 3, 3, 3, 3)
    merged = filter_edges(merged, min_length=3)
    cells = intersections_to_cells(edges_to_intersections(merged, 3, 3))
    return [[tuple(c) for c in group] for group in cells_to_tables(cells)]  # type: ignore[misc]


def _cluster(values: Iterable[float], tol: float = _EDGE_TOL) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _build_table(bboxes: Sequence[tuple[float, float, float, float]], page: int) -> _Table:
    xs = _cluster([b[0] for b in bboxes])
    right = max(b[2] for b in bboxes)
    tops = _cluster([b[1] for b in bboxes])
    bottom = max(b[3] for b in bboxes)
    grid: list[list[_PhysCell | None]] = [[None] * len(xs) for _ in tops]
    for x0, top, x1, bot in bboxes:
        cell = _PhysCell(x0, top, x1, bot)
        r0 = bisect.bisect_left(tops, top - _EDGE_TOL)
        c0 = bisect.bisect_left(xs, x0 - _EDGE_TOL)
        for r in range(r0, len(tops)):
            if tops[r] >= bot - _EDGE_TOL:
                break
            for c in range(c0, len(xs)):
                if xs[c] >= x1 - _EDGE_TOL:
                    break
                grid[r][c] = cell
    return _Table(cols=[*xs, right], grid=grid, pages=[page] * len(tops), row_edges=[*tops, bottom])


def _assign_chars(table: _Table, chars: list[_Char]) -> list[_Char]:
    """Put each character into the drawn cell under its centre; return those in no cell."""
    rows = table.row_edges
    left: list[_Char] = []
    for ch in chars:
        r = bisect.bisect_right(rows, ch.cy) - 1
        c = bisect.bisect_right(table.cols, ch.cx) - 1
        cell = table.grid[r][c] if 0 <= r < len(table.grid) and 0 <= c < table.ncols else None
        if cell is not None and cell.x0 <= ch.cx <= cell.x1 and cell.top <= ch.cy <= cell.bottom:
            cell.chars.append(ch)
        else:
            left.append(ch)
    for cell in _cells_of(table):
        cell.finish()
    return left


def _cells_of(table: _Table) -> list[_PhysCell]:
    seen: dict[int, _PhysCell] = {}
    for row in table.grid:
        for cell in row:
            if cell is not None:
                seen.setdefault(id(cell), cell)
    return list(seen.values())


# --- decorations -------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:[-－—–─_~·•\s]*\d{1,4}[-－—–─_~·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$"
)


def _decoration_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


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
        if len(self.edges) > MAX_RULES_PER_PAGE:
            # A drawing (a chart, a hatched seal), not a table: finding cells in it would take time
            # quadratic in the number of lines. Its text is still read, as lines.
            self.edges = []
        self.tables = [cells for cells in _table_cells(self.edges) if cells]


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


# --- one page ----------------------------------------------------------------------------------


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


# --- joining tables across pages ---------------------------------------------------------------


def _boundaries_match(fine: Sequence[float], coarse: Sequence[float]) -> bool:
    """Every column boundary of ``coarse`` is one of ``fine``'s (same outer edges)."""
    return all(any(abs(x - y) <= _COL_TOL for y in fine) for x in coarse) and (
        abs(fine[0] - coarse[0]) <= _COL_TOL and abs(fine[-1] - coarse[-1]) <= _COL_TOL
    )


def _regrid(table: _Table, cols: list[float]) -> None:
    """Re-express ``table`` on finer column boundaries: a column split in two repeats its cells."""
    mapping = [bisect.bisect_right(table.cols, (a + b) / 2) - 1 for a, b in itertools.pairwise(cols)]
    table.grid = [[row[min(max(c, 0), table.ncols - 1)] for c in mapping] for row in table.grid]
    table.cols = list(cols)


def _continues(first: _Table, second: _Table) -> bool:
    """Whether ``second`` can be the continuation of ``first``; aligns their columns if so."""
    if _boundaries_match(first.cols, second.cols):
        _regrid(second, first.cols)
        return True
    if _boundaries_match(second.cols, first.cols):
        _regrid(first, second.cols)
        return True
    return False


def _row_texts(row: Sequence[_PhysCell | None]) -> list[str]:
    return [cell.text if cell is not None else "" for cell in row]


def _rowspan_in(table: _Table, cell: _PhysCell, c: int) -> int:
    return sum(1 for row in table.grid if row[c] is cell)


def _join(first: _Table, second: _Table) -> None:
    """Append ``second`` (the part of a table continued on the next page) to ``first``."""
    # A header row repeated on the new page (Word's "重复标题行") is dropped.
    repeated = 0
    while (
        repeated < min(len(first.grid), len(second.grid)) - 1
        and _row_texts(first.grid[repeated]) == _row_texts(second.grid[repeated])
        and any(_row_texts(first.grid[repeated]))
    ):
        repeated += 1
    del second.grid[:repeated]
    del second.pages[:repeated]
    if second.grid:
        _glue_cut_cells(first, second)
    first.grid.extend(second.grid)
    first.pages.extend(second.pages)


def _glue_cut_cells(first: _Table, second: _Table) -> None:
    """Glue the cells cut by the page break: the last row of ``first`` meets the first of
    ``second``."""
    last, head = first.grid[-1], second.grid[0]
    own_content = False
    for c in range(first.ncols):
        above, below = last[c], head[c]
        if above is None or below is None or above is below:
            continue
        spans = _rowspan_in(first, above, c) + _rowspan_in(second, below, c)
        if below.text == "" and above.text and spans > 2:
            _merge_cells(second, above, below)  # a merged cell cut by the break; its text is above
        elif (
            below.text
            and above.text
            and above.fills_width
            and spans > 2
            and not _number_under_words(above, below)
        ):
            _merge_cells(second, above, below)  # the break fell inside the text: "（四）无" / "法提供"
        elif below.text and not (above.text and above.fills_width):
            own_content = True  # new text, not the rest of a cut line
    if own_content and _rest_of_cut_row(last, head):
        own_content = False
    if not own_content:
        # Nothing in the first row is new: the row itself was cut by the page break (a row
        # allowed to break across pages). Glue its halves and drop the second half.
        for c in range(first.ncols):
            above, below = first.grid[-1][c], second.grid[0][c]
            if above is not None and below is not None and above is not below:
                _merge_cells(second, above, below)
        if all(cell is None or any(cell is a for a in first.grid[-1]) for cell in second.grid[0]):
            del second.grid[0]
            del second.pages[0]


_NUMBER = re.compile(r"[\d.,，+\-]+")


def _rest_of_cut_row(last: Sequence[_PhysCell | None], head: Sequence[_PhysCell | None]) -> bool:
    """The first row of the new page only continues the words of the last row of the previous page
    (a row allowed to break across pages, its label wrapped: "4.保" / "护第三方合法权益") while the
    numbers all stayed above: words only under words, no number, and a number above an empty cell."""
    numbers_left_above = False
    for above, below in zip(last, head, strict=True):
        if above is None or below is None or above is below:
            continue
        above_number = _NUMBER.fullmatch(above.text.strip()) is not None
        if below.text.strip():
            if not above.text.strip() or above_number or any(ch.isdigit() for ch in below.text):
                return False
        elif above_number:
            numbers_left_above = True
    return numbers_left_above


def _number_under_words(above: _PhysCell, below: _PhysCell) -> bool:
    """A bare number below a cell of words starts a new row (the values under a merged header cell,
    as in table 四 broken before its value row); a cut label never continues with a number."""
    return _NUMBER.fullmatch(below.text.strip()) is not None and not any(ch.isdigit() for ch in above.text)


def _merge_cells(second: _Table, above: _PhysCell, below: _PhysCell) -> None:
    above.text = _join_lines([above.text, below.text])
    above.fills_width = below.fills_width
    above.confidence = _lowest([above.confidence, below.confidence])
    for row in second.grid:
        for c, cell in enumerate(row):
            if cell is below:
                row[c] = above


# --- the document ------------------------------------------------------------------------------

_ENCRYPTED = "PDF 已加密（需要密码才能打开），无法读取；请提供未加密的文件"
_DAMAGED = "PDF 文件已损坏，内容无法读取"
_PAGE_DAMAGED = "PDF 页面已损坏，无法读取"


def quiet_library_logs() -> None:
    """Keep pdfminer's warnings off the terminal (commands call this once per process).

    pdfminer logs one English line for each damaged stream or font it works around ("Data-loss while
    decompressing corrupted data"); what matters to the user reaches them as a finding or as a
    Chinese :class:`ReadError`, so a command prints only those.
    """
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _open_pdfium(data: bytes, name: str) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReadError(_ENCRYPTED, file=name) from exc
        if "security" in message:
            raise ReadError("PDF 使用了不支持的加密方式，无法读取", file=name) from exc
        raise ReadError("PDF 文件已损坏或不完整，无法打开", file=name) from exc


def _usable_text(page: Any) -> int:
    """Printable characters in the page's text layer (0 for a scan)."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    return sum(1 for ch in text if ch.strip() and not ("\ue000" <= ch <= "\uf8ff") and ch != "\ufffd")


def _drawing_load(page: Any) -> int:
    """Characters plus path segments plus other objects on a page (nested forms included)."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        load = int(textpage.count_chars())
    finally:
        textpage.close()
    for obj in page.get_objects(max_depth=3):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            load += max(1, int(pdfium_c.FPDFPath_CountSegments(obj.raw)))
        elif obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
            load += 1
        if load > MAX_OBJECTS_PER_PAGE:
            break
    return load


#: A picture covering at least this share of a text page, with no text layer over it, is read by
#: OCR (a statistics table pasted into the report as an image).
MIN_PICTURE_SHARE = 0.12


def _text_free_picture(page: Any) -> tuple[float, float, float, float] | None:
    """The largest picture on a text page that covers MIN_PICTURE_SHARE of it, spans half its width
    and carries no text layer of its own, as (x0, top, x1, bottom) with the origin top-left; None if
    there is none."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    best: tuple[float, float, float, float] | None = None
    best_area = MIN_PICTURE_SHARE * width * height
    for obj in page.get_objects(max_depth=2):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        left, bottom, right, top = obj.get_bounds()
        left, right = max(0.0, left), min(width, right)
        bottom, top = max(0.0, bottom), min(height, top)
        area = (right - left) * (top - bottom)
        if area >= best_area and right - left >= 0.5 * width:  # as wide as a table, not an emblem
            best, best_area = (left, height - top, right, height - bottom), area
    if best is None:
        return None
    textpage = page.get_textpage()
    try:
        over = textpage.get_text_bounded(best[0], height - best[3], best[2], height - best[1])
    finally:
        textpage.close()
    # a searchable scan or a background picture has text over it: the text layer is read instead
    return best if sum(1 for ch in over if ch.strip()) < MIN_TEXT_CHARS else None


def _has_image(page: Any) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def _page_list(pages: Sequence[int]) -> str:
    """``2、3、5`` for the pages named in a note."""
    return "、".join(str(p) for p in pages)


def read_pdf(data: bytes, name: str) -> Layout:
    """Read a PDF into a Layout: ruled tables as ROW lines, other text as TEXT lines.

    Raises :class:`ReadError` for a damaged or encrypted file, :class:`InputTooLargeError` beyond
    the bounds, :class:`UnsupportedMediumError` for scanned pages when the OCR extra is missing. Pages
    without a text layer are recognised by OCR (:mod:`.ocr`); the spans of their cells carry the
    recognition score and the layout a note naming those pages.
    """
    if len(data) > MAX_PDF_BYTES:
        raise InputTooLargeError(
            f"PDF 文件过大（{len(data) // (1024 * 1024)} MB，上限 {MAX_PDF_BYTES // (1024 * 1024)} MB）",
            file=name,
        )
    if b"%PDF-" not in data[:1024]:
        raise ReadError("不是 PDF 文件（缺少 %PDF- 文件头）", file=name)
    import pypdfium2 as pdfium

    started = time.monotonic()
    doc = _open_pdfium(data, name)
    try:
        text_pages, scanned, pictures = _classify_pages(doc, name)
        sources = _text_sources(data, name, text_pages, started)
        if scanned:
            sources.extend(_ocr_sources(doc, scanned, name))
        pictured = _read_pictures(doc, pictures, sources, name) if pictures else []
    except pdfium.PdfiumError as exc:  # the reader boundary: pdfium's errors never reach the caller
        raise ReadError(_DAMAGED, file=name) from exc
    finally:
        doc.close()
    sources.sort(key=lambda s: s.number)
    layout = Layout(file=name, medium="ocr" if scanned and not text_pages else "pdf")
    if scanned:
        layout.notes.append(
            f"第{_page_list(scanned)}页没有文字层（扫描件），已用 OCR 识别；识别的数字请核对原件"
        )
    if pictured:
        layout.notes.append(
            f"第{_page_list(pictured)}页的图片（如表格截图）已用 OCR 识别；识别的数字请核对原件"
        )
    elif pictures:
        layout.notes.append(
            f"第{_page_list(sorted(pictures))}页有大幅图片（可能是表格截图），未识别：需要可选组件 gongkai[ocr]"
        )
    drop = _decorations(sources)
    body = {ocr: _body_size([s for s in sources if s.ocr == ocr]) for ocr in (False, True)}
    pages = [(s.number, _page_items(s, drop, body[s.ocr])) for s in sources]
    _join_continued_tables(pages)
    _write_layout(layout, pages, name)
    return layout


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


def _classify_pages(
    doc: Any, name: str
) -> tuple[list[int], list[int], dict[int, tuple[float, float, float, float]]]:
    """Page numbers with a usable text layer, those that are images only (scans), and the large
    pictures without text over them on text pages (a table pasted as an image)."""
    count = len(doc)
    if count == 0:
        raise ReadError("PDF 没有任何页面", file=name)
    if count > MAX_PAGES:
        raise InputTooLargeError(f"PDF 页数过多（{count} 页，上限 {MAX_PAGES} 页）", file=name)
    text_pages: list[int] = []
    scanned: list[int] = []
    pictures: dict[int, tuple[float, float, float, float]] = {}
    import pypdfium2 as pdfium

    for index in range(count):
        try:
            page = doc[index]
        except pdfium.PdfiumError as exc:  # a page object damaged beyond pdfium's repair
            raise ReadError(_PAGE_DAMAGED, file=name, where=f"第{index + 1}页") from exc
        try:
            # Counted by pdfium (C) before pdfminer parses the page in Python: a page crammed with
            # drawing or text is refused in milliseconds instead of parsed for minutes.
            load = _drawing_load(page)
            if load > MAX_OBJECTS_PER_PAGE:
                raise InputTooLargeError(
                    f"页面内容过于复杂（{load} 个对象，上限 {MAX_OBJECTS_PER_PAGE}）",
                    file=name,
                    where=f"第{index + 1}页",
                )
            if _usable_text(page) >= MIN_TEXT_CHARS:
                text_pages.append(index + 1)
                picture = _text_free_picture(page)
                if picture is not None:
                    pictures[index + 1] = picture
            elif _has_image(page):
                scanned.append(index + 1)
        except pdfium.PdfiumError as exc:
            raise ReadError(_PAGE_DAMAGED, file=name, where=f"第{index + 1}页") from exc
        finally:
            page.close()
    return text_pages, scanned, pictures


def _text_sources(data: bytes, name: str, numbers: Sequence[int], started: float) -> list[_PageSource]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if not numbers:
        return []
    sources: list[_PageSource] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number in numbers:
                page = pdf.pages[number - 1]
                objects = len(page.objects.get("char", ())) + sum(
                    len(page.objects.get(kind, ())) for kind in ("rect", "line", "curve")
                )
                if objects > MAX_OBJECTS_PER_PAGE:
                    raise InputTooLargeError(
                        f"页面内容过于复杂（{objects} 个对象，上限 {MAX_OBJECTS_PER_PAGE}）",
                        file=name,
                        where=f"第{number}页",
                    )
                chars = [_Char.from_pdfplumber(o) for o in page.chars if o.get("text")]
                # pdfminer writes "(cid:123)" for glyphs without a Unicode mapping: not readable text.
                chars = [c for c in chars if not c.text.startswith("(cid:")]
                edges = _axis_edges(page.filter(_is_rule).edges)
                sources.append(_PageSource(number, float(page.height), chars, edges))
                page.close()
                if time.monotonic() - started > MAX_SECONDS:
                    raise InputTooLargeError(
                        f"PDF 读取超时（超过 {MAX_SECONDS:.0f} 秒）", file=name, where=f"第{number}页"
                    )
    except GongkaiError:
        raise
    except PDFPasswordIncorrect as exc:
        raise ReadError(_ENCRYPTED, file=name) from exc
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise ReadError(f"PDF 内容无法解析（{type(exc).__name__}）", file=name) from exc
    return sources


def _ocr_sources(doc: Any, numbers: Sequence[int], name: str) -> list[_PageSource]:
    from . import ocr

    if len(numbers) > MAX_OCR_PAGES:
        raise InputTooLargeError(
            f"需要 OCR 识别的扫描页过多（{len(numbers)} 页，上限 {MAX_OCR_PAGES} 页）", file=name
        )
    sources: list[_PageSource] = []
    for page in ocr.recognise_pages(doc, numbers, name):
        chars = [
            _Char(b.text, b.x0, b.top, b.x1, b.bottom, size=b.bottom - b.top, confidence=b.score)
            for b in page.boxes
        ]
        edges = [_h_edge(x0, x1, y) for x0, x1, y in page.h_rules]
        edges += [_v_edge(x, top, bottom) for x, top, bottom in page.v_rules]
        sources.append(_PageSource(page.number, page.height, chars, edges, ocr=True))
    return sources


def _read_pictures(
    doc: Any, pictures: dict[int, tuple[float, float, float, float]], sources: list[_PageSource], name: str
) -> list[int]:
    """OCR the text-free pictures of text pages into their pages' characters and rules.

    Optional: without the OCR extra the pictures are skipped (the text layer is still read and
    the layout says which pages had pictures). Returns the pages whose pictures were read.
    """
    from . import ocr

    if not ocr.available():
        return []
    by_number = {source.number: source for source in sources}
    done: list[int] = []
    for page in ocr.recognise_pages(doc, sorted(pictures)[:MAX_OCR_PAGES], name, regions=pictures):
        source = by_number.get(page.number)
        if source is None or not page.boxes:
            continue
        source.chars.extend(
            _Char(b.text, b.x0, b.top, b.x1, b.bottom, size=b.bottom - b.top, confidence=b.score)
            for b in page.boxes
        )
        source.edges.extend(_h_edge(x0, x1, y) for x0, x1, y in page.h_rules)
        source.edges.extend(_v_edge(x, top, bottom) for x, top, bottom in page.v_rules)
        source.__post_init__()  # the tables, with the picture's rules
        done.append(page.number)
    return done


def _join_continued_tables(pages: list[tuple[int, list[_Item]]]) -> None:
    """Join a table ending one page to a table starting the next when their columns agree."""
    for (_, items), (_, following) in itertools.pairwise(pages):
        if not (items and following and items[-1].kind == "table" and following[0].kind == "table"):
            continue
        first, second = items[-1].table, following[0].table
        assert first is not None and second is not None
        if _continues(first, second):
            _join(first, second)
            following.pop(0)
            if following:
                continue
            # the whole next page was the table: the joined table may continue further
            following.append(items[-1])


def _span(name: str, page: int, confidence: float | None, **where: int) -> SourceSpan:
    return SourceSpan(file=name, page=page, confidence=confidence, **where)  # type: ignore[arg-type]


def _write_layout(layout: Layout, pages: list[tuple[int, list[_Item]]], name: str) -> None:
    """Number the tables and write every item as layout lines."""
    table_no = 0
    written: set[int] = set()
    for number, items in pages:
        for item in items:
            if item.kind == "text":
                layout.text_line(item.text, _span(name, number, item.confidence))
            elif item.kind == "rows":
                table_no += 1
                for r, cells in enumerate(item.rows, 1):
                    layout.row(
                        [
                            LayoutCell(text, _span(name, number, score, table=table_no, row=r, col=c))
                            for c, (text, score) in enumerate(cells, 1)
                        ]
                    )
            elif item.table is not None and id(item.table) not in written:
                written.add(id(item.table))
                table_no += 1
                _write_table(layout, item.table, table_no, name)


def _write_table(layout: Layout, table: _Table, number: int, name: str) -> None:
    emitted: set[int] = set()
    for r, (row, page) in enumerate(zip(table.grid, table.pages, strict=True), 1):
        if row and all(cell is row[0] for cell in row) and row[0] is not None:
            # One cell across the whole table: a heading or a framed paragraph, not columns.
            only = row[0]
            if id(only) in emitted:
                continue
            emitted.add(id(only))
            lines = [_line_text(line) for line in _visual_lines(only.chars)] if only.chars else [only.text]
            for text in lines:
                if text:
                    layout.text_line(text, _span(name, page, only.confidence, table=number, row=r))
            continue
        texts = _row_texts(row)
        if not any(texts):
            continue
        layout.lines.append(
            Line(
                LineKind.ROW,
                tuple(
                    LayoutCell(
                        text,
                        _span(name, page, cell.confidence if cell else None, table=number, row=r, col=c),
                    )
                    for c, (text, cell) in enumerate(zip(texts, row, strict=True), 1)
                ),
            )
        )
