"""In chromium: a supervisor finds the missing and late units, opens a unit's report with its findings,
sends a 督办; a clerk uploads a report at /check/ and sees the error at its cell."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ..browser import sign_in
from ..conftest import build_personas
from ..factories import PASSWORD
from .helpers import DATA, publish

pytestmark = pytest.mark.browser


def test_supervisor_finds_late_and_missing_units_and_sends_a_notice(page: Any) -> None:
    personas = build_personas()
    publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 2, 10), error=True)  # late, with an error
    sign_in(page, "supervisor", PASSWORD)
    page.goto(f"/supervision/{personas.county.code}/2025/")
    assert page.locator("#count-late").inner_text() == "1"
    assert page.locator("#count-missing").inner_text() == "2"  # the county itself and the township
    page.select_option("select[name=status]", "missing")
    with page.expect_navigation():
        page.get_by_role("button", name="筛选").click()
    rows = page.locator("#status-table tbody tr")
    assert rows.count() == 2 and "桥头镇" in page.locator("#status-table").inner_text()
    page.goto(f"/supervision/{personas.county.code}/2025/?status=late")
    with page.expect_navigation():
        page.get_by_role("link", name=personas.bureau.name).click()
    assert page.locator("td.finding-error").count() >= 1
    assert "T3-ROW-TOTAL" in page.locator("ol.findings").inner_text()
    page.select_option("#id_subject", "report_errors")
    page.fill("#id_body", "你局2025年度报告表三数据不平衡，请更正后重新公布。")
    with page.expect_navigation():
        page.get_by_role("button", name="发送督办通知").click()
    assert "已向" in page.content() and "已发送" in page.content()


def test_clerk_checks_a_report_and_sees_the_error_at_its_cell(page: Any) -> None:
    build_personas()
    sign_in(page, "clerk", PASSWORD)
    page.goto("/check/")
    page.set_input_files("#id_file", str(DATA / "yinchuan-szglj-2020.txt"))
    with page.expect_navigation():
        page.get_by_role("button", name="检查").click()
    cell = page.locator('td[data-cell="t3.total.np"]')
    assert "finding-error" in (cell.get_attribute("class") or "")
    assert "不平衡" in (cell.get_attribute("title") or "")
    assert int(page.locator("#error-count").inner_text()) >= 3


def test_benchmark_chart_is_drawn_over_its_table(page: Any) -> None:
    personas = build_personas()
    publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 1, 10))
    publish(personas.township, 2025, 4, 0, on=dt.date(2026, 1, 10))
    sign_in(page, "supervisor", PASSWORD)
    page.goto(f"/supervision/{personas.county.code}/2025/benchmarks/")
    page.wait_for_selector("div.chart svg", timeout=10000)  # ECharts from the project's static files
    assert page.locator("#bench-table tbody tr").count() == 2  # the data table stays for screen readers
