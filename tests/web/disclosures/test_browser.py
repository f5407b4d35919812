"""In chromium: a clerk drafts a policy and its interpretation, a reviewer and the 负责人 approve,
and a citizen finds the policy by a word of its body and by its 文号."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from gongkai.web.disclosures import services

from ..browser import screenshot, sign_in
from ..conftest import build_personas
from ..factories import PASSWORD

pytestmark = pytest.mark.browser


def _draft(
    page: Any, agency: str, title: str, body: str, genre: str, doc_number: str, interprets: str | None = None
) -> None:
    page.goto(f"/register/{agency}/new/")
    page.fill("#id_title", title)
    page.fill("#id_written_on", timezone.localdate().isoformat())
    page.fill("#id_doc_number", doc_number)
    page.select_option("#id_catalogue", label="法规文件" if genre == "行政规范性文件" else "政策解读")
    page.select_option("#id_topic", label="科技、教育")
    page.select_option("#id_genre", label=genre)
    page.fill("#id_body", body)
    page.check("#id_article20_items_0")
    if interprets:
        page.select_option("#id_interprets", label=interprets)
    with page.expect_navigation():
        page.click("form.stacked button[type=submit]")
    assert "草稿已保存" in page.content()
    with page.expect_navigation():
        page.get_by_role("button", name="提交审查").click()


def test_a_policy_and_its_interpretation_from_draft_to_search(page: Any) -> None:
    personas = build_personas()
    services.ensure_catalogue(personas.bureau)
    agency = personas.bureau.code
    year = timezone.localdate().year
    policy, number = "新城县教育局关于课后服务收费管理的通知", f"新教〔{year}〕12号"
    sign_in(page, "clerk", PASSWORD)
    _draft(
        page,
        agency,
        policy,
        "<p>课后服务实行自愿参加、成本补偿的原则，严禁强制收费。</p>",
        "行政规范性文件",
        number,
    )
    _draft(
        page,
        agency,
        f"《{policy}》政策解读",
        "<p>一问一答：课后服务怎么收费？</p>",
        "政策解读",
        "",
        interprets=policy,
    )
    screenshot(page, "register-clerk")
    for user, action in (("reviewer", "review"), ("approver", "publish")):
        page.context.clear_cookies()
        sign_in(page, user, PASSWORD)
        for title in (f"《{policy}》政策解读", policy):  # the interpretation first: the policy then has it
            page.goto(f"/register/{agency}/")
            page.get_by_role("link", name=title, exact=True).click()
            page.wait_for_load_state()
            if action == "review":
                for kind in ("保密审查", "合法性审查"):
                    page.select_option("#id_kind", label=kind)
                    page.select_option("#id_conclusion", label="通过")
                    with page.expect_navigation():
                        page.get_by_role("button", name="记录", exact=True).click()
            else:
                page.check("#id_acknowledge_warnings")
                with page.expect_navigation():
                    page.get_by_role("button", name="批准并发布").click()
                assert page.get_by_test_id("item-status").inner_text().startswith("已发布"), page.content()[
                    :3000
                ]
    screenshot(page, "register-approver")
    page.context.clear_cookies()
    page.goto("/")
    page.get_by_test_id("disclosure-columns").get_by_role("link", name="法定主动公开内容").is_visible()
    page.fill("#gk-q", "强制收费")
    with page.expect_navigation():
        page.press("#gk-q", "Enter")
    results = page.get_by_test_id("search-results")
    assert policy in results.inner_text()
    page.fill("#gk-q", number)
    with page.expect_navigation():
        page.press("#gk-q", "Enter")
    assert "文号/索引号精确匹配" in page.get_by_test_id("search-results").inner_text()
    page.get_by_test_id("search-results").get_by_role("link", name=policy).first.click()
    page.wait_for_load_state()
    assert number in page.get_by_test_id("metadata").inner_text()
    assert "政策解读" in page.get_by_test_id("interpretations").inner_text()
    page.click("#gk-large-toggle")
    assert "large-text" in (page.locator("html").get_attribute("class") or "")
    screenshot(page, "register-citizen")
