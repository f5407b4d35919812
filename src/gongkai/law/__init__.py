"""gongkai.law — the statutory clock and fees of 政府信息公开. Pure Python; never imports Django.

- :mod:`.calendar`: :class:`WorkCalendar`, working-day arithmetic over calendar data passed in;
- :mod:`.calendar_data`: the calendar file format (also the import format) and the bundled data;
- :mod:`.deadlines`: every due date of an application, each citing its article of the 条例;
- :mod:`.clock`: :func:`compose_clock`, the one composer of an application's dates (CLI and platform);
- :mod:`.provisional`: 暂定 calendars for years whose 国务院办公厅 notice is not loaded yet;
- :mod:`.fees`: 信息处理费 under 国办函〔2020〕109号.
"""

from __future__ import annotations

from .calendar import CalendarDataError, DayKind, DayRecord, Pause, Step, StepKind, Walk, WorkCalendar
from .calendar_data import bundled_calendar, bundled_records, dump_records, load_calendar_file, parse_records
from .clock import ConsultationFacts, FeeNoticeFacts, compose_clock, provisional_calendar
from .deadlines import (
    DEFAULT_POLICY,
    ApplicationClock,
    ClockError,
    ClockPolicy,
    ConsultationKind,
    Deadline,
    annual_report_due,
    application_clock,
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
from .fees import (
    Fee,
    FeeBand,
    FeeError,
    FeeMethod,
    application_fee,
    monthly_application_fees,
    nth_in_month,
    per_application_fee,
    per_volume_fee,
)
from .provisional import provisional_reason, statutory_holidays, with_provisional_years

__all__ = [
    "DEFAULT_POLICY",
    "ApplicationClock",
    "CalendarDataError",
    "ClockError",
    "ClockPolicy",
    "ConsultationFacts",
    "ConsultationKind",
    "DayKind",
    "DayRecord",
    "Deadline",
    "Fee",
    "FeeBand",
    "FeeError",
    "FeeMethod",
    "FeeNoticeFacts",
    "Pause",
    "Step",
    "StepKind",
    "Walk",
    "WorkCalendar",
    "annual_report_due",
    "application_clock",
    "application_fee",
    "bundled_calendar",
    "bundled_records",
    "compose_clock",
    "consultation_pause",
    "consultation_reply_due",
    "dump_records",
    "extended_reply_due",
    "fee_notice_pause",
    "fee_payment_due",
    "load_calendar_file",
    "monthly_application_fees",
    "nth_in_month",
    "parse_records",
    "per_application_fee",
    "per_volume_fee",
    "proactive_publication_due",
    "provisional_calendar",
    "provisional_reason",
    "reply_due",
    "statutory_holidays",
    "supplement_notice_due",
    "supplement_period_due",
    "with_provisional_years",
    "workdays_left",
]
