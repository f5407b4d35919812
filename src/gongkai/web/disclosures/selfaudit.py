"""The publish-time self-audit: what a third-party assessor would flag, checked before publication.

Each check returns :class:`Finding` values with a stable code and a Chinese message; ``error``
findings refuse publication, ``warning`` findings are shown and must be acknowledged.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlparse

from django.conf import settings
from django.urls import Resolver404, resolve

from .models import Item

#: 文号: 机关代字〔年份〕序号号 (GB/T 9704-2012 §7.2.4: the year in 六角括号 〔〕).
DOC_NUMBER = re.compile(r"^(?P<prefix>[\u4e00-\u9fffA-Za-z]+)〔(?P<year>\d{4})〕(?P<seq>\d+)号$")
_LOOSE_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fffA-Za-z]+[\[【（(〔﹝](?P<year>\d{4})[\]】）)〕﹞]\d+号$")


@dataclass(frozen=True)
class Finding:
    code: str
    level: str  # "error" refuses publication; "warning" is shown
    message: str

    @property
    def is_error(self) -> bool:
        return self.level == "error"


def check_metadata(item: Item) -> list[Finding]:
    """The core metadata of the catalogue (目录系统实施指引: the mandatory elements)."""
    missing = [
        label
        for label, value in (
            ("标题", item.title),
            ("索引号", item.index_number),
            ("发布机构", item.publisher),
            ("成文日期", item.written_on),
            ("主题分类", item.topic_id),
            ("公开目录栏目", item.catalogue_id),
        )
        if not value
    ]
    findings = (
        [Finding("META-MISSING", "error", f"缺少核心元数据：{'、'.join(missing)}。")] if missing else []
    )
    if item.genre_id is None:
        findings.append(Finding("META-GENRE", "warning", "未填写体裁。"))
    if not item.article20_items:
        findings.append(Finding("META-ART20", "warning", "未注明对应的条例第二十条事项。"))
    return findings


def check_doc_number(item: Item) -> list[Finding]:
    """文号 well formed (〔年份〕) and of the year the document was written."""
    number = item.doc_number.strip()
    if not number:
        return []
    m = DOC_NUMBER.match(number)
    if m is None:
        if _LOOSE_DOC_NUMBER.match(number):
            return [Finding("DOCNO-BRACKETS", "error", f"文号“{number}”格式不规范：年份应使用六角括号〔〕。")]
        return [
            Finding("DOCNO-MALFORMED", "error", f"文号“{number}”格式不规范，应为“机关代字〔年份〕序号号”。")
        ]
    if item.written_on and int(m["year"]) != item.written_on.year:
        return [
            Finding(
                "DOCNO-YEAR",
                "error",
                f"文号“{number}”的年份 {m['year']} 与成文日期 {item.written_on.isoformat()} 的年份不一致。",
            )
        ]
    return []


def check_publication_delay(item: Item, publish_on: dt.date) -> list[Finding]:
    """条例第二十六条: published within 20 working days (configurable) of being formed or changed."""
    if item.written_on is None:
        return []
    from gongkai.errors import CalendarNotLoadedError
    from gongkai.web.calendar.services import work_calendar

    limit = int(settings.GONGKAI_PUBLISH_WITHIN_WORKING_DAYS)
    try:
        due_date = work_calendar().add_workdays(item.written_on, limit)
    except CalendarNotLoadedError:
        return [
            Finding("ART26-CALENDAR", "warning", "工作日历未载入该年度，无法核对条例第二十六条的发布期限。")
        ]
    if publish_on > due_date:
        return [
            Finding(
                "ART26-LATE",
                "warning",
                f"成文日期 {item.written_on.isoformat()} 至发布日期 {publish_on.isoformat()} 超过 {limit} 个工作日"
                f"（应于 {due_date.isoformat()} 前发布，条例第二十六条）。",
            )
        ]
    return []


def check_interpretation(item: Item) -> list[Finding]:
    """A 规章 or 行政规范性文件 is published with its 政策解读 (国办发〔2016〕80号: 同步解读)."""
    if item.is_regulatory and not item.interpretations.exists():
        return [
            Finding("POLICY-NO-INTERPRETATION", "warning", "该政策文件尚无政策解读，应同步起草解读材料。")
        ]
    if item.genre is not None and item.genre.code == "interpretation" and item.interprets_id is None:
        return [Finding("INTERPRETATION-NO-POLICY", "error", "政策解读未关联所解读的政策文件。")]
    return []


_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""")


def check_links(item: Item) -> list[Finding]:
    """Internal links in the body point at pages that exist (an item link at a public item)."""
    findings: list[Finding] = []
    for href in _HREF.findall(item.body):
        url = urlparse(href)
        if url.scheme in ("http", "https", "mailto") and url.netloc:
            continue
        if not url.path.startswith("/"):
            continue
        try:
            match = resolve(url.path)
        except Resolver404:
            findings.append(Finding("LINK-BROKEN", "error", f"正文中的站内链接“{href}”指向不存在的页面。"))
            continue
        if match.view_name == "disclosures:item":
            target = Item.objects.filter(pk=match.kwargs.get("pk")).first()
            if target is None or target.status != "published":
                findings.append(
                    Finding("LINK-BROKEN", "error", f"正文中的站内链接“{href}”指向未发布或不存在的信息。")
                )
    return findings


def run(item: Item, *, publish_on: dt.date) -> list[Finding]:
    """Every check, errors first."""
    findings = [
        *check_metadata(item),
        *check_doc_number(item),
        *check_publication_delay(item, publish_on),
        *check_interpretation(item),
        *check_links(item),
    ]
    return sorted(findings, key=lambda f: (not f.is_error, f.code))
