"""The neutral layout every reader produces and the one extractor consumes.

A layout is the document as a sequence of lines. A line is either running text (one cell: the line
as printed) or a table row (its cells, with merged cells already expanded by the reader: a cell
spanning three columns appears three times). Every cell keeps its source span. Readers do nothing
else: no label matching, no number clean-up (that is :mod:`gongkai.report.extract`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..model import SourceSpan


class LineKind(StrEnum):
    TEXT = "text"  # a line of running text (paragraph, heading, or a table flattened into text)
    ROW = "row"  # a row of a real table (HTML <tr>, DOCX row, spreadsheet row, PDF table row)


@dataclass(frozen=True)
class LayoutCell:
    text: str
    span: SourceSpan


@dataclass(frozen=True)
class Line:
    kind: LineKind
    cells: tuple[LayoutCell, ...]

    @property
    def text(self) -> str:
        """The line's text; table cells joined by a tab."""
        return "\t".join(c.text for c in self.cells)

    @property
    def span(self) -> SourceSpan:
        return self.cells[0].span if self.cells else SourceSpan()


@dataclass
class Layout:
    file: str  # the name shown to users (path as given)
    medium: str  # "text", "html", "docx", "doc", "xls", "xlsx", "pdf", "ocr"
    lines: list[Line] = field(default_factory=list)
    #: notes the reader wants to pass on (e.g. "pages 3-4 were OCRed"), as Chinese messages
    notes: list[str] = field(default_factory=list)

    def text_line(self, text: str, span: SourceSpan) -> None:
        self.lines.append(Line(LineKind.TEXT, (LayoutCell(text, span),)))

    def row(self, cells: list[LayoutCell]) -> None:
        self.lines.append(Line(LineKind.ROW, tuple(cells)))
