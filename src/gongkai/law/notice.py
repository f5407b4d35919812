"""The text of a 国务院办公厅关于YYYY年部分节假日安排的通知, read into calendar records.

The notice lists one item per holiday, e.g.::

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班。

Each item gives the days off (a date or a range, before 放假) and the 调休 working days (the dates of
the sentence ending in 上班). Dates may name their year (2022年12月31日); otherwise they are in the
notice's year. The result goes through the same checks as calendar CSV (a 上班 day must be a
Saturday or Sunday; the year must contain 春节 and 国庆节).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from ..errors import ReadError
from .calendar import DayKind, DayRecord, WorkCalendar
from .calendar_data import MAX_FILE_BYTES, read_calendar_bytes

__all__ = ["load_schedule_file", "looks_like_notice", "parse_notice_text", "read_schedule_bytes"]

_TITLE = re.compile(r"关于\s*(\d{4})\s*年部分节假日安排的通知")
_ITEM = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*([^：:]{1,12})[：:](.*)$")
_DATE = r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
_RANGE = re.compile(_DATE + r"(?:\s*[至到—-]\s*(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日)?")
_ONE = re.compile(_DATE)
_NOTE = re.compile(r"（[^）]*）|\([^)]*\)")


def looks_like_notice(text: str) -> bool:
    """True if ``text`` looks like the notice (its title and at least one numbered item)."""
    return bool(_TITLE.search(text)) and any(_ITEM.match(line) for line in text.splitlines())


def _day(year: int, y: str | None, m: str | None, d: str, month: int | None = None) -> date:
    return date(int(y) if y else year, int(m) if m else (month or 1), int(d))


def parse_notice_text(text: str, *, file: str = "<通知文本>") -> WorkCalendar:
    """The notice as a :class:`WorkCalendar` of its year; :class:`ReadError` if it cannot be read."""
    title = _TITLE.search(text)
    if title is None:
        raise ReadError("没有找到通知标题“国务院办公厅关于YYYY年部分节假日安排的通知”", file=file)
    year = int(title[1])
    source = f"国务院办公厅关于{year}年部分节假日安排的通知"
    records: list[DayRecord] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        item = _ITEM.match(raw)
        if item is None:
            continue
        name, body = item[1].strip(), _NOTE.sub("", item[2])
        where = f"第{number}行"
        off, sep, rest = body.partition("放假")
        first = _RANGE.search(off) if sep else None
        if first is None:
            raise ReadError(f"“{name}”一项没有找到放假日期", file=file, where=where)
        try:
            start = _day(year, first[1], first[2], first[3])
            end = start
            if first[6]:
                end = _day(int(first[4]) if first[4] else start.year, None, first[5], first[6], start.month)
            records += [
                DayRecord(start + timedelta(days=k), DayKind.HOLIDAY, name, source)
                for k in range((end - start).days + 1)
            ]
            for sentence in rest.split("。"):
                if "上班" in sentence:
                    for m in _ONE.finditer(sentence):
                        records.append(DayRecord(_day(year, m[1], m[2], m[3]), DayKind.WORKDAY, name, source))
        except ValueError:
            raise ReadError(f"“{name}”一项的日期无法识别", file=file, where=where) from None
        if end < start or (end - start).days > 15:
            raise ReadError(f"“{name}”一项的放假日期范围不合理", file=file, where=where)
    if not records:
        raise ReadError("通知中没有找到“一、元旦：……”这样的放假安排", file=file)
    return WorkCalendar.from_records(records)


def read_schedule_bytes(data: bytes, *, file: str) -> WorkCalendar:
    """An uploaded schedule: the notice's text (UTF-8 or GB18030) or calendar CSV (:mod:`.calendar_data`)."""
    if len(data) <= MAX_FILE_BYTES:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if looks_like_notice(text):
                return parse_notice_text(text, file=file)
            break
    return read_calendar_bytes(data, file=file)


def load_schedule_file(path: str | Path) -> WorkCalendar:
    """:func:`read_schedule_bytes` on a file (missing or unreadable file: :class:`ReadError`)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ReadError("日历文件不存在", file=str(path)) from None
    except OSError as exc:
        raise ReadError(f"无法读取日历文件（{exc.strerror or exc}）", file=str(path)) from None
    return read_schedule_bytes(data, file=str(path))
