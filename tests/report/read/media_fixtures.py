"""Report documents in every medium, generated from a report's real numbers (test fixtures).

A corpus text report is read by the text reader and the extractor; its cells, title, agency, date
and prose are then printed again as a GBK web page with navigation, a layout table and merged header
cells, as a Word document with merged cells, and as a statistics workbook with merged headers —
the table layouts of domain.md §2.3–§2.5, declared by the formats. Reading each document back must
give exactly the cells it prints. LibreOffice turns the DOCX and XLSX into the legacy .doc and .xls.

Also here: a minimal OLE2 (compound file) writer, to build password-protected Office files.
"""

from __future__ import annotations

import functools
import html
import io
import os
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from gongkai.report.formats import FORMATS, Format
from gongkai.report.model import CellValue, Report

CORPUS_SOURCES = ("xichou-county-2023.txt", "yinchuan-szglj-2020.txt")


@dataclass(frozen=True)
class Placed:
    """A cell of a printed table: its top-left slot, spans, and text (and value, for spreadsheets)."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    value: CellValue = None


@dataclass
class Grid:
    key: str  # t2, t3, t4
    width: int
    height: int = 0
    cells: list[Placed] = field(default_factory=list)

    def add(
        self, row: int, col: int, text: str, *, rowspan: int = 1, colspan: int = 1, value: CellValue = None
    ) -> None:
        self.cells.append(Placed(row, col, text, rowspan, colspan, value))
        self.height = max(self.height, row + rowspan)

    def rows(self) -> list[list[Placed]]:
        out: list[list[Placed]] = [[] for _ in range(self.height)]
        for cell in self.cells:
            out[cell.row].append(cell)
        for row in out:
            row.sort(key=lambda c: c.col)
        return out


def printed(value: CellValue) -> str:
    if value is None:
        return ""
    return str(value)


class Printer:
    """Builds the three tables of a report from its format declaration and values."""

    def __init__(self, fmt: Format, values: dict[str, CellValue]) -> None:
        self.fmt = fmt
        self.values = values

    def _value(self, grid: Grid, row: int, col: int, cell_id: str, colspan: int = 1) -> None:
        value = self.values.get(cell_id)
        grid.add(row, col, printed(value), colspan=colspan, value=value)

    def table2(self) -> Grid:
        width = 1 + max(len(b.columns) for b in self.fmt.table2)
        grid = Grid("t2", width)
        r = 0
        for block in self.fmt.table2:
            grid.add(r, 0, block.heading, colspan=width)
            r += 1
            grid.add(r, 0, "信息内容")
            last = len(block.columns) - 1
            for i, col in enumerate(block.columns):
                grid.add(r, 1 + i, col.label, colspan=width - 1 - i if i == last else 1)
            r += 1
            for row in block.rows:
                grid.add(r, 0, row.label)
                for i, col in enumerate(block.columns):
                    self._value(grid, r, 1 + i, f"t2.{row.key}.{col.key}", width - 1 - i if i == last else 1)
                r += 1
        return grid

    def table3(self) -> Grid:
        fmt = self.fmt
        columns = fmt.table3_columns
        grid = Grid("t3", 3 + len(columns))
        grid.add(0, 0, fmt.table3_note, rowspan=3, colspan=3)
        grid.add(0, 3, "申请人情况", colspan=len(columns))
        c = 3
        done_groups: set[str] = set()
        for col in columns:
            if col.group is None:
                grid.add(1, c, col.label, rowspan=2)
            else:
                if col.group not in done_groups:
                    n = sum(1 for x in columns if x.group == col.group)
                    grid.add(1, c, col.group, colspan=n)
                    done_groups.add(col.group)
                grid.add(2, c, col.label)
            c += 1
        results, *subgroups = fmt.table3_groups
        result_rows = [row for row in fmt.table3_rows if row.group == results or row.group in subgroups]
        r = 3
        seen: set[str] = set()
        for row in fmt.table3_rows:
            if row.group is None:
                grid.add(r, 0, row.label, colspan=3)
            else:
                if row is result_rows[0]:
                    grid.add(r, 0, results, rowspan=len(result_rows))
                if row.group == results:
                    grid.add(r, 1, row.label, colspan=2)
                else:
                    if row.group not in seen:
                        n = sum(1 for x in fmt.table3_rows if x.group == row.group)
                        grid.add(r, 1, row.group, rowspan=n)
                        seen.add(row.group)
                    grid.add(r, 2, row.label)
            for i, col in enumerate(columns):
                self._value(grid, r, 3 + i, f"t3.{row.key}.{col.key}")
            r += 1
        return grid

    def table4(self) -> Grid:
        blocks, columns = self.fmt.table4_blocks, self.fmt.table4_columns
        n = len(columns)
        grid = Grid("t4", n * len(blocks))
        first, *rest = blocks
        grid.add(0, 0, first.label, colspan=n)
        grid.add(0, n, rest[0].group or "行政诉讼", colspan=n * len(rest))
        for i, col in enumerate(columns):
            grid.add(1, i, col.label, rowspan=2)
        for b, block in enumerate(rest, start=1):
            grid.add(1, n * b, block.label, colspan=n)
            for i, col in enumerate(columns):
                grid.add(2, n * b + i, col.label)
        for b, block in enumerate(blocks):
            for i, col in enumerate(columns):
                self._value(grid, 3, n * b + i, f"t4.{block.key}.{col.key}")
        return grid


@dataclass
class Document:
    """A report as printed: title, date line, sections with their prose, and the three tables."""

    title: str
    date_line: str
    agency: str
    blocks: list[tuple[str, str | Grid]]  # ("heading"|"para", text) or ("table", Grid)
    tables: dict[str, Grid]
    expected: dict[str, CellValue]  # every cell id of the format → the value printed


def document_from_report(report: Report) -> Document:
    """The printed document of a report read from the corpus (its real numbers and prose)."""
    fmt = FORMATS[report.format]
    expected = {cid: report.value(cid) for cid in fmt.cell_ids()}
    printer = Printer(fmt, expected)
    tables = {"t2": printer.table2(), "t3": printer.table3(), "t4": printer.table4()}
    after = {"s2_proactive": "t2", "s3_requests": "t3", "s4_review_lit": "t4"}
    blocks: list[tuple[str, str | Grid]] = []
    for section in fmt.sections:
        blocks.append(("heading", section.title))
        if section.key in after:
            blocks.append(("table", tables[after[section.key]]))
            continue
        for line in report.sections.get(section.key, "").splitlines():
            if line.strip() and "登录" not in line and "注册" not in line and "账号" not in line:
                blocks.append(("para", line.strip()))
    title = report.title or f"{report.agency}{report.year}年政府信息公开工作年度报告"
    date = report.publish_date.isoformat() if report.publish_date else f"{(report.year or 2000) + 1}-01-20"
    return Document(
        title, f"发布时间：{date}　来源：{report.agency or ''}", report.agency or "", blocks, tables, expected
    )


def distinct_document(fmt: Format) -> Document:
    """A document whose every cell holds a different number, so a cell read from the wrong
    position cannot go unnoticed (values 1, 2, 3, … in printed order; money as a decimal)."""
    values: dict[str, CellValue] = {}
    for i, spec in enumerate(fmt.cells(), start=1):
        values[spec.id] = Decimal(f"{i}.25") if spec.kind.value == "decimal" else i
    printer = Printer(fmt, values)
    tables = {"t2": printer.table2(), "t3": printer.table3(), "t4": printer.table4()}
    blocks: list[tuple[str, str | Grid]] = []
    for section, key in zip(fmt.sections, ("", "t2", "t3", "t4", "", ""), strict=True):
        blocks.append(("heading", section.title))
        blocks.append(("table", tables[key]) if key else ("para", "本部分内容从略。"))
    year = 2023 if fmt.key == "2021" else 2020
    title = f"某某市某某区人民政府{year}年政府信息公开工作年度报告"
    return Document(title, f"发布时间：{year + 1}-01-20", "某某市某某区人民政府", blocks, tables, values)


# ---- HTML -----------------------------------------------------------------------------------------


def grid_html(grid: Grid, *, split_headers: bool = True) -> str:
    out = ['<table border="1" cellspacing="0" class="MsoTableGrid">']
    for row in grid.rows():
        out.append("<tr>")
        for cell in row:
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            text = html.escape(cell.text)
            if split_headers and cell.value is None and len(cell.text) == 4 and cell.row < 3:
                text = f"{text[:2]}<br/>{text[2:]}"  # "商业<br>企业", as pages print narrow headers
            out.append(f"<td{attrs}><p><span style='font-family:宋体'>{text}</span></p></td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def html_page(
    doc: Document, *, encoding: str = "gbk", declare: bool = True, layout_table: bool = True
) -> bytes:
    """A government web page: head with scripts, navigation, a layout table around the article,
    breadcrumb, share bar and footer; the report's tables with rowspan/colspan headers."""
    charset = {"gbk": "gb2312"}.get(encoding, encoding)
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if declare else ""
    body: list[str] = []
    for kind, item in doc.blocks:
        if kind == "heading":
            body.append(f"<p style='text-indent:2em'><strong>{html.escape(str(item))}</strong></p>")
        elif kind == "para":
            body.append(f"<p style='text-indent:2em'>{html.escape(str(item))}</p>")
        else:
            assert isinstance(item, Grid)
            body.append(f"<div align='center'>{grid_html(item)}</div>")
    article = "\n".join(body)
    sidebar = (
        "<ul><li><a href='/zfxxgk/zn/'>政府信息公开指南</a></li><li><a href='/zfxxgk/ml/'>政府信息公开目录</a></li>"
        "<li><a href='/zfxxgk/nb/'>政府信息公开年报</a></li><li><a href='/ysqgk/'>依申请公开</a></li>"
        "<li><a>2022年政府信息公开工作年度报告</a></li></ul>"
    )
    main = (
        f"<div class='breadcrumb'>当前位置：<a>首页</a> &gt; <a>政府信息公开</a> &gt; <a>年报</a></div>"
        f"<h1 class='title'>{html.escape(doc.title)}</h1>"
        f"<div class='info'>{html.escape(doc.date_line)}　浏览次数：1024</div>"
        f"<div class='TRS_Editor' id='zoom'>{article}</div>"
        "<div class='bdshare'>分享到：<a>微信</a><a>微博</a><a>QQ空间</a> 【打印本页】【关闭窗口】</div>"
    )
    if layout_table:
        frame = (
            f"<table width='100%' class='layout'><tr><td width='200' class='side'>{sidebar}</td>"
            f"<td class='content'>{main}</td></tr></table>"
        )
    else:
        frame = f"<div class='side'>{sidebar}</div><div class='content'>{main}</div>"
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>{meta}<title>{html.escape(doc.title)}_{html.escape(doc.agency)}门户网站</title>
<script type="text/javascript">var menu = "一、总体情况 二、主动公开政府信息情况"; document.write(menu);</script>
<style>td {{ font-size: 12pt; }}</style></head>
<body><div id="top"><div class="nav"><a>首页</a> <a>政务公开</a> <a>政务服务</a> <a>互动交流</a></div>
<form class="search"><input name="q" value="搜索"/><button>搜索</button></form></div>
{frame}
<div class="footer"><p>主办：{html.escape(doc.agency)}办公室　网站标识码：5326000001　ICP备05004326号</p>
<p>联系电话：0876-7623373　地址：某某路1号</p></div></body></html>"""
    return page.encode(encoding)


# ---- DOCX ---------------------------------------------------------------------------------------


def docx_bytes(doc: Document) -> bytes:
    """A Word document: title, date, headings, prose and the tables with real merged cells."""
    import docx

    document = docx.Document()
    document.add_paragraph(doc.title)
    document.add_paragraph(doc.date_line)
    for kind, item in doc.blocks:
        if kind in ("heading", "para"):
            document.add_paragraph(str(item))
            continue
        assert isinstance(item, Grid)
        table = document.add_table(rows=item.height, cols=item.width)
        table.style = "Table Grid"
        for cell in item.cells:
            target = table.cell(cell.row, cell.col)
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(table.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1))
            target.text = cell.text
        document.add_paragraph("")  # Word needs a paragraph between tables (a .doc merges them otherwise)
    document.add_paragraph(doc.agency)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# ---- XLSX ---------------------------------------------------------------------------------------


def xlsx_bytes(doc: Document, *, sheet_per_table: bool = False) -> bytes:
    """A statistics workbook: a merged title row, each table with merged headers, numbers as numbers."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    titles = {
        "t2": "二、主动公开政府信息情况",
        "t3": "三、收到和处理政府信息公开申请情况",
        "t4": "四、政府信息公开行政复议、行政诉讼情况",
    }
    sheet = book.add_worksheet("统计表")
    r0 = 0
    width = max(g.width for g in doc.tables.values())
    sheet.merge_range(
        0, 0, 0, width - 1, doc.title.replace("年政府信息公开工作年度报告", "年度政府信息公开情况统计表")
    )
    r0 = 2
    for key, grid in doc.tables.items():
        if sheet_per_table:
            sheet = book.add_worksheet(f"表{'二三四'[int(key[1]) - 2]}")
            r0 = 0
        sheet.merge_range(r0, 0, r0, grid.width - 1, titles[key]) if grid.width > 1 else sheet.write(
            r0, 0, titles[key]
        )
        r0 += 1
        for cell in grid.cells:
            value: object = cell.text
            if isinstance(cell.value, bool) or cell.value is None:
                value = cell.text
            elif isinstance(cell.value, int):
                value = cell.value
            elif isinstance(cell.value, Decimal):
                value = float(cell.value)
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_range(
                    r0 + cell.row,
                    cell.col,
                    r0 + cell.row + cell.rowspan - 1,
                    cell.col + cell.colspan - 1,
                    value,
                )
            else:
                sheet.write(r0 + cell.row, cell.col, value)
        r0 += grid.height + 1
    book.close()
    return buf.getvalue()


# ---- LibreOffice conversions ----------------------------------------------------------------------


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, suffix: str, target: str, *, via: str | None = None) -> bytes:
    """Convert with LibreOffice in a private profile (``via``: an intermediate format).

    DOCX → DOC goes through ODT: LibreOffice's direct DOCX → DOC export of python-docx tables
    writes a .doc whose tables LibreOffice itself cannot import again (Word and antiword can).
    """
    exe = soffice()
    assert exe is not None
    with tempfile.TemporaryDirectory(prefix="gongkai-test-") as tmp:
        work = Path(tmp)
        source = work / f"input.{suffix}"
        source.write_bytes(data)
        steps = [via, target] if via else [target]
        for step in steps:
            assert step is not None
            out = work / f"out-{step}"
            subprocess.run(
                [exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                 "--convert-to", step, "--outdir", str(out), str(source)],
                check=True, capture_output=True, timeout=180, env=dict(os.environ, HOME=str(work)),
            )  # fmt: skip
            source = out / f"input.{step.split(':')[0]}"  # "docx:MS Word 2007 XML": a filter named
        return source.read_bytes()


# ---- OLE2 compound files (for password-protected Office fixtures) -------------------------------


def ole2(streams: dict[str, bytes]) -> bytes:
    """A version-3 compound file holding ``streams`` (each padded to ≥ 4096 bytes so no mini stream).

    Enough structure for any reader to list the stream names: header, one FAT sector, a directory
    chain, the stream sectors. Directory entries form a right-leaning chain below the root.
    """
    sector = 512
    names = list(streams)
    data = [streams[n].ljust(4096, b"\0") for n in names]
    entries = 1 + len(names)
    dir_sectors = (entries * 128 + sector - 1) // sector
    stream_sectors = [(len(d) + sector - 1) // sector for d in data]
    fat: list[int] = []
    fat_start = 0
    fat.append(0xFFFFFFFD)  # sector 0: the FAT itself
    dir_start = len(fat)
    for i in range(dir_sectors):
        fat.append(dir_start + i + 1 if i < dir_sectors - 1 else 0xFFFFFFFE)
    starts = []
    for n in stream_sectors:
        start = len(fat)
        starts.append(start)
        for i in range(n):
            fat.append(start + i + 1 if i < n - 1 else 0xFFFFFFFE)
    assert len(fat) <= sector // 4, "fixture too big for one FAT sector"
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", 0xFFFFFFFF, right, child)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<IIi", start, size, 0)
        )

    directory = entry("Root Entry", 5, 1 if names else 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFE, 0)
    for i, (start, d) in enumerate(zip(starts, data, strict=True)):
        right = i + 2 if i + 1 < len(names) else 0xFFFFFFFF
        directory += entry(names[i], 2, 0xFFFFFFFF, right, start, len(d))
    directory = directory.ljust(dir_sectors * sector, b"\0")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
        + struct.pack("<IIIIIIII", 0, 1, dir_start, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE)
        + struct.pack("<I", 0)
        + struct.pack("<109I", fat_start, *([0xFFFFFFFF] * 108))
    )  # fmt: skip
    assert len(header) == sector
    body = (
        struct.pack(f"<{sector // 4}I", *fat)
        + directory
        + b"".join(d.ljust(((len(d) + sector - 1) // sector) * sector, b"\0") for d in data)
    )
    return header + body


# ---- the corpus reports the fixtures print -------------------------------------------------------


@functools.cache
def corpus_document(name: str) -> Document:
    """The printed document of a corpus text report (read once per test session)."""
    import gongkai
    from corpus_location import CORPUS_DIR

    report = gongkai.read(str(CORPUS_DIR / name))
    fmt = FORMATS[report.format]
    missing = [cid for cid in fmt.cell_ids() if cid not in report.cells]
    assert not missing, f"{name}: the extractor did not read {missing[:5]}"
    return document_from_report(report)


def cell_values(report: Report) -> dict[str, CellValue]:
    return {cid: cell.value for cid, cell in report.cells.items()}


def source_document(source: str) -> Document:
    """``source``: a corpus text report's file name, or ``distinct-2021`` / ``distinct-2019``."""
    if source.startswith("distinct-"):
        return distinct_document(FORMATS[source.removeprefix("distinct-")])
    return corpus_document(source)


@functools.cache
def fixture(source: str, medium: str) -> tuple[Document, bytes]:
    """A source printed in a medium, built once per test session (python-docx merges are slow).

    Media: ``html`` (GBK, declared), ``docx``, ``xlsx`` (one sheet), ``xlsx-sheets`` (a sheet per
    table), and through LibreOffice ``doc`` (from the docx) and ``xls`` (from the xlsx).
    """
    doc = source_document(source)
    if medium == "html":
        return doc, html_page(doc)
    if medium == "docx":
        return doc, docx_bytes(doc)
    if medium == "xlsx":
        return doc, xlsx_bytes(doc)
    if medium == "xlsx-sheets":
        return doc, xlsx_bytes(doc, sheet_per_table=True)
    if medium == "doc":
        return doc, convert(fixture(source, "docx")[1], "docx", "doc", via="odt")
    if medium == "xls":
        return doc, convert(fixture(source, "xlsx")[1], "xlsx", "xls")
    raise ValueError(medium)
