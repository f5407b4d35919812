"""The only code that changes applications (style.md habit 8).

Every service runs in ``transaction.atomic``, locks the row, checks the optimistic ``version`` the
caller read, checks the caller's role (:func:`gongkai.web.accounts.scope.require`) and the transition
table (:mod:`.workflow`), recomputes the due dates with :mod:`gongkai.law.deadlines` from the
platform's working-day calendar, and writes an audit event (:func:`gongkai.web.audit.record`) in the
same transaction. Errors users can cause are :class:`ServiceError` with a Chinese message.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.errors import CalendarNotLoadedError, GongkaiError
from gongkai.law import deadlines, fees, provisional_calendar
from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.accounts.models import ApplicantType

from . import workflow as wf

# The clock lives in .clock; its names stay importable from here.
from .clock import clock_facts as clock_facts
from .clock import open_clock_changes as open_clock_changes
from .clock import provisional_years as provisional_years
from .clock import recompute_clock as recompute_clock
from .clock import recompute_open_clocks as recompute_open_clocks
from .letters import LetterContext, LetterKind, draft, render_docx, sha256_hex, unfilled
from .models import (
    RECEIPT_DATE_RULE,
    Application,
    Channel,
    Consultation,
    ConsultationKind,
    FeeNotice,
    Letter,
    TrackingCounter,
    hash_secret,
)
from .outcomes import OUTCOMES

OFFICE_ROLES = (wf.Role.CLERK.value, wf.Role.REVIEWER.value, wf.Role.APPROVER.value)


class ServiceError(GongkaiError):
    """A request the workflow refuses (wrong state, missing fact, stale form); Chinese message."""


class StaleVersionError(ServiceError):
    """The case changed since the form was read; nothing was overwritten."""


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
        before = _snapshot(locked)
        if change is not None:
            change(locked)
        locked.state = new_state.value
        locked.version += 1
        recompute_clock(locked)
        locked.save()
        audit.record(
            user, f"application.{action.value}", locked, before=before, after=_snapshot(locked), note=note
        )
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
    prefix = agency.code.upper()
    return f"{prefix}-{year}-{counter.last:06d}"


# ---- intake ---------------------------------------------------------------------------------------

APPLICANT_FIELDS = (
    "applicant_type",
    "applicant_category",
    "applicant_name",
    "applicant_id_type",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
)
CONTENT_FIELDS = ("description", "document_number", "provision_form", "delivery_method")


def register(
    *,
    agency: Any,
    actor: Any,
    channel: str,
    received_on: dt.date,
    data: dict[str, Any],
    applicant_user: Any = None,
    idempotency_key: str | None = None,
    online: bool = False,
) -> tuple[Application, str | None]:
    """Register an application (条例 arts. 29, 31); returns it and, for anonymous online
    applicants, the tracking secret (shown once).

    Staff intake (``online=False``) needs an office role in ``agency``. A repeated
    ``idempotency_key`` (double click, retried request) returns the application already created.
    """
    if not online:
        _require_office(actor, agency)
    if idempotency_key:
        existing = Application.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, None
    if data.get("applicant_type") == ApplicantType.NATURAL_PERSON and data.get("applicant_category") != "np":
        raise ServiceError("自然人申请人应计入“自然人”一列。")
    if data.get("applicant_type") == ApplicantType.ORGANISATION and data.get("applicant_category") == "np":
        raise ServiceError("法人或其他组织应选择商业企业、科研机构、社会公益组织、法律服务机构或其他。")
    if received_on > today():
        raise ServiceError("收到申请日期不能晚于今天。")
    secret = new_secret() if online and applicant_user is None else None
    try:
        with transaction.atomic():
            app = Application(
                agency=agency,
                applicant=applicant_user,
                channel=channel,
                received_on=received_on,
                received_basis=RECEIPT_DATE_RULE[Channel(channel)],
                idempotency_key=idempotency_key or None,
                access_secret_hash=hash_secret(secret) if secret else "",
                **{f: data.get(f, "") or "" for f in APPLICANT_FIELDS},
                **{f: data[f] for f in CONTENT_FIELDS if f in data},
            )
            app.tracking_number = _next_tracking_number(agency, received_on.year)
            recompute_clock(app)
            app.save()
            audit.record(
                actor,
                "application.register",
                app,
                after=_snapshot(app),
                note=f"{Channel(channel).label}；{app.received_basis}",
            )
            receipt = _new_letter(app, LetterKind.RECEIPT, actor)
            if online:
                _send(receipt, actor, today())
    except IntegrityError:
        if idempotency_key:
            existing = Application.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing, None
        raise
    return app, secret


def update_details(app: Application, user: Any, version: int, data: dict[str, Any]) -> Application:
    """Correct the applicant snapshot or the request content (not the state); audited, version-checked."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=app.pk)
        _require_office(user, locked.agency)
        if locked.version != version:
            raise StaleVersionError(
                f"申请 {locked.tracking_number} 已被他人修改，您的修改未保存，请刷新后重试。"
            )
        before = {f: getattr(locked, f) for f in (*APPLICANT_FIELDS, *CONTENT_FIELDS)}
        for f in (*APPLICANT_FIELDS, *CONTENT_FIELDS):
            if f in data:
                setattr(locked, f, data[f])
        locked.version += 1
        locked.save()
        after = {f: getattr(locked, f) for f in (*APPLICANT_FIELDS, *CONTENT_FIELDS)}
        audit.record(user, "application.update", locked, before=before, after=after)
    app.refresh_from_db()
    return app


# ---- workflow actions -----------------------------------------------------------------------------


def start_review(app: Application, user: Any, version: int) -> Application:
    return _act(app, user, wf.Action.START_REVIEW, version)


def request_correction(
    app: Application,
    user: Any,
    version: int,
    *,
    items: str,
    notice_on: dt.date,
    period_workdays: int | None = None,
) -> Application:
    """条例 art. 30: one notice listing everything to supplement, with a reasonable period."""
    if not items.strip():
        raise ServiceError("请写明需要补正的全部事项（条例第三十条要求一次性告知）。")
    calendar = provisional_calendar(work_calendar(), notice_on)
    try:
        period = deadlines.supplement_period_due(
            notice_on, calendar, workdays=period_workdays, policy=clock_policy()
        )
    except (CalendarNotLoadedError, deadlines.ClockError) as exc:
        raise ServiceError(str(exc)) from None

    def change(a: Application) -> None:
        if notice_on < a.received_on:
            raise ServiceError("告知补正日期不能早于收到申请日期。")
        if notice_on > today():
            raise ServiceError("告知补正日期不能晚于今天。")
        a.correction_requested_on = notice_on
        a.correction_items = items.strip()
        a.supplement_deadline = period.due

    late = app.supplement_notice_due is not None and notice_on > app.supplement_notice_due
    # Art. 30 asks for the notice within 7 working days; a late notice is still valid but recorded.
    note = f"告知补正晚于条例第三十条规定的期限（{app.supplement_notice_due}）" if late else ""
    app = _act(app, user, wf.Action.REQUEST_CORRECTION, version, change, note=note)
    _new_letter(app, LetterKind.CORRECTION, user)
    return app


def record_supplement(app: Application, user: Any, version: int, *, received_on: dt.date) -> Application:
    """The supplement arrived: the reply period restarts from its receipt (条例 art. 30)."""

    def change(a: Application) -> None:
        if a.correction_requested_on and received_on < a.correction_requested_on:
            raise ServiceError("收到补正日期不能早于告知补正日期。")
        if received_on > today():
            raise ServiceError("收到补正日期不能晚于今天。")
        a.supplement_received_on = received_on

    return _act(app, user, wf.Action.RECORD_SUPPLEMENT, version, change)


def mark_abandoned(app: Application, user: Any, version: int, *, on: dt.date) -> Application:
    """No supplement within the period without good reason: deemed abandoned (art. 30; 表三（六）1)."""

    def change(a: Application) -> None:
        if on > today():
            raise ServiceError("日期不能晚于今天。")
        if a.supplement_deadline is None or on <= a.supplement_deadline:
            raise ServiceError(f"补正期限（{a.supplement_deadline}）尚未届满，不能视为放弃。")
        a.outcome = "other_no_correction"
        a.decided_on = a.concluded_on = on

    return _act(app, user, wf.Action.MARK_ABANDONED, version, change)


def consult(
    app: Application,
    user: Any,
    version: int,
    *,
    kind: str,
    party_name: str,
    party_address: str = "",
    sent_on: dt.date,
) -> Application:
    """Consult a third party (art. 32) or co-producing agency (art. 34) in writing; 15 working days."""
    if not party_name.strip():
        raise ServiceError("请填写被征求意见方。")
    try:
        due = deadlines.consultation_reply_due(
            sent_on,
            provisional_calendar(work_calendar(), sent_on),
            deadlines.ConsultationKind(kind),
            policy=clock_policy(),
        ).due
    except (CalendarNotLoadedError, deadlines.ClockError) as exc:
        raise ServiceError(str(exc)) from None

    def change(a: Application) -> None:
        if sent_on < a.received_on:
            raise ServiceError("发出征求意见日期不能早于收到申请日期。")
        Consultation.objects.create(
            application=a,
            kind=kind,
            party_name=party_name.strip(),
            party_address=party_address,
            sent_on=sent_on,
            reply_due=due,
        )

    app = _act(app, user, wf.Action.CONSULT, version, change)
    letter_kind = LetterKind.CONSULTATION if kind == ConsultationKind.THIRD_PARTY else LetterKind.COPRODUCER
    _new_letter(app, letter_kind, user)
    return app


def end_consultation(
    app: Application,
    user: Any,
    version: int,
    *,
    answered_on: dt.date | None,
    opinion: str = "",
    objects: bool = False,
) -> Application:
    """Record the answer (or its absence: ``answered_on`` None means the 15 days ran out)."""

    def change(a: Application) -> None:
        c = a.consultations.filter(answered_on__isnull=True).order_by("-sent_on", "-pk").first()
        if c is None:  # pragma: no cover - the state guarantees one
            raise ServiceError("没有进行中的征求意见。")
        # No answer: the wait ends when the party's 15 working days run out, or today if earlier.
        end = answered_on or min(c.reply_due, today())
        if end < c.sent_on:
            raise ServiceError("收到意见日期不能早于发出征求意见日期。")
        c.answered_on = end
        c.opinion = opinion or ("逾期未提出意见" if answered_on is None else "")
        c.objects_to_disclosure = objects
        c.save()

    return _act(app, user, wf.Action.END_CONSULTATION, version, change)


def request_extension(app: Application, user: Any, version: int, *, reason: str) -> Application:
    """Ask the head of the office to extend the reply period (art. 33 ¶2); only once per case."""
    if not reason.strip():
        raise ServiceError("请说明延期理由。")

    def change(a: Application) -> None:
        if a.extension_approved_on is not None:
            raise ServiceError("答复期限只能延长一次（条例第三十三条第二款）。")
        a.extension_reason = reason.strip()

    return _act(app, user, wf.Action.REQUEST_EXTENSION, version, change)


def approve_extension(app: Application, user: Any, version: int, *, on: dt.date | None = None) -> Application:
    """The reviewer/approver approves: at most 20 more working days (art. 33 ¶2); notify the applicant."""
    day = on or today()

    def change(a: Application) -> None:
        if a.reply_due is not None and day > a.reply_due:
            raise ServiceError(f"答复期限（{a.reply_due}）已过，不能再批准延期。")
        if a.extended_due is None:
            # Fail closed: an extension whose end date cannot be computed is not granted blindly.
            raise ServiceError(
                f"无法计算延期后的答复期限：{a.clock_error or '工作日历不完整'}。请先导入所需年份的日历。"
            )
        a.extension_approved_on = day

    app = _act(app, user, wf.Action.APPROVE_EXTENSION, version, change)
    _new_letter(app, LetterKind.EXTENSION, user)
    return app


def reject_extension(app: Application, user: Any, version: int) -> Application:
    return _act(app, user, wf.Action.REJECT_EXTENSION, version)


def decide(
    app: Application,
    user: Any,
    version: int,
    *,
    outcome: str,
    decision_text: str = "",
    on: dt.date | None = None,
) -> Application:
    """Fix the outcome: one table 三 outcome row (a partial disclosure counts only as partial)."""
    if outcome not in OUTCOMES or outcome in ("other_no_correction", "other_no_fee"):
        raise ServiceError("请选择有效的办理结果（逾期不补正、逾期不缴费由相应操作登记）。")
    day = on or today()

    def change(a: Application) -> None:
        if outcome == "unable_still_unclear" and a.supplement_received_on is None:
            # 表三（四）3 is "补正后申请内容仍不明确": only after a correction and its supplement (art. 30).
            raise ServiceError("“补正后申请内容仍不明确”只适用于已告知补正并收到补正的申请。")
        if day < a.received_on or day > today():
            raise ServiceError("决定日期应在收到申请之日与今天之间。")
        a.outcome = outcome
        a.decision_text = decision_text.strip()
        a.decided_on = day

    app = _act(app, user, wf.Action.DECIDE, version, change)
    _new_letter(app, LetterKind.REPLY, user)
    return app


def fee_for(app: Application, method: str, quantity: int) -> fees.Fee:
    """The 信息处理费 of ``app`` by one method (国办函〔2020〕109号 arts. 3–5).

    按件: ``quantity`` is ignored; the application's place among the same applicant's applications to
    this agency in its calendar month is counted from the records (art. 4).
    """
    if method == fees.FeeMethod.PER_APPLICATION:
        same = Application.objects.filter(agency=app.agency).exclude(pk=app.pk)
        if app.applicant_id:
            same = same.filter(applicant_id=app.applicant_id)
        elif app.applicant_id_number:
            same = same.filter(applicant_id_number=app.applicant_id_number)
        else:
            same = same.filter(applicant_name=app.applicant_name)
        earlier = same.filter(
            Q(received_on__lt=app.received_on) | Q(received_on=app.received_on, pk__lt=app.pk)
        ).values_list("received_on", flat=True)
        return fees.application_fee(method, nth=fees.nth_in_month(app.received_on, list(earlier)))
    return fees.application_fee(method, pages=quantity)


def issue_fee_notice(
    app: Application, user: Any, version: int, *, method: str, quantity: int = 0, issued_on: dt.date
) -> Application:
    """Notify the fee (109号); payment within the policy's period, else （六）2."""
    try:
        fee = fee_for(app, method, quantity)
        payment_due = deadlines.fee_payment_due(
            issued_on, provisional_calendar(work_calendar(), issued_on), policy=clock_policy()
        ).due
    except GongkaiError as exc:
        raise ServiceError(str(exc)) from None
    if fee.yuan == 0:
        raise ServiceError("按所选方式计算，本申请不收费，无需发出收费通知。")

    def change(a: Application) -> None:
        if FeeNotice.objects.filter(application=a).exists():
            raise ServiceError("本申请已发出过收费通知（同一申请只能选择一种计收方式）。")
        FeeNotice.objects.create(
            application=a,
            method=method,
            quantity=fee.quantity,
            amount=Decimal(fee.yuan),
            explanation=fee.explain(),
            issued_on=issued_on,
            payment_due=payment_due,
        )

    app = _act(app, user, wf.Action.ISSUE_FEE_NOTICE, version, change)
    _new_letter(app, LetterKind.FEE, user)
    return app


def record_payment(app: Application, user: Any, version: int, *, paid_on: dt.date) -> Application:
    def change(a: Application) -> None:
        notice = a.fee_notice
        if paid_on < notice.issued_on:
            raise ServiceError("缴费日期不能早于收费通知日期。")
        notice.paid_on = paid_on
        notice.save()

    return _act(app, user, wf.Action.RECORD_PAYMENT, version, change)


def fee_lapsed(app: Application, user: Any, version: int, *, on: dt.date) -> Application:
    """Not paid in time: no longer handled (表三（六）2)."""

    def change(a: Application) -> None:
        notice = a.fee_notice
        if on > today():
            raise ServiceError("日期不能晚于今天。")
        if on <= notice.payment_due:
            raise ServiceError(f"缴费期限（{notice.payment_due}）尚未届满。")
        notice.lapsed_on = on
        notice.save()
        a.outcome = "other_no_fee"
        a.decided_on = a.concluded_on = on

    return _act(app, user, wf.Action.FEE_LAPSED, version, change)


def withdraw(
    app: Application, user: Any, version: int, *, on: dt.date | None = None, note: str = ""
) -> Application:
    """The applicant withdraws before the reply: counted under 表三（六）3 其他 ([M])."""
    day = on or today()

    def change(a: Application) -> None:
        if day > today() or day < a.received_on:
            raise ServiceError("撤回日期应在收到申请之日与今天之间。")
        a.outcome = "other_other"
        a.decision_text = note or "申请人撤回申请"
        a.decided_on = a.concluded_on = day

    return _act(app, user, wf.Action.WITHDRAW, version, change, note=note)


def close(app: Application, user: Any, version: int) -> Application:
    return _act(app, user, wf.Action.CLOSE, version)


# ---- letters --------------------------------------------------------------------------------------


def review_body(agency: Any) -> str:
    """Where reconsideration is applied for: since the 2023 revision mostly the same-level people's
    government ([M]); the parent government when there is one, else the agency's own government."""
    parent = agency.parent
    if parent is not None and parent.kind == "government":
        return str(parent.name)
    return str(getattr(settings, "GONGKAI_DEFAULT_REVIEW_BODY", "本级人民政府"))


def _yuan(amount: Decimal) -> Decimal | int:
    """Whole yuan print without decimals (109号 amounts are whole yuan)."""
    return int(amount) if amount == amount.to_integral_value() else amount


def letter_context(app: Application, on: dt.date | None = None) -> LetterContext:
    consultation = app.consultations.order_by("-sent_on", "-pk").first()
    notice = FeeNotice.objects.filter(application=app).first()
    agency = app.agency
    contact = "；".join(
        x for x in (agency.office_address, f"电话 {agency.office_phone}" if agency.office_phone else "") if x
    )
    return LetterContext(
        agency_name=agency.name,
        applicant_name=app.applicant_name,
        tracking_number=app.tracking_number,
        received=app.received_on,
        description=app.description,
        today=on or today(),
        office_contact=contact,
        reply_due=app.reply_due,
        correction_items=app.correction_items,
        supplement_deadline=app.supplement_deadline,
        extended_due=app.extended_due,
        provisional_years=provisional_years(
            app.reply_due,
            app.extended_due,
            app.supplement_deadline,
            consultation.reply_due if consultation else None,
            notice.payment_due if notice else None,
        ),
        extension_reason=app.extension_reason,
        third_party_name=consultation.party_name if consultation else "",
        consultation_due=consultation.reply_due if consultation else None,
        fee_amount=_yuan(notice.amount) if notice else None,
        fee_explanation="\n".join(notice.explanation) if notice else "",
        payment_deadline=notice.payment_due if notice else None,
        outcome=app.outcome,
        decision_text=app.decision_text,
        review_body=review_body(agency),
    )


def _new_letter(app: Application, kind: LetterKind, user: Any) -> Letter:
    """Create the draft of a letter from the default text (inside the caller's transaction or its own)."""
    with transaction.atomic():
        d = draft(kind, letter_context(app))
        letter = Letter.objects.create(
            application=app,
            kind=kind.value,
            title=d.title,
            addressee=d.addressee,
            body=d.body,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        audit.record(user, "letter.draft", letter, after={"kind": kind.value, "title": d.title})
    return letter


def edit_letter(letter: Letter, user: Any, version: int, *, title: str, addressee: str, body: str) -> Letter:
    """Change the text of a draft letter; the application ``version`` guards concurrent edits."""
    if not body.strip() or not title.strip():
        raise ServiceError("文书标题和正文不能为空。")
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=letter.application_id)
        _require_office(user, app.agency)
        if app.version != version:
            raise StaleVersionError(
                f"申请 {app.tracking_number} 已被他人修改，您的修改未保存，请刷新后重试。"
            )
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if locked.is_sent:
            raise ServiceError("文书已发送，不能再修改。")
        before = {"title": locked.title, "addressee": locked.addressee, "body": locked.body}
        locked.title, locked.addressee, locked.body = title.strip(), addressee.strip(), body.strip()
        locked.save()
        app.version += 1
        app.save(update_fields=["version", "updated_at"])
        audit.record(
            user,
            "letter.edit",
            locked,
            before=before,
            after={"title": title, "addressee": addressee, "body": body},
        )
    letter.refresh_from_db()
    return letter


def _send(letter: Letter, user: Any, on: dt.date) -> Letter:
    data = render_docx(
        title=letter.title,
        addressee=letter.addressee,
        body=letter.body,
        agency_name=letter.application.agency.name,
        dated=on,
        number=letter.application.tracking_number,
    )
    letter.docx = data
    letter.sha256 = sha256_hex(data)
    letter.sent_at = timezone.now()
    letter.save()
    audit.record(user, "letter.send", letter, after={"kind": letter.kind, "sha256": letter.sha256})
    return letter


def send_letter(letter: Letter, user: Any, version: int, *, on: dt.date | None = None) -> Letter:
    """Generate the DOCX from the (edited) text, archive it with its sha256, and mark it sent.

    Sending the reply letter (答复书) is the reply: the case moves to 已答复 and is concluded that day
    (the date used by table 三).
    """
    day = on or today()
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=letter.application_id)
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if locked.is_sent:
            raise ServiceError("该文书已发送。")
        missing = unfilled(f"{locked.title}{locked.addressee}{locked.body}")
        if missing:
            raise ServiceError(f"文书中仍有待填写的内容（{'、'.join(missing)}），请修改后再发送。")
        if day > today():
            raise ServiceError("发送日期不能晚于今天。")
        if locked.kind == LetterKind.REPLY:

            def change(a: Application) -> None:
                a.concluded_on = day

            _act(app, user, wf.Action.SEND_REPLY, version, change, note=locked.title)
        else:
            _require_office(user, app.agency)
            if app.version != version:
                raise StaleVersionError(f"申请 {app.tracking_number} 已被他人修改，请刷新后重试。")
            app.version += 1
            app.save(update_fields=["version", "updated_at"])
        _send(locked, user, day)
    letter.refresh_from_db()
    return letter
