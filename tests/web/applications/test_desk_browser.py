"""The desk in a real browser (Debian's chromium): a clerk searches, filters, assigns, writes a note,
edits and sends a letter in one step; the reviewer and the approver find their queues; the
supervisor sees identity numbers masked."""

from __future__ import annotations

import pytest

from gongkai.web.applications import services
from gongkai.web.applications.models import Application

from .conftest import screenshot
from .helpers import register

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_clerk_searches_filters_assigns_notes_and_sends(browser_page, personas) -> None:
    clerk = personas.users["clerk"]
    register(personas.bureau, clerk, applicant_name="张三", description="招生计划")
    target = register(
        personas.bureau, clerk, applicant_name="李四", description="校舍维修经费", channel="email"
    )
    register(personas.bureau, clerk, applicant_name="王五", description="教师招聘")
    page = browser_page("clerk")
    page.goto("/applications/")
    assert page.locator("[data-testid=desk-row]").count() == 3
    page.fill("#id_q", target.tracking_number.lower())
    with page.expect_navigation():
        page.click("[data-testid=desk-filter-submit]")
    assert page.locator("[data-testid=desk-row]").count() == 1
    page.fill("#id_q", "")
    page.select_option("#id_channel", "email")
    with page.expect_navigation():
        page.click("[data-testid=desk-filter-submit]")
    assert "channel=email" in page.url
    rows = page.locator("[data-testid=desk-row]")
    assert rows.count() == 1 and "李四" in rows.inner_text()
    screenshot(page, "desk-list-filtered")
    with page.expect_navigation():
        rows.locator("a").first.click()
    page.select_option("#desk-assignee", str(clerk.pk))
    with page.expect_navigation():
        page.click("[data-testid=do-assign]")
    assert page.locator("[data-testid=case-assignee]").inner_text() == "李经办"
    page.fill("#desk-note", "申请人来电，要求电子版。")
    with page.expect_navigation():
        page.click("[data-testid=do-note]")
    assert "申请人来电，要求电子版。" in page.locator("[data-testid=case-notes]").inner_text()
    history = page.locator("[data-testid=case-history]").inner_text()
    assert "指派承办人" in history and "添加内部备注" in history and "登记申请" in history
    screenshot(page, "desk-case-panel")
    with page.expect_navigation():
        page.locator("[data-testid=case-letters] a", has_text="回执").click()
    assert target.tracking_number in page.locator("[data-testid=letter-preview-text]").inner_text()
    body = page.locator("#id_body")
    body.fill(body.input_value() + "\n\n我们将以电子邮件答复。")
    screenshot(page, "desk-letter")
    with page.expect_navigation():
        page.click("[data-testid=save-and-send]")
    assert "已保存并发送" in page.content()
    letter = Application.objects.get(pk=target.pk).letters.get(kind="receipt")
    assert letter.is_sent and letter.body.endswith("我们将以电子邮件答复。")
    page.goto("/applications/?assignee=me")
    assert page.locator("[data-testid=desk-row]").count() == 1


def test_reviewer_and_approver_find_their_queues(browser_page, personas) -> None:
    clerk = personas.users["clerk"]
    correction = register(personas.bureau, clerk, applicant_name="补正人")
    # drafted, not yet sent: it waits for review (条例第三十条: the period runs once it is sent)
    services.request_correction(correction, clerk, correction.version, items="请写明年份。")
    extension = register(personas.bureau, clerk, applicant_name="延期人")
    extension = services.start_review(extension, clerk, extension.version)
    services.request_extension(extension, clerk, extension.version, reason="涉及多个科室")

    reviewer = browser_page("reviewer")
    reviewer.goto("/")
    assert reviewer.locator("[data-testid=queue-review-count]").inner_text() == "1"
    with reviewer.expect_navigation():
        reviewer.click("[data-testid=queue-review]")
    assert "补正人" in reviewer.locator("[data-testid=queue-table]").inner_text()
    screenshot(reviewer, "desk-review-queue")

    approver = browser_page("approver")
    approver.goto("/")
    assert approver.locator("[data-testid=queue-approval-count]").inner_text() == "1"
    with approver.expect_navigation():
        approver.click("[data-testid=queue-approval]")
    table = approver.locator("[data-testid=queue-table]").inner_text()
    assert "延期人" in table and "补正人" not in table
    screenshot(approver, "desk-approval-queue")


def test_supervisor_sees_identity_numbers_masked(browser_page, personas) -> None:
    app = register(personas.bureau, personas.users["clerk"])
    supervisor = browser_page("supervisor")
    supervisor.goto(f"/applications/case/{app.tracking_number}/")
    assert "1101**********1234" in supervisor.locator("[data-testid=case-id-number]").inner_text()
    assert "138****0000" in supervisor.locator("[data-testid=case-phone]").inner_text()
    assert "110101199001011234" not in supervisor.content()
    assert supervisor.locator("[data-testid=assign-form]").count() == 0
    screenshot(supervisor, "desk-supervisor-masked")
    clerk = browser_page("clerk")
    clerk.goto(f"/applications/case/{app.tracking_number}/")
    assert "110101199001011234" in clerk.locator("[data-testid=case-id-number]").inner_text()
