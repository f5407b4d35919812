"""Tables drawn by rules: which drawing objects are rules, the virtual rule that closes a table cut
by a page break, the cells of each ruled table (pdfplumber's lattice algorithm), and the grid of drawn
cells (:class:`_Table`, merged cells repeated) with the characters put into them.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .text import _Char, _join_lines, _line_text, _lowest, _rotated, _visual_lines

_EDGE_TOL = 2.0  # points: rules closer than this are the same rule


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
