"""The DOC/RTF reader: LibreOffice when installed, antiword otherwise, a clear message with neither."""

from __future__ import annotations

import pytest

import gongkai
from gongkai.errors import UnsupportedMediumError
from gongkai.report.read import doc as doc_reader
from gongkai.report.read import read_layout
from gongkai.report.read.layout import LineKind
from report.read.media_fixtures import CORPUS_SOURCES, cell_values, fixture, ole2, soffice

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


@needs_soffice
@pytest.mark.slow  # LibreOffice takes seconds per conversion
@pytest.mark.parametrize("source", [CORPUS_SOURCES[0]])
def test_doc_made_from_the_docx_reads_back_exactly_the_cells_it_prints(source: str) -> None:
    doc, data = fixture(source, "doc")
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # a real Word 97 compound file
    report = gongkai.read("年报.doc", data)
    assert report.medium == "doc"
    assert cell_values(report) == doc.expected
    assert report.agency == doc.agency


@needs_soffice
@pytest.mark.slow  # LibreOffice takes seconds per conversion
def test_doc_tables_keep_their_rows_and_spans_name_the_doc() -> None:
    _, data = fixture(CORPUS_SOURCES[0], "doc")
    layout = read_layout(data, "年报.doc")
    rows = [line for line in layout.lines if line.kind is LineKind.ROW]
    assert len(rows) > 40
    assert {line.cells[0].span.file for line in rows} == {"年报.doc"}


@pytest.mark.skipif(doc_reader._which(doc_reader.ANTIWORD_NAMES) is None, reason="antiword is not installed")
@needs_soffice
@pytest.mark.slow  # LibreOffice takes seconds per conversion
def test_antiword_reads_the_text_when_libreoffice_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    doc, data = fixture(CORPUS_SOURCES[0], "doc")
    monkeypatch.setattr(doc_reader, "SOFFICE_NAMES", ())
    layout = read_layout(data, "年报.doc")
    assert layout.medium == "doc"
    assert any("antiword" in note for note in layout.notes)
    assert any(doc.title in line.text for line in layout.lines)


def test_neither_converter_is_a_clear_chinese_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_reader, "SOFFICE_NAMES", ())
    monkeypatch.setattr(doc_reader, "ANTIWORD_NAMES", ())
    word = b"\xec\xa5\xc1\x00" + b"\x00" * 60  # a Word 97 FIB, not encrypted
    with pytest.raises(UnsupportedMediumError) as caught:
        read_layout(ole2({"WordDocument": word}), "旧版.doc")
    assert str(caught.value).startswith("旧版.doc：")
    assert "LibreOffice" in str(caught.value) and "antiword" in str(caught.value)


@needs_soffice
@pytest.mark.slow  # LibreOffice takes seconds per conversion
def test_rtf_goes_through_libreoffice() -> None:
    rtf = rb"{\rtf1\ansi\ansicpg936 {\fonttbl{\f0 SimSun;}}\f0 \u19968?\u12289?\u24635?\u20307?\u24773?\u20917?\par}"
    layout = read_layout(rtf, "report.rtf")
    assert layout.medium == "rtf"
    assert [line.text for line in layout.lines] == ["一、总体情况"]
