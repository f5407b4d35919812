"""The medium is decided by the content, not by the extension."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import gongkai
from gongkai.errors import ReadError, UnsupportedMediumError
from gongkai.report.read.detect import detect_medium
from report.read.media_fixtures import CORPUS_SOURCES, cell_values, fixture, ole2


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(("medium", "expected"), [("html", "html"), ("docx", "docx"), ("xlsx", "xlsx")])
@pytest.mark.parametrize("name", ["report.txt", "report.pdf", "report", "附件1.xls"])
def test_generated_documents_are_recognised_whatever_their_name(
    medium: str, expected: str, name: str
) -> None:
    _, data = fixture(CORPUS_SOURCES[0], medium)
    assert detect_medium(data, name) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
        (b"\r\n\r\n%PDF-1.4 junk before the header, as some servers send", "pdf"),
        (ole2({"WordDocument": b"\xec\xa5", "1Table": b""}), "doc"),
        (ole2({"Workbook": b"\x09\x08"}), "xls"),
        (ole2({"Book": b"\x09\x04"}), "xls"),
        (rb"{\rtf1\ansi hello}", "rtf"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><table>', "html"),
        ("西畴县人民政府2023年政府信息公开工作年度报告\n一、总体情况".encode(), "text"),
        ("# 标题\n<br> 表格前的文字".encode("gbk"), "text"),
        (b"BMW is not a bitmap", "text"),
    ],
)
def test_content_decides(data: bytes, expected: str) -> None:
    assert detect_medium(data, "whatever.docx") == expected


def test_real_published_files_are_recognised(corpus_dir: Path) -> None:
    assert detect_medium((corpus_dir / "xichou-county-2023.txt").read_bytes(), "x.txt") == "text"
    assert detect_medium((corpus_dir / "shuyang-county-2025.md").read_bytes(), "x.md") == "text"
    assert detect_medium((corpus_dir / "hz-hongze-2023.pdf").read_bytes(), "x.docx") == "pdf"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG 图片"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "JPEG 图片"),
        (b"Rar!\x1a\x07\x00", "RAR 压缩包"),
        (
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
            "OpenDocument",
        ),
        (_zip({"readme.txt": b"hello"}), "ZIP 压缩包"),
        (_zip({"xl/workbook.bin": b"\0"}), ".xlsb"),
        (ole2({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\0" * 8}), "加密"),
        (ole2({"PowerPoint Document": b"\0"}), "PowerPoint"),
        (ole2({"Contents": b"\0"}), "无法识别"),
    ],
)
def test_files_that_are_not_reports_are_refused_by_name(data: bytes, message: str) -> None:
    with pytest.raises(UnsupportedMediumError) as caught:
        detect_medium(data, "上传文件.docx")
    assert message in str(caught.value)
    assert str(caught.value).startswith("上传文件.docx：")


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t ", b"PK\x03\x04truncated", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0"]
)
def test_empty_or_broken_containers_are_read_errors(data: bytes) -> None:
    with pytest.raises(ReadError, match=r"坏\.doc"):
        detect_medium(data, "坏.doc")


def test_a_word_document_named_pdf_still_reads() -> None:
    doc, data = fixture(CORPUS_SOURCES[0], "docx")
    report = gongkai.read("年报.pdf", data)
    assert report.medium == "docx"
    assert cell_values(report) == doc.expected


def test_an_excel_web_page_saved_as_xls_reads_as_html() -> None:
    doc, data = fixture(CORPUS_SOURCES[0], "html")
    report = gongkai.read("统计表.xls", data)
    assert report.medium == "html"
    assert cell_values(report) == doc.expected


def test_a_medium_whose_reader_is_not_installed_is_unsupported(monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai.report import read as readers

    monkeypatch.setitem(readers.READERS, "pdf", ("not_written_yet", "read_pdf"))
    with pytest.raises(UnsupportedMediumError, match="暂不支持"):
        readers.read_layout(b"%PDF-1.7\n", "年报.pdf")
