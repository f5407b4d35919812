"""Scanned ("图片版") PDFs: pages without a text layer are read by OCR.

The scans are made by the tests: real corpus PDFs (and a generated table) rendered to images at
144 dpi and saved as image-only PDFs. Read through OCR, every cell must come out exactly as the
golden (text-layer) reading has it, or be absent with a reading finding — never different.
Skipped, with the reason, when the optional gongkai[ocr] extra (rapidocr) is not installed.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pdf_samples import html_pdf, image_pdf

from gongkai.report.api import read_report
from gongkai.report.read import limits, ocr
from gongkai.report.read.layout import LineKind
from gongkai.report.read.pdf import read_pdf

pytestmark = [
    pytest.mark.ocr,
    pytest.mark.skipif(not ocr.available(), reason="需要可选组件 gongkai[ocr]（uv sync --all-extras）"),
]

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
CASES = {
    "hz-hongze-2023.pdf": GOLDEN / "2023" / "hongze-district-pdf-t4-totals-wrong",
    "hz-hongze-2024.pdf": GOLDEN / "2024" / "hongze-district-pdf-page-number-in-table",
    "huaian-city-2024.pdf": GOLDEN / "2024" / "huaian-city-pdf-split-headers-label-cut-by-page",
}


def test_scanned_table_reads_like_its_text_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("OCR tried to open a network connection")

    # The engine is created afresh under the guard: loading the models must not touch the network.
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    ocr._engine.cache_clear()
    body = (
        "<p>二、主动公开政府信息情况</p><table>"
        "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
        "<tr><td>规章</td><td>3</td><td>0</td><td>17</td></tr>"
        "<tr><td>行政规范性文件</td><td>25</td><td>8</td><td>146</td></tr></table>"
    )
    text = html_pdf(body)
    scan = read_pdf(image_pdf(text), "扫描.pdf")
    expected = read_pdf(text, "原件.pdf")
    as_rows = [[c.text for c in line.cells] for line in scan.lines if line.kind is LineKind.ROW]
    assert as_rows == [[c.text for c in line.cells] for line in expected.lines if line.kind is LineKind.ROW]
    assert scan.medium == "ocr"
    assert scan.notes == ["第1页没有文字层（扫描件），已用 OCR 识别；识别的数字请核对原件"]
    number = next(line for line in scan.lines if line.text.startswith("行政规范性文件")).cells[3]
    assert number.span.confidence is not None and 0.0 < number.span.confidence <= 1.0
    assert number.span.where() == "第1页 表1 第3行 第4列 （OCR 识别）"


def golden_cells(case: Path) -> dict[str, Any]:
    cells: dict[str, Any] = json.loads((case / "expected.json").read_text("utf-8"))["cells"]
    return cells


def as_json(value: object) -> object:
    return {"decimal": str(value)} if isinstance(value, Decimal) else value


def compare(report: Any, expected: dict[str, Any]) -> tuple[int, list[str]]:
    """(exact cells, problems): a problem is a cell read differently, or absent without a finding."""
    covered = {cid for f in report.read_findings for cid in f.cells}
    exact = 0
    problems: list[str] = []
    for cid, value in expected.items():
        cell = report.cells.get(cid)
        if cell is None:
            if cid not in covered:
                problems.append(f"{cid} absent without a finding")
        elif as_json(cell.value) == value:
            exact += 1
        else:
            problems.append(f"{cid}: OCR {cell.value!r} (printed {cell.printed!r}) != {value!r}")
    return exact, problems


#: Pages scanned per report: all of hongze 2023 (title, prose, tables); the table pages of the other
#: two (OCR costs seconds per page; their prose pages add nothing the first case does not cover).
SCANNED_PAGES: dict[str, list[int] | None] = {
    "hz-hongze-2023.pdf": None,
    "hz-hongze-2024.pdf": [2, 3, 4],
    "huaian-city-2024.pdf": [3, 4, 5],
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_scanned_corpus_report_gives_the_golden_cells_or_findings(name: str, corpus_dir: Path) -> None:
    scan = image_pdf((corpus_dir / name).read_bytes(), pages=SCANNED_PAGES[name])
    report = read_report(f"扫描-{name}", scan)
    expected = golden_cells(CASES[name])
    exact, problems = compare(report, expected)
    assert problems == []
    # OCR of clean 144-dpi scans reads these tables essentially completely
    assert exact >= 0.95 * len(expected), f"{exact}/{len(expected)}"
    assert all(c.source is not None and c.source.confidence is not None for c in report.cells.values())
    if SCANNED_PAGES[name] is None:  # the whole report was scanned: title, agency and year too
        golden = json.loads((CASES[name] / "expected.json").read_text("utf-8"))
        assert (report.agency, report.year, report.title) == (
            golden["agency"],
            golden["year"],
            golden["title"],
        )


@pytest.mark.slow
def test_only_the_pages_without_text_are_recognised(corpus_dir: Path) -> None:
    """A text PDF whose page 4 is a scan: that page alone is OCRed, and table 三, begun on the
    text page 3, continues through the scanned page."""
    import pypdfium2 as pdfium

    original = (corpus_dir / "hz-hongze-2023.pdf").read_bytes()
    text_doc = pdfium.PdfDocument(original)
    scan_doc = pdfium.PdfDocument(image_pdf(original, pages=[4]))
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(text_doc, [0, 1, 2])
    mixed.import_pages(scan_doc, [0])
    mixed.import_pages(text_doc, [4])
    buffer = io.BytesIO()
    mixed.save(buffer)
    for doc in (mixed, scan_doc, text_doc):
        doc.close()
    data = buffer.getvalue()

    layout = read_pdf(data, "mixed.pdf")
    assert layout.notes == ["第4页没有文字层（扫描件），已用 OCR 识别；识别的数字请核对原件"]
    assert {line.span.page for line in layout.lines if line.span.confidence is not None} == {4}
    report = read_report("mixed.pdf", data)
    expected = golden_cells(CASES["hz-hongze-2023.pdf"])
    exact, problems = compare(report, expected)
    assert problems == []
    assert exact >= 0.95 * len(expected), f"{exact}/{len(expected)}"
    assert report.cells["t3.unable_still_unclear.np"].source.page == 4  # type: ignore[union-attr]


def test_ocr_time_budget_bites(monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai.errors import InputTooLargeError

    monkeypatch.setattr(limits, "MAX_OCR_SECONDS", 0.0)
    with pytest.raises(InputTooLargeError, match="第1页：OCR 识别超时"):
        read_pdf(image_pdf(html_pdf("<p>扫描件</p>"), scale=1.0), "慢.pdf")


@pytest.mark.slow
def test_skewed_blurred_scan_is_straightened_and_never_read_wrong(corpus_dir: Path) -> None:
    """A flatbed scan turned by 1.5°, softened and JPEG-compressed: without straightening, rows run
    into each other and digits of neighbouring rows fuse ("10100"); straightened, the table reads."""
    name = "hz-hongze-2024.pdf"
    scan = image_pdf((corpus_dir / name).read_bytes(), pages=[3, 4], skew=1.5, blur=0.6, jpeg_quality=60)
    report = read_report("扫描-歪斜.pdf", scan)
    t3 = {cid: v for cid, v in golden_cells(CASES[name]).items() if cid.startswith(("t3.", "t4."))}
    exact, problems = compare(report, t3)
    assert problems == []
    assert exact >= 0.95 * len(t3), f"{exact}/{len(t3)}"


def test_table_pasted_as_a_picture_is_read_by_ocr() -> None:
    from pdf_samples import picture_table_pdf

    layout = read_pdf(picture_table_pdf(), "截图.pdf")
    assert [line.text for line in layout.lines if line.kind is LineKind.TEXT] == [
        "二、主动公开政府信息情况",
        "本年度主动公开政府信息如下表所示。",
        "三、收到和处理政府信息公开申请情况",
    ]
    table = [[c.text for c in line.cells] for line in layout.lines if line.kind is LineKind.ROW]
    assert table == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "3", "0", "17"],
        ["行政规范性文件", "25", "8", "146"],
    ]
    assert layout.notes == ["第1页的图片（如表格截图）已用 OCR 识别；识别的数字请核对原件"]
    assert all(
        c.span.confidence is not None
        for line in layout.lines
        if line.kind is LineKind.ROW
        for c in line.cells
    )
