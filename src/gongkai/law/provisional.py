"""Provisional calendars for years whose 国务院办公厅 holiday notice is not loaded yet (domain.md §12.3).

The statutory holidays are law: 《全国年节及纪念日放假办法》 (as revised by the State Council, in force
2025-01-01), art. 2 — 元旦 1 day (1月1日); 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (清明当日); 劳动节
2 days (5月1日、2日); 端午节 1 day (农历五月初五); 中秋节 1 day (农历八月十五); 国庆节 3 days (10月1日至3日).
Only the 调休 arrangement (bridge days, weekend working days) waits for the yearly notice, published in
October–December. Until it is imported, a year is counted *provisionally*: weekends off, the statutory
holidays off, no 调休. Every date reached through such a year is marked 暂定 with the reason and is
recomputed when the notice is imported. The 补假 for a holiday falling on a weekend (art. 6) is not
guessed either: the notice says which working day it becomes.

Lunar dates and the 清明 solar term come from lunar-python (MIT, 6tail; docs/decisions.md), which
covers 1900–2100.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

from lunar_python import Lunar

from .calendar import DayKind, DayRecord, WorkCalendar

__all__ = [
    "HOLIDAY_RULE",
    "PROVISIONAL_SOURCE",
    "provisional_reason",
    "statutory_holidays",
    "with_provisional_years",
]

#: The rule the provisional days come from.
HOLIDAY_RULE = "《全国年节及纪念日放假办法》第二条（2024年修订，2025年1月1日起施行）"
#: ``source`` of every provisional record.
PROVISIONAL_SOURCE = f"暂定：按{HOLIDAY_RULE}，未含调休"
#: The 2024 revision applies from 2025; earlier years had other rules and all have real notices.
FIRST_RULE_YEAR = 2025


def provisional_reason(year: int) -> str:
    """Why a date in ``year`` is provisional (Chinese, shown next to every 暂定 date)."""
    return (
        f"{year}年国务院办公厅节假日安排尚未导入，按周末和法定节日暂定"
        f"（{HOLIDAY_RULE}；不含调休），导入该年通知后自动重新计算"
    )


def _lunar(year: int, month: int, day: int) -> date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


@cache
def statutory_holidays(year: int) -> tuple[DayRecord, ...]:
    """The days off of ``year`` under 《全国年节及纪念日放假办法》 art. 2, without any 调休 (date order).

    A day named by two holidays (中秋 on 1 October) is listed once, under both names.
    """
    if year < FIRST_RULE_YEAR:
        raise ValueError(f"{year}年不适用2024年修订的放假办法")
    new_year = _lunar(year, 1, 1)
    qingming_solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    qingming = date(qingming_solar.getYear(), qingming_solar.getMonth(), qingming_solar.getDay())
    named: list[tuple[date, str]] = [
        (date(year, 1, 1), "元旦"),
        *((new_year + timedelta(days=k), "春节") for k in range(-1, 3)),  # 除夕、正月初一至初三
        (qingming, "清明节"),
        (date(year, 5, 1), "劳动节"),
        (date(year, 5, 2), "劳动节"),
        (_lunar(year, 5, 5), "端午节"),
        (_lunar(year, 8, 15), "中秋节"),
        *((date(year, 10, d), "国庆节") for d in (1, 2, 3)),
    ]
    names: dict[date, list[str]] = {}
    for day, name in named:
        names.setdefault(day, [])
        if name not in names[day]:
            names[day].append(name)
    return tuple(
        DayRecord(day, DayKind.HOLIDAY, "、".join(names[day]), PROVISIONAL_SOURCE) for day in sorted(names)
    )


_lock = threading.Lock()
_extended: dict[tuple[int, tuple[int, ...]], tuple[WorkCalendar, WorkCalendar]] = {}


def with_provisional_years(calendar: WorkCalendar, years: Iterable[int]) -> WorkCalendar:
    """``calendar`` plus a provisional schedule for each of ``years`` that it does not load.

    Years already loaded are kept as they are (a real notice always wins). Years before 2025 are
    not made up (the old rules differ and every such year has a real notice). The result is
    memoised per calendar object, so that recomputing many cases builds it once.
    """
    missing = tuple(sorted({y for y in years if y not in calendar.years and y >= FIRST_RULE_YEAR}))
    if not missing:
        return calendar
    key = (id(calendar), missing)
    with _lock:
        hit = _extended.get(key)
        if hit is not None and hit[0] is calendar:
            return hit[1]
    days = dict(calendar.days)
    for year in missing:
        for record in statutory_holidays(year):
            days.setdefault(record.day, record)
    sources = dict(calendar.sources)
    for year in missing:
        sources[year] = (PROVISIONAL_SOURCE,)
    extended = WorkCalendar(
        days=days,
        years=calendar.years | frozenset(missing),
        sources=sources,
        provisional=calendar.provisional | frozenset(missing),
    )
    with _lock:
        if len(_extended) > 64:
            _extended.clear()
        _extended[key] = (calendar, extended)
    return extended
