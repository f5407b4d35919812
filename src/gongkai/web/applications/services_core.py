"""Shared by the application services (split from services.py along its seams, D20): the
[M] configuration, reminder scheduling, the version/role/table checked ``_act`` and small helpers.

Import the services from :mod:`.services` (the facade); these modules are its parts.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from gongkai.law import deadlines
from gongkai.web import audit
from gongkai.web.accounts import scope

from . import notices, notifications
from . import workflow as wf
from .clock import recompute_clock
from .errors import ServiceError, StaleVersionError
from .models import (
    Application,
    TrackingCounter,
)

OFFICE_ROLES = (wf.Role.CLERK.value, wf.Role.REVIEWER.value, wf.Role.APPROVER.value)


__all__ = ["ServiceError", "StaleVersionError"]  # re-exported from .errors (and everything public below)


# ---- configuration ([M] choices, settings.py may override) -----------------------------------------


def clock_policy() -> deadlines.ClockPolicy:
    """The agency-wide :class:`ClockPolicy` from ``settings.GONGKAI_CLOCK_POLICY`` (a dict), [M]."""
    return deadlines.ClockPolicy(**getattr(settings, "GONGKAI_CLOCK_POLICY", {}))


def due_soon_days() -> int:
    """Calendar days before a due date from which a case is listed as due soon (setting)."""
    return int(getattr(settings, "GONGKAI_DUE_SOON_DAYS", 3))


def work_calendar() -> Any:
    from gongkai.web.calendar.services import work_calendar as _work_calendar

    return _work_calendar()


def today() -> dt.date:
    return timezone.localdate()


# ---- the clock (stored by .clock, from gongkai.law.compose_clock) -----------------------------------


def reminder_moments(app: Application) -> list[dt.datetime]:
    """When reminders are due for an open case: ``due_soon_days`` before the effective due date,
    the morning after it (overdue), then every morning while it stays overdue (see remind.py)."""
    due = app.effective_due
    if due is None or wf.State(app.state) not in wf.OPEN_STATES:
        return []
    tz = timezone.get_current_timezone()

    def morning(d: dt.date) -> dt.datetime:
        return dt.datetime.combine(d, dt.time(8, 0), tzinfo=tz)

    return [morning(due - dt.timedelta(days=due_soon_days())), morning(due + dt.timedelta(days=1))]


def schedule_reminder(
    app: Application, after: dt.datetime | None = None, *, last_reminder: Any = False
) -> None:
    """Set ``next_reminder_at`` to the first reminder moment after ``after`` (default: none yet sent).

    ``last_reminder``: the date of the last reminder sent, when the caller already knows it (None: none).
    """
    moments = reminder_moments(app)
    if not moments:
        app.next_reminder_at = None
        return
    if after is None and app.pk:
        # After a change of due date: continue from the last reminder sent, never repeat it.
        last = last_reminder
        if last is False:
            last = app.reminders.order_by("-for_date").values_list("for_date", flat=True).first()
        if last is not None:
            after = dt.datetime.combine(last, dt.time.max, tzinfo=timezone.get_current_timezone())
    if after is None:
        app.next_reminder_at = moments[0]
        return
    later = [m for m in moments if m > after]
    if later:
        app.next_reminder_at = later[0]
        return
    # Overdue: remind again the next morning, and so on until the case leaves the open states.
    tz = timezone.get_current_timezone()
    next_day = timezone.localtime(after, tz).date() + dt.timedelta(days=1)
    app.next_reminder_at = dt.datetime.combine(next_day, dt.time(8, 0), tzinfo=tz)


# ---- helpers --------------------------------------------------------------------------------------


def _json(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


_SNAPSHOT_FIELDS = (
    "state",
    "outcome",
    "decided_on",
    "concluded_on",
    "supplement_received_on",
    "supplement_deadline",
    "extension_approved_on",
    "extension_notified_on",
    "reply_due",
    "extended_due",
    "version",
)


def _snapshot(app: Application) -> dict[str, Any]:
    return {f: _json(getattr(app, f)) for f in _SNAPSHOT_FIELDS}


def workflow_roles(user: Any, app: Application) -> set[wf.Role]:
    """The workflow roles ``user`` holds for ``app``: office roles in its agency, applicant if theirs."""
    roles = {wf.Role(r) for r in scope.roles_in(user, app.agency) if r in wf.Role._value2member_map_}
    roles.discard(wf.Role.SUPERVISOR)
    if app.applicant_id is not None and getattr(user, "pk", None) == app.applicant_id:
        roles.add(wf.Role.APPLICANT)
    if getattr(user, "applicant_of", None) == app.pk:  # anonymous, unlocked by tracking number + secret
        roles.add(wf.Role.APPLICANT)
    # Routing (D47): an office role in the agency the case waits at makes one its receiver.
    pending = app.pending_agency if app.state == wf.State.PENDING_SIGN else None
    if pending is not None and scope.roles_in(user, pending) & set(OFFICE_ROLES):
        roles.add(wf.Role.RECEIVER)
    return roles


def _act(
    app: Application,
    user: Any,
    action: wf.Action,
    version: int | None,
    change: Callable[[Application], None] | None = None,
    *,
    note: str = "",
) -> Application:
    """Lock, check version, role and table, apply ``change``, recompute the clock, audit; atomically."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().select_related("agency").get(pk=app.pk)
        roles = workflow_roles(user, locked)
        if not roles:
            raise PermissionDenied("您没有权限办理该申请。")
        if version is not None and locked.version != version:
            raise StaleVersionError(
                f"申请 {locked.tracking_number} 已被他人修改（您看到的是第{version}版，当前为第{locked.version}版），"
                "您的操作未保存，请刷新后重试。"
            )
        try:
            new_state = wf.transition(wf.State(locked.state), action, roles)
        except wf.WorkflowError as exc:
            raise ServiceError(exc.message) from None
        # The preconditions of the action table (notices.GUARDS): checked here, for every caller.
        refused = notices.refusals(locked, action)
        if refused:
            raise ServiceError(refused[0])
        before = _snapshot(locked)
        if change is not None:
            change(locked)
        locked.state = new_state.value
        if new_state is not wf.State.PENDING_SIGN:  # 签收, 退回 or withdrawal: no longer waiting anywhere
            locked.pending_agency = None
        locked.version += 1
        recompute_clock(locked)
        locked.save()
        audit.record(
            user, f"application.{action.value}", locked, before=before, after=_snapshot(locked), note=note
        )
        notifications.record(locked, f"application.{action.value}", state_before=before["state"])
    app.refresh_from_db()
    return app


def _require_office(user: Any, agency: Any) -> None:
    scope.require(user, agency, OFFICE_ROLES)


def new_secret() -> str:
    """A tracking secret for anonymous online applicants: shown once, stored only as a hash."""
    return secrets.token_urlsafe(12)


def _next_tracking_number(agency: Any, year: int) -> str:
    counter, _ = TrackingCounter.objects.select_for_update().get_or_create(agency=agency, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    from .tracking import format_number  # desk: QXJY-2026-0013

    return format_number(agency, year, counter.last)


def _provisional_receipt(day: dt.date) -> dt.date:
    """The draft letter's dates assume the letter is received the day it is drafted; the stored
    deadline is recomputed from the real receipt when it is sent (never earlier than the draft's)."""
    return day


def _fee_before_reply_due(app: Application, day: dt.date) -> None:
    due = app.effective_due
    if due is not None and day > due:
        raise ServiceError(
            f"答复期限（{due}）已过，不能再发出收费通知：收费通知应在答复期限内发出（国办函〔2020〕109号）。"
        )
