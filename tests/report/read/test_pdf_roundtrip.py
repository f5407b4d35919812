"""Round trips through other PDF producers: a report rendered to PDF (WeasyPrint) or to DOCX and
converted by LibreOffice reads back into exactly its cells.

The corpus PDFs are all WPS exports; these PDFs are drawn by other software (different rule
drawing, fonts, cell padding, page breaks), so they check that the reader is not tuned to WPS.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import gongkai
from gongkai.report.api import read_report
from gongkai.report.model import Report
from gongkai.report.render import render_report

CORPUS_PDFS = ("huaian-city-2024.pdf", "hz-hongze-2023.pdf")


def same_cells(original: Report, back: Report) -> None:
    assert {cid: c.value for cid, c in back.cells.items()} == {
        cid: c.value for cid, c in original.cells.items()
    }


@pytest.mark.parametrize("name", CORPUS_PDFS)
def test_report_rendered_to_pdf_reads_back_exactly(name: str, corpus_dir: Path) -> None:
    original = gongkai.read(str(corpus_dir / name))
    back = read_report(f"rendered-{name}", render_report(original, "pdf"))
    same_cells(original, back)
    assert back.medium == "pdf"
    assert {c.source.page for c in back.cells.values() if c.source} <= set(range(1, 30))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) 未安装")
def test_report_written_as_docx_and_exported_by_libreoffice_reads_back(
    corpus_dir: Path, tmp_path: Path
) -> None:
    original = gongkai.read(str(corpus_dir / "huaian-city-2024.pdf"))
    docx = tmp_path / "report.docx"
    docx.write_bytes(render_report(original, "docx"))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    back = read_report("report.pdf", (tmp_path / "report.pdf").read_bytes())
    same_cells(original, back)
