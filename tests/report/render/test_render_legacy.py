"""Legacy reports (≤ 2018, free-form): their sections and figures, and no invented official tables."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from lxml import html as lxml_html

import gongkai
from corpus_location import CORPUS_DIR
from gongkai.report.model import Report
from gongkai.report.render import render_report

CORPUS = CORPUS_DIR


@pytest.fixture(scope="module")
def legacy() -> Report:
    report = gongkai.read(str(CORPUS / "pingtan-county-gaj-2010.txt"))
    assert report.format == "legacy" and report.cells
    return report


def test_html_lists_the_figures_and_draws_no_official_table(legacy: Report) -> None:
    page = lxml_html.document_fromstring(render_report(legacy, "html"))
    assert [t.get("id") for t in page.iter("table")] == [None]
    cells = {td.get("data-cell"): td.text for td in page.iter("td")}
    assert set(cells) == set(legacy.cells)
    assert cells["legacy.proactive.total"] == "8"
    assert "主动公开政府信息数" in {th.text for th in page.iter("th")}
    assert page.find(".//figure") is None  # no table 三, no charts


def test_word_and_excel(legacy: Report) -> None:
    document = docx.Document(io.BytesIO(render_report(legacy, "docx")))
    assert len(document.tables) == 1 and len(document.tables[0].rows) == len(legacy.cells)
    book = openpyxl.load_workbook(io.BytesIO(render_report(legacy, "xlsx")))
    assert book.sheetnames == ["单元格"]
    rows = {r[0]: r[1] for r in book["单元格"].iter_rows(min_row=2, values_only=True)}
    assert rows["legacy.proactive.total"] == 8


def test_markdown_and_pdf(legacy: Report) -> None:
    text = render_report(legacy, "md").decode("utf-8")
    assert "## 统计数据" in text and "| 主动公开政府信息数 | 8 |" in text
    assert render_report(legacy, "pdf", charts=False).startswith(b"%PDF-")
