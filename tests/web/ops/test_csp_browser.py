"""In chromium, under the Content-Security-Policy: the pages that had inline scripts, handlers and
styles still work (the large-text toggle, the year selector, the desk's layout, the ECharts chart),
and the browser reports no violation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ..browser import sign_in
from ..conftest import build_personas
from ..factories import PASSWORD
from ..supervision.helpers import publish

pytestmark = pytest.mark.browser

WATCH = """() => { window.__csp = []; document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI)); }"""


def _violations(page: Any, messages: list[str]) -> list[str]:
    return [m for m in messages if "Content Security Policy" in m] + page.evaluate("window.__csp || []")


def test_pages_work_under_the_policy(page: Any) -> None:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.add_init_script(f"({WATCH})()")
    personas = build_personas()
    publish(personas.bureau, 2025, 9, 2, on=dt.date(2026, 1, 10))
    publish(personas.township, 2025, 4, 0, on=dt.date(2026, 1, 10))

    page.goto("/zfxxgk/")
    toggle = page.locator("#gk-large-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert "large-text" in (page.locator("html").get_attribute("class") or "")
    page.reload()  # remembered, applied from the <head> script
    assert "large-text" in (page.locator("html").get_attribute("class") or "")

    sign_in(page, "supervisor", PASSWORD)
    page.goto(f"/supervision/{personas.county.code}/2025/benchmarks/")
    page.wait_for_selector("div.chart svg", timeout=10000)
    page.goto(f"/supervision/{personas.county.code}/2025/")
    years = page.locator("select[name=year] option").all_inner_texts()
    other = next(y for y in years if y != "2025")
    with page.expect_navigation():
        page.select_option("select[name=year]", other)
    assert page.url.rstrip("/").endswith(f"/{other}")

    page.context.clear_cookies()
    sign_in(page, "clerk", PASSWORD)
    page.goto("/applications/")
    assert page.locator(".desk-filter").evaluate("e => getComputedStyle(e).display") == "flex"
    assert _violations(page, messages) == []
    # The watcher sees a violation when there is one: an injected inline script is blocked.
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
                  " document.head.appendChild(s); }")  # fmt: skip
    page.wait_for_function("() => window.__csp.length > 0")
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in _violations(page, messages))
