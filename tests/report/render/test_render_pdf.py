"""The PDF, seen as a person sees it: A4 pages turned into PNG by pdftoppm, not blank, holding the
expected text (pdfplumber), with embedded CJK fonts and page numbers."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image, ImageStat
from render_fixtures import with_blank, xichou, zuoling

from gongkai.report.render import render_report


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return render_report(xichou(), "pdf")


def test_a4_pages_with_page_numbers_and_the_report_text(pdf_bytes: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        assert len(pdf.pages) >= 2
        for number, page in enumerate(pdf.pages, 1):
            assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
            assert f"第 {number} 页" in (page.extract_text() or "")
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    compact = "".join(text.split())
    for expected in (
        "西畴县人民政府2023年政府信息公开工作年度报告",
        "一、总体情况",
        "第二十条第（一）项",
        "779.508355",
        "本列数据的勾稽关系为",
        "（七）总计",
        "复议后起诉",
        "2023年度西畴县未收取政府信息公开信息处理费。",
    ):
        assert expected in compact, expected


def test_cjk_fonts_are_embedded(pdf_bytes: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        fonts = {char["fontname"] for page in pdf.pages for char in page.chars}
    assert any("NotoSerifCJK" in f.replace("-", "") or "Noto-Serif-CJK" in f for f in fonts), fonts
    assert all("+" in f for f in fonts)  # subset prefix: the glyphs are inside the file


def test_chart_labels_are_drawn_not_text(pdf_bytes: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        last = pdf.pages[-1]
        text = last.extract_text() or ""
        assert "图1 本年度办理结果" in text  # the caption is text
        assert "单位：件" not in text  # the chart's own labels are paths
        assert len(last.images) + len(last.curves) + len(last.rects) > 0


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed")
def test_pages_as_pictures_are_not_blank(pdf_bytes: bytes, tmp_path: Path) -> None:
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf_bytes)
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(source), str(tmp_path / "page")], check=True, timeout=120
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    for png in pages:
        with Image.open(png) as image:
            grey = image.convert("L")
            assert grey.size[0] < grey.size[1]  # portrait
            stat = ImageStat.Stat(grey)
            dark = sum(grey.histogram()[:128]) / (grey.size[0] * grey.size[1])
            # mostly white paper, with some ink: neither blank nor solid
            assert stat.mean[0] > 180, png.name
            assert 0.005 < dark < 0.5, (png.name, dark)


def test_blank_and_text_cells_in_the_pdf() -> None:
    data = render_report(with_blank(zuoling(), "t4.review.maintain"), "pdf", charts=False)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        assert "撤销" in text
        assert "附图" not in text
