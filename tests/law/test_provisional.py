"""Provisional calendars (domain.md §12.3) and the one composer, compose_clock (issue 9 items 3 and 7)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.errors import CalendarNotLoadedError
from gongkai.law import (
    ClockError,
    ConsultationFacts,
    ConsultationKind,
    DayKind,
    FeeNoticeFacts,
    WorkCalendar,
    application_clock,
    bundled_calendar,
    compose_clock,
    consultation_pause,
    statutory_holidays,
    with_provisional_years,
)
from gongkai.law.calendar import StepKind


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return bundled_calendar()


def _days_off(calendar: WorkCalendar, year: int) -> set[date]:
    return {d for d, r in calendar.days.items() if d.year == year and r.kind is DayKind.HOLIDAY}


# -- the statutory holidays (《全国年节及纪念日放假办法》第二条, 2024年修订) ------------------------------


def test_thirteen_statutory_days_in_2027() -> None:
    days = {r.day: r.name for r in statutory_holidays(2027)}
    assert days == {
        date(2027, 1, 1): "元旦",
        date(2027, 2, 5): "春节",  # 除夕
        date(2027, 2, 6): "春节",  # 正月初一
        date(2027, 2, 7): "春节",
        date(2027, 2, 8): "春节",
        date(2027, 4, 5): "清明节",
        date(2027, 5, 1): "劳动节",
        date(2027, 5, 2): "劳动节",
        date(2027, 6, 9): "端午节",
        date(2027, 9, 15): "中秋节",
        date(2027, 10, 1): "国庆节",
        date(2027, 10, 2): "国庆节",
        date(2027, 10, 3): "国庆节",
    }
    assert all(r.kind is DayKind.HOLIDAY for r in statutory_holidays(2027))


def test_mid_autumn_on_national_day_is_one_day_with_both_names() -> None:
    days = {r.day: r.name for r in statutory_holidays(2028)}  # 中秋 2028 = 10月3日
    assert days[date(2028, 10, 3)] == "中秋节、国庆节"
    assert len(days) == 12


@pytest.mark.parametrize("year", range(2027, 2036))
def test_library_covers_the_coming_years(year: int) -> None:
    records = statutory_holidays(year)
    names = {n for r in records for n in r.name.split("、")}
    assert names == {"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"}
    assert 12 <= len(records) <= 13
    assert all(r.day.year == year for r in records)


def test_rules_before_2025_are_not_made_up() -> None:
    with pytest.raises(ValueError, match="2024"):
        statutory_holidays(2024)


@pytest.mark.parametrize("year", [2025, 2026])
def test_provisional_is_a_subset_of_the_real_days_off(cal: WorkCalendar, year: int) -> None:
    """Checked against the loaded notices: every statutory day is a day off in the real schedule."""
    provisional = {r.day for r in statutory_holidays(year)}
    assert provisional <= _days_off(cal, year)
    real_names = {cal.days[d].name for d in provisional}
    assert real_names <= {"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", "国庆节、中秋节"}


# -- the calendar with provisional years --------------------------------------------------------------


def test_a_real_notice_always_wins(cal: WorkCalendar) -> None:
    assert with_provisional_years(cal, [2025, 2026]) is cal
    extended = with_provisional_years(cal, [2026, 2027])
    assert extended.provisional == frozenset({2027})
    assert 2027 in extended.years
    assert extended.days[date(2026, 2, 14)] == cal.days[date(2026, 2, 14)]  # 调休 of 2026 kept
    assert extended.fingerprint != cal.fingerprint
    assert with_provisional_years(cal, [2026, 2027]) is extended  # memoised per calendar


def test_strict_calendar_still_refuses_next_year(cal: WorkCalendar) -> None:
    with pytest.raises(CalendarNotLoadedError, match="2027年"):
        application_clock(date(2026, 12, 2), cal)
    with pytest.raises(CalendarNotLoadedError, match="2027年"):
        compose_clock(date(2026, 12, 2), cal, provisional=False)


# -- the composer --------------------------------------------------------------------------------------


def test_december_case_is_provisional_not_an_error(cal: WorkCalendar) -> None:
    """Issue 9 item 3 'done when': received today (2026-12-02), the extended date reaches 2027."""
    clock = compose_clock(date(2026, 12, 2), cal)
    assert clock.reply.due == date(2026, 12, 30)
    assert not clock.reply.provisional
    assert clock.extended_reply.due == date(2027, 1, 28)
    assert clock.extended_reply.provisional_years == (2027,)
    assert clock.provisional and clock.provisional_years == (2027,)
    text = "\n".join(clock.extended_reply.explain())
    assert "最长延期答复期限（暂定）：2027-01-28" in text
    assert "元旦假期（暂定）" in text
    assert "2027年国务院办公厅节假日安排尚未导入，按周末和法定节日暂定" in text
    data = clock.to_json()
    assert data["provisional"] is True
    assert data["provisional_years"] == [2027]
    deadlines = data["deadlines"]
    assert isinstance(deadlines, dict)
    assert deadlines["extended_reply"]["provisional"] is True
    assert deadlines["reply"]["provisional"] is False


def test_spring_festival_2027_is_skipped_provisionally(cal: WorkCalendar) -> None:
    clock = compose_clock(date(2027, 1, 20), cal)
    skipped = [s.day for s in clock.reply.walk.steps if s.kind is StepKind.HOLIDAY]  # type: ignore[union-attr]
    assert skipped == [date(2027, 2, d) for d in (5, 6, 7, 8)]  # 除夕 (Fri) to 初三 (Mon)
    # 1/21–22 (2), 1/25–29 (7), 2/1–4 (11), 2/9–12 (15), 2/15–19 (20)
    assert clock.reply.due == date(2027, 2, 19)
    assert clock.reply.provisional


def test_importing_the_notice_makes_the_dates_final(cal: WorkCalendar) -> None:
    notice = WorkCalendar.from_records(
        [
            (date(2027, 1, 1), "holiday", "元旦", "测试通知"),
            (date(2027, 2, 5), "holiday", "春节", "测试通知"),
            (date(2027, 10, 1), "holiday", "国庆节", "测试通知"),
        ]
    )
    clock = compose_clock(date(2026, 12, 2), cal.merged(notice))
    assert not clock.provisional
    assert clock.extended_reply.due == date(2027, 1, 28)
    assert "暂定" not in "\n".join(clock.extended_reply.explain())


def test_consultations_and_fee_notice_become_pauses(cal: WorkCalendar) -> None:
    consultation = ConsultationFacts(date(2026, 12, 10), ConsultationKind.THIRD_PARTY)
    clock = compose_clock(
        date(2026, 12, 2), cal, consultations=[consultation], fee_notice=FeeNoticeFacts(date(2026, 12, 4))
    )
    expected = consultation_pause(date(2026, 12, 10), with_provisional_years(cal, [2027]))
    assert clock.pauses == (expected,)  # fee notice not paused under the default policy (109号 unverified)
    assert expected.last == date(2026, 12, 31)  # 15 working days after 12-10 (条例第三十二条)
    assert clock.reply.provisional and clock.reply.due > date(2026, 12, 30)


def test_contradictory_facts_are_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ClockError, match="早于收到申请"):
        compose_clock(date(2026, 12, 2), cal, supplement_received=date(2026, 11, 30))


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 10, 31)))
def test_composer_equals_the_strict_clock_where_notices_are_loaded(received: date) -> None:
    """Property: with every needed year loaded, the composer changes nothing and marks nothing 暂定."""
    cal = bundled_calendar()
    composed = compose_clock(received, cal)
    strict = application_clock(received, cal)
    assert composed.deadlines() == strict.deadlines()
    assert not composed.provisional


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(2026, 11, 1), max_value=date(2030, 12, 31)))
def test_provisional_dates_are_marked_and_explained(received: date) -> None:
    """Property: a date is 暂定 exactly when its count went through a year with no notice."""
    clock = compose_clock(received, bundled_calendar())
    for deadline in clock.deadlines():
        assert deadline.walk is not None
        years = {s.day.year for s in deadline.walk.steps}
        assert deadline.provisional == any(y >= 2027 for y in years)
        text = "\n".join(deadline.explain())
        assert ("暂定" in text) == deadline.provisional
        # never fewer days off than the rules: each statutory day in the walk is skipped
        for step in deadline.walk.steps:
            if step.day.year >= 2027 and step.day in {r.day for r in statutory_holidays(step.day.year)}:
                assert not step.counted
