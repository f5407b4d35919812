"""Browser fixture for the application tests: Debian's chromium through Playwright (platform contract).

Marked tests (``@pytest.mark.browser``) get ``browser_page(persona)``: a page signed in as that persona
(the session cookie of a Django ``force_login``), against pytest-django's ``live_server``; several
personas can act in one test. Launch options and the screenshot directory come from tests/web/browser.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client

from ..browser import LAUNCH_ARGS, SCREENSHOTS, chromium_path


@pytest.fixture
def browser_page(
    live_server: Any, transactional_db: Any, personas: Any, settings: Any
) -> Iterator[Callable[[str], Any]]:
    from playwright.sync_api import sync_playwright

    # Plain HTTP on the test server: cookies must not be marked Secure or the browser drops them.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    executable = chromium_path()
    assert executable, "Debian's chromium is required for browser tests"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        contexts = []

        def page_for(persona: str) -> Any:
            context = browser.new_context(base_url=live_server.url, locale="zh-CN")
            context.set_default_timeout(15000)
            user = personas.users[persona]
            if user is not None:
                client = Client()
                client.force_login(user)
                cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
                context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
            contexts.append(context)
            return context.new_page()

        try:
            yield page_for
        finally:
            for context in contexts:
                context.close()
            browser.close()
            # Database work done by the test body inside Playwright's context may have opened its own
            # connection (persistent on PostgreSQL, CONN_MAX_AGE); close it here, in that context,
            # or the test database cannot be dropped at the end of the session.
            connections.close_all()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def screenshot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"applications-{name}.png"), full_page=True)
