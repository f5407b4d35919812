"""Routing between agencies (D47; docs/applications.md "Routing between agencies").

A 统一受理 portal (:class:`UnifiedIntake`) routes (分送) an application it received to an agency of
its subtree; an agency holding a case may 转办 it to the competent agency, with the reason. Either way
the case waits for that agency's 签收 (state 待签收): it signs (the case becomes its own; the clock per
``GONGKAI_TRANSFER_CLOCK`` [M]) or 退回 with a reason (back to the sender, which routes elsewhere or
answers under 条例第三十六条第（五）项). Every step goes through ``services._act`` (lock, version,
role, transition table, guards, audit, notification) and leaves a :class:`Routing` row that both
ends can read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction

from gongkai.errors import CalendarNotLoadedError
from gongkai.law import provisional_calendar
from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role as AccountRole
from gongkai.web.agencies.models import Agency

from . import workflow as wf
from .errors import ServiceError
from .models import Application, Routing, RoutingKind, UnifiedIntake
from .routing_rules import is_unified_intake
from .services_core import _act, work_calendar

RESTART, CONTINUE = "restart", "continue"


def today() -> dt.date:
    """Today, looked up on the :mod:`.services` facade when called (tests patch ``services.today``)."""
    from . import services

    return services.today()


def transfer_clock() -> str:
    """``GONGKAI_TRANSFER_CLOCK`` [M]: ``restart`` (default) or ``continue``."""
    value = str(getattr(settings, "GONGKAI_TRANSFER_CLOCK", RESTART))
    return value if value in (RESTART, CONTINUE) else RESTART


def sign_workdays() -> int:
    """``GONGKAI_ROUTING_SIGN_WORKDAYS`` [M]: working days to 签收 or 退回 a routed application."""
    return int(getattr(settings, "GONGKAI_ROUTING_SIGN_WORKDAYS", 2))


def targets(app: Application, kind: str) -> Any:
    """Agencies ``app`` may be sent to: the portal's subtree for 分送, any other agency for 转办."""
    if kind == RoutingKind.ROUTE:
        intake = UnifiedIntake.objects.filter(agency_id=app.agency_id).select_related("area").first()
        base = intake.area.subtree() if intake is not None else Agency.objects.none()
    else:
        base = Agency.objects.all()
    return base.exclude(pk=app.agency_id).filter(valid_to__isnull=True).order_by("code")


def pending_routing(app: Application) -> Routing | None:
    """The routing step the case waits on (None unless it is 待签收)."""
    if app.state != wf.State.PENDING_SIGN or app.pending_agency_id is None:
        return None
    return (
        Routing.objects.filter(
            application=app,
            to_agency_id=app.pending_agency_id,
            signed_on__isnull=True,
            returned_on__isnull=True,
        )
        .order_by("-pk")
        .first()
    )


def handling(app: Application) -> tuple[Agency, dt.date]:
    """Which agency handles the case and since when (its receipt, or the 签收 of the last routing)."""
    signed = app.routings.filter(signed_on__isnull=False, to_agency=app.agency).order_by("-pk").first()
    return app.agency, signed.signed_on if signed is not None else app.received_on


def _send(
    kind: str,
    app: Application,
    user: Any,
    version: int,
    *,
    to_agency: Agency,
    reason: str,
    on: dt.date | None,
) -> Application:
    day = on or today()
    if not reason.strip():
        raise ServiceError("请写明转办理由（为何由该机关负责办理）。")
    if day > today():
        raise ServiceError("转办日期不能晚于今天。")
    action = wf.Action.ROUTE if kind == RoutingKind.ROUTE else wf.Action.TRANSFER
    try:
        calendar = provisional_calendar(work_calendar(), day)
        sign_due: dt.date | None = calendar.add_workdays(day, sign_workdays())
    except CalendarNotLoadedError:
        sign_due = None

    def change(a: Application) -> None:
        if day < a.received_on:
            raise ServiceError("转办日期不能早于收到申请日期。")
        if not targets(a, kind).filter(pk=to_agency.pk).exists():
            where = "本机关统一受理范围内的机关" if kind == RoutingKind.ROUTE else "其他现行机关"
            raise ServiceError(f"只能{action.label}至{where}。")
        Routing.objects.create(
            application=a,
            kind=kind,
            from_agency=a.agency,
            to_agency=to_agency,
            reason=reason.strip(),
            sent_on=day,
            sign_due=sign_due,
            original_received_on=a.received_on,
            sent_by=user if getattr(user, "is_authenticated", False) else None,
        )
        a.pending_agency = to_agency

    note = f"{app.agency.name} → {to_agency.name}；理由：{reason.strip()}"
    return _act(app, user, action, version, change, note=note)


def route(
    app: Application, user: Any, version: int, *, to_agency: Agency, reason: str, on: dt.date | None = None
) -> Application:
    """分送: the 统一受理 portal sends a case it received to an agency of its subtree (待签收)."""
    return _send(RoutingKind.ROUTE, app, user, version, to_agency=to_agency, reason=reason, on=on)


def transfer(
    app: Application, user: Any, version: int, *, to_agency: Agency, reason: str, on: dt.date | None = None
) -> Application:
    """转办: the agency holding a case sends it to the competent agency, with the reason (待签收)."""
    return _send(RoutingKind.TRANSFER, app, user, version, to_agency=to_agency, reason=reason, on=on)


def sign(app: Application, user: Any, version: int, *, on: dt.date | None = None) -> Application:
    """签收: the case becomes the receiving agency's. With ``GONGKAI_TRANSFER_CLOCK=restart`` its
    收到申请之日 is the 签收 date (条例第三十一条: the agency's own receipt) and the clock starts again;
    with ``continue`` the first agency's receipt date stands."""
    day = on or today()
    mode = transfer_clock()

    def change(a: Application) -> None:
        step = pending_routing(a)
        if step is None:  # pragma: no cover - the state and pending_agency go together
            raise ServiceError("没有待签收的转办记录。")
        if day < step.sent_on or day > today():
            raise ServiceError("签收日期应在送出之日与今天之间。")
        step.signed_on, step.closed_by = day, user if getattr(user, "is_authenticated", False) else None
        step.save()
        a.agency = step.to_agency
        a.assignee = None  # the sender's 承办人 is not the receiver's
        if mode == RESTART:
            a.received_on = day
            a.received_basis = (
                f"{step.get_kind_display()}签收：以本机关签收之日为收到申请之日（参照条例第三十一条）"
            )
        else:
            a.received_basis = (
                f"{step.get_kind_display()}签收：沿用{step.from_agency.name}收到申请之日"
                f"（{step.original_received_on.isoformat()}）"
            )[:200]

    name = app.pending_agency.name if app.pending_agency else ""
    note = f"{name}签收；期限：{'自签收之日重新计算' if mode == RESTART else '沿用原收到申请之日'}"
    return _act(app, user, wf.Action.SIGN, version, change, note=note)


def send_back(
    app: Application, user: Any, version: int, *, reason: str, on: dt.date | None = None
) -> Application:
    """退回: the receiving agency returns the case to the sender with a reason; the sender examines it
    again (routes it elsewhere, or answers under 条例第三十六条第（五）项)."""
    day = on or today()
    if not reason.strip():
        raise ServiceError("请写明退回理由。")

    def change(a: Application) -> None:
        step = pending_routing(a)
        if step is None:  # pragma: no cover - the state and pending_agency go together
            raise ServiceError("没有待签收的转办记录。")
        if day < step.sent_on or day > today():
            raise ServiceError("退回日期应在送出之日与今天之间。")
        step.returned_on, step.return_reason = day, reason.strip()
        step.closed_by = user if getattr(user, "is_authenticated", False) else None
        step.save()

    name = app.pending_agency.name if app.pending_agency else ""
    return _act(app, user, wf.Action.RETURN, version, change, note=f"{name}退回；理由：{reason.strip()}")


def set_unified_intake(
    agency: Agency, actor: Any, *, enabled: bool = True, area: Agency | None = None, note: str = ""
) -> None:
    """Make ``agency`` a 统一受理 portal for ``area``'s subtree (default: its own), or not. The system
    (``actor`` None, e.g. the demo), the system administrator or the agency's own 机构管理员 may;
    audited."""
    if actor is not None and not getattr(actor, "is_superuser", False):
        scope.require(actor, agency, (AccountRole.AGENCY_ADMIN,))
    with transaction.atomic():
        before = {"unified_intake": is_unified_intake(agency)}
        if enabled:
            UnifiedIntake.objects.update_or_create(
                agency=agency, defaults={"area": area or agency, "note": note}
            )
        else:
            UnifiedIntake.objects.filter(agency=agency).delete()
        audit.record(
            actor,
            "agency.unified_intake",
            agency,
            before=before,
            after={"unified_intake": enabled, "area": (area or agency).name if enabled else ""},
            note=note,
        )
