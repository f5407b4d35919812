"""The Word document: the official template's table layout, A4, East Asian fonts, values as printed."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx_structure import shape, structure
from render_fixtures import with_blank, xichou, yinchuan, zuoling

from gongkai.report.render import render_report

#: the blank official Word template of 国办公开办函〔2021〕30号, kept byte for byte in tests/reference/
TEMPLATE = Path(__file__).resolve().parents[2] / "reference" / "official-template-2021.docx"


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def rendered() -> docx.document.Document:
    return _open(render_report(xichou(), "docx"))


@pytest.fixture(scope="module")
def template() -> docx.document.Document:
    if not TEMPLATE.exists():
        pytest.fail(f"official template missing: {TEMPLATE}")
    return docx.Document(str(TEMPLATE))


def test_three_tables_merge_exactly_like_the_official_template(
    rendered: docx.document.Document, template: docx.document.Document
) -> None:
    assert len(rendered.tables) == 3
    for ours, official in zip(rendered.tables, template.tables, strict=True):
        assert shape(ours) == shape(official)


def test_header_texts_match_the_official_template(
    rendered: docx.document.Document, template: docx.document.Document
) -> None:
    for ours, official in zip(rendered.tables, template.tables, strict=True):
        for row_ours, row_official in zip(structure(ours), structure(official), strict=True):
            for (text, _, merge), (expected, _, _) in zip(row_ours, row_official, strict=True):
                if expected and merge != "continue":
                    # the template's （单位：万元 has its closing bracket in another run
                    assert text.startswith(expected), (text, expected)


def test_values_are_written_where_the_template_has_blanks(rendered: docx.document.Document) -> None:
    t2, t3, t4 = rendered.tables
    assert [c.text for c in t2.rows[3].cells] == ["行政规范性文件", "3", "0", "9"]
    assert t2.rows[6].cells[1].text == "2821"
    assert t2.rows[13].cells[1].text == "779.508355"
    assert [c.text for c in t3.rows[3].cells[3:]] == ["6", "0", "0", "0", "0", "0", "6"]
    assert [c.text for c in t4.rows[3].cells] == ["0"] * 15


def test_a4_portrait_and_east_asian_fonts(rendered: docx.document.Document) -> None:
    section = rendered.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    east_asia = {
        rf.get(qn("w:eastAsia"))
        for rf in rendered.element.body.iter(qn("w:rFonts"))
        if rf.get(qn("w:eastAsia"))
    }
    assert {"仿宋_GB2312", "黑体", "宋体"} <= east_asia
    normal = rendered.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    heading = next(p for p in rendered.paragraphs if p.text == "三、收到和处理政府信息公开申请情况")
    assert heading.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    cell_run = rendered.tables[1].rows[3].cells[0].paragraphs[0].runs[0]
    assert cell_run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"


def test_six_sections_in_order_with_their_texts(rendered: docx.document.Document) -> None:
    texts = [p.text for p in rendered.paragraphs]
    titles = [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert titles == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert texts[0] == "西畴县人民政府2023年政府信息公开工作年度报告"
    assert "2023年度西畴县未收取政府信息公开信息处理费。" in texts
    assert "2024年1月22日" in texts


def test_table_header_rows_repeat_on_each_page(rendered: docx.document.Document) -> None:
    t3 = rendered.tables[1]
    flags = [tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None for tr in t3._tbl.tr_lst]
    assert flags[:4] == [True, True, True, False]


def test_charts_are_pictures_with_text_descriptions(rendered: docx.document.Document) -> None:
    shapes = rendered.inline_shapes
    assert len(shapes) == 2
    descriptions = [s._inline.docPr.get("descr") for s in shapes]
    assert descriptions[0].startswith("本年度办理结果。（一）予以公开 6件")


def test_no_charts_when_asked() -> None:
    assert len(_open(render_report(xichou(), "docx", charts=False)).inline_shapes) == 0


def test_2019_layout_for_2019_reports() -> None:
    t2, t3, _ = _open(render_report(yinchuan(), "docx")).tables
    assert len(t2.rows) == 18 and len(t3.rows) == 26
    assert [c.text for c in t2.rows[14].cells] == ["行政事业性收费", "4", "-3", ""]
    assert t2.rows[17].cells[2].text == "3168.0656"
    spans = structure(t2)
    assert spans[14] == [("行政事业性收费", 1, ""), ("4", 1, ""), ("-3", 1, ""), ("", 1, "")]


def test_blank_and_text_cells_are_written_as_printed() -> None:
    t4 = _open(render_report(with_blank(zuoling(), "t4.review.maintain"), "docx")).tables[2]
    assert [c.text for c in t4.rows[3].cells[:5]] == ["", "0", "撤销", "0", "1"]


def test_pages_are_numbered_in_the_footer(rendered: docx.document.Document) -> None:
    footer = rendered.sections[0].footer.paragraphs[0]
    fields = footer._p.findall(qn("w:fldSimple"))
    assert [f.get(qn("w:instr")) for f in fields] == ["PAGE"]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
