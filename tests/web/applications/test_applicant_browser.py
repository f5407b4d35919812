"""The applicant's features in a real browser (Debian's chromium): a signed-in applicant and an
anonymous one (tracking number + secret) each receive a 补正 notice, upload the supplement, write to
the office, get the reply and download the disclosed file; the clerk acts on the other side."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.web.applications import services
from gongkai.web.applications.models import Application

from .applicant_helpers import PDF, online_case
from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _act(page, action: str, fill: dict[str, str] | None = None, select: dict[str, str] | None = None) -> None:
    box = page.locator(f"details[data-action={action}]")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    for selector, value in (fill or {}).items():
        box.locator(selector).fill(value)
    for selector, value in (select or {}).items():
        box.locator(selector).select_option(value)
    with page.expect_navigation():
        box.locator(f"[data-testid=do-{action}]").click()


def _send_letter(page, tracking: str, title_part: str) -> None:
    page.goto(f"/applications/case/{tracking}/")
    with page.expect_navigation():
        page.locator("[data-testid=case-letters] a", has_text=title_part).click()
    with page.expect_navigation():  # 保存并发送 (sent today, by the case's usual method)
        page.click("[data-testid=save-and-send]")


def _clerk_requests_correction(clerk, tracking: str) -> None:
    clerk.goto(f"/applications/case/{tracking}/")
    _act(clerk, "request_correction", fill={"textarea": "请写明所需招生计划的年份。"})
    _send_letter(clerk, tracking, "补正")


def _applicant_supplements_and_writes(page, path: str, tmp_path: Path) -> None:
    page.goto(path)
    assert "补正告知书" in page.locator("[data-testid=applicant-notifications]").inner_text()
    assert "未读" in page.locator("[data-testid=applicant-notifications]").inner_text()
    box = page.locator("[data-testid=applicant-supplement]")
    assert "请写明所需招生计划的年份。" in box.inner_text()
    scan = tmp_path / "补正材料.pdf"
    scan.write_bytes(PDF)
    box.locator("textarea").fill("所需为2025年度的招生计划。")
    box.locator("input[type=file]").set_input_files(str(scan))
    screenshot(page, "applicant-supplement")
    with page.expect_navigation():
        page.click("[data-testid=submit-supplement]")
    assert page.locator("[data-testid=application-state]").inner_text() == "已补正"
    page.fill("#id_message_body", "请问大约何时可以答复？")
    with page.expect_navigation():
        page.click("[data-testid=send-message]")
    assert "请问大约何时可以答复？" in page.locator("[data-testid=thread]").inner_text()


def _clerk_answers_and_replies(clerk, tracking: str, tmp_path: Path) -> None:
    clerk.goto(f"/applications/case/{tracking}/")
    thread = clerk.locator("[data-testid=case-thread]")
    assert (
        "请问大约何时可以答复？" in thread.inner_text()
        and "所需为2025年度的招生计划。" in thread.inner_text()
    )
    assert "补正材料.pdf" in clerk.content()
    clerk.fill("#id_office_message", "本机关将于本周内答复。")
    with clerk.expect_navigation():
        clerk.click("[data-testid=office-send-message]")
    _act(clerk, "decide", select={"select[name=outcome]": "granted"})
    plan = tmp_path / "2025年招生计划.pdf"
    plan.write_bytes(PDF + b"plan")
    clerk.locator("#id_disclose_files").set_input_files(str(plan))
    with clerk.expect_navigation():
        clerk.click("[data-testid=office-disclose]")
    assert "2025年招生计划.pdf" in clerk.content()
    screenshot(clerk, "clerk-disclose")
    _send_letter(clerk, tracking, "答复")
    assert clerk.locator("[data-testid=case-state]").inner_text() == "已答复"


def _applicant_downloads(page, path: str) -> None:
    page.goto(path)
    assert page.locator("[data-testid=application-state]").inner_text() == "已答复"
    assert "本机关将于本周内答复。" in page.locator("[data-testid=thread]").inner_text()
    with page.expect_download() as info:
        page.click("[data-testid=disclosed-file]")
    download = info.value
    assert download.suggested_filename == "2025年招生计划.pdf"
    assert Path(download.path()).read_bytes() == PDF + b"plan"
    screenshot(page, "applicant-replied")


def test_signed_in_applicant_through_the_case(browser_page, personas, tmp_path) -> None:
    page = browser_page("applicant")
    page.goto("/apply/")
    page.select_option("#id_agency", str(personas.bureau.pk))
    page.fill("#id_description", "2025年新城县义务教育阶段学校招生计划")
    page.fill("#id_applicant_phone", "13800000000")
    with page.expect_navigation():
        page.click("[data-testid=apply-form] button[type=submit]")
    tracking = page.locator("[data-testid=tracking-number]").inner_text()
    path = f"/apply/mine/{tracking}/"
    clerk = browser_page("clerk")
    _clerk_requests_correction(clerk, tracking)
    _applicant_supplements_and_writes(page, path, tmp_path)
    _clerk_answers_and_replies(clerk, tracking, tmp_path)
    _applicant_downloads(page, path)
    app = Application.objects.get(tracking_number=tracking)
    assert app.supplement_received_on == services.today() and app.applicant == personas.users["applicant"]


def test_anonymous_applicant_behind_tracking_code_and_secret(browser_page, personas, tmp_path) -> None:
    app, secret = online_case(personas.bureau, None, applicant_name="王五")
    path = f"/apply/mine/{app.tracking_number}/"
    page = browser_page("anonymous")
    page.goto(path)
    assert "/accounts/" in page.url  # nothing without the tracking number and secret
    page.goto("/apply/track/")
    page.fill("#id_tracking_number", app.tracking_number)
    page.fill("#id_secret", secret)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    clerk = browser_page("clerk")
    _clerk_requests_correction(clerk, app.tracking_number)
    _applicant_supplements_and_writes(page, path, tmp_path)
    _clerk_answers_and_replies(clerk, app.tracking_number, tmp_path)
    _applicant_downloads(page, path)
    # Another anonymous visitor with the file's URL gets nothing.
    file_pk = app.attachments.get(purpose="disclosed").pk
    other = browser_page("anonymous")
    other.goto(f"/apply/file/{file_pk}/")
    assert "/accounts/" in other.url
