"""Browser fixture for the application tests: Debian's chromium through Playwright (platform contract).

Marked tests (``@pytest.mark.browser``) get ``browser_page(persona)``: a page signed in as that persona
(the session cookie of a Django ``force_login``), against pytest-django's ``live_server``.
Screenshots go to ``test-artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client

SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture
def browser_page(
    live_server: Any, transactional_db: Any, personas: Any, settings: Any
) -> Iterator[Callable[[str], Any]]:
    from playwright.sync_api import sync_playwright

    # Plain HTTP on the test server: cookies must not be marked Secure or the browser drops them.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
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
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def screenshot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"applications-{name}.png"), full_page=True)
