"""What every rule is made of: the :class:`Rule` record, and the reading helpers the rules share.

A rule is a small pure function ``check(report) -> Iterable[Finding]`` wrapped in a :class:`Rule`
that carries its stable id, its severity and its basis (the domain.md section and the 条例 article).
Cross-year rules take ``(report, previous)``. Rules never raise on odd input: an absent cell (not
read) makes a relation unevaluable and the rule says nothing about it — the extractor has already
said why the cell is missing.

How cell values enter arithmetic (:func:`addend`): a number counts as itself; a cell printed blank,
or holding only a placeholder such as "/" or "—", counts as 0 (the R5 rule CELL-MISSING warns about
it, so the assumption is visible); text such as "撤销" is left out of the numeric sum (CELL-NOT-NUMBER
reports it, and a sum rule that fails names the text it could not count).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..findings import Finding, Severity
from ..formats import FORMAT_2019, FORMAT_2021, FORMATS, CellSpec, Format, Total
from ..formats.legacy import LEGACY_FIGURES

if TYPE_CHECKING:
    from ..model import Cell, Report, SourceSpan

Number = int | Decimal

#: Texts that say "nothing here" rather than a value; treated like a blank cell (domain.md §9).
PLACEHOLDERS: frozenset[str] = frozenset({"/", "／", "\\", "-", "－", "—", "——", "–", "―", "无"})


def is_placeholder(text: str) -> bool:
    """True for a cell text that means "nothing printed" ("/", "—", "无" ...), not a value."""
    return text.strip() in PLACEHOLDERS


@dataclass(frozen=True)
class _RuleBase:
    id: str  # stable: findings, documentation and golden files refer to it
    severity: Severity  # the default severity of its findings
    basis: str  # the docs/domain.md section and 条例 article the rule implements

    def finding(
        self,
        message: str,
        *,
        cells: Iterable[str] = (),
        expected: object = None,
        actual: object = None,
        location: SourceSpan | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule (its id; its severity unless ``severity`` overrides it)."""
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            message=message,
            cells=tuple(cells),
            expected=expected,
            actual=actual,
            location=location,
        )


@dataclass(frozen=True)
class Rule(_RuleBase):
    """A single-report rule: ``check(report)`` yields its findings."""

    check: Callable[[Report], Iterable[Finding]]
    summary: str = ""  # one Chinese line for documentation and ``gongkai check --rules``

    def __call__(self, report: Report) -> Iterable[Finding]:
        return self.check(report)


@dataclass(frozen=True)
class CrossYearRule(_RuleBase):
    """A rule comparing a report with the previous year's report of the same agency."""

    check: Callable[[Report, Report], Iterable[Finding]]
    summary: str = ""

    def __call__(self, report: Report, previous: Report) -> Iterable[Finding]:
        return self.check(report, previous)


# ---- which declaration a table follows -------------------------------------------------------------


def table_format(report: Report, table: str) -> Format | None:
    """The format a table of ``report`` follows, or None when the report has no fixed tables.

    Real reports mix formats per table (domain.md §1 format detection), so ``Report.table_formats``
    wins over ``Report.format``. For table 三 the rows actually read decide when nothing was
    declared: a 2021 report printing the 2019 single （六）其他处理 row is checked with the 2019 rows.
    """
    declared = report.table_formats.get(table)
    if declared in FORMATS:
        return FORMATS[declared]
    if table == "t3":
        has_single_other = any(cid.startswith("t3.other.") for cid in report.cells)
        has_split_other = any(cid.startswith("t3.other_") for cid in report.cells)
        if has_single_other and not has_split_other:
            return FORMAT_2019
        if has_split_other and not has_single_other:
            return FORMAT_2021
    return FORMATS.get(report.format)


#: Cell declarations by format key and id: ``Format.cell`` searches linearly, and the rules look
#: up every cell of every report.
_SPECS: dict[str, dict[str, CellSpec]] = {key: {s.id: s for s in fmt.cells()} for key, fmt in FORMATS.items()}
_TOTALS: dict[str, tuple[Total, ...]] = {key: fmt.totals() for key, fmt in FORMATS.items()}


def totals(fmt: Format) -> tuple[Total, ...]:
    """``fmt.totals()``, computed once per format."""
    cached = _TOTALS.get(fmt.key)
    return cached if cached is not None else fmt.totals()


def spec_in(fmt: Format | None, cell_id: str) -> CellSpec | None:
    """The declaration of a cell in ``fmt``, else in whichever format declares it (2021 first)."""
    for key in (fmt.key if fmt else None, "2021", "2019"):
        spec = _SPECS.get(key or "", {}).get(cell_id)
        if spec is not None:
            return spec
    return None


def spec_of(report: Report, cell_id: str) -> CellSpec | None:
    """The declaration of a cell as the report's table format has it (labels differ per format)."""
    return spec_in(table_format(report, cell_id.split(".", 1)[0]), cell_id)


_LEGACY_LABELS: dict[str, str] = {figure.id: figure.label for figure in LEGACY_FIGURES}


def label(report: Report, cell_id: str) -> str:
    """The Chinese name of a cell for messages (表三“（七）总计”/“总计”); the id if undeclared."""
    spec = spec_of(report, cell_id)
    if spec is not None:
        return spec.label
    legacy = _LEGACY_LABELS.get(cell_id)
    return f"“{legacy}”" if legacy else cell_id


def row_label(report: Report, cell_id: str) -> str:
    """The verbatim row (or table 四 block) label of a cell, quoted: “（七）总计”."""
    spec = spec_of(report, cell_id)
    return f"“{spec.row_label}”" if spec else cell_id


def col_label(report: Report, cell_id: str) -> str:
    """The verbatim column label of a cell, quoted: “自然人”."""
    spec = spec_of(report, cell_id)
    return f"“{spec.col_label}”" if spec else cell_id


def span_of(report: Report, cell_id: str) -> SourceSpan | None:
    """Where a cell was read (the location a finding about it points to)."""
    cell = report.cells.get(cell_id)
    return cell.source if cell else None


def addend(cell: Cell | None) -> Number | None:
    """The amount a cell contributes to a sum: see the module docstring. None when it cannot count."""
    if cell is None:
        return None
    value = cell.value
    if value is None:
        return 0
    if isinstance(value, str):
        return 0 if is_placeholder(value) else None
    if isinstance(value, bool):  # bool is an int subclass; never a cell value, but never count it
        return None
    return value


def show(cell: Cell | None) -> str:
    """A cell's value as a user reads it in a message: 12, 留空, “撤销”."""
    if cell is None:
        return "未读取"
    if cell.value is None:
        return "留空"
    if isinstance(cell.value, str):
        return f"“{cell.value}”"
    return fmt_number(cell.value)


def fmt_number(value: Number) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return str(value)


@dataclass(frozen=True)
class SumCheck:
    """The outcome of comparing a printed total with the sum of its parts."""

    total_cell: Cell
    total: Number
    parts_sum: Number
    text_parts: tuple[str, ...]  # ids of parts holding text, left out of ``parts_sum``

    @property
    def holds(self) -> bool:
        return self.total == self.parts_sum


def check_sum(report: Report, total_id: str, part_ids: Iterable[str]) -> SumCheck | None:
    """Compare ``total_id`` with the sum of ``part_ids``; None when the relation cannot be evaluated.

    Unevaluable: the total or a part was not read, or the total itself is text (CELL-NOT-NUMBER says
    so). A part holding text is left out of the sum and named in ``text_parts``.
    """
    total_cell = report.cells.get(total_id)
    total = addend(total_cell)
    if total_cell is None or total is None:
        return None
    parts_sum: Number = 0
    text_parts: list[str] = []
    for pid in part_ids:
        cell = report.cells.get(pid)
        if cell is None:
            return None
        amount = addend(cell)
        if amount is None:
            text_parts.append(pid)
            continue
        parts_sum += amount
    return SumCheck(total_cell, total, parts_sum, tuple(text_parts))


def text_note(report: Report, text_parts: Iterable[str]) -> str:
    """ "（“其他结果”印为“撤销”，未计入）" — why a numeric sum left cells out; "" when none did."""
    notes = [f"{label(report, pid)}印为{show(report.cells.get(pid))}" for pid in text_parts]
    return f"（{'，'.join(notes)}，未计入）" if notes else ""


def sum_findings(
    report: Report,
    rule: Rule,
    table: str,
    relation: str,
    describe: Callable[[Total, SumCheck], str],
) -> Iterator[Finding]:
    """The findings of one family of declared sums (``Format.totals()`` entries of ``relation``) in
    ``table``, as the table's own format declares them: one finding per total that differs from the
    sum of its parts, located at the total; ``describe`` words the message."""
    fmt = table_format(report, table)
    if fmt is None:
        return
    for total in totals(fmt):
        if total.relation != relation:
            continue
        result = check_sum(report, total.total, total.parts)
        if result is None or result.holds:
            continue
        yield rule.finding(
            describe(total, result) + text_note(report, result.text_parts),
            cells=(total.total, *total.parts),
            expected=result.parts_sum,
            actual=result.total,
            location=span_of(report, total.total),
        )
