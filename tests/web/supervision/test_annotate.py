"""The annotated tables: findings at their cells, OCR cells with their score, low-confidence cells marked."""

from __future__ import annotations

from gongkai.report.findings import Finding, Severity
from gongkai.report.model import Cell, SourceSpan
from gongkai.web.supervision.annotate import numbered, tables_html
from gongkai.web.supervision.demo import unit_report


def test_low_confidence_and_ocr_cells_are_marked_with_their_source() -> None:
    report = unit_report("某局", 2025, 3, 1)
    report.cells["t3.granted.np"] = Cell(
        "t3.granted.np", 2, "2", SourceSpan(page=3, table=2, row=5, col=4, confidence=0.93)
    )
    del report.cells["t3.partial.np"]  # dropped by the extractor for its low OCR score
    findings = [
        Finding(
            "READ-LOW-CONFIDENCE",
            Severity.WARNING,
            "表三“（二）部分公开”/“自然人”：置信度低",
            cells=("t3.partial.np",),
        ),
        Finding(
            "T3-ROW-TOTAL",
            Severity.ERROR,
            "表三“（一）予以公开”行不平衡",
            cells=("t3.granted.np", "t3.granted.tot"),
        ),
    ]
    html = str(tables_html(report, numbered(findings)))
    assert 'data-cell="t3.partial.np" class="finding-warning unread low-confidence"' in html
    assert "低置信度" in html
    granted = html.split('data-cell="t3.granted.np"', 1)[1].split("</td>", 1)[0]
    assert "finding-error" in granted and "ocr" in granted
    assert "OCR 置信度 0.93" in granted and "来源：第3页 表2 第5行 第4列" in granted
    assert 'href="#finding-1"' in granted  # errors are numbered first
    assert "<script" not in html


def test_text_is_escaped() -> None:
    report = unit_report("某局", 2025, 3, 1)
    report.cells["t4.review.other"] = Cell("t4.review.other", "<b>撤销</b>", "<b>撤销</b>")
    html = str(tables_html(report, []))
    assert "&lt;b&gt;撤销&lt;/b&gt;" in html and "<b>撤销" not in html
