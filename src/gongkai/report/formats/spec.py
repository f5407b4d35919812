"""The vocabulary in which the official layouts are declared (see v2021.py, v2019.py).

A format is data: sections, the blocks of table 二, the rows and columns of tables 三 and 四, their
verbatim labels, the label variants seen in real reports, and which cells are totals of which.
Readers, rules and renderers all read these declarations; nothing else hard-codes a label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ValueKind(StrEnum):
    """What a numeric cell may hold (domain.md §4.1 R5)."""

    COUNT = "count"  # non-negative integer
    SIGNED = "signed"  # signed integer (2019 本年增/减)
    DECIMAL = "decimal"  # non-negative decimal (万元, 元)


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # the standard title, written by renderers
    aliases: tuple[str, ...] = ()  # variants accepted when reading (条例 art. 50 wording, typos)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: str | None = None  # a spanning header above the label (法人或其他组织, 行政诉讼 ...)
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    group: str | None = None  # the group label printed above (（三）不予公开 ...), None for top rows
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """One block of table 二: a heading (第二十条第（一）项), its columns and rows."""

    key: str
    heading: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    kind: ValueKind = ValueKind.COUNT
    kinds: tuple[tuple[str, ValueKind], ...] = ()  # per-column overrides: (column key, kind)

    def kind_of(self, column_key: str) -> ValueKind:
        return dict(self.kinds).get(column_key, self.kind)


@dataclass(frozen=True)
class CellSpec:
    """One statistical cell: its canonical id (cells.yaml), where it sits, and what it may hold."""

    id: str
    table: str  # "t2", "t3", "t4"
    row: str
    col: str
    kind: ValueKind
    row_label: str
    col_label: str
    block: str | None = None  # table 二 block key, or table 四 block key

    @property
    def label(self) -> str:
        """A human-readable Chinese name, e.g. 表三“（一）予以公开”行“自然人”列."""
        table = {"t2": "表二", "t3": "表三", "t4": "表四"}[self.table]
        return f"{table}“{self.row_label}”/“{self.col_label}”"


@dataclass(frozen=True)
class Total:
    """``total`` must equal the sum of ``parts`` — a relation declared by the format.

    ``relation`` names the family: "row" (T3 across the applicant columns), "outcomes" (T3 总计 over
    the outcome rows), "block" (T4 block total), "balance" is declared separately on the format.
    """

    total: str
    parts: tuple[str, ...]
    relation: str


@dataclass(frozen=True)
class Format:
    key: str  # "2021" or "2019"
    name: str
    document: str  # the notice that issued it
    report_years: tuple[int, int]  # first and last report year the format is meant for (inclusive)
    sections: tuple[Section, ...]
    table2: tuple[Block, ...]
    table3_columns: tuple[Column, ...]
    table3_rows: tuple[Row, ...]
    table3_outcome_rows: tuple[str, ...]
    table3_groups: tuple[str, ...]  # group labels printed as rows of their own
    table3_note: str
    table4_blocks: tuple[Column, ...]  # review, direct, after_review (label, parent in group)
    table4_columns: tuple[Column, ...]
    table_titles: tuple[tuple[str, str], ...]  # (table, standard title)
    _cells: tuple[CellSpec, ...] = field(default=(), repr=False)
    _index: dict[str, CellSpec] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A frozen dataclass: the id → spec index is derived once, at declaration time.
        object.__setattr__(self, "_index", {spec.id: spec for spec in self._cells})

    # ---- derived views -------------------------------------------------------------------------
    def cells(self) -> tuple[CellSpec, ...]:
        """Every statistical cell, in printed order (table 二, 三, 四; row by row)."""
        return self._cells

    def cell(self, cell_id: str) -> CellSpec:
        return self._index[cell_id]

    def has_cell(self, cell_id: str) -> bool:
        return cell_id in self._index

    def cell_ids(self) -> tuple[str, ...]:
        return tuple(spec.id for spec in self._cells)

    def table_cells(self, table: str) -> tuple[CellSpec, ...]:
        return tuple(spec for spec in self._cells if spec.table == table)

    def totals(self) -> tuple[Total, ...]:
        """The sums the format defines (domain.md §4.1 R2, R3, R4)."""
        result: list[Total] = []
        cols = [c.key for c in self.table3_columns]
        parts_cols = [c for c in cols if c != "tot"]
        for row in self.table3_rows:
            result.append(Total(f"t3.{row.key}.tot", tuple(f"t3.{row.key}.{c}" for c in parts_cols), "row"))
        for col in cols:
            result.append(
                Total(
                    f"t3.total.{col}",
                    tuple(f"t3.{r}.{col}" for r in self.table3_outcome_rows),
                    "outcomes",
                )
            )
        t4_parts = [c.key for c in self.table4_columns if c.key != "total"]
        for block in self.table4_blocks:
            result.append(
                Total(f"t4.{block.key}.total", tuple(f"t4.{block.key}.{c}" for c in t4_parts), "block")
            )
        return tuple(result)

    def balance(self) -> tuple[tuple[tuple[str, str], tuple[str, str]], ...]:
        """R1, printed in table 三: per column, new + carried over == total + carried forward."""
        return tuple(
            (
                (f"t3.new_received.{c.key}", f"t3.carried_over.{c.key}"),
                (f"t3.total.{c.key}", f"t3.carry_forward.{c.key}"),
            )
            for c in self.table3_columns
        )


def build_cells(
    table2: tuple[Block, ...],
    t3_columns: tuple[Column, ...],
    t3_rows: tuple[Row, ...],
    t4_blocks: tuple[Column, ...],
    t4_columns: tuple[Column, ...],
) -> tuple[CellSpec, ...]:
    cells: list[CellSpec] = []
    for block in table2:
        for row in block.rows:
            for col in block.columns:
                cells.append(
                    CellSpec(
                        id=f"t2.{row.key}.{col.key}",
                        table="t2",
                        row=row.key,
                        col=col.key,
                        kind=block.kind_of(col.key),
                        row_label=row.label,
                        col_label=col.label,
                        block=block.key,
                    )
                )
    for row in t3_rows:
        for col in t3_columns:
            cells.append(
                CellSpec(
                    id=f"t3.{row.key}.{col.key}",
                    table="t3",
                    row=row.key,
                    col=col.key,
                    kind=ValueKind.COUNT,
                    row_label=row.label,
                    col_label=col.label,
                )
            )
    for t4_block in t4_blocks:
        for col in t4_columns:
            cells.append(
                CellSpec(
                    id=f"t4.{t4_block.key}.{col.key}",
                    table="t4",
                    row=t4_block.key,
                    col=col.key,
                    kind=ValueKind.COUNT,
                    row_label=t4_block.label,
                    col_label=col.label,
                    block=t4_block.key,
                )
            )
    return tuple(cells)
