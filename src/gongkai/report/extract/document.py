"""The parts of a report around its tables: title, agency, year, publication date, six sections.

Section headings are found in printed order from the format's titles and aliases (compact match,
so headings fused into the following sentence are found too); where an agency rewrote a title, a
heading made of the section's numeral and one of its key words (e.g. "五、…问题…") is accepted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..formats import FORMAT_2021, Section
from .labels import Match, find_label, keys_for
from .stream import CELL_SEP, Stream

_NUMERALS = "一二三四五六七八九十"

#: Words that identify a section heading whose wording was changed (see module docstring).
SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "s1_overview": ("总体", "概述", "概况", "基本情况"),
    "s2_proactive": ("主动公开",),
    "s3_requests": ("收到和处理", "依申请公开", "申请情况"),
    "s4_review_lit": ("复议", "诉讼"),
    "s5_problems": ("问题", "不足"),
    "s6_other": ("其他", "其它", "需要报告"),
}

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
#: A year written in Chinese numerals in a title: 二〇二二年 (also with 零/○ for the zero).
_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_YEAR_CN = re.compile(r"([一二][〇零○Ｏ一二三四五六七八九]{3})\s*年")
#: A year in a title, in either writing.
_YEAR_ANY = r"(?:(?:19|20)\d{2}|[一二][〇零○Ｏ一二三四五六七八九]{3})"
_DATE_CN = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ISO = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
_PUBLISHED = re.compile(
    r"(?:发布时间|发布日期|发文日期|成文日期)[:：]\s*((?:19|20)\d{2})[-年/.](\d{1,2})[-月/.](\d{1,2})"
)
_TITLE_WORDS = re.compile(r"信息公开.{0,12}(?:年度报告|年报|工作报告)")
_TITLE_PREFIX = re.compile(r"^[\s#*>]*(?:(?:标题|题名|名称)[:：]\s*)?")
#: Sentences that name the agency and year when no title line is printed.
_INTRO = (
    re.compile(r"现将(?P<agency>[^，,。:：]{2,30}?)(?P<year>(?:19|20)\d{2})\s*年度?(?:政府)?信息公开"),
    re.compile(r"本报告由(?P<agency>[^，,。:：]{2,30}?)(?:根据|依据|按照|依照)"),
    # "…要求，XX局编制了2023年政府信息公开工作年度报告" / "XX局编制本报告"
    re.compile(
        r"[，,。]\s*(?P<agency>[^，,。:：《》“”]{2,30}?)编制(?:了)?(?:本报告|(?:19|20)\d{2}\s*年度?(?:政府)?信息公开)"
    ),
)
_AGENCY_HEADER = re.compile(r"(?:发布机构|发文机关|来源)[:：]\s*(\S+)")


@dataclass(frozen=True)
class Heading:
    section: Section
    match: Match


def find_sections(stream: Stream, start: int = 0) -> list[Heading]:
    """The section headings printed, in order (a table of contents listing them is skipped)."""
    found = _find_sections(stream, start)
    if len(found) >= 3 and found[-1].match.end - found[0].match.start < TOC_CHARS_PER_HEADING * len(found):
        # Headings packed together are a table of contents or an outline in the introduction;
        # the report's own headings follow it.
        later = _find_sections(stream, found[-1].match.end)
        if len(later) >= len(found) // 2:
            return _stray_headings_skipped(stream, later)
    return _stray_headings_skipped(stream, found)


#: Sections whose headings are closer together than this (on average) are a table of contents.
TOC_CHARS_PER_HEADING = 40


def _find_sections(stream: Stream, start: int) -> list[Heading]:
    found: list[Heading] = []
    cursor = start
    for number, section in enumerate(FORMAT_2021.sections):
        keys = keys_for((section.title, *section.aliases), False)
        m = find_label(stream, keys, cursor, len(stream.compact))
        fallback = _by_words(stream, section, _NUMERALS[number], cursor)
        if m is None or (
            fallback is not None and fallback.start < m.start and _line_start(stream, fallback.start)
        ):
            m = fallback
        if m is not None:
            found.append(Heading(section, m))
            cursor = m.end
    return found


def _stray_headings_skipped(stream: Stream, found: list[Heading]) -> list[Heading]:
    """A heading printed right after the previous one, with nothing between them, and printed
    again further on ("四、…行政诉讼情况 / 五、存在的主要问题及改进情况 / [table 四] / 五、存在的主要问题
    及改进情况"): the first print is a stray copy, the section begins at the second."""
    for i in range(1, len(found)):
        prev, here = found[i - 1].match, found[i].match
        if here.start != prev.end:
            continue
        limit = found[i + 1].match.start if i + 1 < len(found) else len(stream.compact)
        again = stream.compact.find(here.key, here.end, limit)
        if again > here.end:
            found[i] = Heading(found[i].section, Match(again, again + len(here.key), here.key))
    return found


def _line_start(stream: Stream, c: int) -> bool:
    t = stream.to_text(c)
    before = stream.text[max(0, t - 1) : t]
    return before in ("", "\n", CELL_SEP) or before.isspace()


def _by_words(stream: Stream, section: Section, numeral: str, start: int) -> Match | None:
    words = "|".join(re.escape(w) for w in SECTION_WORDS[section.key])
    pattern = re.compile(
        rf"{numeral}、[^。;,!?]{{0,14}}?(?:{words})[^。;,!?]{{0,12}}?(?:情况|事项|计划|措施|举措|工作)?"
    )
    for m in pattern.finditer(stream.compact, start):
        if _line_start(stream, m.start()):
            return Match(m.start(), m.end(), m.group())
    return None


def section_texts(stream: Stream, headings: list[Heading]) -> dict[str, str]:
    """Each section's text, from its heading to the next one; the last section ends before the
    signature (the signing unit and its date on lines of their own) and the page footer after it."""
    texts: dict[str, str] = {}
    for i, h in enumerate(headings):
        end = headings[i + 1].match.start if i + 1 < len(headings) else len(stream.compact)
        a, b = stream.to_text_end(h.match.end), stream.to_text(end)
        text = stream.text[a:b].replace(CELL_SEP, "\t").strip()
        if i + 1 == len(headings):
            text = _before_signature(text)
        texts[h.section.key] = text
    return texts


def _before_signature(text: str) -> str:
    lines = text.split("\n")
    for i in range(len(lines) - 1, 0, -1):
        line = lines[i].strip()
        if _DATE_CN.fullmatch(line) or _DATE_ISO.fullmatch(line):
            cut = i
            signer = lines[i - 1].strip()
            if i > 1 and len(signer) <= 30 and not re.search(r"[，。；：,;:]", signer):
                cut = i - 1
            return "\n".join(lines[:cut]).strip()
    return text


#: A title's second line is at most this long (the rest of a wrapped title, not a paragraph).
TITLE_WRAP_CHARS = 16


def find_title(stream: Stream, max_lines: int = 40) -> str | None:
    """The report's title: an early line naming 信息公开 and 年度报告 (prefix 标题: dropped)."""
    lines = [ln.replace(CELL_SEP, " ").strip() for ln in stream.text.split("\n", max_lines)[:max_lines]]
    lines = [ln for ln in lines if ln]
    candidates: list[str] = []
    for i, line in enumerate(lines):
        m = _TITLE_WORDS.search(line)
        if m is None and i + 1 < len(lines) and len(lines[i + 1]) <= TITLE_WRAP_CHARS:
            # a title wrapped onto a second line ("…工作年度报" / "告"), as PDF pages print long titles
            line = line + lines[i + 1]
            m = _TITLE_WORDS.search(line)
        if m is None or line.startswith(("根据", "依据", "按照", "本报告")) or "格式" in line[: m.end() + 2]:
            continue
        if ">" in line or "当前位置" in line:
            continue  # a breadcrumb ("首页 > 政务公开 > 政府信息公开年报"), not the title
        candidates.append(line)
    # A title names its year; a column name ("政府信息公开年报") does not.
    candidates.sort(key=lambda ln: _YEAR.search(ln) is None)
    for line in candidates[:1]:
        line = _TITLE_PREFIX.sub("", line)
        if len(line) > 80:  # a title fused with the first sentence
            end = line.find("报告")
            line = line[: end + 2] if 0 <= end < 80 else line[:80]
        return line.strip()
    return None


def find_year(stream: Stream, title: str | None) -> int | None:
    if title:
        m = _YEAR.search(title)
        if m:
            return int(m.group(1))
        m = _YEAR_CN.search(title)
        if m:
            year = int("".join(str(_CN_DIGITS[ch]) for ch in m.group(1)))
            if 1990 <= year <= 2099:
                return year
    m = re.search(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日", stream.text)
    if m:
        return int(m.group(1))
    for pattern in _INTRO:
        m = pattern.search(stream.text[:3000])
        if m and "year" in pattern.groupindex:
            return int(m.group("year"))
    m = re.search(r"((?:19|20)\d{2})\s*年度", stream.text)
    return int(m.group(1)) if m else None


def find_agency(stream: Stream, title: str | None) -> str | None:
    if title:
        m = re.match(rf"\s*(.+?)(?:关于)?\s*{_YEAR_ANY}\s*年", title)
        if m and len(m.group(1).strip()) >= 2:
            return m.group(1).strip()
        m = re.match(rf"\s*{_YEAR_ANY}\s*年度?\s*(.+?)(?:政府信息公开|信息公开)", title)
        # "2023年政府信息公开工作年度报告" names no agency: its 政府 belongs to 政府信息公开
        if m and len(m.group(1).strip()) >= 2 and m.group(1).strip() != "政府":
            return m.group(1).strip()
    head = stream.text[:3000]
    for pattern in _INTRO:
        m = pattern.search(head)
        if m:
            return m.group("agency").strip()
    m = _AGENCY_HEADER.search(head)
    if m:
        return m.group(1).strip()
    return _signature(stream)


def _signature(stream: Stream) -> str | None:
    """The unit signing the report: a short line right before the date that closes it."""
    lines = [ln.strip() for ln in stream.text.split("\n") if ln.strip()]
    for i in range(len(lines) - 1, max(0, len(lines) - 12), -1):
        if _DATE_CN.fullmatch(lines[i]) and i > 0:
            before = lines[i - 1]
            if len(before) <= 30 and not re.search(r"[，。；：,;:]", before):
                return before
    return None


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


#: The signature date is looked for among this many last non-empty lines (page footers follow it).
SIGNATURE_LINES = 40


def find_publish_date(stream: Stream, tail: str | None, year: int | None = None) -> dt.date | None:
    """The date the report is signed with — a line holding only a date near the end, or the last
    date at the end of section 六 (headings fused into one line) — else the 发布时间 a crawler or
    the page printed above the report (a re-posted page's header can be days or years later).

    A signature dated within the report's own year ("2019年1月3日" under a 2019 report) is a slip
    of the year — a year is reported on after it ends — and is not taken; the header date is."""
    signed = _signed_date(stream, tail)
    if signed is not None and (year is None or signed.year > year):
        return signed
    return _header_date(stream) or signed


def _header_date(stream: Stream) -> dt.date | None:
    m = _PUBLISHED.search(stream.text[:3000])
    return _date(*m.groups()) if m else None


def _signed_date(stream: Stream, tail: str | None) -> dt.date | None:
    lines = [ln.strip() for ln in stream.text.split("\n") if ln.strip()]
    for line in reversed(lines[-SIGNATURE_LINES:]):
        d = _DATE_CN.fullmatch(line) or _DATE_ISO.fullmatch(line)
        if d and _date(*d.groups()) is not None:
            return _date(*d.groups())
    if not tail:
        return None
    tail = tail[-200:]  # the signature block, not dates quoted in the section's prose
    dates = [_date(*d.groups()) for d in (*_DATE_CN.finditer(tail), *_DATE_ISO.finditer(tail))]
    positions = [d.start() for d in (*_DATE_CN.finditer(tail), *_DATE_ISO.finditer(tail))]
    best: tuple[int, dt.date] | None = None
    for pos, date in zip(positions, dates, strict=True):
        if date is not None and (best is None or pos > best[0]):
            best = (pos, date)
    return best[1] if best else None
