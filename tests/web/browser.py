"""Playwright driving Debian's chromium (never `playwright install`): launch options and helpers.

Use the ``page`` fixture of tests/web/conftest.py in tests marked ``@pytest.mark.browser``; it is
bound to pytest-django's ``live_server`` (with ``transactional_db``). Screenshots go to
``test-artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


@contextmanager
def browser_page(base_url: str) -> Iterator[Any]:
    """A fresh zh-CN-locale page in headless chromium whose relative URLs resolve against ``base_url``."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to be used from
    # a thread with a running loop unless told it is safe (it is: the test drives one page).
    # The variable is restored afterwards: left set, it would leak into later subprocesses.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    executable = chromium_path()
    assert executable, "Debian's chromium is required for browser tests (apt-get install chromium)"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
            try:
                context = browser.new_context(
                    base_url=base_url, locale="zh-CN", viewport={"width": 1280, "height": 800}
                )
                page = context.new_page()
                page.set_default_timeout(20_000)
                yield page
                context.close()
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Any, username: str, password: str) -> None:
    """Sign in through the real form."""
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()
