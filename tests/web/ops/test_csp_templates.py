"""The templates obey the Content-Security-Policy (D44) without a browser: no inline script, no
inline event handler, no ``javascript:`` address, no ``<style>`` element. Style attributes are
allowed by the policy (``style-src-attr``)."""

from __future__ import annotations

import re
from pathlib import Path

import gongkai.web

WEB = Path(gongkai.web.__file__).parent
TEMPLATES = sorted(WEB.rglob("templates/**/*.html"))

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I | re.S)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)


def _offences(text: str) -> list[str]:
    found = []
    for name, pattern in (
        ("inline <script>", INLINE_SCRIPT),
        ("inline event handler", HANDLER),
        ("javascript: URL", JS_URL),
        ("<style> element", STYLE_ELEMENT),
    ):
        found += [f"{name}: {m.group(0)[:60]}" for m in pattern.finditer(text)]
    return found


def test_the_scanner_finds_what_the_policy_blocks() -> None:
    assert _offences('<script>alert(1)</script><select onchange="go()">') == [
        "inline <script>: <script>",
        "inline event handler: <select onchange=",
    ]
    assert _offences('<style>p{}</style><a href="javascript:x()">') != []
    assert _offences('<script src="/static/a.js" defer></script><p style="x" data-on="1">') == []
    assert _offences('<script type="application/json" id="d">{}</script>') == []


def test_no_template_has_inline_script_or_handlers() -> None:
    assert len(TEMPLATES) > 50
    offences = {str(p.relative_to(WEB)): o for p in TEMPLATES if (o := _offences(p.read_text("utf-8")))}
    assert offences == {}
