"""Statutory deadlines: the worked examples of domain.md §8 and more around 春节 2026 and 国庆 2025."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.errors import CalendarNotLoadedError
from gongkai.law import (
    ClockError,
    ClockPolicy,
    ConsultationKind,
    Pause,
    WorkCalendar,
    annual_report_due,
    application_clock,
    bundled_calendar,
    consultation_pause,
    consultation_reply_due,
    extended_reply_due,
    fee_notice_pause,
    fee_payment_due,
    proactive_publication_due,
    reply_due,
    supplement_notice_due,
    supplement_period_due,
    workdays_left,
)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return bundled_calendar()


# -- domain.md §8 worked examples ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "reply", "extended"),
    [
        (date(2025, 9, 26), date(2025, 10, 30), date(2025, 11, 27)),  # across 国庆/中秋 2025
        (date(2026, 1, 20), date(2026, 2, 24), date(2026, 3, 23)),  # across 春节 2026
    ],
)
def test_worked_examples(cal: WorkCalendar, received: date, reply: date, extended: date) -> None:
    clock = application_clock(received, cal)
    assert clock.reply.due == reply
    assert clock.extended_reply.due == extended
    assert clock.reply.basis == "《政府信息公开条例》第三十三条第二款"


def test_receipt_on_a_saturday_is_not_moved_forward(cal: WorkCalendar) -> None:
    # chinesecalendar's find_workday gives 2025-11-05 here (domain.md §8 caveat); the receipt day is
    # simply not counted, whatever day it is.
    assert reply_due(date(2025, 10, 4), cal).due == date(2025, 11, 4)


# -- around 国庆 2025 (10/1–10/8 off; 9/28 Sun and 10/11 Sat worked) ---------------------------------


@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        (date(2025, 9, 26), 1, date(2025, 9, 28)),  # the makeup Sunday is the first working day
        (date(2025, 9, 28), 1, date(2025, 9, 29)),
        (date(2025, 9, 30), 1, date(2025, 10, 9)),  # straight over the eight-day holiday
        (date(2025, 9, 30), 3, date(2025, 10, 11)),  # ... and onto the makeup Saturday
        (
            date(2025, 10, 1),
            7,
            date(2025, 10, 16),
        ),  # received during the holiday: 10/9, 10/10, 10/11 Sat, 10/13–16
        (date(2025, 10, 8), 1, date(2025, 10, 9)),
    ],
)
def test_around_national_day_2025(cal: WorkCalendar, received: date, n: int, due: date) -> None:
    assert cal.add_workdays(received, n) == due


def test_supplement_notice_during_national_day(cal: WorkCalendar) -> None:
    deadline = supplement_notice_due(date(2025, 9, 29), cal)
    # 9/30 (1), 10/9 (2), 10/10 (3), 10/11 Sat makeup (4), 10/13–10/15 (7)
    assert deadline.due == date(2025, 10, 15)
    assert deadline.basis == "《政府信息公开条例》第三十条"
    lines = deadline.explain()
    assert "　不计：2025-10-01 至 2025-10-05，国庆节假期，共5天" in lines
    assert "　不计：2025-10-06，中秋节假期，共1天" in lines  # 2025: 中秋 falls inside the 国庆 holiday
    assert "　计入：2025-10-11，周六，国庆节调休上班，为第4个工作日" in lines


# -- around 春节 2026 (2/15–2/23 off; 2/14 Sat and 2/28 Sat worked) -----------------------------------


@pytest.mark.parametrize(
    ("received", "reply"),
    [
        (date(2026, 2, 13), date(2026, 3, 19)),  # 2/14 Sat (1), 2/24–27 (5), 2/28 Sat (6), 3/2–3/19 (20)
        (date(2026, 2, 14), date(2026, 3, 20)),  # received on the makeup Saturday: it is not counted
        (date(2026, 2, 18), date(2026, 3, 20)),  # received during 春节: same as the makeup day
        (date(2026, 2, 24), date(2026, 3, 23)),
    ],
)
def test_around_spring_festival_2026(cal: WorkCalendar, received: date, reply: date) -> None:
    assert reply_due(received, cal).due == reply
    assert cal.workdays_between(received, reply) == 20


def test_explanation_names_holidays_and_makeup_days(cal: WorkCalendar) -> None:
    lines = reply_due(date(2026, 1, 20), cal).explain()
    assert lines[0] == "答复期限：2026-02-24（周二）　依据：《政府信息公开条例》第三十三条第二款"
    assert lines[1] == "起算：2026-01-20 收到申请（当日不计入），计20个工作日"
    assert "　不计：2026-02-15 至 2026-02-23，春节假期，共9天" in lines
    assert "　计入：2026-02-14，周六，春节调休上班，为第19个工作日" in lines


# -- restart after 补正 (art. 30) and pauses (arts. 32–34) --------------------------------------------


def test_supplement_restarts_the_clock(cal: WorkCalendar) -> None:
    clock = application_clock(date(2026, 1, 20), cal, supplement_received=date(2026, 2, 2))
    assert clock.supplement_notice.due == date(2026, 1, 29)  # still from the original receipt
    assert clock.reply.start == date(2026, 2, 2)
    assert clock.reply.due == cal.add_workdays(date(2026, 2, 2), 20) == date(2026, 3, 6)
    assert "第三十条" in clock.reply.basis
    with pytest.raises(ClockError):
        reply_due(date(2026, 1, 20), cal, supplement_received=date(2026, 1, 19))


def test_consultation_pause_is_not_counted(cal: WorkCalendar) -> None:
    received = date(2025, 9, 26)
    pause = consultation_pause(date(2025, 10, 9), cal, answered=date(2025, 10, 20))
    assert (pause.first, pause.last) == (date(2025, 10, 10), date(2025, 10, 20))
    assert "第三十三条第三款" in pause.reason
    deadline = reply_due(received, cal, pauses=[pause])
    paused = cal.workdays_between(date(2025, 10, 9), date(2025, 10, 20))  # 10/10, 10/11, 10/13–17, 10/20
    assert paused == 8
    assert deadline.paused_days == paused
    assert deadline.due == cal.add_workdays(date(2025, 10, 30), paused) == date(2025, 11, 11)


def test_unanswered_consultation_ends_with_the_15_day_window(cal: WorkCalendar) -> None:
    due = consultation_reply_due(date(2026, 3, 2), cal, ConsultationKind.CO_PRODUCER)
    assert due.due == date(2026, 3, 23)
    assert due.basis == "《政府信息公开条例》第三十四条"
    assert "视为同意公开" in due.notes[0]
    pause = consultation_pause(date(2026, 3, 2), cal, ConsultationKind.THIRD_PARTY)
    assert pause.last == date(2026, 3, 23)
    assert consultation_reply_due(date(2026, 3, 2), cal).basis == "《政府信息公开条例》第三十二条"


def test_pauses_before_receipt_are_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ClockError):
        application_clock(date(2026, 3, 2), cal, pauses=[Pause(date(2026, 2, 2), date(2026, 2, 6), "x")])


def test_extension_is_at_most_twenty_working_days(cal: WorkCalendar) -> None:
    assert extended_reply_due(date(2026, 1, 20), cal, extension_workdays=5).due == cal.add_workdays(
        date(2026, 2, 24), 5
    )
    for bad in (0, 21):
        with pytest.raises(ClockError, match="最长不得超过20个工作日"):
            extended_reply_due(date(2026, 1, 20), cal, extension_workdays=bad)


# -- configurable [M] choices -----------------------------------------------------------------------


def test_supplement_period_is_configurable(cal: WorkCalendar) -> None:
    assert supplement_period_due(date(2026, 3, 2), cal).due == cal.add_workdays(date(2026, 3, 2), 15)
    policy = ClockPolicy(supplement_period_workdays=10)
    assert supplement_period_due(date(2026, 3, 2), cal, policy=policy).due == date(2026, 3, 16)
    assert supplement_period_due(date(2026, 3, 2), cal, workdays=5, policy=policy).due == date(2026, 3, 9)


def test_fee_notice_pause_is_off_by_default(cal: WorkCalendar) -> None:
    assert fee_notice_pause(date(2026, 3, 2), cal) is None
    policy = ClockPolicy(fee_notice_pauses_clock=True)
    pause = fee_notice_pause(date(2026, 3, 2), cal, paid=date(2026, 3, 6), policy=policy)
    assert pause is not None and (pause.first, pause.last) == (date(2026, 3, 3), date(2026, 3, 6))
    unpaid = fee_notice_pause(date(2026, 3, 2), cal, policy=policy)
    assert unpaid is not None and unpaid.last == fee_payment_due(date(2026, 3, 2), cal, policy=policy).due
    assert fee_payment_due(date(2026, 3, 2), cal).due == date(2026, 3, 30)


def test_policy_rejects_nonsense() -> None:
    with pytest.raises(ClockError):
        ClockPolicy(supplement_period_workdays=0)


# -- other deadlines -----------------------------------------------------------------------------


def test_proactive_publication(cal: WorkCalendar) -> None:
    deadline = proactive_publication_due(date(2025, 9, 26), cal)
    assert deadline.due == date(2025, 10, 30)
    assert deadline.basis == "《政府信息公开条例》第二十六条"


def test_annual_report_dates_are_calendar_dates() -> None:
    assert annual_report_due(2025).due == date(2026, 1, 31)  # a Saturday: not moved
    assert annual_report_due(2025, government=True).due == date(2026, 3, 31)
    assert annual_report_due(2025).basis == "《政府信息公开条例》第四十九条"


def test_missing_year_is_an_error(cal: WorkCalendar) -> None:
    with pytest.raises(CalendarNotLoadedError, match="2027年"):
        application_clock(date(2026, 12, 1), cal)


def test_json_is_complete(cal: WorkCalendar) -> None:
    data = application_clock(date(2026, 1, 20), cal).to_json()
    deadlines = data["deadlines"]
    assert isinstance(deadlines, dict)
    assert deadlines["reply"]["due"] == "2026-02-24"
    assert deadlines["extended_reply"]["due"] == "2026-03-23"
    assert deadlines["supplement_notice"]["due"] == "2026-01-29"
    assert data["calendar_fingerprint"] == cal.fingerprint
    steps = deadlines["reply"]["steps"]
    assert steps[0] == {"date": "2026-01-20", "kind": "start", "reason": "起算日，不计入", "ordinal": 0}


def test_workdays_left_for_due_soon_lists(cal: WorkCalendar) -> None:
    due = date(2026, 2, 24)
    assert workdays_left(due, date(2026, 2, 13), cal) == 2  # 2/14 (调休 Saturday) and 2/24
    assert workdays_left(due, date(2026, 2, 20), cal) == 1
    assert workdays_left(due, due, cal) == 0
    assert workdays_left(due, date(2026, 2, 26), cal) == -2
