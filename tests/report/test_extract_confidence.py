"""Cells recognised by OCR with a low score are left out with a finding, never guessed."""

from __future__ import annotations

from gongkai.report.extract import extract
from gongkai.report.extract.confidence import MIN_OCR_CONFIDENCE, drop_uncertain_cells
from gongkai.report.model import Cell, Report, SourceSpan
from gongkai.report.read.layout import Layout, LayoutCell


def test_low_scored_cell_is_removed_with_a_finding() -> None:
    sure = SourceSpan(file="scan.pdf", page=3, table=2, row=4, col=4, confidence=0.99)
    unsure = SourceSpan(file="scan.pdf", page=3, table=2, row=4, col=10, confidence=0.61)
    report = Report(
        format="2021",
        cells={
            "t3.new_received.np": Cell("t3.new_received.np", 21, "21", sure),
            "t3.new_received.tot": Cell("t3.new_received.tot", 27, "27", unsure),
            "t3.carried_over.np": Cell("t3.carried_over.np", 0, "0", SourceSpan(file="a.pdf", page=3)),
        },
    )
    drop_uncertain_cells(report)
    assert set(report.cells) == {"t3.new_received.np", "t3.carried_over.np"}
    [finding] = report.read_findings
    assert finding.rule == "READ-LOW-CONFIDENCE"
    assert finding.cells == ("t3.new_received.tot",)
    assert finding.location == unsure
    assert "“27”" in finding.message and "0.61" in finding.message
    assert finding.location.where() == "第3页 表2 第4行 第10列 （OCR 识别）"


def test_extract_applies_it_to_layouts_from_ocr() -> None:
    layout = Layout(file="scan.pdf", medium="ocr")
    layout.text_line(
        "某县人民政府2023年政府信息公开工作年度报告", SourceSpan(file="scan.pdf", page=1, confidence=0.98)
    )
    layout.text_line(
        "四、政府信息公开行政复议、行政诉讼情况", SourceSpan(file="scan.pdf", page=1, confidence=0.98)
    )
    header = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    values = ["10", "1", "0", "0", "11", "0", "0", "0", "0", "0", "5", "0", "0", "0", "5"]
    scores = [0.99] * 15
    scores[4] = MIN_OCR_CONFIDENCE - 0.2  # the recogniser was unsure of the review total
    top = ["行政复议"] * 5 + ["行政诉讼"] * 10
    middle = ["行政复议"] * 5 + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    for texts, conf in ((top, [0.99] * 15), (middle, [0.99] * 15), (header, [0.99] * 15), (values, scores)):
        layout.row(
            [
                LayoutCell(t, SourceSpan(file="scan.pdf", page=1, table=1, row=1, col=c, confidence=s))
                for c, (t, s) in enumerate(zip(texts, conf, strict=True), 1)
            ]
        )
    report = extract(layout)
    assert report.cells["t4.review.maintain"].value == 10
    assert "t4.review.total" not in report.cells
    assert [f.cells for f in report.read_findings if f.rule == "READ-LOW-CONFIDENCE"] == [
        ("t4.review.total",)
    ]


def test_ocr_pages_are_named_in_an_info_finding() -> None:
    from gongkai.report.extract.confidence import review_ocr_cells

    report = Report(
        format="2021",
        cells={
            "t3.new_received.np": Cell("t3.new_received.np", 21, "21", SourceSpan(page=4, confidence=0.99)),
            "t3.granted.np": Cell("t3.granted.np", 2, "2", SourceSpan(page=3, confidence=0.97)),
            "t2.licensing.decisions": Cell("t2.licensing.decisions", 5, "5", SourceSpan(page=2)),
        },
    )
    review_ocr_cells(report)
    [note] = report.read_findings
    assert (note.rule, str(note.severity), note.cells) == ("READ-OCR", "info", ())
    assert note.message == "第3、4页是扫描件，数字经 OCR 识别，请与原件核对"
