"""The document: open it with pypdfium2, sort its pages (text layer, scan, pasted table picture),
read the text layers with pdfplumber and the rest by OCR, and write the pages as a :class:`Layout`.

This is the reader boundary: pypdfium2's and pdfminer's exceptions become :class:`ReadError` naming the
file (and the page when one page cannot be loaded); the bounds are in :mod:`gongkai.report.read.limits`.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Sequence
from typing import Any

from ....errors import GongkaiError, InputTooLargeError, ReadError
from ...model import SourceSpan
from .. import limits
from ..layout import Layout, LayoutCell, Line, LineKind
from .continued import _join_continued_tables, _row_texts
from .pages import _body_size, _decorations, _Item, _page_items, _PageSource
from .ruling import _axis_edges, _h_edge, _is_rule, _Table, _v_edge
from .text import _Char, _line_text, _visual_lines

#: A page with fewer printable characters than this has no usable text layer.
MIN_TEXT_CHARS = 8


_ENCRYPTED = "PDF 已加密（需要密码才能打开），无法读取；请提供未加密的文件"


_DAMAGED = "PDF 文件已损坏，内容无法读取"


_PAGE_DAMAGED = "PDF 页面已损坏，无法读取"


def quiet_library_logs() -> None:
    """Keep pdfminer's warnings off the terminal (commands call this once per process).

    pdfminer logs one English line for each damaged stream or font it works around ("Data-loss while
    decompressing corrupted data"); what matters to the user reaches them as a finding or as a
    Chinese :class:`ReadError`, so a command prints only those.
    """
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _open_pdfium(data: bytes, name: str) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReadError(_ENCRYPTED, file=name) from exc
        if "security" in message:
            raise ReadError("PDF 使用了不支持的加密方式，无法读取", file=name) from exc
        raise ReadError("PDF 文件已损坏或不完整，无法打开", file=name) from exc


def _usable_text(page: Any) -> int:
    """Printable characters in the page's text layer (0 for a scan)."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    return sum(1 for ch in text if ch.strip() and not ("\ue000" <= ch <= "\uf8ff") and ch != "\ufffd")


def _drawing_load(page: Any) -> int:
    """Characters plus path segments plus other objects on a page (nested forms included)."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        load = int(textpage.count_chars())
    finally:
        textpage.close()
    for obj in page.get_objects(max_depth=3):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            load += max(1, int(pdfium_c.FPDFPath_CountSegments(obj.raw)))
        elif obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
            load += 1
        if load > limits.MAX_OBJECTS_PER_PAGE:
            break
    return load


#: A picture covering at least this share of a text page, with no text layer over it, is read by
#: OCR (a statistics table pasted into the report as an image).
MIN_PICTURE_SHARE = 0.12


def _text_free_picture(page: Any) -> tuple[float, float, float, float] | None:
    """The largest picture on a text page that covers MIN_PICTURE_SHARE of it, spans half its width
    and carries no text layer of its own, as (x0, top, x1, bottom) with the origin top-left; None if
    there is none."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    best: tuple[float, float, float, float] | None = None
    best_area = MIN_PICTURE_SHARE * width * height
    for obj in page.get_objects(max_depth=2):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        left, bottom, right, top = obj.get_bounds()
        left, right = max(0.0, left), min(width, right)
        bottom, top = max(0.0, bottom), min(height, top)
        area = (right - left) * (top - bottom)
        if area >= best_area and right - left >= 0.5 * width:  # as wide as a table, not an emblem
            best, best_area = (left, height - top, right, height - bottom), area
    if best is None:
        return None
    textpage = page.get_textpage()
    try:
        over = textpage.get_text_bounded(best[0], height - best[3], best[2], height - best[1])
    finally:
        textpage.close()
    # a searchable scan or a background picture has text over it: the text layer is read instead
    return best if sum(1 for ch in over if ch.strip()) < MIN_TEXT_CHARS else None


def _has_image(page: Any) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def _page_list(pages: Sequence[int]) -> str:
    """``2、3、5`` for the pages named in a note."""
    return "、".join(str(p) for p in pages)


def read_pdf(data: bytes, name: str) -> Layout:
    """Read a PDF into a Layout: ruled tables as ROW lines, other text as TEXT lines.

    Raises :class:`ReadError` for a damaged or encrypted file, :class:`InputTooLargeError` beyond
    the bounds, :class:`UnsupportedMediumError` for scanned pages when the OCR extra is missing. Pages
    without a text layer are recognised by OCR (:mod:`.ocr`); the spans of their cells carry the
    recognition score and the layout a note naming those pages.
    """
    if len(data) > limits.MAX_PDF_BYTES:
        raise InputTooLargeError(
            f"PDF 文件过大（{len(data) // (1024 * 1024)} MB，上限 {limits.MAX_PDF_BYTES // (1024 * 1024)} MB）",
            file=name,
        )
    if b"%PDF-" not in data[:1024]:
        raise ReadError("不是 PDF 文件（缺少 %PDF- 文件头）", file=name)
    import pypdfium2 as pdfium

    started = time.monotonic()
    doc = _open_pdfium(data, name)
    try:
        text_pages, scanned, pictures = _classify_pages(doc, name)
        sources = _text_sources(data, name, text_pages, started)
        if scanned:
            sources.extend(_ocr_sources(doc, scanned, name))
        pictured = _read_pictures(doc, pictures, sources, name) if pictures else []
    except pdfium.PdfiumError as exc:  # the reader boundary: pdfium's errors never reach the caller
        raise ReadError(_DAMAGED, file=name) from exc
    finally:
        doc.close()
    sources.sort(key=lambda s: s.number)
    layout = Layout(file=name, medium="ocr" if scanned and not text_pages else "pdf")
    if scanned:
        layout.notes.append(
            f"第{_page_list(scanned)}页没有文字层（扫描件），已用 OCR 识别；识别的数字请核对原件"
        )
    if pictured:
        layout.notes.append(
            f"第{_page_list(pictured)}页的图片（如表格截图）已用 OCR 识别；识别的数字请核对原件"
        )
    elif pictures:
        layout.notes.append(
            f"第{_page_list(sorted(pictures))}页有大幅图片（可能是表格截图），未识别：需要可选组件 gongkai[ocr]"
        )
    drop = _decorations(sources)
    body = {ocr: _body_size([s for s in sources if s.ocr == ocr]) for ocr in (False, True)}
    pages = [(s.number, _page_items(s, drop, body[s.ocr])) for s in sources]
    _join_continued_tables(pages)
    _write_layout(layout, pages, name)
    return layout


def _classify_pages(
    doc: Any, name: str
) -> tuple[list[int], list[int], dict[int, tuple[float, float, float, float]]]:
    """Page numbers with a usable text layer, those that are images only (scans), and the large
    pictures without text over them on text pages (a table pasted as an image)."""
    count = len(doc)
    if count == 0:
        raise ReadError("PDF 没有任何页面", file=name)
    if count > limits.MAX_PAGES:
        raise InputTooLargeError(f"PDF 页数过多（{count} 页，上限 {limits.MAX_PAGES} 页）", file=name)
    text_pages: list[int] = []
    scanned: list[int] = []
    pictures: dict[int, tuple[float, float, float, float]] = {}
    import pypdfium2 as pdfium

    for index in range(count):
        try:
            page = doc[index]
        except pdfium.PdfiumError as exc:  # a page object damaged beyond pdfium's repair
            raise ReadError(_PAGE_DAMAGED, file=name, where=f"第{index + 1}页") from exc
        try:
            # Counted by pdfium (C) before pdfminer parses the page in Python: a page crammed with
            # drawing or text is refused in milliseconds instead of parsed for minutes.
            load = _drawing_load(page)
            if load > limits.MAX_OBJECTS_PER_PAGE:
                raise InputTooLargeError(
                    f"页面内容过于复杂（{load} 个对象，上限 {limits.MAX_OBJECTS_PER_PAGE}）",
                    file=name,
                    where=f"第{index + 1}页",
                )
            if _usable_text(page) >= MIN_TEXT_CHARS:
                text_pages.append(index + 1)
                picture = _text_free_picture(page)
                if picture is not None:
                    pictures[index + 1] = picture
            elif _has_image(page):
                scanned.append(index + 1)
        except pdfium.PdfiumError as exc:
            raise ReadError(_PAGE_DAMAGED, file=name, where=f"第{index + 1}页") from exc
        finally:
            page.close()
    return text_pages, scanned, pictures


def _text_sources(data: bytes, name: str, numbers: Sequence[int], started: float) -> list[_PageSource]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if not numbers:
        return []
    sources: list[_PageSource] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number in numbers:
                page = pdf.pages[number - 1]
                objects = len(page.objects.get("char", ())) + sum(
                    len(page.objects.get(kind, ())) for kind in ("rect", "line", "curve")
                )
                if objects > limits.MAX_OBJECTS_PER_PAGE:
                    raise InputTooLargeError(
                        f"页面内容过于复杂（{objects} 个对象，上限 {limits.MAX_OBJECTS_PER_PAGE}）",
                        file=name,
                        where=f"第{number}页",
                    )
                chars = [_Char.from_pdfplumber(o) for o in page.chars if o.get("text")]
                # pdfminer writes "(cid:123)" for glyphs without a Unicode mapping: not readable text.
                chars = [c for c in chars if not c.text.startswith("(cid:")]
                edges = _axis_edges(page.filter(_is_rule).edges)
                sources.append(_PageSource(number, float(page.height), chars, edges))
                page.close()
                if time.monotonic() - started > limits.MAX_SECONDS:
                    raise InputTooLargeError(
                        f"PDF 读取超时（超过 {limits.MAX_SECONDS:.0f} 秒）", file=name, where=f"第{number}页"
                    )
    except GongkaiError:
        raise
    except PDFPasswordIncorrect as exc:
        raise ReadError(_ENCRYPTED, file=name) from exc
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise ReadError(f"PDF 内容无法解析（{type(exc).__name__}）", file=name) from exc
    return sources


def _ocr_sources(doc: Any, numbers: Sequence[int], name: str) -> list[_PageSource]:
    from .. import ocr

    if len(numbers) > limits.MAX_OCR_PAGES:
        raise InputTooLargeError(
            f"需要 OCR 识别的扫描页过多（{len(numbers)} 页，上限 {limits.MAX_OCR_PAGES} 页）", file=name
        )
    sources: list[_PageSource] = []
    for page in ocr.recognise_pages(doc, numbers, name):
        chars = [
            _Char(b.text, b.x0, b.top, b.x1, b.bottom, size=b.bottom - b.top, confidence=b.score)
            for b in page.boxes
        ]
        edges = [_h_edge(x0, x1, y) for x0, x1, y in page.h_rules]
        edges += [_v_edge(x, top, bottom) for x, top, bottom in page.v_rules]
        sources.append(_PageSource(page.number, page.height, chars, edges, ocr=True))
    return sources


def _read_pictures(
    doc: Any, pictures: dict[int, tuple[float, float, float, float]], sources: list[_PageSource], name: str
) -> list[int]:
    """OCR the text-free pictures of text pages into their pages' characters and rules.

    Optional: without the OCR extra the pictures are skipped (the text layer is still read and
    the layout says which pages had pictures). Returns the pages whose pictures were read.
    """
    from .. import ocr

    if not ocr.available():
        return []
    by_number = {source.number: source for source in sources}
    done: list[int] = []
    for page in ocr.recognise_pages(doc, sorted(pictures)[: limits.MAX_OCR_PAGES], name, regions=pictures):
        source = by_number.get(page.number)
        if source is None or not page.boxes:
            continue
        source.chars.extend(
            _Char(b.text, b.x0, b.top, b.x1, b.bottom, size=b.bottom - b.top, confidence=b.score)
            for b in page.boxes
        )
        source.edges.extend(_h_edge(x0, x1, y) for x0, x1, y in page.h_rules)
        source.edges.extend(_v_edge(x, top, bottom) for x, top, bottom in page.v_rules)
        source.__post_init__()  # the tables, with the picture's rules
        done.append(page.number)
    return done


def _span(name: str, page: int, confidence: float | None, **where: int) -> SourceSpan:
    return SourceSpan(file=name, page=page, confidence=confidence, **where)  # type: ignore[arg-type]


def _write_layout(layout: Layout, pages: list[tuple[int, list[_Item]]], name: str) -> None:
    """Number the tables and write every item as layout lines."""
    table_no = 0
    written: set[int] = set()
    for number, items in pages:
        for item in items:
            if item.kind == "text":
                layout.text_line(item.text, _span(name, number, item.confidence))
            elif item.kind == "rows":
                table_no += 1
                for r, cells in enumerate(item.rows, 1):
                    layout.row(
                        [
                            LayoutCell(text, _span(name, number, score, table=table_no, row=r, col=c))
                            for c, (text, score) in enumerate(cells, 1)
                        ]
                    )
            elif item.table is not None and id(item.table) not in written:
                written.add(id(item.table))
                table_no += 1
                _write_table(layout, item.table, table_no, name)


def _write_table(layout: Layout, table: _Table, number: int, name: str) -> None:
    emitted: set[int] = set()
    for r, (row, page) in enumerate(zip(table.grid, table.pages, strict=True), 1):
        if row and all(cell is row[0] for cell in row) and row[0] is not None:
            # One cell across the whole table: a heading or a framed paragraph, not columns.
            only = row[0]
            if id(only) in emitted:
                continue
            emitted.add(id(only))
            lines = [_line_text(line) for line in _visual_lines(only.chars)] if only.chars else [only.text]
            for text in lines:
                if text:
                    layout.text_line(text, _span(name, page, only.confidence, table=number, row=r))
            continue
        texts = _row_texts(row)
        if not any(texts):
            continue
        layout.lines.append(
            Line(
                LineKind.ROW,
                tuple(
                    LayoutCell(
                        text,
                        _span(name, page, cell.confidence if cell else None, table=number, row=r, col=c),
                    )
                    for c, (text, cell) in enumerate(zip(texts, row, strict=True), 1)
                ),
            )
        )
