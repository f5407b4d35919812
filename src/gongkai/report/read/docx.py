"""DOCX → Layout: Word documents, read in body order with merged cells expanded.

The package is opened by python-docx after the ZIP bounds are checked (:func:`~.limits.open_zip`:
member sizes, compression ratio, member count). The body is then walked as XML in document order —
paragraphs, tables, and the content controls (``w:sdt``) and custom-XML wrappers that python-docx's
``iter_inner_content()`` would skip — so a report saved by WPS, Word or a template engine reads alike.

Tables: every row is laid on the table grid. ``w:gridBefore`` leaves leading slots empty,
``w:gridSpan`` repeats a cell across the columns it spans, and a ``w:vMerge`` continuation repeats
the cell it continues (the same convention as HTML rowspan/colspan: every copy is the same cell,
with the span of the merged cell itself), so a position means the same column in every row. A table that holds tables, has one column, or holds whole
paragraphs in a cell is page layout: its cells are read as running text and its inner tables as
tables. Text outside tables becomes TEXT lines; ``SourceSpan.line`` is the paragraph's ordinal
(1-based, in body order), since Word has no line numbers of its own.
"""

from __future__ import annotations

import io
from typing import Any

from ...errors import GongkaiError, InputTooLargeError, ReadError
from ..model import SourceSpan
from . import limits
from .layout import Layout, LayoutCell, Line, LineKind

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"
_T, _TAB, _BR, _CR = f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"
_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"
_VAL = f"{_W}val"
#: Wrappers whose children are read as if they stood in the wrapper's place.
_TRANSPARENT = frozenset((_SDT, _SDT_CONTENT, _CUSTOM_XML, f"{_W}smartTag", f"{_W}hyperlink", f"{_W}ins"))
#: Content never printed: deleted text, field instructions, the VML duplicate of a drawing, properties.
_NOT_PRINTED = frozenset(
    (f"{_W}del", f"{_W}instrText", f"{_W}delText", _MC_FALLBACK, f"{_W}rPr", f"{_W}pPr", f"{_W}sdtPr")
)
#: A cell longer than this holds running text: its table is page layout.
_LONG_CELL = 400


def read_docx(data: bytes, name: str, *, medium: str = "docx") -> Layout:
    """Read a .docx into a Layout. ``medium`` lets the .doc reader label converted documents."""
    limits.open_zip(data, name)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except GongkaiError:
        raise
    except Exception as exc:  # python-docx raises KeyError, ValueError, PackageNotFoundError, lxml errors
        raise ReadError("无法打开 Word 文档（文件已损坏，或不是 .docx 格式）", file=name) from exc
    walker = _Walker(name)
    try:
        walker.blocks(body, 0)
    except GongkaiError:
        raise
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        raise ReadError("Word 文档结构异常，无法读取", file=name) from exc
    if not walker.lines:
        raise ReadError("Word 文档中没有可读取的文字", file=name)
    layout = Layout(file=name, medium=medium)
    layout.lines = walker.lines
    return layout


class _Walker:
    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[Line] = []
        self.paragraphs = 0
        self.tables = 0
        self.rows = 0
        self.cells = 0

    def blocks(self, container: Any, depth: int) -> None:
        """Read the block-level children of the body, a cell or a content control, in order."""
        if depth > limits.MAX_DEPTH:
            raise InputTooLargeError(f"文档嵌套层次过深（超过 {limits.MAX_DEPTH} 层）", file=self.name)
        for child in container:
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.table(child, depth + 1)
            elif tag in _TRANSPARENT:
                self.blocks(child, depth + 1)

    def paragraph(self, p: Any) -> None:
        self.paragraphs += 1
        span = SourceSpan(file=self.name, line=self.paragraphs)
        for text in paragraph_lines(p):
            text = text.strip(" \u3000\xa0")
            if text:
                self.lines.append(Line(LineKind.TEXT, (LayoutCell(text, span),)))

    def table(self, tbl: Any, depth: int) -> None:
        grid = [list(_row_cells(tr)) for tr in _children(tbl, _TR)]
        widest = max((sum(n for n, _ in row) for row in grid), default=0)
        layout_rows = [_is_layout_row(row) for row in grid]
        if widest > 1 and not any(layout_rows):
            self.data_rows(grid)
            return
        # Page layout: a one-column frame, or rows holding a table or running text. Those rows are
        # read as blocks (their tables become tables of their own); runs of other rows of a wider
        # table stay data rows (a .doc merges a data table with an adjacent layout table into one).
        pending: list[list[tuple[int, Any]]] = []
        for row, is_layout in zip(grid, layout_rows, strict=True):
            if is_layout or widest <= 1:
                self.data_rows(pending)
                pending = []
                for _, tc in row:
                    if tc is not None:
                        self.blocks(tc, depth + 1)
            else:
                pending.append(row)
        self.data_rows(pending)

    def data_rows(self, grid: list[list[tuple[int, Any]]]) -> None:
        """Lay rows on the table grid and add them as ROW lines of a new table."""
        if not grid:
            return
        self.tables += 1
        index = self.tables
        self.rows += len(grid)
        if self.rows > limits.MAX_ROWS:
            raise InputTooLargeError(f"表格行数过多（超过 {limits.MAX_ROWS} 行）", file=self.name)
        above: dict[int, LayoutCell] = {}  # grid column → the cell above (for vMerge continuations)
        for r, row in enumerate(grid):
            slots: dict[int, LayoutCell] = {}
            col = 0
            for span_n, tc in row:
                if tc is None:  # gridBefore: empty slots
                    col += span_n
                    continue
                if _vmerge(tc) == "continue" and col in above:
                    printed = above[col]
                else:
                    span = SourceSpan(file=self.name, table=index, row=r + 1, col=col + 1)
                    printed = LayoutCell(_cell_text(tc), span)
                for k in range(span_n):
                    slots[col + k] = printed
                col += span_n
                self.cells += span_n
                if self.cells > limits.MAX_CELLS:
                    raise InputTooLargeError(f"表格单元格过多（超过 {limits.MAX_CELLS} 个）", file=self.name)
            above = slots
            if not any(cell.text for cell in slots.values()):
                continue
            width = max(slots) + 1
            self.lines.append(
                Line(
                    LineKind.ROW,
                    tuple(
                        slots.get(c)
                        or LayoutCell("", SourceSpan(file=self.name, table=index, row=r + 1, col=c + 1))
                        for c in range(width)
                    ),
                )
            )


def _children(el: Any, tag: str) -> Any:
    """Children with ``tag``, looking through content controls and custom-XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _children(child, tag)


def _int_val(el: Any, default: int) -> int:
    if el is None:
        return default
    value = el.get(_VAL, "")
    return int(value) if value.isdigit() else default


def _row_cells(tr: Any) -> Any:
    """(grid columns spanned, w:tc or None for an empty slot) for each slot group of a row."""
    tr_pr = tr.find(f"{_W}trPr")
    before = _int_val(tr_pr.find(f"{_W}gridBefore"), 0) if tr_pr is not None else 0
    if before:
        yield min(before, limits.MAX_SPAN), None
    for tc in _children(tr, _TC):
        tc_pr = tc.find(f"{_W}tcPr")
        span = _int_val(tc_pr.find(f"{_W}gridSpan"), 1) if tc_pr is not None else 1
        yield max(1, min(span, limits.MAX_SPAN)), tc


def _vmerge(tc: Any) -> str | None:
    tc_pr = tc.find(f"{_W}tcPr")
    if tc_pr is None:
        return None
    vmerge = tc_pr.find(f"{_W}vMerge")
    if vmerge is None:
        return None
    return "restart" if vmerge.get(_VAL) == "restart" else "continue"


def _is_layout_row(row: list[tuple[int, Any]]) -> bool:
    """A row holding a nested table or a cell of running text."""
    for _, tc in row:
        if tc is None:
            continue
        if tc.find(f".//{_TBL}") is not None or len(_cell_text(tc)) > _LONG_CELL:
            return True
    return False


def _cell_text(tc: Any) -> str:
    """A cell's text: its paragraphs (and line breaks) joined by a space, whitespace collapsed."""
    pieces: list[str] = []
    for p in _children(tc, _P):
        pieces.extend(paragraph_lines(p))
    return " ".join(" ".join(pieces).split())


def paragraph_lines(p: Any) -> list[str]:
    """The printed text of a paragraph, split at line breaks; tabs kept (they separate columns)."""
    lines: list[str] = [""]

    def visit(el: Any, depth: int) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _NOT_PRINTED:
                continue
            if tag == _T:
                lines[-1] += child.text or ""
            elif tag == _TAB:
                lines[-1] += "\t"
            elif tag in (_BR, _CR):
                lines.append("")
            elif tag == _NO_BREAK_HYPHEN:
                lines[-1] += "-"
            elif tag == _P and depth > 0:  # a paragraph inside a text box: its own line
                lines.append("")
                visit(child, depth + 1)
                lines.append("")
            elif depth < limits.MAX_DEPTH:
                visit(child, depth + 1)

    visit(p, 0)
    return [line for line in lines if line.strip()]
