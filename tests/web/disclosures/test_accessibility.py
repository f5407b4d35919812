"""Accessibility audit of the public 政府信息公开专栏 pages, in chromium (automated checks).

On every public page: ``lang="zh-Hans"``; every image has an ``alt``; every form field has a label
(``<label for>``, a wrapping label, ``aria-label`` or ``aria-labelledby``); one ``h1`` and heading
levels never skip (h2 → h4); the landmarks banner (header), navigation, main and contentinfo (footer),
one main; the main text's contrast against its background at least 4.5:1 (WCAG 2.x AA, normal text).
"""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.web.disclosures import services

from ..conftest import build_personas
from .helpers import published_item

pytestmark = pytest.mark.browser

AUDIT = r"""
() => {
  const problems = [];
  const lang = document.documentElement.getAttribute("lang");
  if (lang !== "zh-Hans") problems.push(`html lang="${lang}"`);
  for (const img of document.querySelectorAll("img")) {
    if (!img.hasAttribute("alt")) problems.push(`img without alt: ${img.src.slice(0, 60)}`);
  }
  const fields = document.querySelectorAll(
    "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]), select, textarea");
  for (const f of fields) {
    const labelled = (f.id && document.querySelector(`label[for="${CSS.escape(f.id)}"]`)) || f.closest("label")
      || (f.getAttribute("aria-label") || "").trim() || f.getAttribute("aria-labelledby");
    if (!labelled) problems.push(`field without label: ${f.outerHTML.slice(0, 80)}`);
  }
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  if (document.querySelectorAll("h1").length !== 1) problems.push(`${document.querySelectorAll("h1").length} h1`);
  let last = 0;
  for (const h of headings) {
    const level = Number(h.tagName[1]);
    if (last && level > last + 1) problems.push(`heading skips: h${last} → ${h.tagName.toLowerCase()} “${h.textContent.trim().slice(0, 20)}”`);
    last = level;
  }
  if (!document.querySelector("header, [role=banner]")) problems.push("no banner landmark");
  if (!document.querySelector("nav, [role=navigation]")) problems.push("no navigation landmark");
  if (document.querySelectorAll("main, [role=main]").length !== 1) problems.push("not exactly one main");
  if (!document.querySelector("footer, [role=contentinfo]")) problems.push("no contentinfo landmark");
  const rgb = (text) => (text.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const seen = new Set();
  for (const el of document.querySelectorAll("main p, main li, main td, main th, main a, main dd, main dt, main span, main label")) {
    if (!el.textContent.trim() || el.offsetParent === null) continue;
    const style = getComputedStyle(el);
    const fg = rgb(style.color).slice(0, 3), bg = background(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      const key = `${el.tagName}.${el.className}:${style.color}/${bg}`;
      if (!seen.has(key)) { seen.add(key); problems.push(`contrast ${ratio.toFixed(2)} ${key} “${el.textContent.trim().slice(0, 20)}”`); }
    }
  }
  return problems;
}
"""


def test_public_register_pages_pass_the_accessibility_audit(page: Any) -> None:
    personas = build_personas()
    services.ensure_catalogue(personas.bureau)
    item = published_item(personas.bureau, title="新城县教育局关于规范校外培训收费的通知")
    agency = personas.bureau.code
    pages = [
        "/zfxxgk/",
        f"/zfxxgk/{agency}/",
        "/zfxxgk/content/",
        f"/zfxxgk/items/{item.pk}/",
        "/zfxxgk/annual/",
        "/zfxxgk/on-request/",
        f"/zfxxgk/{agency}/guide/",
        f"/zfxxgk/{agency}/system/",
        "/search/?q=校外培训",
        "/search/?q=没有这样的词语",
    ]
    failures = {}
    for url in pages:
        page.goto(url)
        problems = page.evaluate(AUDIT)
        if problems:
            failures[url] = problems
    assert not failures, "\n".join(f"{url}: {p}" for url, ps in failures.items() for p in ps)


BAD_PAGE = """<!DOCTYPE html><html lang="zh-CN"><body style="background:#fff">
<h1>标题</h1><h3>跳级</h3><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<main><p style="color:#bbb">浅灰色的正文</p><input id="q" name="q"></main></body></html>"""


def test_the_audit_finds_each_kind_of_problem(page: Any) -> None:
    """The checks can fail: a page with one problem of each kind is reported on every count."""
    page.set_content(BAD_PAGE)
    problems = "\n".join(page.evaluate(AUDIT))
    for expected in (
        'html lang="zh-CN"',
        "img without alt",
        "field without label",
        "heading skips: h1 → h3",
        "no banner landmark",
        "no navigation landmark",
        "no contentinfo landmark",
        "contrast 1.9",
    ):
        assert expected in problems, (expected, problems)
