"""Each role signs in through the real form in chromium and sees its own home page (screenshots)."""

from __future__ import annotations

from typing import Any

import pytest

from .browser import screenshot, sign_in
from .conftest import PERSONA_NAMES, build_personas
from .factories import PASSWORD

pytestmark = pytest.mark.browser

#: What each persona's home page must show (a data-testid) and must not show.
PANELS = {
    "applicant": ("applicant-panel", "staff-panel"),
    "clerk": ("staff-panel", "supervisor-panel"),
    "reviewer": ("staff-panel", "supervisor-panel"),
    "approver": ("staff-panel", "supervisor-panel"),
    "agency_admin": ("staff-panel", "supervisor-panel"),
    "supervisor": ("supervisor-panel", "sysadmin-panel"),
    "other_agency_clerk": ("staff-panel", "supervisor-panel"),
    "sysadmin": ("sysadmin-panel", "applicant-panel"),
}


def test_every_role_signs_in_and_sees_its_home(page: Any) -> None:
    personas = build_personas()
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.get_by_role("link", name="登录").first.is_visible()
    screenshot(page, "anonymous")
    for persona in PERSONA_NAMES[1:]:
        user = personas.users[persona]
        assert user is not None
        page.context.clear_cookies()
        sign_in(page, user.username, PASSWORD)
        page.goto("/")
        assert page.get_by_test_id("signed-in-user").inner_text() == str(user), persona
        shown, hidden = PANELS[persona]
        assert page.get_by_test_id(shown).is_visible(), persona
        assert page.get_by_test_id(hidden).count() == 0, persona
        if persona == "other_agency_clerk":
            assert "新城县" not in page.content()
        screenshot(page, persona)
    page.goto("/admin/")
    assert "系统管理" in page.title()
    screenshot(page, "sysadmin-admin")


def test_signing_out_is_a_post_with_the_csrf_token(page: Any) -> None:
    personas = build_personas()
    user = personas.users["clerk"]
    assert user is not None
    sign_in(page, user.username, PASSWORD)
    page.goto("/")
    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("signed-in-user").count() == 0


def test_agency_admin_assigns_a_role_in_the_browser(page: Any) -> None:
    from gongkai.web.accounts.models import Membership
    from gongkai.web.audit.models import AuditEvent

    personas = build_personas()
    admin = personas.users["agency_admin"]
    assert admin is not None
    sign_in(page, admin.username, PASSWORD)
    page.goto("/agencies/xc-education/staff/")
    page.fill("#id_username", "applicant")
    page.select_option("#id_role", "reviewer")
    page.get_by_role("button", name="分配", exact=True).click()
    page.wait_for_load_state()
    screenshot(page, "agency_admin-staff")
    assert page.get_by_role("listitem").first.inner_text() == "已为 张三 分配角色：审核人。"
    assert Membership.objects.filter(user__username="applicant", role="reviewer", is_active=True).exists()
    assert AuditEvent.objects.filter(verb="membership.grant").exists()
