"""Markdown: headings, pipe tables with the full grid, values as printed."""

from __future__ import annotations

from render_fixtures import with_blank, xichou, zuoling

from gongkai.report.render import render_report


def test_markdown_document() -> None:
    text = render_report(xichou(), "md").decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "# 西畴县人民政府2023年政府信息公开工作年度报告"
    assert "## 三、收到和处理政府信息公开申请情况" in lines
    assert "| 一、本年新收政府信息公开申请数量 |  |  | 6 | 0 | 0 | 0 | 0 | 0 | 6 |" in lines
    assert "| 三、本年度办理结果 | （一）予以公开 |  | 6 | 0 | 0 | 0 | 0 | 0 | 6 |" in lines
    assert "| 行政事业性收费 | 779.508355 |  |  |" in lines
    assert any(line.startswith("图1 本年度办理结果。") for line in lines)


def test_blank_and_text() -> None:
    text = render_report(with_blank(zuoling(), "t4.review.maintain"), "md", charts=False).decode("utf-8")
    assert "|  | 0 | 撤销 | 0 | 1 | 0 |" in text
    assert "附图" not in text
