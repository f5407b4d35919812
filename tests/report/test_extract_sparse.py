"""Tables printed one cell per line whose blank cells were dropped, and the legacy annex's lone
values — built from real reports (莆田市人民政府办公室 2019, 莆田市科技局 2018 and 2020, 莆田市 2018).
Excerpts are cut from the corpus texts by their printed lines, so they are the real print."""

from __future__ import annotations

from pathlib import Path

from gongkai.report.extract import extract
from gongkai.report.extract.numbers import Piece, PieceKind
from gongkai.report.extract.sparse import groups_of, one_cell_per_line, read_sparse
from gongkai.report.formats import ValueKind
from gongkai.report.model import Report
from gongkai.report.read import read_layout

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def lines(name: str, first: int, last: int) -> str:
    """Lines first..last (1-based, inclusive) of a corpus text, as printed."""
    text = (CORPUS / name).read_bytes().decode("utf-8").replace("\r\n", "\n")
    return "\n".join(text.split("\n")[first - 1 : last]) + "\n"


def read_text(text: str) -> Report:
    return extract(read_layout(text.encode("utf-8"), "t.txt"))


SZFBGS = "putian-szfbgs-2019.txt"
KJJ2020 = "putian-kjj-2020.txt"


def test_table_three_values_placed_under_their_heading_groups() -> None:
    # "一、本年新收… / 46 / 0 / 46": one value per top-level heading (自然人 | 法人或其他组织 | 总计);
    # the five 法人 columns share the 0. Rows printing a lone "0" are rows of zeros.
    report = read_text(lines(SZFBGS, 1, 1) + lines(SZFBGS, 235, 434))
    assert report.value("t3.new_received.np") == 46
    assert report.value("t3.new_received.tot") == 46
    for col in ("com", "res", "npo", "law", "oth"):
        assert report.value(f"t3.new_received.{col}") == 0
        assert report.value(f"t3.total.{col}") == 0
    assert report.value("t3.unable_not_held.np") == 30
    assert report.value("t3.total.tot") == 50
    assert all(report.value(f"t3.denied_state_secret.{c}") == 0 for c in ("np", "com", "tot"))


def test_a_lone_value_on_its_own_line_is_never_split_as_fused_digits() -> None:
    # "规范性文件 / 265" for three cells: before, it was split 2/6/5. It stands in one cell of three,
    # and nothing says which: the row stays open with a finding.
    report = read_text(lines(SZFBGS, 1, 1) + lines(SZFBGS, 235, 434))
    ids = (
        "t2.normative_docs.new_made",
        "t2.normative_docs.new_published",
        "t2.normative_docs.total_published",
    )
    assert not any(cid in report.cells for cid in ids)
    finding = next(f for f in report.read_findings if f.cells == ids)
    assert finding.rule == "READ-UNREADABLE-CELL"
    assert "265" in finding.message
    assert report.value("t2.regulations.new_made") == 0  # "规章 / 0"
    assert report.value("t2.penalty.delta") == 2  # "行政处罚 / 0 / +2 / 0" printed in full


def test_two_values_for_three_cells_stay_open() -> None:
    # 莆田市科技局 2020: "规范性文件 / 3 / 6" — 新制作/新公开, 新公开/总数量 or 新制作/总数量?
    report = read_text(lines(KJJ2020, 1, 1) + lines(KJJ2020, 80, 229))
    assert "t2.normative_docs.new_published" not in report.cells
    assert report.value("t2.licensing.delta") == -3
    assert report.value("t2.central_procurement.items") == 5


def test_lone_zero_rows_of_tables_three_and_four() -> None:
    report = read_text(lines(KJJ2020, 1, 1) + lines(KJJ2020, 80, 229))
    assert all(report.value(cid) == 0 for cid in report.cells if cid.startswith(("t3.", "t4.")))
    assert sum(1 for cid in report.cells if cid.startswith("t4.")) == 15
    assert sum(1 for cid in report.cells if cid.startswith("t3.")) == 23 * 7
    assert not [f for f in report.read_findings if f.cells and f.cells[0].startswith(("t3.", "t4."))]


def test_a_stray_heading_before_table_four_is_skipped() -> None:
    # "四、…行政诉讼情况 / 五、存在的主要问题及改进情况 / [table 四] / 五、存在的主要问题及改进情况"
    report = read_text(lines(SZFBGS, 1, 1) + lines(SZFBGS, 235, 434))
    assert report.value("t4.review.total") == 0
    assert "行政复议" in report.sections["s4_review_lit"]
    assert report.sections["s5_problems"].lstrip().startswith("2019")


def test_signature_date_before_the_page_header() -> None:
    report = read_text(lines(SZFBGS, 1, 7) + lines(SZFBGS, 235, 434))
    assert report.publish_date is not None
    assert report.publish_date.isoformat() == "2020-01-20"  # signed; the header says 2020-01-21


def test_a_signature_dated_in_the_report_year_is_a_slip() -> None:
    text = lines(SZFBGS, 1, 7) + lines(SZFBGS, 235, 433) + "2019年1月20日\n"
    report = read_text(text)
    assert report.publish_date is not None
    assert report.publish_date.isoformat() == "2020-01-21"  # the header's date


def test_legacy_lone_zero_is_the_years_zero() -> None:
    # 莆田市科技局 2018: "2.政府公报公开数 / 条 / 0" under 2018年 | 历年累计.
    report = read_text(lines("putian-kjj-2018.txt", 1, 1) + lines("putian-kjj-2018.txt", 45, 123))
    assert report.value("legacy.proactive.total") == 40  # "40 / 433"
    assert report.value("legacy.proactive.gazette") == 0
    assert report.value("legacy.requests.received") == 0
    assert report.value("legacy.litigation.total") == 0


def test_legacy_lone_value_settled_by_the_years_prose_never_the_cumulative() -> None:
    # 莆田市 2018: "接受行政申诉、举报数 / 件 / 1" (one value for two columns). The year's prose
    # "2018年…举报件1件" settles it; the cumulative "截至2018年底…累计…受理举报件1件" never would.
    head = lines("putian-city-2018.txt", 1, 1)
    annex = lines("putian-city-2018.txt", 555, 637)
    year_and_cumulative = lines("putian-city-2018.txt", 534, 550)
    report = read_text(head + year_and_cumulative + annex)
    assert report.value("legacy.complaints.total") == 1
    assert report.value("legacy.litigation.total") == 11  # "行政诉讼数 / 件 / 11": not split 1 | 1?
    cumulative_only = "截至2018年底，全市因政府信息公开累计申请行政复议18件，受理举报件1件。\n"
    report = read_text(head + cumulative_only + annex)
    assert "legacy.complaints.total" not in report.cells
    assert any(f.cells == ("legacy.complaints.total",) for f in report.read_findings)


def test_legacy_prose_annex_conflict_reported() -> None:
    # 莆田市 2008: '"同意部分公开"的为5件' in the text, 同意部分公开答复数 12 in the annex.
    text = lines("putian-city-2008.txt", 1, 1) + lines("putian-city-2008.txt", 54, 55)
    report = read_text(text + lines("putian-city-2008.txt", 69, 143))
    assert report.value("legacy.requests.partial") == 12
    assert report.value("legacy.requests.granted") == 88  # "1.公开同意答复数"
    assert report.value("legacy.requests.denied") == 0  # "3.否定公开答复总数"
    assert report.value("legacy.proactive.gazette") == 3008  # "1.政府公报 / 条"
    conflict = next(f for f in report.read_findings if f.rule == "READ-LEGACY-CONFLICT")
    assert conflict.cells == ("legacy.requests.partial",)
    assert conflict.actual == 5


def _num(printed: str, line: int) -> Piece:
    return Piece(PieceKind.NUM, printed, line * 3, core=printed, line=line)


def test_sparse_helpers() -> None:
    assert one_cell_per_line([[_num("46", 1), _num("0", 2), _num("46", 3)], [_num("0", 1)]])
    assert not one_cell_per_line([[_num("46", 1), _num("0", 1)]])
    groups = groups_of([None, "法人", "法人", "法人", "法人", "法人", None])
    assert groups == ((0,), (1, 2, 3, 4, 5), (6,))
    kinds = [ValueKind.COUNT] * 7
    # a non-zero value for a group of several columns cannot be placed
    assert read_sparse([_num("40", 1), _num("6", 2), _num("46", 3)], kinds, (), groups).candidates == ()
    one = read_sparse([_num("46", 1), _num("0", 2), _num("46", 3)], kinds, (), groups)
    assert [c.value for c in one.candidates[0]] == [46, 0, 0, 0, 0, 0, 46]
