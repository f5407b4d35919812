"""The one deadline composer: every date of an application from its facts, used by the CLI and the platform.

:func:`compose_clock` takes the facts of a case — receipt (条例 art. 31), the supplemented application
(art. 30), consultations (arts. 32–34, not counted under art. 33 ¶3), the fee notice (国办函〔2020〕109号,
counted or not per :class:`ClockPolicy`), other paused intervals, the extension (art. 33 ¶2) — and
returns an :class:`ApplicationClock`: each date with its article and explanation, and whether it is
provisional.

A year whose 国务院办公厅 notice is not loaded is counted provisionally (weekends and the statutory
holidays, :mod:`.provisional`; domain.md §12.3): the dates reached through it are marked 暂定 with the
reason instead of failing, and are recomputed when the notice is imported. ``provisional=False``
restores the strict behaviour (:class:`CalendarNotLoadedError`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .calendar import Pause, WorkCalendar
from .deadlines import (
    DEFAULT_POLICY,
    EXTENSION_MAX_WORKDAYS,
    ApplicationClock,
    ClockPolicy,
    ConsultationKind,
    application_clock,
    consultation_pause,
    fee_notice_pause,
)
from .provisional import with_provisional_years

__all__ = [
    "ConsultationFacts",
    "FeeNoticeFacts",
    "compose_clock",
    "provisional_calendar",
    "provisional_horizon",
]

#: Years after the latest fact that a clock may reach: 40 working days plus a 15-working-day
#: consultation stay far inside one year; two leave room for long pauses.
HORIZON_YEARS = 2


@dataclass(frozen=True, slots=True)
class ConsultationFacts:
    """A consultation letter (条例 art. 32 third party, art. 34 co-producing agency)."""

    sent: date
    kind: ConsultationKind = ConsultationKind.THIRD_PARTY
    answered: date | None = None
    letter_received: date | None = None


@dataclass(frozen=True, slots=True)
class FeeNoticeFacts:
    """A 收费通知 served on ``issued``, paid on ``paid`` (None: not yet)."""

    issued: date
    paid: date | None = None


def provisional_horizon(*days: date | None) -> range:
    """The years a clock over these facts may reach: from the earliest to the latest + 2."""
    known = [d.year for d in days if d is not None]
    return range(min(known), max(known) + HORIZON_YEARS + 1)


def provisional_calendar(calendar: WorkCalendar, *days: date | None) -> WorkCalendar:
    """``calendar`` with provisional years for what a count starting on ``days`` may reach.

    For the single dates the platform computes besides the clock (补正期限, 征求意见答复期限, 缴费期限).
    """
    return with_provisional_years(calendar, provisional_horizon(*days))


def compose_clock(
    received: date,
    calendar: WorkCalendar,
    *,
    supplement_received: date | None = None,
    consultations: Sequence[ConsultationFacts] = (),
    fee_notice: FeeNoticeFacts | None = None,
    pauses: Sequence[Pause] = (),
    extension_workdays: int = EXTENSION_MAX_WORKDAYS,
    policy: ClockPolicy = DEFAULT_POLICY,
    provisional: bool = True,
) -> ApplicationClock:
    """All dates of an application (补正告知期限, 答复期限, 延期后答复期限) from its facts.

    Consultation intervals (art. 33 ¶3) and, when the policy says so, the fee-notice interval are
    turned into pauses here, on the same calendar as the dates themselves. With ``provisional``
    (the default), years without a loaded notice are counted on the statutory holidays and the
    affected dates carry ``provisional_years`` and a reason. Raises :class:`ClockError` for
    contradictory facts and :class:`CalendarNotLoadedError` for a year before 2025 that is not loaded.
    """
    if provisional:
        facts: list[date | None] = [received, supplement_received]
        facts += [d for c in consultations for d in (c.sent, c.answered, c.letter_received)]
        facts += [p.last for p in pauses]
        if fee_notice is not None:
            facts += [fee_notice.issued, fee_notice.paid]
        calendar = provisional_calendar(calendar, *facts)
    all_pauses = list(pauses)
    for c in consultations:
        all_pauses.append(
            consultation_pause(
                c.sent,
                calendar,
                c.kind,
                answered=c.answered,
                letter_received=c.letter_received,
                policy=policy,
            )
        )
    if fee_notice is not None:
        pause = fee_notice_pause(fee_notice.issued, calendar, paid=fee_notice.paid, policy=policy)
        if pause is not None:
            all_pauses.append(pause)
    return application_clock(
        received,
        calendar,
        supplement_received=supplement_received,
        pauses=all_pauses,
        extension_workdays=extension_workdays,
        policy=policy,
    )
