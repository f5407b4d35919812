"""The DOCX reader: body order, merged cells (gridSpan, vMerge), nested tables, content controls."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

import gongkai
from gongkai.errors import ReadError
from gongkai.report.read.docx import read_docx
from gongkai.report.read.layout import LineKind
from report.read.media_fixtures import CORPUS_SOURCES, cell_values, convert, fixture, soffice


@pytest.mark.parametrize("source", CORPUS_SOURCES)
def test_document_reads_back_exactly_the_cells_it_prints(source: str) -> None:
    doc, data = fixture(source, "docx")
    report = gongkai.read("report.docx", data)
    assert report.medium == "docx"
    assert cell_values(report) == doc.expected
    assert report.agency == doc.agency


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_every_cell_comes_from_its_own_position(fmt: str) -> None:
    doc, data = fixture(f"distinct-{fmt}", "docx")
    report = gongkai.read("distinct.docx", data)
    assert cell_values(report) == doc.expected
    assert not report.read_findings


def _save(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_paragraphs_and_tables_in_body_order_with_merges_expanded() -> None:
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "甲"  # vertical merge (w:vMerge)
    table.cell(0, 1).merge(table.cell(0, 2)).text = "乙"  # horizontal merge (w:gridSpan)
    table.cell(1, 1).text = "丙"
    table.cell(1, 2).text = "丁"
    for c, text in enumerate(("1", "2", "3")):
        table.cell(2, c).text = text
    document.add_paragraph("二、主动公开政府信息情况")
    layout = read_docx(_save(document), "t.docx")
    kinds = [(line.kind, [c.text for c in line.cells]) for line in layout.lines]
    assert kinds == [
        (LineKind.TEXT, ["一、总体情况"]),
        (LineKind.ROW, ["甲", "乙", "乙"]),
        (LineKind.ROW, ["甲", "丙", "丁"]),
        (LineKind.ROW, ["1", "2", "3"]),
        (LineKind.TEXT, ["二、主动公开政府信息情况"]),
    ]
    continued = layout.lines[2].cells[0]
    assert (continued.span.table, continued.span.row, continued.span.col) == (1, 1, 1)  # the merged cell
    assert (layout.lines[3].cells[2].span.row, layout.lines[3].cells[2].span.col) == (3, 3)
    assert layout.lines[4].span.line == 2  # the second paragraph of the body (cells are not counted)


def test_nested_table_is_read_as_its_own_table() -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "版式"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "行政许可"
    inner.cell(0, 1).text = "2821"
    inner.cell(1, 0).text = "行政处罚"
    inner.cell(1, 1).text = "296"
    layout = read_docx(_save(document), "t.docx")
    rows = [[c.text for c in line.cells] for line in layout.lines if line.kind is LineKind.ROW]
    assert rows == [["行政许可", "2821"], ["行政处罚", "296"]]
    assert "版式" in [line.text for line in layout.lines if line.kind is LineKind.TEXT]


def _with_body(xml: str) -> bytes:
    """A minimal .docx whose body is ``xml`` (WordprocessingML)."""
    document = docx.Document()
    base = _save(document)
    source = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = (
                    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
                    f"<w:body>{xml}</w:body></w:document>"
                ).encode()
            target.writestr(item, data)
    return out.getvalue()


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_content_controls_grid_before_and_deleted_text() -> None:
    body = (
        f"<w:sdt><w:sdtContent>{_p('一、总体情况')}</w:sdtContent></w:sdt>"
        "<w:tbl>"
        f"<w:tr><w:tc>{_p('a')}</w:tc><w:tc>{_p('b')}</w:tc><w:tc>{_p('c')}</w:tc></w:tr>"
        f"<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr><w:tc>{_p('1')}</w:tc><w:tc>{_p('2')}</w:tc></w:tr>"
        "</w:tbl>"
        "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
        "<w:r><w:tab/><w:t>6</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>"
    )
    layout = read_docx(_with_body(body), "t.docx")
    assert [[c.text for c in line.cells] for line in layout.lines] == [
        ["一、总体情况"],
        ["a", "b", "c"],
        ["", "1", "2"],
        ["保留\t6"],
        ["下一行"],
    ]


def test_text_box_fallback_is_not_read_twice() -> None:
    body = (
        "<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent>"
        f"{_p('框内')}</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>{_p('框内')}</w:txbxContent>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    layout = read_docx(_with_body(body), "t.docx")
    assert [line.text for line in layout.lines] == ["框内"]


def test_empty_document_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="没有可读取的文字"):
        read_docx(_save(docx.Document()), "empty.docx")


def test_zip_without_a_word_document_is_a_read_error() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<not-xml")
        z.writestr("[Content_Types].xml", "<x/>")
    with pytest.raises(ReadError, match="Word"):
        read_docx(out.getvalue(), "broken.docx")


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.slow  # LibreOffice takes seconds per conversion
@pytest.mark.parametrize("source", [CORPUS_SOURCES[0], "distinct-2019"])
def test_document_written_by_libreoffice_reads_back_exactly(source: str) -> None:
    # another producer's WordprocessingML (its own vMerge/gridSpan layout), from the web page
    doc, page = fixture(source, "html")
    report = gongkai.read("另存.docx", convert(page, "html", "docx:MS Word 2007 XML"))
    assert report.medium == "docx"
    assert cell_values(report) == doc.expected


def test_a_one_column_frame_is_running_text() -> None:
    document = docx.Document()
    frame = document.add_table(rows=2, cols=1)
    frame.cell(0, 0).text = "一、总体情况"
    frame.cell(1, 0).add_paragraph("正文")
    layout = read_docx(_save(document), "t.docx")
    assert [(line.kind, line.text) for line in layout.lines] == [
        (LineKind.TEXT, "一、总体情况"),
        (LineKind.TEXT, "正文"),
    ]
