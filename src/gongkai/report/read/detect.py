"""Which medium a file is, decided from its content (the extension is only a tie-breaker).

Agencies publish Word "web pages" saved as ``.doc``, spreadsheets renamed ``.xls`` that are really
HTML, PDFs without an extension; users upload with whatever name the browser chose. So the bytes
decide: ZIP packages are opened and their part names inspected (``word/document.xml`` vs
``xl/workbook.xml``), OLE2 compound files by their stream names (``WordDocument`` vs ``Workbook``;
``EncryptionInfo`` means a password-protected OOXML file), ``%PDF-`` anywhere in the first kilobyte
is a PDF, markup is HTML, anything else is text (the text reader decides whether it can decode it).
"""

from __future__ import annotations

import io
import re
import zipfile

from ...errors import ReadError, UnsupportedMediumError
from .limits import check_input_size

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")

#: Media the readers produce layouts for.
MEDIA = ("text", "html", "docx", "doc", "rtf", "xls", "xlsx", "pdf")

#: Leading bytes of common files that are certainly not reports, with a Chinese name for the message.
_OTHER_MAGICS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF87a", "GIF 图片"),
    (b"GIF89a", "GIF 图片"),
    (b"BM", "BMP 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"Rar!\x1a\x07", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
)

_MARKUP = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|meta|title|table|div|p|span|style|script|font|br)[\s>/]",
    re.IGNORECASE,
)


def detect_medium(data: bytes, name: str) -> str:
    """The medium of ``data`` (one of :data:`MEDIA`); ``name`` is used only in messages.

    Raises :class:`ReadError` for an empty or damaged container, :class:`UnsupportedMediumError`
    for a file that is recognisably something else (an image, an archive, an OpenDocument file) and
    for a password-protected Office file.
    """
    check_input_size(data, name)
    if not data.strip():
        raise ReadError("文件为空", file=name)
    head = data[:1024]
    if data.startswith(ZIP_MAGICS):
        return _zip_medium(data, name)
    if data.startswith(OLE2_MAGIC):
        return _ole2_medium(data, name)
    if b"%PDF-" in head:
        return "pdf"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    for magic, what in _OTHER_MAGICS:
        if data.startswith(magic) and not (magic == b"BM" and _looks_like_text(head)):
            raise UnsupportedMediumError(f"这是{what}，不是可读取的年报文件", file=name)
    if _looks_like_markup(data[:8192]):
        return "html"
    return "text"


def _looks_like_text(head: bytes) -> bool:
    return b"\x00" not in head


def _looks_like_markup(head: bytes) -> bool:
    # Skip a BOM (UTF-8 or UTF-16 would show NULs, which the text reader handles) and whitespace;
    # a page starts with a tag, a comment or a declaration.
    stripped = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return stripped.startswith(b"<") and _MARKUP.search(head) is not None


def _zip_medium(data: bytes, name: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ReadError("文件不完整或已损坏（无法作为 ZIP 压缩包打开）", file=name) from exc
    if "word/document.xml" in names or any(n.startswith("word/document") for n in names):
        return "docx"
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
            raise UnsupportedMediumError("Excel 二进制工作簿（.xlsb）暂不支持，请另存为 .xlsx", file=name)
        return "xlsx"
    if "mimetype" in names or "content.xml" in names:
        raise UnsupportedMediumError(
            "OpenDocument 文档（.odt/.ods）暂不支持，请另存为 .docx 或 .xlsx", file=name
        )
    raise UnsupportedMediumError("这是 ZIP 压缩包，不是 Word 或 Excel 文档；请解压后逐个提交", file=name)


def ole2_stream_names(data: bytes, name: str) -> set[str]:
    """The names of the directory entries of an OLE2 compound file (via xlrd's reader)."""
    from xlrd.compdoc import CompDoc

    try:
        doc = CompDoc(data, logfile=io.StringIO())
        return {entry.name for entry in doc.dirlist}
    except Exception as exc:  # xlrd raises CompDocError, IndexError, struct.error on damaged files
        raise ReadError("文件不完整或已损坏（无法读取 Office 复合文档结构）", file=name) from exc


def _ole2_medium(data: bytes, name: str) -> str:
    streams = ole2_stream_names(data, name)
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        raise UnsupportedMediumError("文件已加密（受密码保护），请去除密码后重新提交", file=name)
    if "WordDocument" in streams:
        return "doc"
    if "Workbook" in streams or "Book" in streams:
        return "xls"
    if "PowerPoint Document" in streams:
        raise UnsupportedMediumError("这是 PowerPoint 演示文稿，不是年报文件", file=name)
    raise UnsupportedMediumError("无法识别的 Office 旧格式文件（既不是 Word 也不是 Excel）", file=name)
