"""The PDF reader: ruled tables, merges, cut tables, page decorations, bounds and hostile files.

PDFs are generated from HTML by WeasyPrint (see pdf_samples.py) or taken from the corpus; each
test names the layout feature it exercises. Cell values are checked through the layout only: the
extractor's reading of the same PDFs is covered by the golden tests (tests/golden/*/*pdf*).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_samples import encrypted_pdf, html_pdf, image_pdf

import gongkai
from gongkai.errors import (
    GongkaiError,
    InputTooLargeError,
    NotAReportError,
    ReadError,
    UnsupportedMediumError,
)
from gongkai.report.read import limits, read_layout
from gongkai.report.read.layout import Layout, LineKind
from gongkai.report.read.pdf import read_pdf


def rows(layout: Layout) -> list[list[str]]:
    return [[c.text for c in line.cells] for line in layout.lines if line.kind is LineKind.ROW]


def texts(layout: Layout) -> list[str]:
    return [line.text for line in layout.lines if line.kind is LineKind.TEXT]


VERTICAL = "<br>".join("三、本年度办理结果")

MERGES = f"""
<p style="background:white">一、总体情况</p><p style="background:white">正文第一段。</p>
<table>
<tr><td rowspan="2" colspan="2">（本列数据的勾稽关系）</td><td colspan="2">申请人情况</td></tr>
<tr><td>结果<br>维持</td><td>商业企<br>业</td></tr>
<tr><td class="narrow" rowspan="3">{VERTICAL}</td><td>（一）予以公开</td><td>1</td><td>2</td></tr>
<tr><td>（二）部分公开</td><td>3</td><td>4</td></tr>
<tr><td>（三）不予公开</td><td>5</td><td></td></tr>
</table>
<p>结尾。</p>
"""


@pytest.fixture(scope="module")
def merges_layout() -> Layout:
    return read_pdf(html_pdf(MERGES), "merges.pdf")


def test_merged_cells_are_expanded_and_broken_cells_rejoined(merges_layout: Layout) -> None:
    assert rows(merges_layout) == [
        ["（本列数据的勾稽关系）", "（本列数据的勾稽关系）", "申请人情况", "申请人情况"],
        ["（本列数据的勾稽关系）", "（本列数据的勾稽关系）", "结果维持", "商业企业"],
        ["三、本年度办理结果", "（一）予以公开", "1", "2"],
        ["三、本年度办理结果", "（二）部分公开", "3", "4"],
        ["三、本年度办理结果", "（三）不予公开", "5", ""],
    ]


def test_white_backgrounds_are_not_tables_and_text_keeps_its_order(merges_layout: Layout) -> None:
    assert texts(merges_layout) == ["一、总体情况", "正文第一段。", "结尾。"]
    kinds = [line.kind for line in merges_layout.lines]
    assert kinds == [LineKind.TEXT] * 2 + [LineKind.ROW] * 5 + [LineKind.TEXT]


def test_cells_carry_page_table_row_and_column(merges_layout: Layout) -> None:
    last = [line for line in merges_layout.lines if line.kind is LineKind.ROW][-1]
    span = last.cells[2].span
    assert (span.file, span.page, span.table, span.row, span.col) == ("merges.pdf", 1, 1, 5, 3)
    assert span.confidence is None  # a text layer, not OCR
    assert span.where() == "第1页 表1 第5行 第3列"


LONG_ROWS = "".join(
    f"<tr><td class='label'>{i}.第{i}行</td><td>{i}</td><td>{2 * i}</td></tr>" for i in range(1, 91)
)
LONG = f"""<p>二、主动公开政府信息情况</p>
<table><thead><tr><th>项目</th><th>数量</th><th>金额</th></tr></thead><tbody>{LONG_ROWS}</tbody></table>
<p>三、收到和处理政府信息公开申请情况</p>"""


@pytest.fixture(scope="module")
def long_layout() -> Layout:
    return read_pdf(html_pdf(LONG, running_header="某某县人民政府办公室"), "long.pdf")


def test_table_running_over_pages_is_one_table(long_layout: Layout) -> None:
    table_rows = [line for line in long_layout.lines if line.kind is LineKind.ROW]
    assert {line.span.table for line in table_rows} == {1}
    assert len({line.span.page for line in table_rows}) >= 3
    # the header repeated on the next page is dropped; every data row is there once, in order
    assert rows(long_layout) == [["项目", "数量", "金额"]] + [
        [f"{i}.第{i}行", str(i), str(2 * i)] for i in range(1, 91)
    ]
    assert [line.span.row for line in table_rows] == list(range(1, 92))


def test_page_numbers_and_running_header_are_removed(long_layout: Layout) -> None:
    assert texts(long_layout) == ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]


def test_unruled_columns_become_rows() -> None:
    cell = "border:none;padding-left:6em"
    body = (
        "<p>表二</p><table style='border:none'>"
        f"<tr><td style='border:none'>行政许可</td><td style='{cell}'>12</td><td style='{cell}'>13</td></tr>"
        f"<tr><td style='border:none'>行政处罚</td><td style='{cell}'>14</td><td style='{cell}'>15</td></tr></table>"
    )
    layout = read_pdf(html_pdf(body), "unruled.pdf")
    assert rows(layout) == [["行政许可", "12", "13"], ["行政处罚", "14", "15"]]
    assert texts(layout) == ["表二"]


def test_title_wrapped_in_a_larger_font_is_one_line() -> None:
    prose = "本报告由区人民政府办公室根据条例要求编制。" * 3
    body = f"<h1 style='font-size:22pt;text-align:center'>洪泽区人民政府<br>2023年政府信息公开工作年度报告</h1><p>{prose}</p>"
    lines = texts(read_pdf(html_pdf(body), "title.pdf"))
    assert lines[0] == "洪泽区人民政府2023年政府信息公开工作年度报告"
    assert lines[1].startswith("本报告由")  # body lines, set smaller, are not joined to it


# --- the corpus: WPS exports -------------------------------------------------------------------


def by_label(layout: Layout, label: str) -> list[str]:
    return next(r for r in rows(layout) if label in r)


def test_merged_label_cut_by_the_page_break_is_glued(corpus_dir: Path) -> None:
    layout = read_pdf((corpus_dir / "huaian-city-2024.pdf").read_bytes(), "huaian-city-2024.pdf")
    # "（四）无" ends page 4, "法提供" starts page 5: one cell, repeated on its three rows
    for label in ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"):
        assert by_label(layout, label)[:2] == ["三、本年度办理结果", "（四）无法提供"]
    row = by_label(layout, "2.没有现成信息需要另行制作")
    assert row[3:] == ["11", "0", "0", "0", "0", "0", "11"]


def test_empty_continuation_of_a_merged_cell_keeps_its_label(corpus_dir: Path) -> None:
    layout = read_pdf((corpus_dir / "hz-hongze-2023.pdf").read_bytes(), "hz-hongze-2023.pdf")
    row = by_label(layout, "3.补正后申请内容仍不明确")
    assert row[:2] == ["三、本年度办理结果", "（四）无法提供"]
    line = next(x for x in layout.lines if "3.补正后申请内容仍不明确" in x.text)
    assert (line.span.page, line.span.row) == (4, 18)  # page 4, yet row 18 of the table begun on page 3
    assert not any(t.replace(" ", "") in ("-3-", "-4-") for t in texts(layout))
    # table 四 printed as it is (totals wrong in the original: 维持10 纠正1, 总计 0)
    assert rows(layout)[-1] == ["10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"]


def test_table_two_cut_with_a_different_column_grid_is_joined(corpus_dir: Path) -> None:
    layout = read_pdf((corpus_dir / "hz-hongze-2024.pdf").read_bytes(), "hz-hongze-2024.pdf")
    licensing = next(x for x in layout.lines if x.text.startswith("行政许可"))
    penalty = next(x for x in layout.lines if x.text.startswith("行政处罚"))
    assert (licensing.span.page, penalty.span.page) == (2, 3)
    assert licensing.span.table == penalty.span.table


# --- bad input ---------------------------------------------------------------------------------


def test_encrypted_pdf_is_a_clear_error() -> None:
    with pytest.raises(ReadError) as err:
        read_pdf(encrypted_pdf(), "加密.pdf")
    assert str(err.value) == "加密.pdf：PDF 已加密（需要密码才能打开），无法读取；请提供未加密的文件"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "不是 PDF 文件"),
        (b"hello world", "不是 PDF 文件"),
        (b"%PDF-1.7\n1 0 obj\n<<", "已损坏或不完整"),
    ],
)
def test_damaged_input_is_a_read_error(data: bytes, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        read_pdf(data, "bad.pdf")


def test_truncated_real_pdf_is_a_read_error(corpus_dir: Path) -> None:
    data = (corpus_dir / "hz-hongze-2024.pdf").read_bytes()
    with pytest.raises(GongkaiError) as err:
        read_pdf(data[: len(data) // 3], "cut.pdf")
    assert str(err.value).startswith("cut.pdf：")


def test_bounds_bite(monkeypatch: pytest.MonkeyPatch) -> None:
    data = html_pdf(LONG)
    monkeypatch.setattr(limits, "MAX_PAGES", 1)
    with pytest.raises(InputTooLargeError, match="页数过多"):
        read_pdf(data, "long.pdf")
    monkeypatch.setattr(limits, "MAX_PAGES", 500)
    monkeypatch.setattr(limits, "MAX_OBJECTS_PER_PAGE", 50)
    with pytest.raises(InputTooLargeError, match="第1页：页面内容过于复杂"):
        read_pdf(data, "long.pdf")
    monkeypatch.setattr(limits, "MAX_PDF_BYTES", 100)
    with pytest.raises(InputTooLargeError, match="文件过大"):
        read_pdf(data, "long.pdf")


def test_scan_without_the_ocr_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai.report.read import ocr

    scan = image_pdf(html_pdf("<p>扫描件</p>"), scale=1.0)
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # import fails as if not installed
    ocr._engine.cache_clear()
    try:
        with pytest.raises(UnsupportedMediumError) as err:
            read_pdf(scan, "扫描.pdf")
    finally:
        ocr._engine.cache_clear()
    assert "gongkai[ocr]" in str(err.value)
    assert str(err.value).startswith("扫描.pdf：")


def test_pdf_that_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "notice.pdf"
    path.write_bytes(html_pdf("<h1>关于召开春季运动会的通知</h1><p>各单位：定于四月举行。</p>"))
    with pytest.raises(NotAReportError):
        gongkai.read(str(path))


def test_dispatch_reaches_the_pdf_reader_whatever_the_name(corpus_dir: Path) -> None:
    layout = read_layout((corpus_dir / "hz-hongze-2024.pdf").read_bytes(), "下载附件")
    assert layout.medium == "pdf"
    assert any(line.kind is LineKind.ROW for line in layout.lines)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_mutated_pdf_never_crashes_with_a_foreign_error(data: st.DataObject) -> None:
    original = bytearray(SMALL_PDF)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(original) - 1))
        original[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(original) // 2, len(original)))
    with contextlib.suppress(GongkaiError):
        read_pdf(bytes(original[:cut]), "fuzz.pdf")


SMALL_PDF = html_pdf("<p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table>")


def test_row_cut_by_the_page_break_is_glued_into_one_row() -> None:
    """A row allowed to break across pages: its label continues on the next page, its numbers
    were printed above; nothing in the continuation is new, so it is glued back into one row."""
    from gongkai.report.read.pdf.continued import _join
    from gongkai.report.read.pdf.ruling import _PhysCell, _Table

    def table(texts: list[str], page: int) -> _Table:
        cells: list[_PhysCell | None] = [_PhysCell(0, 0, 1, 1, text=t) for t in texts]
        return _Table(cols=[0.0, 100.0, 150.0, 200.0], grid=[cells], pages=[page])

    first = table(["5.要求行政机关确认或重", "1", "2"], 3)
    first.grid[0][0].fills_width = True  # type: ignore[union-attr]
    second = table(["新出具已获取信息", "", ""], 4)
    second.grid.append([_PhysCell(0, 0, 1, 1, text=t) for t in ("（六）其他处理", "0", "0")])
    second.pages.append(4)
    _join(first, second)
    assert [[c.text if c else "" for c in row] for row in first.grid] == [
        ["5.要求行政机关确认或重新出具已获取信息", "1", "2"],
        ["（六）其他处理", "0", "0"],
    ]
    assert first.pages == [3, 4]


def test_rules_drawn_as_one_polyline_still_make_a_table() -> None:
    from pdf_samples import polyline_grid_pdf

    layout = read_pdf(polyline_grid_pdf(), "polyline.pdf")
    assert rows(layout) == [["Item", "Count", "Total"], ["Rules", "3", "17"]]
    assert texts(layout) == ["Annual report"]


def test_unruled_narrow_number_columns_are_kept_apart() -> None:
    td = "border:none;width:28pt;text-align:center;padding:0"
    data = [
        ("一、本年新收政府信息公开申请数量", [21, 0, 0, 0, 0, 0, 21]),
        ("二、上年结转政府信息公开申请数量", [3, 0, 0, 10, 0, 0, 13]),
    ]
    body = "<table style='border:none;width:auto;font-size:10.5pt'>" + "".join(
        f"<tr><td style='border:none;text-align:left;width:200pt'>{label}</td>"
        + "".join(f"<td style='{td}'>{v}</td>" for v in values)
        + "</tr>"
        for label, values in data
    )
    layout = read_pdf(html_pdf(body + "</table>"), "unruled.pdf")
    assert rows(layout) == [[label, *map(str, values)] for label, values in data]


def test_page_crammed_with_drawing_is_refused_before_parsing() -> None:
    from pdf_samples import hatched_pdf

    with pytest.raises(InputTooLargeError, match="第1页：页面内容过于复杂"):
        read_pdf(hatched_pdf(40_000), "seal.pdf")


def test_too_many_rules_for_a_table_are_a_drawing_and_text_is_still_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pdf_samples import hatched_pdf

    monkeypatch.setattr(limits, "MAX_RULES_PER_PAGE", 100)
    layout = read_pdf(hatched_pdf(2_000), "seal.pdf")
    assert texts(layout) == ["Hatched seal"]
    assert rows(layout) == []


def test_table_picture_without_the_ocr_extra_is_noted_and_the_text_still_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pdf_samples import picture_table_pdf

    from gongkai.report.read import ocr

    monkeypatch.setattr(ocr, "available", lambda: False)
    layout = read_pdf(picture_table_pdf(), "截图.pdf")
    assert texts(layout) == [
        "二、主动公开政府信息情况",
        "本年度主动公开政府信息如下表所示。",
        "三、收到和处理政府信息公开申请情况",
    ]
    assert layout.notes == ["第1页有大幅图片（可能是表格截图），未识别：需要可选组件 gongkai[ocr]"]


@pytest.mark.parametrize("rotation", [90, 270])
def test_page_stored_rotated_is_read_as_displayed(rotation: int) -> None:
    from pdf_samples import TABLE_TWO, rotated_pdf

    layout = read_pdf(
        rotated_pdf(html_pdf("<p>二、主动公开政府信息情况</p>" + TABLE_TWO), rotation), "turned.pdf"
    )
    assert texts(layout) == ["二、主动公开政府信息情况"]
    assert rows(layout) == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "3", "0", "17"],
        ["行政规范性文件", "25", "8", "146"],
    ]
