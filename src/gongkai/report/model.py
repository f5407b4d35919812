"""The report model: a report is its agency, year, format, section texts and cells.

Every cell keeps its value and the text printed in it and where it came from (:class:`SourceSpan`).
A cell id present in ``Report.cells`` was found in the document; an id that is absent was not read
(not printed, or not readable with confidence — then a finding says why). ``Cell.value`` is
``None`` for a cell printed blank.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from .findings import Finding

#: The value of a cell in machine output (cells.yaml): int, Decimal (money), None (blank), or the
#: printed string when a numeric cell holds text ("撤销", "/", "—").
CellValue = int | Decimal | str | None


@dataclass(frozen=True)
class SourceSpan:
    """Where something was read: the file and a line (text media) or page/table/row/column."""

    file: str | None = None
    line: int | None = None  # 1-based line in a text medium
    page: int | None = None  # 1-based page (PDF)
    table: int | None = None  # 1-based table index within the document
    row: int | None = None  # 1-based row within that table
    col: int | None = None  # 1-based column within that row
    sheet: str | None = None  # spreadsheet sheet name
    #: OCR recognition score (0-1) of the text read here; None when read from a text layer. A cell
    #: whose score is low is not trusted (the extractor leaves it out with a finding).
    confidence: float | None = None

    def where(self) -> str:
        """The place without the file name, in Chinese: 第12行 / 第3页 表2 第4行 第5列."""
        parts: list[str] = []
        if self.sheet is not None:
            parts.append(f"工作表“{self.sheet}”")
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.table is not None:
            parts.append(f"表{self.table}")
            if self.row is not None:
                parts.append(f"第{self.row}行")
            if self.col is not None:
                parts.append(f"第{self.col}列")
        elif self.col is not None:
            parts.append(f"第{self.col}列")
        if self.confidence is not None:
            parts.append("（OCR 识别）")
        return " ".join(parts)

    def compact(self) -> str:
        """``file:line`` for editors and ``gongkai check`` (line 0 when only a page is known)."""
        name = self.file or "-"
        if self.line is not None:
            return f"{name}:{self.line}"
        where = self.where()
        return f"{name}:{where}" if where else name

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Cell:
    id: str
    value: CellValue
    printed: str | None = None  # the text as printed (None when the document printed nothing)
    source: SourceSpan | None = None

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, (int, Decimal)) and not isinstance(self.value, bool)

    @property
    def is_blank(self) -> bool:
        return self.value is None

    @property
    def is_text(self) -> bool:
        return isinstance(self.value, str)


@dataclass
class Report:
    format: str  # "2021", "2019" or "legacy"
    agency: str | None = None
    year: int | None = None
    title: str | None = None
    publish_date: dt.date | None = None
    sections: dict[str, str] = field(default_factory=dict)  # section key (s1_overview...) → text
    cells: dict[str, Cell] = field(default_factory=dict)
    #: format detected per table, since real reports mix them: {"t2": "2021", "t3": "2019", ...}
    table_formats: dict[str, str] = field(default_factory=dict)
    #: findings made while reading (ambiguous digit runs, unreadable cells, layout problems)
    read_findings: list[Finding] = field(default_factory=list)
    source: SourceSpan | None = None  # the document as a whole (file name, medium)
    medium: str | None = None  # "text", "html", "docx", "doc", "xls", "xlsx", "pdf", "json"
    #: annexes beyond the national format, by key (``response_times``: the JSON contract's annex object,
    #: docs/report-json.md); empty for every report read from a published file
    annexes: dict[str, Any] = field(default_factory=dict)

    def value(self, cell_id: str) -> CellValue:
        cell = self.cells.get(cell_id)
        return None if cell is None else cell.value

    def number(self, cell_id: str) -> int | Decimal | None:
        """The numeric value of a cell, or None when absent, blank or text."""
        cell = self.cells.get(cell_id)
        if cell is None or not cell.is_number:
            return None
        assert isinstance(cell.value, (int, Decimal))
        return cell.value

    def with_cells(self, cells: dict[str, Cell]) -> Report:
        return replace(self, cells=cells)

    def cell_values(self) -> dict[str, CellValue]:
        return {cid: cell.value for cid, cell in self.cells.items()}
