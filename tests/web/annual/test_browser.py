"""In chromium: the clerk writes 五 and submits, the reviewer passes it, the 负责人 approves and
publishes (explaining the late date the core warns about), and the report appears on the public page
— in the 专栏's 年报 column — with its downloads and its version history."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from ..browser import screenshot, sign_in
from ..conftest import build_personas
from ..factories import PASSWORD

pytestmark = pytest.mark.browser


def _as(page: Any, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, username, PASSWORD)


def _click(page: Any, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).first.click()


def test_draft_approve_publish_and_the_public_page(page: Any) -> None:
    personas = build_personas()
    year = timezone.localdate().year - 1
    desk = f"/annual/{personas.bureau.code}/{year}/"
    _as(page, "clerk")
    page.goto(desk)
    page.fill(
        "textarea[name=s5_problems]", "（一）存在的主要问题。答复说理不足。\n（二）改进措施。加强培训。"
    )
    with page.expect_navigation():
        page.locator("form:has(textarea[name=s5_problems]) button").click()
    assert "已保存" in page.content()
    for form in page.locator("form:has(input[name=rule])").all():  # warnings the core raises today
        form.locator("input[name=text]").fill("报告年度已过发布期限，系统上线后补发。")
        with page.expect_navigation():
            form.locator("button").click()
    _click(page, "转为“待审核”")
    _as(page, "reviewer")
    page.goto(desk)
    _click(page, "转为“待负责人批准”")
    _as(page, "approver")
    page.goto(desk)
    _click(page, "转为“已批准待发布”")
    _click(page, "发布")
    assert "已发布第1版" in page.content()
    assert "第1版" in page.locator("[data-testid=versions]").inner_text()
    screenshot(page, "annual-published-desk")
    page.context.clear_cookies()
    page.goto("/zfxxgk/annual/")
    with page.expect_navigation():
        page.locator("[data-testid=generated-reports] a").first.click()
    assert f"{year}年政府信息公开工作年度报告" in page.locator("[data-testid=public-title]").inner_text()
    assert "第1版" in page.locator("[data-testid=public-versions]").inner_text()
    assert "系统上线后补发" in page.locator("[data-testid=explanations]").inner_text()
    for medium in ("pdf", "docx", "xlsx", "json"):
        href = page.locator(f"[data-testid=download-{medium}]").get_attribute("href")
        response = page.request.get(href)
        assert response.status == 200 and len(response.body()) > 500, medium
    screenshot(page, "annual-public")
