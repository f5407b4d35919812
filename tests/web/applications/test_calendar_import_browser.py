"""In a real browser: the system administrator imports next year's notice; a 暂定 case becomes final."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.web.applications import services
from gongkai.web.applications.models import Application

from .conftest import screenshot
from .helpers import register

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TODAY = dt.date(2026, 12, 2)
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知（测试）
一、元旦：1月1日（周五）至4日（周一）放假，共4天。
二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。
三、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。10月9日（周六）上班。
"""


def test_sysadmin_uploads_previews_and_confirms(browser_page, personas, monkeypatch) -> None:
    monkeypatch.setattr(services, "today", lambda: TODAY)
    app = register(personas.bureau, personas.users["clerk"], received=TODAY)
    clerk = browser_page("clerk")
    clerk.goto(f"/applications/case/{app.tracking_number}/")
    assert "暂定" in clerk.locator("[data-testid=extended-due]").inner_text()
    assert (
        "2027年国务院办公厅节假日安排尚未导入"
        in clerk.locator("[data-testid=provisional-reasons]").inner_text()
    )

    page = browser_page("sysadmin")
    page.goto("/calendar/import/")
    page.set_input_files(
        "#id_file", {"name": "2027.txt", "mimeType": "text/plain", "buffer": NOTICE_2027.encode("utf-8")}
    )
    with page.expect_navigation():
        page.click("[data-testid=preview-import]")
    changes = page.locator("[data-testid=case-changes]").inner_text()
    assert app.tracking_number in changes and "2027-01-28 → 2027-01-29" in changes
    screenshot(page, "calendar-import-preview")
    with page.expect_navigation():
        page.click("[data-testid=confirm-import]")
    assert "已导入 2027 年的节假日安排" in page.content()

    app = Application.objects.get(pk=app.pk)
    assert not app.clock_provisional and app.extended_due == dt.date(2027, 1, 29)
    clerk.reload()
    extended = clerk.locator("[data-testid=extended-due]").inner_text()
    assert "2027-01-29" in extended and "暂定" not in extended
