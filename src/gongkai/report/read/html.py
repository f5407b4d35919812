"""HTML → Layout: web pages as agencies publish them.

What real pages do, and what this reader does about it:

- **Encodings.** Many sites still serve GBK. A declared ``gb2312``/``gbk`` is decoded as
  ``gb18030`` (a superset: pages declared gb2312 routinely contain GBK-only characters such as 镕);
  an undeclared page is tried as UTF-8, then detected with charset-normalizer.
- **Tables.** ``rowspan``/``colspan`` are expanded onto a grid: a merged cell is repeated in every
  slot it covers, so each ROW line has one cell per grid column and positions mean the same thing in
  every row. Every copy carries the span of the merged cell itself (its top-left slot), which is
  where a reader finds it and how a consumer tells a repeated merged cell from equal neighbours.
  Spans are clamped (:data:`~.limits.MAX_SPAN`, the end of the table).
- **Layout tables.** A one-column table is a frame: it is walked like a ``<div>``. In a wider table,
  a row holding a table or a cell of running text is page layout: its cells are walked like
  ``<div>``s, so the data tables inside become their own rows instead of one giant row, while the
  table's other rows stay data rows.
- **Boilerplate.** Scripts, styles, forms, hidden elements, navigation, share bars and footers are
  removed. The report body is the smallest element that holds every numbered section heading and
  data table; lines outside it are dropped, except the report title and the 发布时间-style lines
  above it, and a signature with its date printed right below it.

Text outside tables becomes TEXT lines (one per block element or ``<br>``), spanning the source line
of the element; table rows become ROW lines spanning table/row/column. No label is interpreted here.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from ...errors import EncodingError, InputTooLargeError, ReadError
from ..model import SourceSpan
from . import limits
from .layout import Layout, LayoutCell, Line, LineKind

#: Elements whose content is never report text.
_SKIP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "select",
    "option",
    "button",
    "input",
    "textarea",
    "iframe",
    "frame",
    "object",
    "embed",
    "svg",
    "canvas",
    "map",
    "audio",
    "video",
    "link",
)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "blockquote",
        "pre",
        "address",
        "center",
        "form",
        "fieldset",
        "hr",
        "figure",
        "figcaption",
        "details",
        "summary",
        "body",
        "html",
        "caption",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
    ]
)
#: class/id tokens of navigation, share bars, footers and login boxes on government sites.
_BOILERPLATE_TOKEN = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|submenu|breadcrumbs?|crumbs?|position|share|bdshare|jiathis|"
    r"footer|foot|copyright|login|sidebar|side|toolbar|search|topbar|top|friendlink|links?)(?:[-_\s\d]|$)",
    re.IGNORECASE,
)
_BOILERPLATE_TAGS = frozenset(("nav", "footer", "aside"))
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: A numbered section heading of an annual report (2019/2021 titles and the legacy ones).
_SECTION_HEADING = re.compile(
    r"^\s*[一二三四五六七八九十]{1,2}\s*[、.．]\s*\S{0,20}?"
    r"(?:概述|总体情况|主动公开|依申请|收到和处理|行政复议|行政诉讼|收费|存在的|问题|改进|其他需要|附表)"
)
_TITLE_HINT = re.compile(r"年度报告|年报")
#: A line that is only a date (the date that signs a report: 2024年1月22日, 二〇二四年一月二十二日).
_DATE_LINE = re.compile(
    r"^\s*[0-9０-９〇○零一二三四五六七八九]{4}\s*年[0-9０-９一二三四五六七八九十]{1,3}\s*月[0-9０-９一二三四五六七八九十]{1,3}\s*日\s*$"
)
#: How many lines after the body may hold the signature and its date.
_SIGNATURE_LINES = 3
_META_LINE = re.compile(r"发布时间|发布日期|成文日期|发文日期|发布机构|来源[:：]|索引号")
_WHITESPACE = re.compile(r"[ \t\r\n\f\v\xa0]+")
_NUMBER = re.compile(r"^[+\-−]?\d[\d,，.]*$")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-.:]+)""", re.IGNORECASE)
_XML_DECL_CHARSET = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
#: Detected encodings taken as they are (after GB names became gb18030).
_ACCEPTED_GUESSES = frozenset(("gb18030", "big5", "big5hkscs", "utf-16", "utf_16", "utf-8", "utf_8"))
_GB_FAMILY = frozenset(("gb2312", "gbk", "gb18030", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"))
#: A cell longer than this holds running text: its table is page layout, not a statistics table.
_LONG_CELL = 400


def read_html(data: bytes, name: str) -> Layout:
    """Read an HTML page into a Layout (see the module docstring for what is kept)."""
    limits.check_input_size(data, name, min(limits.MAX_INPUT_BYTES, limits.MAX_HTML_BYTES))
    text, notes = _decode(data, name)
    root = _parse(text, name)
    walker = _Walker(name)
    _remove_boilerplate(root)
    body = root.find("body")
    walker.walk(body if body is not None else root, 0)
    walker.flush()
    layout = Layout(file=name, medium="html", notes=notes)
    layout.lines = _select_report_body(walker.lines, root, name)
    if not layout.lines:
        raise ReadError("网页中没有可读取的文字", file=name)
    return layout


# ---- decoding ---------------------------------------------------------------------------------


def decode_html(data: bytes, name: str) -> str:
    """The page as text: BOM, then the declared charset (GB family → gb18030), then detection."""
    return _decode(data, name)[0]


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """The page as text, and notes for the layout (bytes that had to be replaced)."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), []
            except UnicodeDecodeError as exc:
                raise EncodingError(f"文件声明为 {codec} 编码（BOM），但内容无法按此解码", file=name) from exc
    declared = _declared_charset(data[:4096])
    if declared is not None:
        try:
            return data.decode(declared), []
        except UnicodeDecodeError:
            pass  # a wrong declaration is common (a GBK page claiming utf-8); fall back to detection
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    guess = _normalise_charset(best.encoding) if best is not None and best.encoding else None
    # mainland government pages are UTF-8 or GB: a GB guess, Big5 or UTF-16 is taken; anything
    # else (cp1252 for a short GBK page, say) yields to gb18030
    candidates = [guess] if guess in _ACCEPTED_GUESSES else []
    for candidate in (*candidates, "gb18030"):
        try:
            return data.decode(candidate), []
        except UnicodeDecodeError:
            continue
    # A GB page with a few broken bytes (a truncated download, a bad paste) is still the page:
    # accept it when almost all of it decodes, and say so.
    text = data.decode("gb18030", errors="replace")
    broken = text.count("\ufffd")
    if broken <= max(3, len(text) // 1000):
        return text, [f"网页中有 {broken} 处字节无法按 GB18030 解码，已替换为“\ufffd”"]
    raise EncodingError("无法识别网页的文字编码（既不是 UTF-8，也不是 GB18030/GBK）", file=name)


def _declared_charset(head: bytes) -> str | None:
    match = _XML_DECL_CHARSET.match(head) or _CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii", "replace").strip().lower()
    encoding = _normalise_charset(label)
    try:
        codecs.lookup(encoding)
    except LookupError:
        return None
    return encoding


def _normalise_charset(label: str) -> str:
    label = label.lower().replace("_", "-") if label.lower() != "gb_2312-80" else label.lower()
    if label in _GB_FAMILY or label.replace("-", "") in {"gb2312", "gbk", "cp936", "gb18030"}:
        return "gb18030"
    return label


# ---- parsing ----------------------------------------------------------------------------------


def _parse(text: str, name: str) -> Any:
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise ReadError("网页内容为空", file=name)
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError("网页无法解析（内容为空或不是 HTML）", file=name) from exc
    if root is None:
        raise ReadError("网页无法解析（内容为空或不是 HTML）", file=name)
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            # libxml2 stops at 256 levels of nesting and drops the rest of the page: refuse it
            # rather than read half a report
            raise InputTooLargeError("网页元素嵌套层次过深（超过 256 层），无法完整读取", file=name)
    etree.strip_elements(root, *_SKIP_TAGS, with_tail=False)
    return root


def _remove_boilerplate(root: Any) -> None:
    """Drop navigation, share bars, footers and login boxes (never one that holds a table or title)."""
    doomed = []
    for el in root.iter(tag=etree.Element):
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        if _HIDDEN.search(el.get("style", "")) or el.get("hidden") is not None:
            doomed.append(el)  # not shown by a browser (often a print-view copy of the article)
            continue
        tokens = f"{el.get('class', '')} {el.get('id', '')}"
        role = el.get("role", "")
        if el.tag in _BOILERPLATE_TAGS or role == "navigation" or _BOILERPLATE_TOKEN.search(tokens):
            if el.find(".//table") is not None:
                continue
            text = el.text_content()
            if _TITLE_HINT.search(text) and len(text) < 200 and el.tag not in _BOILERPLATE_TAGS:
                continue
            if _SECTION_HEADING.search(text) and len(text) > 200:
                continue  # a body mislabelled with a boilerplate class is still the body
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # keep the tail text, which belongs to the parent
        tail = el.tail
        prev = el.getprevious()
        parent.remove(el)
        if tail:
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


# ---- walking ----------------------------------------------------------------------------------


@dataclass
class _Pending:
    line: Line
    anchor: Any  # the element the line came from (for finding the body)


class _Walker:
    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[_Pending] = []
        self._buf: list[str] = []
        self._buf_el: Any = None
        self._tables = 0
        self._cells = 0
        self._rows = 0

    # text outside tables
    def _text(self, text: str | None, el: Any) -> None:
        if text:
            if self._buf_el is None:
                self._buf_el = el
            self._buf.append(text)

    def flush(self) -> None:
        text = _WHITESPACE.sub(" ", "".join(self._buf)).strip().strip("\u3000") if self._buf else ""
        el = self._buf_el
        self._buf, self._buf_el = [], None
        if text:
            span = SourceSpan(file=self.name, line=getattr(el, "sourceline", None))
            self.lines.append(_Pending(Line(LineKind.TEXT, (LayoutCell(text, span),)), el))

    def walk(self, el: Any, depth: int) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if depth > limits.MAX_DEPTH:
            self._text(" ".join(el.itertext()), el)
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table":
            self.flush()
            self._table(el, depth)
            return
        if tag in ("pre", "plaintext", "xmp"):
            # preformatted text (a report pasted as text): its lines are the lines, as printed
            self.flush()
            start = getattr(el, "sourceline", None)
            for i, text in enumerate("".join(el.itertext()).replace("\xa0", " ").splitlines()):
                if text.strip():
                    span = SourceSpan(file=self.name, line=start + i if start is not None else None)
                    self.lines.append(_Pending(Line(LineKind.TEXT, (LayoutCell(text.rstrip(), span),)), el))
            return
        block = tag in _BLOCK_TAGS or tag == "table"
        if block:
            self.flush()
        self._text(el.text, el)
        for child in el:
            if isinstance(child.tag, str):
                self.walk(child, depth + 1)
            self._text(child.tail, el)
        if block:
            self.flush()

    # data tables
    def _table(self, table: Any, depth: int) -> None:
        for caption in table.findall("caption"):  # "表三 收到和处理…情况": the table's title, as text
            self._text(" ".join(caption.itertext()), caption)
            self.flush()
        rows = [tr for tr in table.iter("tr") if _owner_table(tr) is table]
        widest = max(
            (sum(_span(c.get("colspan"), limits.MAX_SPAN) for c in _cells(tr)) for tr in rows), default=0
        )
        layout_rows = [_is_layout_row(tr) for tr in rows]
        if widest > 1 and not any(layout_rows):
            self._rows_of(table, rows)
            return
        # Page layout: a one-column frame, or rows holding a table or running text. Those rows are
        # walked as blocks (their tables become tables of their own); runs of other rows of a wider
        # table are still data rows.
        plain: list[Any] = []
        for tr, is_layout in zip(rows, layout_rows, strict=True):
            if is_layout or widest <= 1:
                self._rows_of(table, plain)
                plain = []
                for cell in _cells(tr):
                    self.walk(cell, depth + 2)
                self.flush()
            else:
                plain.append(tr)
        self._rows_of(table, plain)

    def _rows_of(self, table: Any, rows: list[Any]) -> None:
        """Lay ``rows`` (``<tr>`` elements of ``table``) on a grid and add them as a new table."""
        if not rows:
            return
        self._tables += 1
        index = self._tables
        self._rows += len(rows)
        if self._rows > limits.MAX_ROWS:
            raise InputTooLargeError(f"表格行数过多（超过 {limits.MAX_ROWS} 行）", file=self.name)
        # carried[col] = (rows still covered, cell) for cells spanning down from earlier rows
        carried: dict[int, tuple[int, LayoutCell]] = {}
        for r, tr in enumerate(rows):
            slots: dict[int, LayoutCell] = {}
            col = 0
            new_carried: dict[int, tuple[int, LayoutCell]] = {}
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                    continue
                while col in carried or col in slots:
                    if col in carried:
                        slots[col] = carried[col][1]
                    col += 1
                colspan = _span(cell.get("colspan"), limits.MAX_SPAN)
                rowspan = _span(cell.get("rowspan"), len(rows) - r, zero_means_rest=True)
                # every slot of a merged cell holds the same LayoutCell: its text and its own span
                printed = LayoutCell(
                    _cell_text(cell), SourceSpan(file=self.name, table=index, row=r + 1, col=col + 1)
                )
                for k in range(colspan):
                    slots[col + k] = printed
                    if rowspan > 1:
                        new_carried[col + k] = (rowspan - 1, printed)
                col += colspan
                self._cells += colspan
                if self._cells > limits.MAX_CELLS:
                    raise InputTooLargeError(f"表格单元格过多（超过 {limits.MAX_CELLS} 个）", file=self.name)
            for c, (_, printed) in carried.items():
                slots.setdefault(c, printed)
            carried = {c: (n - 1, t) for c, (n, t) in carried.items() if n > 1}
            carried.update(new_carried)
            if not any(cell.text for cell in slots.values()):
                continue
            width = max(slots) + 1
            cells = tuple(
                slots.get(c) or LayoutCell("", SourceSpan(file=self.name, table=index, row=r + 1, col=c + 1))
                for c in range(width)
            )
            self.lines.append(_Pending(Line(LineKind.ROW, cells), table))


def _owner_table(el: Any) -> Any:
    for ancestor in el.iterancestors("table"):
        return ancestor
    return None


def _is_layout_row(tr: Any) -> bool:
    """A row of page layout: it holds a nested table or a cell of running text."""
    return any(c.find(".//table") is not None or len(c.text_content()) > _LONG_CELL for c in _cells(tr))


def _cells(tr: Any) -> list[Any]:
    return [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]


def _span(value: str | None, limit: int, *, zero_means_rest: bool = False) -> int:
    if not value:
        return 1
    match = re.match(r"\s*(\d{1,9})", value)
    if match is None:
        return 1
    n = int(match.group(1))
    if n == 0:
        return max(limit, 1) if zero_means_rest else 1
    return max(1, min(n, limit))


def _cell_text(cell: Any) -> str:
    """A cell's text: inline pieces joined as printed, block elements and <br> separated by a space."""
    pieces: list[str] = []

    def visit(el: Any, depth: int) -> None:
        if depth > limits.MAX_DEPTH:
            pieces.append(" ".join(el.itertext()))
            return
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br" or tag in _BLOCK_TAGS:
            pieces.append(" ")
        if el.text:
            pieces.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                visit(child, depth + 1)
            if child.tail:
                pieces.append(child.tail)
        if tag in _BLOCK_TAGS:
            pieces.append(" ")

    visit(cell, 0)
    return _WHITESPACE.sub(" ", "".join(pieces)).strip().strip("\u3000").strip()


# ---- the report body ----------------------------------------------------------------------------


def _is_signal(pending: _Pending) -> bool:
    line = pending.line
    if line.kind is LineKind.ROW:
        return sum(1 for c in line.cells if _NUMBER.match(c.text)) >= 2
    text = line.text
    return len(text) <= 60 and _SECTION_HEADING.match(text) is not None


def _select_report_body(pending: list[_Pending], root: Any, name: str) -> list[Line]:
    """Keep the lines of the report body (plus the title and meta lines above it).

    The body is the lowest common ancestor of the elements holding section headings and numeric
    table rows. With fewer than two such signals the page is kept whole (the extractor decides).
    """
    signals = [p.anchor for p in pending if p.anchor is not None and _is_signal(p)]
    lines = [p.line for p in pending]
    if len(signals) < 2:
        return _with_head_title(lines, root, name)
    body = _common_ancestor(signals)
    if body is None or body.tag in ("html", "body"):
        return _with_head_title(lines, root, name)
    inside = set(body.iter())
    first = next(i for i, p in enumerate(pending) if p.anchor in inside)
    kept: list[Line] = []
    # above the body: the nearest title line and the publication meta lines
    above = pending[:first]
    title_index = None
    for i in range(len(above) - 1, -1, -1):
        text = above[i].line.text
        if above[i].line.kind is LineKind.TEXT and _TITLE_HINT.search(text) and len(text) <= 100:
            title_index = i
            break
    for i, p in enumerate(above):
        text = p.line.text
        if i == title_index or (
            title_index is not None and i > title_index and _META_LINE.search(text) and len(text) <= 200
        ):
            kept.append(p.line)
    last = max(i for i, p in enumerate(pending) if p.anchor in inside)
    kept.extend(p.line for p in pending[first : last + 1] if p.anchor in inside)
    # below the body: the signature and date, when printed in a block of their own right after it
    after = pending[last + 1 : last + 1 + _SIGNATURE_LINES]
    for i, p in enumerate(after):
        if _DATE_LINE.match(p.line.text):
            kept.extend(q.line for q in after[: i + 1] if len(q.line.text) <= 40)
            break
    return _with_head_title(kept, root, name)


def _common_ancestor(elements: list[Any]) -> Any:
    path: list[Any] | None = None
    for el in elements:
        chain = [el, *el.iterancestors()][::-1]  # root first
        if path is None:
            path = chain
            continue
        n = 0
        while n < min(len(path), len(chain)) and path[n] is chain[n]:
            n += 1
        path = path[:n]
    return path[-1] if path else None


def _with_head_title(lines: list[Line], root: Any, name: str) -> list[Line]:
    """Put the page's <title> first when the body printed no report title of its own."""
    if any(_TITLE_HINT.search(line.text) for line in lines[:10] if line.kind is LineKind.TEXT):
        return lines
    title_el = root.find(".//title")
    if title_el is None:
        return lines
    title = _WHITESPACE.sub(" ", title_el.text_content()).strip()
    # "…年度报告_某某县人民政府网" / "… - 某某网": keep the part naming the report
    parts = [p.strip() for p in re.split(r"\s*(?:_|\||——|－|\s-\s)\s*", title) if p.strip()]
    wanted = [p for p in parts if _TITLE_HINT.search(p)]
    if not wanted:
        return lines
    span = SourceSpan(file=name, line=title_el.sourceline)
    return [Line(LineKind.TEXT, (LayoutCell(wanted[0], span),)), *lines]
