"""Tables continued on the next page: joined when their columns agree, a repeated header row
dropped, and cells cut by the page break (a merged label, a row allowed to break) glued back.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence

from .pages import _Item
from .ruling import _PhysCell, _Table
from .text import _join_lines, _lowest

_COL_TOL = 4.0  # points: column boundaries of two table parts that count as the same column


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
