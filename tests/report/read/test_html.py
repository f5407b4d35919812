"""The HTML reader: GBK pages with boilerplate, layout tables and merged header cells."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

import gongkai
from gongkai.errors import EncodingError, InputTooLargeError, ReadError
from gongkai.report.formats import FORMATS
from gongkai.report.read import read_layout
from gongkai.report.read.html import decode_html, read_html
from gongkai.report.read.layout import LineKind
from report.read.media_fixtures import (
    CORPUS_SOURCES,
    cell_values,
    convert,
    corpus_document,
    distinct_document,
    fixture,
    html_page,
    soffice,
)


@pytest.mark.parametrize("source", CORPUS_SOURCES)
@pytest.mark.parametrize(
    ("encoding", "declare", "layout_table"),
    [("gbk", True, True), ("gbk", False, False), ("utf-8", False, True), ("gb18030", True, False)],
)
def test_page_reads_back_exactly_the_cells_it_prints(
    source: str, encoding: str, declare: bool, layout_table: bool
) -> None:
    doc = corpus_document(source)
    page = html_page(doc, encoding=encoding, declare=declare, layout_table=layout_table)
    report = gongkai.read("report.html", page)
    assert report.medium == "html"
    assert cell_values(report) == doc.expected
    assert report.agency == doc.agency
    assert report.title == doc.title


@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_every_cell_comes_from_its_own_position(fmt: str) -> None:
    # every cell printed with a different number: a cell read from a neighbouring slot would show
    doc = distinct_document(FORMATS[fmt])
    report = gongkai.read("distinct.htm", html_page(doc))
    assert cell_values(report) == doc.expected
    assert not report.read_findings


def _rows(layout_lines: list) -> list[list[str]]:  # type: ignore[type-arg]
    return [[c.text for c in line.cells] for line in layout_lines if line.kind is LineKind.ROW]


def test_rowspan_and_colspan_repeat_the_merged_cell_in_every_slot() -> None:
    page = """<html><body><p>三、收到和处理政府信息公开申请情况</p><table>
    <tr><td rowspan="2" colspan="2">甲</td><td colspan="2">乙</td></tr>
    <tr><td>丙</td><td rowspan="2">丁</td></tr>
    <tr><td>1</td><td>2</td><td>3</td></tr></table><p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>"""
    layout = read_html(page.encode(), "t.html")
    assert _rows(layout.lines) == [["甲", "甲", "乙", "乙"], ["甲", "甲", "丙", "丁"], ["1", "2", "3", "丁"]]
    rows = [line for line in layout.lines if line.kind is LineKind.ROW]
    # each copy carries the merged cell's own place: table 1, row 1, column 1 for 甲
    assert {(c.span.table, c.span.row, c.span.col) for c in rows[1].cells[:2]} == {(1, 1, 1)}
    assert (rows[2].cells[2].span.row, rows[2].cells[2].span.col) == (3, 3)
    assert rows[2].cells[3].span.row == 2  # 丁 was printed in row 2


def test_huge_spans_are_clamped() -> None:
    page = '<table><tr><td colspan="999999999">a</td><td rowspan="0">b</td></tr><tr><td>1</td></tr></table>'
    layout = read_html(page.encode(), "t.html")
    rows = _rows(layout.lines)
    assert len(rows[0]) == 1001  # colspan capped at 1000 (as browsers do)
    assert rows[1] == ["1", *["" for _ in range(999)], "b"]


def test_layout_table_holding_the_data_tables_is_not_one_giant_row() -> None:
    doc = corpus_document("xichou-county-2023.txt")
    layout = read_layout(html_page(doc, layout_table=True), "page.html")
    widest = max(len(line.cells) for line in layout.lines)
    assert widest == 15  # table 四; nothing wider than the widest data table
    assert sum(1 for line in layout.lines if line.kind is LineKind.ROW) == sum(
        g.height for g in doc.tables.values()
    )


def test_boilerplate_is_dropped_and_the_title_kept() -> None:
    doc = corpus_document("xichou-county-2023.txt")
    layout = read_layout(html_page(doc), "page.html")
    text = "\n".join(line.text for line in layout.lines)
    for boilerplate in (
        "网站标识码",
        "分享到",
        "当前位置",
        "政府信息公开指南",
        "document.write",
        "搜索",
        "互动交流",
    ):
        assert boilerplate not in text
    assert layout.lines[0].text == doc.title
    assert layout.lines[1].text.startswith("发布时间")


def test_page_title_is_used_when_the_body_prints_none() -> None:
    page = (
        "<html><head><title>某县2023年政府信息公开工作年度报告_某县人民政府网</title></head><body>"
        "<p>一、总体情况</p><p>正文</p><p>二、主动公开政府信息情况</p></body></html>"
    )
    layout = read_html(page.encode(), "t.html")
    assert layout.lines[0].text == "某县2023年政府信息公开工作年度报告"
    assert layout.lines[0].span.line == 1


def test_declared_gb2312_is_decoded_as_gb18030() -> None:
    # 镕 is in GBK but not in GB2312: a strict gb2312 decoder fails on it
    page = '<html><head><meta charset="gb2312"></head><body><p>朱镕基</p></body></html>'.encode("gbk")
    assert "朱镕基" in decode_html(page, "t.html")


def test_undeclared_gbk_is_detected() -> None:
    text = (
        "<html><body>" + "<p>本机关2023年收到政府信息公开申请6件，均已按时办结。</p>" * 20 + "</body></html>"
    )
    assert "收到政府信息公开申请" in decode_html(text.encode("gbk"), "t.html")


def test_wrong_declaration_falls_back_to_detection() -> None:
    text = '<html><head><meta charset="utf-8"></head><body>' + "<p>政府信息公开工作年度报告</p>" * 20
    assert "年度报告" in decode_html(text.encode("gbk"), "t.html")


def test_undecodable_page_is_an_encoding_error() -> None:
    with pytest.raises(EncodingError, match=r"t\.html"):
        decode_html(b"\xef\xbb\xbf<html>\xff\xfe\xfa</html>", "t.html")


def test_markup_without_content_is_a_read_error() -> None:
    with pytest.raises(ReadError, match=r"t\.html"):
        read_html(b"<html><!-- nothing --></html>", "t.html")


def test_text_lines_carry_the_source_line() -> None:
    layout = read_html(
        "<html><body>\n<p>一、总体情况</p>\n\n<p>二、主动公开</p></body></html>".encode(), "t.html"
    )
    assert [(line.text, line.span.line) for line in layout.lines] == [
        ("一、总体情况", 2),
        ("二、主动公开", 4),
    ]


def test_inline_markup_inside_a_number_is_not_split() -> None:
    page = "<table><tr><td>行政许可</td><td><span>28</span><b>21</b></td></tr><tr><td>a</td><td>b</td></tr></table>"
    assert _rows(read_html(page.encode(), "t.html").lines)[0] == ["行政许可", "2821"]


def test_deep_nesting_is_refused_rather_than_half_read() -> None:
    page = "<div>" * 5000 + "<p>一、总体情况</p>" + "</div>" * 5000
    with pytest.raises(InputTooLargeError, match="嵌套"):
        read_html(page.encode(), "deep.html")


def test_nesting_below_the_parser_limit_is_read() -> None:
    page = "<div>" * 200 + "<p>一、总体情况</p>" + "</div>" * 200
    layout = read_html(page.encode(), "deep.html")
    assert [line.text for line in layout.lines] == ["一、总体情况"]


def test_hidden_elements_are_not_read_and_captions_are() -> None:
    page = (
        "<html><body><div style='display: none'>一、总体情况（打印版副本）</div>"
        "<table><caption>表三 收到和处理政府信息公开申请情况</caption><tr><td>a</td><td>1</td></tr></table>"
        "<p hidden>隐藏</p></body></html>"
    )
    layout = read_html(page.encode(), "t.html")
    assert [line.text for line in layout.lines] == ["表三 收到和处理政府信息公开申请情况", "a\t1"]


def test_signature_below_the_body_is_kept_and_the_footer_is_not() -> None:
    page = (
        "<html><body><div class='article'><p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p>"
        "<p>正文。</p></div><div class='sign'><p>某县人民政府办公室</p><p>2024年1月22日</p></div>"
        "<div class='links'><p>相关链接：某市人民政府</p></div><div><p>联系我们 ICP备05004326号</p></div></body></html>"
    )
    texts = [line.text for line in read_html(page.encode(), "t.html").lines]
    assert texts[-2:] == ["某县人民政府办公室", "2024年1月22日"]
    assert not any("ICP" in t or "相关链接" in t for t in texts)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.slow  # LibreOffice takes seconds per conversion
@pytest.mark.parametrize("source", [CORPUS_SOURCES[0], "distinct-2019"])
def test_web_page_exported_by_libreoffice_reads_back_exactly(source: str) -> None:
    # another producer's markup: <font> runs, <col> widths, its own rowspan/colspan layout
    doc, data = fixture(source, "docx")
    report = gongkai.read("导出.html", convert(data, "docx", "html"))
    assert report.medium == "html"
    assert cell_values(report) == doc.expected


def test_a_data_table_with_a_table_inside_one_cell_keeps_its_other_rows() -> None:
    page = """<table>
    <tr><td rowspan="2">三、本年度办理结果</td><td>（一）予以公开</td><td>6</td><td>6</td></tr>
    <tr><td>（二）部分公开</td><td>0</td><td>0</td></tr>
    <tr><td colspan="4">附：<table><tr><td>行政许可</td><td>2821</td></tr></table></td></tr>
    <tr><td>四、结转</td><td>x</td><td>0</td><td>0</td></tr></table>"""
    layout = read_html(page.encode(), "t.html")
    assert [(line.kind.value, [c.text for c in line.cells]) for line in layout.lines] == [
        ("row", ["三、本年度办理结果", "（一）予以公开", "6", "6"]),
        ("row", ["三、本年度办理结果", "（二）部分公开", "0", "0"]),
        ("text", ["附："]),
        ("row", ["行政许可", "2821"]),
        ("row", ["四、结转", "x", "0", "0"]),
    ]


def test_a_one_column_frame_is_running_text() -> None:
    page = "<table><tr><td><p>一、总体情况</p><p>正文</p></td></tr><tr><td>二、主动公开政府信息情况</td></tr></table>"
    layout = read_html(page.encode(), "t.html")
    assert [(line.kind.value, line.text) for line in layout.lines] == [
        ("text", "一、总体情况"),
        ("text", "正文"),
        ("text", "二、主动公开政府信息情况"),
    ]


def test_preformatted_report_keeps_its_lines(corpus_dir: Path) -> None:
    # a page that shows the report as text (<pre>): the text reader's lines, the same cells
    text = (corpus_dir / "xichou-county-2023.txt").read_text(encoding="utf-8")
    page = f"<html><head><meta charset='utf-8'></head><body><pre>{html.escape(text)}</pre></body></html>"
    from_page = gongkai.read("pre.html", page.encode())
    from_text = gongkai.read("pre.txt", text.encode())
    assert cell_values(from_page) == cell_values(from_text)
    assert len(cell_values(from_page)) == 200


def test_a_gbk_page_with_a_few_broken_bytes_reads_with_a_note() -> None:
    doc = corpus_document("xichou-county-2023.txt")
    page = html_page(doc, declare=False)
    broken = page[:500] + b"\xff" + page[500:]  # one byte that no GB encoding has
    layout = read_layout(broken, "broken.html")
    assert layout.notes and "1 处字节" in layout.notes[0]
    assert cell_values(gongkai.read("broken.html", broken)) == doc.expected


def test_mostly_undecodable_bytes_are_an_encoding_error() -> None:
    with pytest.raises(EncodingError, match="编码"):
        decode_html(b"<html><body>" + bytes(range(0x80, 0x100)) * 50 + b"</body></html>", "x.html")
