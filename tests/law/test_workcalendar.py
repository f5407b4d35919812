"""WorkCalendar: single days, explanations, loaded years, data consistency."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.errors import CalendarNotLoadedError
from gongkai.law import CalendarDataError, DayKind, DayRecord, Pause, StepKind, WorkCalendar, bundled_calendar

SOURCE = "国务院办公厅关于2026年部分节假日安排的通知"


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return bundled_calendar()


@pytest.mark.parametrize(
    ("day", "expected", "why"),
    [
        (date(2026, 2, 13), True, "工作日"),  # Friday before 春节
        (date(2026, 2, 14), True, "周六，春节调休上班"),  # makeup Saturday
        (date(2026, 2, 16), False, "春节假期"),  # Monday in 春节
        (date(2026, 2, 21), False, "春节假期"),  # Saturday inside 春节: named, not 周末
        (date(2026, 2, 28), True, "周六，春节调休上班"),
        (date(2026, 3, 1), False, "周末"),
        (date(2025, 10, 8), False, "国庆节假期"),  # Wednesday, 国庆/中秋 2025
        (date(2025, 9, 28), True, "周日，国庆节调休上班"),
        (date(2025, 10, 11), True, "周六，国庆节调休上班"),
        (date(2026, 10, 10), True, "周六，国庆节调休上班"),
        (date(2026, 9, 25), False, "中秋节假期"),
    ],
)
def test_single_days(cal: WorkCalendar, day: date, expected: bool, why: str) -> None:
    assert cal.is_workday(day) is expected
    assert cal.describe(day) == why


def test_makeup_days_can_be_left_out(cal: WorkCalendar) -> None:
    # domain.md §8 [M]: counting 调休 weekend days is an interpretation; it can be switched off.
    assert cal.is_workday(date(2026, 2, 14), makeup_days_count=False) is False
    assert cal.add_workdays(date(2026, 1, 20), 20, makeup_days_count=False) == date(2026, 2, 25)


def test_a_year_not_loaded_raises_never_guesses(cal: WorkCalendar) -> None:
    with pytest.raises(CalendarNotLoadedError) as info:
        cal.is_workday(date(2027, 1, 4))  # an ordinary Monday — still not guessed
    assert "2027年" in str(info.value)
    with pytest.raises(CalendarNotLoadedError):
        cal.add_workdays(date(2026, 12, 20), 20)
    with pytest.raises(CalendarNotLoadedError):
        cal.is_workday(date(2003, 12, 31))


def test_next_workday_and_between(cal: WorkCalendar) -> None:
    assert cal.next_workday(date(2026, 2, 13)) == date(2026, 2, 14)
    assert cal.next_workday(date(2026, 2, 14)) == date(2026, 2, 24)
    assert cal.workdays_between(date(2026, 1, 20), date(2026, 2, 24)) == 20
    assert cal.workdays_between(date(2026, 2, 24), date(2026, 1, 20)) == -20
    assert cal.workdays_between(date(2026, 2, 15), date(2026, 2, 23)) == 0
    assert cal.add_workdays(date(2026, 2, 16), 0) == date(2026, 2, 16)


def test_walk_explains_every_day(cal: WorkCalendar) -> None:
    walk = cal.walk(date(2026, 1, 20), 20)
    assert walk.end == date(2026, 2, 24)
    assert walk.steps[0].kind is StepKind.START
    assert [s.day for s in walk.steps] == [date(2026, 1, 20 + i) for i in range(12)] + [
        date(2026, 2, d) for d in range(1, 25)
    ]
    counted = [s for s in walk.steps if s.counted]
    assert [s.ordinal for s in counted] == list(range(1, 21))
    makeup = [s for s in walk.steps if s.kind is StepKind.MAKEUP]
    assert [(s.day, s.ordinal) for s in makeup] == [(date(2026, 2, 14), 19)]
    holidays = [s.day for s in walk.steps if s.kind is StepKind.HOLIDAY]
    assert holidays == [date(2026, 2, d) for d in range(15, 24)]
    summary = walk.summary()
    assert "不计：2026-02-15 至 2026-02-23，春节假期，共9天" in summary
    assert "计入：2026-02-14，周六，春节调休上班，为第19个工作日" in summary
    assert summary[-1] == "不计：其间周末共6天"


def test_pauses_are_skipped_and_explained(cal: WorkCalendar) -> None:
    pause = Pause(date(2026, 3, 2), date(2026, 3, 10), "征求第三方意见")
    walk = cal.walk(date(2026, 2, 24), 10, pauses=[pause])
    assert [s.day for s in walk.steps if s.kind is StepKind.PAUSED] == [
        date(2026, 3, d) for d in (2, 3, 4, 5, 6, 9, 10)
    ]
    assert walk.end == cal.add_workdays(date(2026, 2, 24), 10, pauses=[pause]) == date(2026, 3, 18)
    assert "不计：2026-03-02 至 2026-03-10，征求第三方意见，共7个工作日" in walk.summary()


def test_pause_must_not_end_before_it_starts() -> None:
    with pytest.raises(CalendarDataError):
        Pause(date(2026, 3, 10), date(2026, 3, 2), "x")


def _year(year: int, *extra: DayRecord) -> list[DayRecord]:
    return [
        DayRecord(date(year, 2, 1), DayKind.HOLIDAY, "春节", SOURCE),
        DayRecord(date(year, 10, 1), DayKind.HOLIDAY, "国庆节", SOURCE),
        *extra,
    ]


def test_from_records_accepts_plain_tuples() -> None:
    cal = WorkCalendar.from_records(
        [
            (date(2027, 2, 6), "workday", "春节", SOURCE),
            (date(2027, 2, 8), "holiday", "春节", SOURCE),
            (date(2027, 10, 1), "holiday", "国庆节", SOURCE),
        ]
    )
    assert cal.years == frozenset({2027})
    assert cal.is_workday(date(2027, 2, 6)) is True
    assert cal.is_workday(date(2027, 2, 8)) is False
    assert cal.is_workday(date(2027, 2, 9)) is True
    assert cal.sources[2027] == (SOURCE,)


def test_from_records_rejects_contradictions() -> None:
    with pytest.raises(CalendarDataError, match="互相矛盾"):
        WorkCalendar.from_records(
            _year(
                2027,
                DayRecord(date(2027, 10, 2), DayKind.HOLIDAY, "国庆节", SOURCE),
                DayRecord(date(2027, 10, 2), DayKind.WORKDAY, "国庆节", SOURCE),
            )
        )
    with pytest.raises(CalendarDataError, match="周六或周日"):
        WorkCalendar.from_records(_year(2027, DayRecord(date(2027, 3, 3), DayKind.WORKDAY, "x", SOURCE)))
    with pytest.raises(CalendarDataError, match="无法识别"):
        WorkCalendar.from_records([(date(2027, 2, 1), "day-off", "春节", SOURCE)])


def test_a_half_imported_year_is_refused() -> None:
    with pytest.raises(CalendarDataError, match="2027年的节假日安排不完整：缺少国庆节"):
        WorkCalendar.from_records([(date(2027, 2, 8), "holiday", "春节", SOURCE)])
    partial = WorkCalendar.from_records(
        [(date(2027, 2, 8), "holiday", "春节", SOURCE)], require_complete=False
    )
    assert 2027 in partial.years


def test_merge_replaces_whole_years(cal: WorkCalendar) -> None:
    extra = WorkCalendar.from_records(_year(2027))
    merged = cal.merged(extra)
    assert merged.years == cal.years | {2027}
    assert merged.is_workday(date(2027, 2, 1)) is False
    assert merged.is_workday(date(2026, 2, 16)) is False
    assert merged.fingerprint != cal.fingerprint
    # the other calendar wins for the years it loads: a corrected 2026 replaces the bundled one
    corrected = WorkCalendar.from_records(_year(2026))
    assert cal.merged(corrected).is_workday(date(2026, 2, 16)) is True


def test_fingerprint_is_stable_and_sensitive(cal: WorkCalendar) -> None:
    again = WorkCalendar.from_records(cal.records())
    assert again.fingerprint == cal.fingerprint
    changed = WorkCalendar.from_records([r for r in cal.records() if r.day != date(2026, 2, 28)])
    assert changed.fingerprint != cal.fingerprint


def test_from_records_accepts_chinese_kinds_and_refuses_garbage() -> None:
    cal = WorkCalendar.from_records(
        [
            (date(2027, 2, 8), "放假", "春节", ""),
            (date(2027, 10, 1), "休", "国庆节", None),
            (date(2027, 2, 6), "班", "春节", ""),
        ]  # type: ignore[list-item]
    )
    assert cal.is_workday(date(2027, 2, 6)) and not cal.is_workday(date(2027, 2, 8))
    with pytest.raises(CalendarDataError, match="不是日期"):
        WorkCalendar.from_records([("2027-02-08", "holiday", "春节", "")])  # type: ignore[list-item]
    with pytest.raises(CalendarDataError, match="四项"):
        WorkCalendar.from_records([(date(2027, 2, 8), "holiday")])  # type: ignore[list-item]
