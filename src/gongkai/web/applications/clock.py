"""The case clock on the platform: every stored date comes from :func:`gongkai.law.compose_clock`.

:func:`recompute_clock` stores the composer's result on an application (dates, the whole explained
clock, the 暂定 flag); :func:`open_clock_changes` / :func:`recompute_open_clocks` recompute every open
case in bulk after a calendar change (one calendar, a fixed number of queries, one ``bulk_update``).
Names are re-exported by :mod:`.services`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from gongkai.errors import CalendarNotLoadedError
from gongkai.law import ConsultationFacts as ClockConsultation
from gongkai.law import FeeNoticeFacts, compose_clock, deadlines

from . import workflow as wf
from .models import Application, Consultation, FeeNotice

__all__ = [
    "clock_facts",
    "open_clock_changes",
    "provisional_years",
    "recompute_clock",
    "recompute_open_clocks",
]


def _services() -> Any:
    from . import services

    return services


def provisional_years(*days: dt.date | None) -> frozenset[int]:
    """The years of ``days`` that the platform calendar counts provisionally (no notice imported)."""
    from gongkai.web.calendar.services import provisional_year

    return frozenset(d.year for d in days if d is not None and provisional_year(d))


def clock_facts(
    app: Application,
    consultations: list[Any] | None = None,
    fee_notice: Any = False,
) -> tuple[list[ClockConsultation], FeeNoticeFacts | None]:
    """The case's consultations (条例 art. 32–34) and fee notice as facts for :func:`compose_clock`.

    Pass ``consultations``/``fee_notice`` already loaded (bulk recomputation) to avoid the queries.
    """
    from .notices import receipt_of

    if consultations is None:
        consultations = list(app.consultations.select_related("letter")) if app.pk else []
    if fee_notice is False:
        fee_notice = FeeNotice.objects.filter(application=app).first() if app.pk else None
    facts = []
    for c in consultations:
        # 条例第三十二条、第三十四条: the pause starts only once the 征求意见书 is sent; without an answer it
        # ends when the party's 15 working days, counted from its receipt of the letter, run out.
        if c.sent_on is None:
            continue
        receipt = receipt_of(c.letter) if c.letter_id is not None else None
        facts.append(
            ClockConsultation(
                c.sent_on,
                deadlines.ConsultationKind(c.kind),
                answered=c.answered_on,
                letter_received=receipt.day if receipt else None,
            )
        )
    # A drafted 收费通知 is not yet served (109号): no pause before it is sent.
    served = fee_notice is not None and fee_notice.issued_on is not None
    fee = FeeNoticeFacts(fee_notice.issued_on, fee_notice.paid_on) if served else None
    return facts, fee


def recompute_clock(
    app: Application,
    *,
    calendar: Any = None,
    consultations: list[Any] | None = None,
    fee_notice: Any = False,
    last_reminder: Any = False,
) -> None:
    """Store the dates of ``app`` (not saved) from :func:`gongkai.law.compose_clock`, the one composer.

    A year whose 国务院办公厅 notice is not imported yet is counted provisionally (weekends and the
    statutory holidays): the dates are stored, ``clock_provisional`` is set and the reasons are in
    ``clock`` — shown as 暂定, never as final — until the import recomputes them. Contradictory
    facts (or a year before 2025 without data) leave the dates empty with the problem in
    ``clock_error``. The keyword arguments let :func:`recompute_open_clocks` pass what it loaded
    once for all cases.
    """
    services = _services()
    policy = services.clock_policy()
    if calendar is None:
        calendar = services.work_calendar()
    facts, fee = clock_facts(app, consultations, fee_notice)
    try:
        clock = compose_clock(
            app.received_on,
            calendar,
            supplement_received=app.supplement_received_on,
            consultations=facts,
            fee_notice=fee,
            policy=policy,
        )
    except (CalendarNotLoadedError, deadlines.ClockError) as exc:
        app.supplement_notice_due = app.reply_due = app.extended_due = None
        app.clock_error = str(exc)[:300]
        app.clock_provisional = False
        app.clock = {"received": app.received_on.isoformat(), "error": str(exc), "deadlines": {}}
    else:
        app.supplement_notice_due = clock.supplement_notice.due
        app.reply_due = clock.reply.due
        app.extended_due = clock.extended_reply.due
        app.clock_error = ""
        app.clock_provisional = clock.provisional
        workdays = (app.clock or {}).get("supplement_workdays")  # the 补正 period chosen (art. 30)
        app.clock = clock.to_json()
        if workdays is not None:
            app.clock["supplement_workdays"] = workdays
    services.schedule_reminder(app, last_reminder=last_reminder)


# ---- recomputation after a calendar change ------------------------------------------------------


_CLOCK_FIELDS = (
    "supplement_notice_due",
    "reply_due",
    "extended_due",
    "clock",
    "clock_error",
    "clock_provisional",
    "next_reminder_at",
)


def _clock_state(app: Application) -> dict[str, Any]:
    state = {
        f: _services()._json(getattr(app, f)) for f in _CLOCK_FIELDS if f not in ("clock", "next_reminder_at")
    }
    # Compare the instant, not its time zone (the database gives UTC, the computation local time).
    moment = app.next_reminder_at
    state["next_reminder_at"] = moment.astimezone(dt.UTC).isoformat() if moment else None
    return state


def open_clock_changes(
    calendar: Any = None, *, lock: bool = False
) -> list[tuple[Application, dict[str, Any], dict[str, Any]]]:
    """Every open case whose stored dates differ under ``calendar``: ``(case, before, after)``.

    The cases are recomputed in memory (not saved); used for the import preview and, with ``lock``,
    by :func:`recompute_open_clocks`. Queries: the cases, their consultations, fee notices and last
    reminders — four, whatever the number of cases; the calendar is built once by the caller.
    """
    from django.db.models import Max

    from .models import Reminder

    if calendar is None:
        calendar = _services().work_calendar()
    query = Application.objects.filter(state__in=[s.value for s in wf.OPEN_STATES]).order_by("pk")
    apps = list(query.select_for_update() if lock else query)
    ids = [a.pk for a in apps]
    consultations: dict[int, list[Any]] = {pk: [] for pk in ids}
    for c in (
        Consultation.objects.filter(application_id__in=ids).select_related("letter").order_by("sent_on", "pk")
    ):
        consultations[c.application_id].append(c)
    notices = {n.application_id: n for n in FeeNotice.objects.filter(application_id__in=ids)}
    reminders = dict(
        Reminder.objects.filter(application_id__in=ids)
        .values("application_id")
        .annotate(last=Max("for_date"))
        .values_list("application_id", "last")
    )
    changes = []
    for app in apps:
        before = _clock_state(app)
        recompute_clock(
            app,
            calendar=calendar,
            consultations=consultations[app.pk],
            fee_notice=notices.get(app.pk),
            last_reminder=reminders.get(app.pk),
        )
        after = _clock_state(app)
        if after != before:
            changes.append((app, before, after))
    return changes


def recompute_open_clocks(years: Any = None) -> int:
    """Recompute the stored dates of every open application (after ``calendar_changed``), in bulk.

    The calendar is loaded once, every open case is computed once (:func:`open_clock_changes`), and
    the changed cases are written with one ``bulk_update`` and one ``bulk_create`` of audit events —
    never a calendar load or a save per row. Returns the number of cases whose dates changed.
    """
    from django.contrib.contenttypes.models import ContentType

    from gongkai.web.audit.models import AuditEvent

    calendar = _services().work_calendar()
    with transaction.atomic():
        changes = open_clock_changes(calendar, lock=True)
        content_type = ContentType.objects.get_for_model(Application)
        events = [
            AuditEvent(
                actor=None,
                actor_repr="系统",
                verb="application.recompute_clock",
                content_type=content_type,
                object_id=str(app.pk),
                object_repr=str(app)[:300],
                agency_id=app.agency_id,
                before=before,
                after=after,
                note="工作日历变更",
            )
            for app, before, after in changes
        ]
        Application.objects.bulk_update([c[0] for c in changes], _CLOCK_FIELDS, batch_size=100)
        AuditEvent.objects.bulk_create(events, batch_size=500)
    return len(changes)
