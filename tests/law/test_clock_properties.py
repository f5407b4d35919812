"""Property tests (hypothesis) for the working-day arithmetic over the shipped 2004–2026 data."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.law import Pause, WorkCalendar, bundled_calendar, reply_due

CAL = bundled_calendar()
# Late enough in 2026 and 80+ working days would leave the loaded years; keep starts before that.
starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 6, 30))
counts = st.integers(min_value=0, max_value=60)


@st.composite
def pauses(draw: st.DrawFn, start: date) -> list[Pause]:
    result = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        first = start + timedelta(days=draw(st.integers(min_value=0, max_value=60)))
        last = first + timedelta(days=draw(st.integers(min_value=0, max_value=20)))
        result.append(Pause(first, last, "征求意见"))
    return result


@given(starts, st.integers(min_value=1, max_value=60))
def test_result_is_a_working_day_strictly_after_start(start: date, n: int) -> None:
    end = CAL.add_workdays(start, n)
    assert end > start
    assert CAL.is_workday(end)


@given(starts, counts, counts)
def test_monotonic_in_n(start: date, m: int, n: int) -> None:
    a, b = sorted((m, n))
    assert CAL.add_workdays(start, a) <= CAL.add_workdays(start, b)
    if a < b:
        assert CAL.add_workdays(start, a) < CAL.add_workdays(start, b)


@given(starts, counts, counts)
def test_additive(start: date, m: int, n: int) -> None:
    assert CAL.add_workdays(start, m + n) == CAL.add_workdays(CAL.add_workdays(start, m), n)


@given(starts, counts)
def test_workdays_between_inverts_add_workdays(start: date, n: int) -> None:
    assert CAL.workdays_between(start, CAL.add_workdays(start, n)) == n


@given(starts, st.integers(min_value=0, max_value=90))
def test_between_counts_exactly_the_working_days(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    expected = sum(1 for k in range(1, span + 1) if CAL.is_workday(start + timedelta(days=k)))
    assert CAL.workdays_between(start, end) == expected
    assert CAL.workdays_between(end, start) == -expected


@given(st.data(), starts, st.integers(min_value=1, max_value=40))
@settings(max_examples=60)
def test_pauses_never_shorten_a_deadline(data: st.DataObject, start: date, n: int) -> None:
    chosen = data.draw(pauses(start))
    plain = CAL.add_workdays(start, n)
    paused = CAL.add_workdays(start, n, pauses=chosen)
    assert paused >= plain
    # ... and lengthen it by exactly the paused working days up to the new end
    covered = sum(
        1
        for k in range(1, (paused - start).days + 1)
        if CAL.is_workday(d := start + timedelta(days=k)) and any(p.covers(d) for p in chosen)
    )
    assert CAL.workdays_between(start, paused) == n + covered


@given(starts, st.integers(min_value=1, max_value=40))
def test_walk_agrees_with_add_workdays(start: date, n: int) -> None:
    walk = CAL.walk(start, n)
    assert walk.end == CAL.add_workdays(start, n)
    assert [s.ordinal for s in walk.steps if s.counted] == list(range(1, n + 1))
    assert [s.day for s in walk.steps] == [
        start + timedelta(days=k) for k in range((walk.end - start).days + 1)
    ]


@given(starts, st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 6, 30)))
def test_a_later_supplement_never_gives_an_earlier_reply(received: date, supplement: date) -> None:
    if supplement < received:
        received, supplement = supplement, received
    assert reply_due(received, CAL, supplement_received=supplement).due >= reply_due(received, CAL).due


# -- the same properties on arbitrary calendars (not just the national data) --------------------------


@st.composite
def calendars(draw: st.DrawFn) -> WorkCalendar:
    """A random two-year calendar (2031–2032) with random holidays and weekend makeup days."""
    records: list[tuple[date, str, str, str]] = []
    for year in (2031, 2032):
        records.append((date(year, 2, 1), "holiday", "春节", "测试"))
        records.append((date(year, 10, 1), "holiday", "国庆节", "测试"))
        for offset in draw(st.sets(st.integers(min_value=0, max_value=364), max_size=40)):
            day = date(year, 1, 1) + timedelta(days=offset)
            if day not in (date(year, 2, 1), date(year, 10, 1)):
                kind = "workday" if day.weekday() >= 5 and draw(st.booleans()) else "holiday"
                records.append((day, kind, "测试节", "测试"))
    return WorkCalendar.from_records(records)


@given(calendars(), st.dates(min_value=date(2031, 1, 1), max_value=date(2032, 3, 31)), counts, counts)
@settings(max_examples=60)
def test_properties_hold_on_any_calendar(cal: WorkCalendar, start: date, m: int, n: int) -> None:
    end = cal.add_workdays(start, m + n)
    assert end == cal.add_workdays(cal.add_workdays(start, m), n)
    assert cal.workdays_between(start, end) == m + n
    assert cal.walk(start, m + n).end == end
    if m + n:
        assert end > start and cal.is_workday(end)
    # dropping the makeup days can only push a deadline later
    assert cal.add_workdays(start, m + n, makeup_days_count=False) >= end
