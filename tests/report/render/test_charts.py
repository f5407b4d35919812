"""Charts: categories from the format, no silent 0 for unreadable cells, deterministic output."""

from __future__ import annotations

from render_fixtures import with_blank, without, xichou, yinchuan, zuoling

from gongkai.report.formats import FORMAT_2019, FORMAT_2021
from gongkai.report.render.charts import (
    UNREAD,
    applicants_chart,
    change_chart,
    chart_png,
    chart_svg,
    outcome_categories,
    outcomes_chart,
    report_charts,
)


def test_outcome_categories_come_from_the_format() -> None:
    cats = outcome_categories(FORMAT_2021)
    assert [label for label, _ in cats] == [
        "（一）予以公开",
        "（二）部分公开",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
    ]
    assert sum(len(keys) for _, keys in cats) == len(FORMAT_2021.table3_outcome_rows) == 21
    cats_2019 = outcome_categories(FORMAT_2019)
    assert cats_2019[-1] == ("（六）其他处理", ["other"])


def test_outcomes_sum_the_groups() -> None:
    report = xichou()
    chart = outcomes_chart(report)
    assert chart is not None
    assert chart.series[0].values == (6, 0, 0, 0, 0, 0)


def test_an_unreadable_cell_is_not_a_silent_zero() -> None:
    report = with_blank(without(xichou(), "t3.denied_process.tot"), "t3.new_received.com")
    outcomes = outcomes_chart(report)
    applicants = applicants_chart(report)
    assert outcomes is not None and applicants is not None
    assert outcomes.series[0].values[2] is None  # （三）不予公开 has an unread sub-row
    assert applicants.series[0].values[1] is None  # blank is not 0
    assert f"（三）不予公开 {UNREAD}" in outcomes.alt
    assert UNREAD in chart_svg(outcomes).decode("utf-8")


def test_text_in_a_cell_is_not_drawn() -> None:
    report = zuoling()
    assert outcomes_chart(report) is not None


def test_change_chart_pairs_two_years_even_across_formats() -> None:
    chart = change_chart(yinchuan(), xichou())
    assert chart is not None
    assert [s.name for s in chart.series] == ["2020年", "2023年"]
    assert chart.categories[0] == "本年新收政府信息公开申请数量"
    assert chart.series[0].values[0] == 1 and chart.series[1].values[0] == 6
    # 2019's single （六）其他处理 row and 2021's three sub-rows meet under one label
    other = chart.categories.index("（六）其他处理")
    assert chart.series[0].values[other] == 0


def test_svg_is_deterministic_and_keeps_cjk_text() -> None:
    chart = outcomes_chart(xichou())
    assert chart is not None
    first, second = chart_svg(chart), chart_svg(chart)
    assert first == second
    svg = first.decode("utf-8")
    assert "<text" in svg and "（一）予以公开" in svg and "Noto Sans CJK SC" in svg
    assert "dc:date" not in svg
    paths = chart_svg(chart, text_as_paths=True).decode("utf-8")
    assert "<text" not in paths  # drawn as outlines (for PDF)


def test_png_is_a_png() -> None:
    chart = applicants_chart(xichou())
    assert chart is not None
    png = chart_png(chart, dpi=60)
    assert png.startswith(b"\x89PNG") and chart_png(chart, dpi=60) == png


def test_no_charts_without_table3() -> None:
    report = xichou()
    report = report.with_cells({k: v for k, v in report.cells.items() if not k.startswith("t3.")})
    assert report_charts(report) == []
