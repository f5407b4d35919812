"""Table 三 rows of text laid out in aligned columns, read by their numbers' positions (.columns, D57).

The excerpt is ``pdftotext -layout`` output (poppler 22.12) of a report rendered to PDF: a row whose
label wraps over three lines prints its numbers on the middle line, and its 总计 — a one-line cell —
on the line above. The real reports in tests/report/pdftotext/ are ``pdftotext -layout`` of the
corpus PDFs; their cells are checked against the golden cells of the same PDFs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.report.extract import extract
from gongkai.report.extract.columns import char_column, display_column
from gongkai.report.extract.stream import Stream
from gongkai.report.model import Report
from gongkai.report.read import read_layout

HERE = Path(__file__).parent
ROOT = HERE.parents[1]

TABLE = """\
                                              申请人情况
                                             法人或其他组织
                           自然      商业    科研    社会   法律
                                                                         总计
                               人               公益   服务   其他
                                   企业    机构    组织   机构
一、本年新收政府信息公开申请数量           849     183   5     6    51   28   1122
二、上年结转政府信息公开申请数量           38      9     0     0    3    1    51
三、本 （一）予以公开                412     86    3     2    25   14   542
年度办 （二）部分公开（区分处理的，只计这一情                                       79
                           53      17    0     1    6    2
理结果 形，不计其他情形）
   （三）不 1.属于国家秘密           2       0     0     0    0    0    2
"""

PARTIAL = ("t3.partial.np", "t3.partial.com", "t3.partial.res", "t3.partial.npo")


def read_text(text: str) -> Report:
    return extract(read_layout(text.encode("utf-8"), "t.txt"))


def test_a_vertically_centred_row_is_read_by_column_positions() -> None:
    report = read_text(TABLE)
    assert [report.value(c) for c in PARTIAL] == [53, 17, 0, 1]
    assert report.value("t3.partial.oth") == 2
    assert report.value("t3.partial.tot") == 79
    assert report.value("t3.granted.tot") == 542  # the full rows around it are unchanged
    assert not [f for f in report.read_findings if "t3.partial.tot" in f.cells]


def test_a_placement_that_breaks_the_rows_equation_is_left_open() -> None:
    # 总计 printed as 80: the columns place the numbers, but 53+17+0+1+6+2 ≠ 80 — not read, reported.
    report = read_text(TABLE.replace("    79\n", "    80\n"))
    assert all(c not in report.cells for c in (*PARTIAL, "t3.partial.tot"))
    assert any(f.rule == "READ-UNREADABLE-CELL" and "t3.partial.tot" in f.cells for f in report.read_findings)


def test_a_number_between_two_columns_is_never_placed_by_guess() -> None:
    # The 2 moved to stand exactly between the 6 and the 79's column: two columns then have no
    # number and one has two under either measure — the row stays open.
    moved = TABLE.replace("6    2\n", "6         2\n")
    report = read_text(moved)
    assert "t3.partial.tot" not in report.cells
    assert any("t3.partial.tot" in f.cells for f in report.read_findings)


def test_text_aligned_by_display_width_is_read_too() -> None:
    # Typed in a monospaced editor: wide characters take two columns, so the numbers stand under
    # each other by display width, not by character count.
    def at(label: str, column: int) -> str:  # ``label`` padded to a display column
        return label + " " * (column - sum(2 if "\u3000" <= ch <= "\uffef" else 1 for ch in label))

    lines = [
        at("（一）予以公开", 24) + "412   86    3     2     25    14    542",
        at("（二）部分公开（区分处理的，只计这一情", 60) + "79",
        at("", 24) + "53    17    0     1     6     2",
        "形，不计其他情形）",
        at("（三）不予公开 1.属于国家秘密", 24) + "2     0     0     0     0     0     2",
    ]
    head = "一、本年新收政府信息公开申请数量  1  0  0  0  0  0  1\n二、上年结转政府信息公开申请数量  0  0  0  0  0  0  0\n"
    text = head + "\n".join(lines) + "\n"
    stream = Stream.of(read_layout(text.encode("utf-8"), "t.txt"))
    at_79 = stream.text.index("79")
    at_542 = stream.text.index("542")
    assert display_column(stream, at_79) == display_column(stream, at_542)
    assert char_column(stream, at_79) != char_column(stream, at_542)
    report = read_text(text)
    assert [report.value(c) for c in (*PARTIAL, "t3.partial.tot")] == [53, 17, 0, 1, 79]


GOLDEN = {
    "huaian-city-2024": "2024/huaian-city-pdf-split-headers-label-cut-by-page",
    "hz-hongze-2023": "2023/hongze-district-pdf-t4-totals-wrong",
    "hz-hongze-2024": "2024/hongze-district-pdf-page-number-in-table",
}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_real_reports_as_pdftotext_lays_them_out(name: str) -> None:
    """The corpus PDFs as ``pdftotext -layout`` text: no cell read wrong or read that is not printed,
    every cell not read named by a READ-* finding; 淮安市 2024 read in full."""
    expected = json.loads((ROOT / "tests" / "golden" / GOLDEN[name] / "expected.json").read_text("utf-8"))
    report = extract(read_layout((HERE / "pdftotext" / f"{name}.txt").read_bytes(), f"{name}.txt"))
    cells = {cid: report.value(cid) for cid in report.cells}
    assert set(cells) <= set(expected["cells"])
    wrong = {}
    for cid, value in expected["cells"].items():
        if cid in cells:
            want = value["decimal"] if isinstance(value, dict) else value
            got = cells[cid]
            if str(got) != str(want) and not (
                got is not None and want is not None and float(got) == float(want)
            ):
                wrong[cid] = (want, got)
    assert wrong == {}
    named = {cid for f in report.read_findings if f.rule.startswith("READ-") for cid in f.cells}
    missing = set(expected["cells"]) - set(cells)
    assert missing <= named
    if name == "huaian-city-2024":
        assert missing == set()
