"""The standalone HTML page: accessible table markup, values as printed, charts embedded, no network."""

from __future__ import annotations

import base64

import pytest
from lxml import html as lxml_html
from render_fixtures import with_blank, xichou, yinchuan, zuoling

from gongkai.report.render import render_report


@pytest.fixture(scope="module")
def page() -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(render_report(xichou(), "html"))


def test_standalone_chinese_page(page: lxml_html.HtmlElement) -> None:
    assert page.get("lang") == "zh-CN"
    assert page.find(".//meta[@charset]").get("charset") == "utf-8"
    assert page.findtext(".//title") == "西畴县人民政府2023年政府信息公开工作年度报告"
    assert page.findtext(".//h1") == "西畴县人民政府2023年政府信息公开工作年度报告"
    # nothing is fetched from elsewhere: only inline data
    for element in page.iter("img", "link", "script"):
        assert (element.get("src") or element.get("href") or "data:").startswith("data:")


def test_tables_have_captions_header_cells_with_scope_and_thead(page: lxml_html.HtmlElement) -> None:
    tables = page.findall(".//table")
    assert [t.get("id") for t in tables] == ["t2", "t3", "t4"]
    for table in tables:
        assert table.find("caption") is not None
        for th in table.iter("th"):
            assert th.get("scope") in {"col", "colgroup", "row", "rowgroup"}
    t3 = page.get_element_by_id("t3")
    assert len(t3.findall("thead/tr")) == 3
    note = t3.find("thead/tr/th")
    assert (note.get("rowspan"), note.get("colspan"), note.get("scope")) == ("3", "3", "colgroup")
    assert note.text.startswith("（本列数据的勾稽关系为")
    row_headers = [th.text for th in t3.iterfind("tbody/tr/th[@scope='row']")]
    assert row_headers[0] == "一、本年新收政府信息公开申请数量" and len(row_headers) == 25
    results = t3.find("tbody/tr/th[@scope='rowgroup']")
    assert (results.text, results.get("rowspan")) == ("三、本年度办理结果", "22")
    assert len(page.get_element_by_id("t2").findall("tbody")) == 4  # one per block


def test_values_carry_their_cell_ids(page: lxml_html.HtmlElement) -> None:
    cells = {td.get("data-cell"): td.text_content() for td in page.iter("td")}
    assert cells["t2.admin_fees.amount_wan_yuan"] == "779.508355"
    assert cells["t3.new_received.tot"] == "6"
    assert cells["t4.after_review.total"] == "0"
    assert len(cells) == 10 + 175 + 15


def test_blank_stays_blank_and_text_stays_text() -> None:
    page = lxml_html.document_fromstring(render_report(with_blank(zuoling(), "t4.review.maintain"), "html"))
    cells = {td.get("data-cell"): td.text_content() for td in page.iter("td")}
    assert cells["t4.review.maintain"] == ""
    assert cells["t4.review.other"] == "撤销"


def test_charts_are_svg_images_with_text_alternatives(page: lxml_html.HtmlElement) -> None:
    figures = page.findall(".//figure")
    assert [f.get("id") for f in figures] == ["chart-outcomes", "chart-applicants"]
    img = figures[0].find("img")
    assert img.get("src").startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(img.get("src").split(",", 1)[1]).decode("utf-8")
    assert "予以公开" in svg  # the text is text, in a CJK font
    assert "Noto Sans CJK SC" in svg
    assert img.get("alt").startswith("本年度办理结果。（一）予以公开 6件")


def test_change_chart_when_the_previous_year_is_given() -> None:
    previous = xichou()
    previous.year = 2022
    page = lxml_html.document_fromstring(render_report(xichou(), "html", previous=previous))
    assert page.get_element_by_id("chart-change") is not None


def test_2019_report_uses_2019_labels() -> None:
    page = lxml_html.document_fromstring(render_report(yinchuan(), "html"))
    headers = {th.text for th in page.iter("th")}
    assert {"本年新制作数量", "第二十条第（九）项", "采购总金额"} <= headers
    assert "本年制发件数" not in headers


def test_print_css_is_present(page: lxml_html.HtmlElement) -> None:
    css = page.findtext(".//style")
    assert "@media print" in css and "thead { display: table-header-group; }" in css
