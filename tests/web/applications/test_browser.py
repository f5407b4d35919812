"""End-to-end in a real browser (Debian's chromium): the applicant, the clerk, the reviewer, the supervisor."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.web.applications import services
from gongkai.web.applications.models import Application

from .conftest import screenshot
from .helpers import register

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_applicant_applies_online_and_follows(browser_page, personas) -> None:
    page = browser_page("applicant")
    page.goto("/apply/")
    page.select_option("#id_agency", str(personas.bureau.pk))
    page.fill("#id_description", "2025年新城县义务教育阶段学校招生计划")
    page.fill("#id_applicant_phone", "13800000000")
    screenshot(page, "apply-form")
    with page.expect_navigation():
        page.click("[data-testid=apply-form] button[type=submit]")
    tracking = page.locator("[data-testid=tracking-number]").inner_text()
    app = Application.objects.get(tracking_number=tracking)
    assert app.applicant == personas.users["applicant"] and app.channel == "online"
    page.click("text=查看办理进度")
    assert page.locator("[data-testid=application-state]").inner_text() == "已登记"
    assert "政府信息公开申请接收回执" in page.locator("[data-testid=applicant-letters]").inner_text()
    page.goto("/apply/mine/")
    assert tracking in page.locator("[data-testid=my-applications]").inner_text()
    screenshot(page, "my-applications")


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


def _send_letter(page, title: str, method: str = "post") -> None:
    """Open the case's draft letter ``title`` and send it, recording how (the send form's date: today)."""
    with page.expect_navigation():
        page.locator("[data-testid=case-letters] a", has_text=title).first.click()
    page.locator("#letter-edit select[name=delivery_method]").select_option(method)
    with page.expect_navigation():  # 保存并发送: the text as edited, how and when it is sent
        page.click("[data-testid=save-and-send]")


def test_clerk_handles_a_posted_letter_to_the_reply(browser_page, personas) -> None:
    page = browser_page("clerk")
    page.goto(f"/applications/new/{personas.bureau.code}/")
    page.select_option("#id_channel", "letter")
    page.select_option("#id_applicant_type", "organisation")
    page.select_option("#id_applicant_category", "law")
    page.fill("#id_applicant_name", "新城县正义律师事务所")
    page.fill("#id_applicant_address", "新城县人民路8号")
    page.fill("#id_description", "某建设项目环境影响评价批复文件")
    with page.expect_navigation():
        page.click("[data-testid=intake-form] button[type=submit]")
    assert page.locator("[data-testid=case-state]").inner_text() == "已登记"
    tracking = page.locator("h1").inner_text().split()[0]
    _act(page, "request_correction", fill={"textarea": "请写明批复文件的年份和项目名称。"})
    assert page.locator("[data-testid=case-state]").inner_text() == "已告知补正"
    # 条例第三十条: nothing follows from the 补正 until its notice is sent — the button says why.
    refusal = page.locator("[data-testid=refusals-record_supplement]").inner_text()
    assert "补正告知书》尚未发出" in refusal
    screenshot(page, "case-correction-draft")
    _send_letter(page, "补正告知书")
    _act(page, "record_supplement")
    assert page.locator("[data-testid=case-state]").inner_text() == "已补正"
    _act(page, "consult", fill={"input[name=party_name]": "新城县某建设有限公司"})
    assert page.locator("[data-testid=case-state]").inner_text() == "征求意见中"
    _send_letter(page, "征求意见书")
    today = services.today().isoformat()
    _act(page, "end_consultation", fill={"input[name=answered_on]": today, "textarea": "同意公开"})
    assert page.locator("[data-testid=case-state]").inner_text() == "审查办理中"
    _act(
        page,
        "decide",
        fill={
            "textarea[name=withheld_parts]": "项目单位的商业报价",
            "textarea[name=decision_reasons]": "涉及商业秘密。",
        },
        select={"select[name=outcome]": "partial"},
    )
    assert page.locator("[data-testid=case-state]").inner_text() == "已作出决定"
    screenshot(page, "case-decided")
    with page.expect_navigation():
        page.locator("[data-testid=case-letters] a", has_text="答复书").click()
    body = page.locator("#id_body")
    body.fill(body.input_value() + "\n\n特此告知。")
    with page.expect_navigation():
        page.click("[data-testid=letter-form] button[type=submit]")
    with page.expect_navigation():
        page.click("[data-testid=letter-send] button[type=submit]")
    screenshot(page, "case-replied")
    assert page.locator("[data-testid=case-state]").inner_text() == "已答复"
    app = Application.objects.get(tracking_number=tracking)
    reply = app.letters.get(kind="reply")
    assert reply.is_sent and "特此告知。" in reply.body and len(reply.sha256) == 64
    assert app.outcome == "partial" and app.consultations.get().answered_on is not None


def _extendable_receipt() -> dt.date:
    """A receipt date whose reply is not yet due and whose extended date the loaded calendar covers."""
    from gongkai.law import deadlines
    from gongkai.web.calendar.services import work_calendar

    calendar = work_calendar()
    for back in range(1, 60):
        received = services.today() - dt.timedelta(days=back)
        try:
            if deadlines.reply_due(received, calendar).due >= services.today():
                deadlines.extended_reply_due(received, calendar)
                return received
        except Exception:
            continue
    pytest.skip("no receipt date both extendable today and covered by the loaded calendar")


def test_reviewer_recommends_and_head_approves_an_extension(browser_page, personas) -> None:
    """条例第三十三条第二款: the 审核人 recommends, the 负责人 approves, the applicant is told."""
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk, received=_extendable_receipt())
    app = services.start_review(app, clerk, app.version)
    app = services.request_extension(app, clerk, app.version, reason="需要检索多个年度的档案")
    page = browser_page("reviewer")
    page.goto(f"/applications/case/{app.tracking_number}/")
    assert page.locator("[data-testid=case-state]").inner_text() == "延期待审批"
    assert page.locator("details[data-action=approve_extension]").count() == 0
    _act(page, "recommend_extension", fill={"textarea": "情况属实，建议延期"})
    head = browser_page("approver")
    head.goto(f"/applications/case/{app.tracking_number}/")
    _act(head, "approve_extension")
    assert head.locator("[data-testid=case-state]").inner_text() == "已延期"
    _send_letter(head, "延期答复告知书", "email")
    screenshot(head, "extension-approved")
    app.refresh_from_db()
    assert app.extension_approved_on == services.today() == app.extension_notified_on
    assert app.extension_recommendation == "情况属实，建议延期"


def test_supervisor_sees_the_overdue_list(browser_page, personas) -> None:
    overdue = register(personas.bureau, personas.users["clerk"], received=dt.date(2026, 1, 20))
    elsewhere = register(personas.other, personas.users["other_agency_clerk"], received=dt.date(2026, 1, 20))
    page = browser_page("supervisor")
    page.goto("/applications/clock/")
    table = page.locator("[data-testid=overdue]").inner_text()
    assert overdue.tracking_number in table and elsewhere.tracking_number not in table
    screenshot(page, "supervisor-overdue")
