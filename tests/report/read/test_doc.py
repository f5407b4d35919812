"""The DOC/RTF reader: LibreOffice when installed, antiword otherwise, a clear message with neither."""

from __future__ import annotations

from pathlib import Path

import pytest

import gongkai
from gongkai.errors import ReadError, UnsupportedMediumError
from gongkai.report.read import doc as doc_reader
from gongkai.report.read import limits, read_layout
from gongkai.report.read.layout import LineKind
from report.read.media_fixtures import CORPUS_SOURCES, cell_values, fixture, ole2, soffice

#: The start of a Word 97 FIB (not encrypted): enough for the reader to hand the file to a converter.
WORD_FIB = b"\xec\xa5\xc1\x00" + b"\x00" * 60

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
    with pytest.raises(UnsupportedMediumError) as caught:
        read_layout(ole2({"WordDocument": WORD_FIB}), "旧版.doc")
    assert str(caught.value).startswith("旧版.doc：")
    assert "LibreOffice" in str(caught.value) and "antiword" in str(caught.value)


@needs_soffice
@pytest.mark.slow  # LibreOffice takes seconds per conversion
def test_rtf_goes_through_libreoffice() -> None:
    rtf = rb"{\rtf1\ansi\ansicpg936 {\fonttbl{\f0 SimSun;}}\f0 \u19968?\u12289?\u24635?\u20307?\u24773?\u20917?\par}"
    layout = read_layout(rtf, "report.rtf")
    assert layout.medium == "rtf"
    assert [line.text for line in layout.lines] == ["一、总体情况"]


def _fake_converter(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return str(script)


def test_a_hanging_converter_is_killed_at_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the converter and everything it started (its process group) are killed
    monkeypatch.setattr(doc_reader, "SOFFICE_NAMES", (_fake_converter(tmp_path, "sleep 60 & sleep 60"),))
    monkeypatch.setattr(limits, "CONVERTER_TIMEOUT", 1)
    with pytest.raises(ReadError, match="转换超时"):
        read_layout(ole2({"WordDocument": WORD_FIB}), "卡住.doc")


def test_a_failing_converter_is_a_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_reader, "SOFFICE_NAMES", (_fake_converter(tmp_path, "echo broken >&2; exit 1"),))
    with pytest.raises(ReadError, match="LibreOffice 无法转换"):
        read_layout(ole2({"WordDocument": WORD_FIB}), "坏.doc")
