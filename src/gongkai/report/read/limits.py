"""The bounds every binary reader enforces (HTML, DOCX, DOC, XLS, XLSX, PDF), and the ZIP checks
shared by DOCX and XLSX.

A published report is at most a few megabytes; these limits are generous for real documents and
small enough that a hostile file (a zip bomb, a table with a million rows, a colspan of 10⁹) fails
fast with :class:`~gongkai.errors.InputTooLargeError` instead of exhausting memory. They are module
constants so that a deployment can raise them in one place; the tests lower them to prove they bite.
"""

from __future__ import annotations

import io
import zipfile

from ...errors import InputTooLargeError, ReadError

#: Largest input file accepted by the binary readers (HTML, DOCX, DOC, XLS, XLSX).
MAX_INPUT_BYTES = 50 * 1024 * 1024
#: Largest uncompressed size of one ZIP member (document.xml, a worksheet) and of all members.
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
#: Largest XML part parsed into a tree (word/document.xml, a worksheet, shared strings): a parsed
#: tree takes several times its text, and a real report's body is well under 5 MB.
MAX_XML_PART = 32 * 1024 * 1024
#: Largest web page (a report page is well under 2 MB even with inline styles).
MAX_HTML_BYTES = 20 * 1024 * 1024
#: Members larger than this must not compress better than MAX_RATIO (zip bombs compress ~1000:1;
#: real OOXML parts stay well under 100:1).
RATIO_CHECK_FLOOR = 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 5000
#: Table and sheet bounds, counted after merged cells are expanded.
MAX_ROWS = 20_000
MAX_CELLS = 500_000
MAX_SPAN = 1000  # largest colspan/rowspan honoured; HTML itself caps colspan at 1000
#: Element nesting followed by the HTML and DOCX walkers (deeper content is read as plain text).
MAX_DEPTH = 120
#: Seconds an external converter (LibreOffice, antiword) may run.
CONVERTER_TIMEOUT = 120

# -- PDF (read/pdf/) --------------------------------------------------------------------------------
#: Largest PDF accepted (scanned reports run to a few tens of megabytes).
MAX_PDF_BYTES = 80 * 1024 * 1024
#: Most pages read; annual reports have 3-30 pages.
MAX_PAGES = 500
#: Most characters plus path segments on one page (a dense real page has ~3,000; pdfminer parses
#: about 5,000 objects a second, so this bounds the time a page can take).
MAX_OBJECTS_PER_PAGE = 20_000
#: Wall-clock budget for the whole text-layer reading, checked between pages.
MAX_SECONDS = 120.0
#: Most pages sent to OCR (each takes seconds on a laptop CPU).
MAX_OCR_PAGES = 60
#: Most rule segments on a page considered for tables (a dense table page draws a few hundred).
MAX_RULES_PER_PAGE = 4000
#: Largest rendered side in pixels of a page sent to OCR (a poster-size page is scaled down to this).
MAX_RENDER_SIDE = 3000
#: Wall-clock budget for recognising one document by OCR, checked after each page.
MAX_OCR_SECONDS = 900.0


def check_input_size(data: bytes, name: str, limit: int | None = None) -> None:
    """Refuse inputs larger than ``limit`` (default :data:`MAX_INPUT_BYTES`)."""
    limit = MAX_INPUT_BYTES if limit is None else limit
    if len(data) > limit:
        raise InputTooLargeError(
            f"文件过大（{len(data) / (1024 * 1024):.1f} MB，上限 {limit // (1024 * 1024)} MB）", file=name
        )


def open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """Open an OOXML package after checking it cannot expand beyond the bounds.

    The sizes in the central directory are enforced by :mod:`zipfile` while reading (it stops at the
    declared size and checks the CRC), so checking the declared sizes here bounds the real ones.
    """
    check_input_size(data, name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ReadError("文件不完整或已损坏（无法作为 ZIP 压缩包打开）", file=name) from exc
    if len(infos) > MAX_MEMBERS:
        raise InputTooLargeError(f"压缩包内文件过多（{len(infos)} 个）", file=name)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_UNCOMPRESSED:
            raise InputTooLargeError(f"解压后过大（{info.filename}），疑似压缩炸弹，已拒绝读取", file=name)
        if info.filename.lower().endswith((".xml", ".rels")) and info.file_size > MAX_XML_PART:
            raise InputTooLargeError(
                f"文档内容部分过大（{info.filename} 解压后 {info.file_size // (1024 * 1024)} MB，"
                f"上限 {MAX_XML_PART // (1024 * 1024)} MB）",
                file=name,
            )
        if info.file_size > RATIO_CHECK_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputTooLargeError(
                f"压缩比异常（{info.filename} 压缩比超过 {MAX_RATIO}:1），疑似压缩炸弹，已拒绝读取",
                file=name,
            )
    return archive
