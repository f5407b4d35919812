"""Cells recognised by OCR with a low score are left out, never guessed.

A cell read from a scanned page carries the recognition score of its text in its source span
(:attr:`SourceSpan.confidence`, set by :mod:`gongkai.report.read.ocr`); a text layer leaves it
``None``. A digit the recogniser was unsure of ("8" or "0"?) would silently change a total, so a cell
scored below :data:`MIN_OCR_CONFIDENCE` is removed from the report with a ``READ-LOW-CONFIDENCE``
finding naming the page and cell; the rules then say nothing about relations involving it.
"""

from __future__ import annotations

from ..findings import Finding, Severity
from ..formats import any_cell
from ..model import Report, SourceSpan

#: Lowest OCR score trusted for a cell. PP-OCR scores clean 144-dpi table digits at 0.99-1.0;
#: misread or smudged digits score visibly lower. A deployment may change it here.
MIN_OCR_CONFIDENCE = 0.90


def review_ocr_cells(report: Report, threshold: float = MIN_OCR_CONFIDENCE) -> None:
    """Say which pages were read by OCR (an info finding) and leave out the uncertain cells."""
    pages = sorted({page for c in report.cells.values() if (page := _ocr_page(c.source)) is not None})
    if pages:
        report.read_findings.append(
            Finding(
                "READ-OCR",
                Severity.INFO,
                f"第{'、'.join(str(p) for p in pages)}页是扫描件，数字经 OCR 识别，请与原件核对",
            )
        )
    drop_uncertain_cells(report, threshold)


def _ocr_page(span: SourceSpan | None) -> int | None:
    return span.page if span is not None and span.confidence is not None else None


def drop_uncertain_cells(report: Report, threshold: float = MIN_OCR_CONFIDENCE) -> None:
    """Remove the cells whose OCR score is below ``threshold``, each with a finding."""
    for cell_id, cell in list(report.cells.items()):
        span = cell.source
        if span is None or span.confidence is None or span.confidence >= threshold:
            continue
        del report.cells[cell_id]
        printed = f"“{cell.printed}”" if cell.printed else "空白"
        try:
            label = any_cell(cell_id).label
        except KeyError:
            label = cell_id
        report.read_findings.append(
            Finding(
                "READ-LOW-CONFIDENCE",
                Severity.WARNING,
                f"{label}：扫描件 OCR 识别为{printed}，但置信度低（{span.confidence:.2f}），"
                "未采用该单元格，请核对原件",
                cells=(cell_id,),
                actual=cell.printed,
                location=span,
            )
        )
