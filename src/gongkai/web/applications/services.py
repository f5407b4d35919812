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
from gongkai.web.security.submission import sender_of

from . import decisions, letter_services, notices, notifications
from . import workflow as wf

# The clock lives in .clock; its names stay importable from here.
from .clock import clock_facts as clock_facts
from .clock import open_clock_changes as open_clock_changes
from .clock import provisional_years as provisional_years
from .clock import recompute_clock as recompute_clock
from .clock import recompute_open_clocks as recompute_open_clocks
from .errors import ServiceError, StaleVersionError
from .letter_services import letter_context, review_body  # noqa: F401 (moved; importable here as before)
from .letters import LetterKind, draft
from .models import (
    RECEIPT_DATE_RULE,
    Application,
    Channel,
    Consultation,
    ConsultationKind,
    FeeNotice,
    Letter,
    NoticeMethod,
    ProvisionForm,
    TrackingCounter,
    hash_secret,
)
from .outcomes import OUTCOMES

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
CONTENT_FIELDS = ("description", "document_number", "item_count", "provision_form", "delivery_method")


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
    sender: str | None = None,
) -> tuple[Application, str | None]:
    """Register an application (条例 arts. 29, 31); returns it and, for anonymous online
    applicants, the tracking secret (shown once).

    Staff intake (``online=False``) needs an office role in ``agency``. A repeated
    ``idempotency_key`` (double click, retried request) returns the application already created —
    only to the same ``sender`` in the same agency (security/submission.py; default: the account of
    ``applicant_user`` or ``actor``, else the system): someone else's key opens nothing.
    """
    if not online:
        _require_office(actor, agency)
    sender = sender or sender_of(actor, applicant_user)
    submission = {"agency": agency, "idempotency_sender": sender, "idempotency_key": idempotency_key}
    if idempotency_key:
        existing = Application.objects.filter(**submission).first()
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
                idempotency_sender=sender if idempotency_key else "",
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
                _send_automatic(receipt, actor, today())
    except IntegrityError:
        if idempotency_key:
            existing = Application.objects.filter(**submission).first()
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


def _provisional_receipt(day: dt.date) -> dt.date:
    """The draft letter's dates assume the letter is received the day it is drafted; the stored
    deadline is recomputed from the real receipt when it is sent (never earlier than the draft's)."""
    return day


def request_correction(
    app: Application,
    user: Any,
    version: int,
    *,
    items: str,
    notice_on: dt.date | None = None,
    period_workdays: int | None = None,
    delivery_method: str = NoticeMethod.POST,
) -> Application:
    """条例第三十条: **one** notice listing everything to supplement, with a reasonable period.

    The 补正告知书 is drafted; the period runs from the applicant's receipt of the sent notice, and
    nothing follows from it (no 视为放弃, no supplement) until it is sent. With ``notice_on`` the
    notice is sent at once that day by ``delivery_method``. A second correction request on the same
    application is refused (一次性告知; guard in :mod:`.notices`).
    """
    if not items.strip():
        raise ServiceError("请写明需要补正的全部事项（条例第三十条要求一次性告知）。")
    drafted = notice_on or today()
    calendar = provisional_calendar(work_calendar(), _provisional_receipt(drafted))
    try:
        period = deadlines.supplement_period_due(
            _provisional_receipt(drafted), calendar, workdays=period_workdays, policy=clock_policy()
        )
    except (CalendarNotLoadedError, deadlines.ClockError) as exc:
        raise ServiceError(str(exc)) from None

    def change(a: Application) -> None:
        if drafted < a.received_on:
            raise ServiceError("告知补正日期不能早于收到申请日期。")
        if drafted > today():
            raise ServiceError("告知补正日期不能晚于今天。")
        a.correction_requested_on = drafted
        a.correction_items = items.strip()
        a.supplement_deadline = period.due
        a.clock = {**(a.clock or {}), "supplement_workdays": period.workdays}

    late = app.supplement_notice_due is not None and drafted > app.supplement_notice_due
    # Art. 30 asks for the notice within 7 working days; a late notice is still valid but recorded.
    note = f"告知补正晚于条例第三十条规定的期限（{app.supplement_notice_due}）" if late else ""
    with transaction.atomic():  # drafted and (with ``notice_on``) sent: all or nothing
        app = _act(app, user, wf.Action.REQUEST_CORRECTION, version, change, note=note)
        letter = _new_letter(app, LetterKind.CORRECTION, user)
        if notice_on is not None:
            app.refresh_from_db()
            send_letter(letter, user, app.version, on=notice_on, delivery_method=delivery_method)
            app.refresh_from_db()
    return app


def record_supplement(app: Application, user: Any, version: int, *, received_on: dt.date) -> Application:
    """The supplement arrived: the reply period restarts from its receipt (条例第三十条)."""

    def change(a: Application) -> None:
        if a.correction_requested_on and received_on < a.correction_requested_on:
            raise ServiceError("收到补正日期不能早于告知补正日期。")
        sent = notices.sent_letter(a, LetterKind.CORRECTION)
        if sent is not None and sent.sent_on is not None and received_on < sent.sent_on:
            raise ServiceError("收到补正日期不能早于补正告知书发出日期。")
        if received_on > today():
            raise ServiceError("收到补正日期不能晚于今天。")
        a.supplement_received_on = received_on

    return _act(app, user, wf.Action.RECORD_SUPPLEMENT, version, change)


def mark_abandoned(app: Application, user: Any, version: int, *, on: dt.date) -> Application:
    """No supplement within the period without good reason: deemed abandoned (条例第三十条; 表三（六）1).

    Only after the sent 补正告知书's period, counted from the applicant's receipt, has run out."""

    def change(a: Application) -> None:
        if on > today():
            raise ServiceError("日期不能晚于今天。")
        if a.supplement_deadline is None or on <= a.supplement_deadline:
            raise ServiceError(
                f"补正期限（{a.supplement_deadline}，自申请人收到补正告知书之日起算）尚未届满，"
                "不能视为放弃（条例第三十条）。"
            )
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
    sent_on: dt.date | None = None,
    delivery_method: str = NoticeMethod.POST,
) -> Application:
    """Consult a third party (条例第三十二条) or co-producing agency (第三十四条) in writing.

    The 征求意见书 is drafted; the consultation pause (第三十三条第三款) starts when it is sent and the
    party's 15 working days run from its receipt of the letter (recorded, or estimated for post).
    With ``sent_on`` the letter is sent at once that day by ``delivery_method``.
    """
    if not party_name.strip():
        raise ServiceError("请填写被征求意见方。")
    try:
        ckind = ConsultationKind(kind)
    except ValueError:
        raise ServiceError("征求对象无效。") from None
    if sent_on is not None and sent_on > today():
        raise ServiceError("发出征求意见日期不能晚于今天。")

    def change(a: Application) -> None:
        if sent_on is not None and sent_on < a.received_on:
            raise ServiceError("发出征求意见日期不能早于收到申请日期。")
        Consultation.objects.create(
            application=a, kind=ckind, party_name=party_name.strip(), party_address=party_address
        )

    letter_kind = LetterKind.CONSULTATION if ckind == ConsultationKind.THIRD_PARTY else LetterKind.COPRODUCER
    with transaction.atomic():  # drafted and (with ``sent_on``) sent: all or nothing
        app = _act(app, user, wf.Action.CONSULT, version, change)
        letter = _new_letter(app, letter_kind, user)
        Consultation.objects.filter(application=app, letter__isnull=True, answered_on__isnull=True).update(
            letter=letter
        )
        if sent_on is not None:
            app.refresh_from_db()
            send_letter(letter, user, app.version, on=sent_on, delivery_method=delivery_method)
            app.refresh_from_db()
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
    """Record the answer, or (``answered_on`` None) that the party's 15 working days ran out.

    条例第三十二条: the 15 working days run from the party's receipt of the letter; the case cannot be
    closed as 逾期未提出意见 before they have passed."""

    def change(a: Application) -> None:
        c = a.consultations.filter(answered_on__isnull=True).order_by("-pk").first()
        if c is None or c.sent_on is None:  # pragma: no cover - the state and the guards ensure one
            raise ServiceError("没有已发出的征求意见书。")
        if answered_on is None:
            if c.reply_due is None or today() <= c.reply_due:
                raise ServiceError(
                    f"被征求意见方的答复期限（{c.reply_due}，自其收到征求意见书之日起15个工作日）尚未届满，"
                    "不能按逾期未提出意见处理（条例第三十二条、第三十四条）。"
                )
            end = c.reply_due
        else:
            end = answered_on
            if end > today():
                raise ServiceError("收到意见日期不能晚于今天。")
        if end < c.sent_on:
            raise ServiceError("收到意见日期不能早于发出征求意见日期。")
        c.answered_on = end
        c.opinion = opinion or (notices.NO_OPINION if answered_on is None else "")
        c.objects_to_disclosure = objects and answered_on is not None
        c.save()

    return _act(app, user, wf.Action.END_CONSULTATION, version, change)


def request_extension(app: Application, user: Any, version: int, *, reason: str) -> Application:
    """Ask the head of the office to extend the reply period (条例第三十三条第二款); only once per case."""
    if not reason.strip():
        raise ServiceError("请说明延期理由。")

    def change(a: Application) -> None:
        if a.extension_approved_on is not None:
            raise ServiceError("答复期限只能延长一次（条例第三十三条第二款）。")
        a.extension_reason = reason.strip()

    return _act(app, user, wf.Action.REQUEST_EXTENSION, version, change)


def recommend_extension(
    app: Application, user: Any, version: int, *, opinion: str, on: dt.date | None = None
) -> Application:
    """A 审核人's recorded opinion on an extension request; only the 负责人 approves (第三十三条第二款)."""
    if not opinion.strip():
        raise ServiceError("请填写审核意见。")

    def change(a: Application) -> None:
        a.extension_recommendation = opinion.strip()
        a.extension_recommended_on = on or today()

    return _act(app, user, wf.Action.RECOMMEND_EXTENSION, version, change, note=opinion.strip())


def approve_extension(app: Application, user: Any, version: int, *, on: dt.date | None = None) -> Application:
    """The 负责人 approves: at most 20 more working days (条例第三十三条第二款).

    The extension takes effect when the 延期答复告知书 (drafted here) is sent, which must be before the
    reply deadline."""
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


#: Outcomes that disclose information (条例第三十二条: disclosure despite a third party's objection).
DISCLOSING_OUTCOMES = ("granted", "partial")


def decide(
    app: Application,
    user: Any,
    version: int,
    *,
    outcome: str,
    decision_text: str = "",
    on: dt.date | None = None,
    **inputs: Any,
) -> Application:
    """Fix the outcome: one table 三 outcome row (a partial disclosure counts only as partial).

    ``inputs`` are the decision inputs of :data:`decisions.FIELDS` (reasons, withheld parts, the
    art. 36(4)/(5) answer and the responsible agency, the art. 32 public-interest reasons), checked by
    :func:`decisions.validate`.
    """
    if outcome not in OUTCOMES or outcome in ("other_no_correction", "other_no_fee"):
        raise ServiceError("请选择有效的办理结果（逾期不补正、逾期不缴费由相应操作登记）。")
    day = on or today()

    def change(a: Application) -> None:
        if outcome == "unable_still_unclear" and a.supplement_received_on is None:
            # 表三（四）3 is "补正后申请内容仍不明确": only after a correction and its supplement (art. 30).
            raise ServiceError("“补正后申请内容仍不明确”只适用于已告知补正并收到补正的申请。")
        if day < a.received_on or day > today():
            raise ServiceError("决定日期应在收到申请之日与今天之间。")
        objected = decisions.third_party_objected(a)
        errors = decisions.validate(outcome, decision_text, inputs, third_party_objected=objected)
        if errors:
            raise ServiceError(decisions.message(errors))
        for field, value in decisions.normalise(outcome, inputs).items():
            setattr(a, field, value)
        a.outcome = outcome
        a.decision_text = decision_text.strip()
        a.decided_on = day

    app = _act(app, user, wf.Action.DECIDE, version, change)
    _new_letter(app, LetterKind.REPLY, user)
    if decisions.needs_third_party_notice(app):  # 条例第三十二条: written notice to the third party
        _new_letter(app, LetterKind.THIRD_PARTY_DISCLOSURE, user)
    return app


#: 国办函〔2020〕109号第五条: 按量计收 only where the applicant asked for paper copies, e-mail or copied
#: electronic data (an electronic file handed over on a medium by post or at the counter).
def per_volume_allowed(app: Application) -> bool:
    if app.provision_form == ProvisionForm.PAPER:
        return True
    if app.provision_form == ProvisionForm.ELECTRONIC:
        return app.delivery_method in ("email", "post", "pickup")
    return False


def _same_applicant(app: Application) -> Q:
    """ "同一申请人" (109号第四条): by account or identity document / credit code — never by name alone."""
    cond = Q(pk__in=[])
    if app.applicant_id:
        cond |= Q(applicant_id=app.applicant_id)
    number = (app.applicant_id_number or "").strip()
    if number:
        cond |= Q(applicant_id_number__iexact=number)
    return cond


def fee_for(app: Application, method: str, quantity: int) -> fees.Fee:
    """The 信息处理费 of ``app`` by one method (国办函〔2020〕109号 arts. 3–5).

    按件: ``quantity`` is ignored; the application's units (``item_count``, "一事一申请" splitting of a
    multi-item request, art. 4) are placed after the same applicant's earlier units to this agency in
    its calendar month. The same applicant is found by account or identity number, never by name.
    按量 (art. 5): only for paper copies, e-mail or copied electronic data.
    """
    if method == fees.FeeMethod.PER_APPLICATION:
        if not app.applicant_id and not (app.applicant_id_number or "").strip():
            raise ServiceError(
                "无法确认同一申请人：申请缺少身份证明号码（或统一社会信用代码）且无申请人账户，"
                "不能仅凭姓名或名称按件累计计收（国办函〔2020〕109号第四条）。"
            )
        same = Application.objects.filter(agency=app.agency).exclude(pk=app.pk).filter(_same_applicant(app))
        month = same.filter(
            received_on__year=app.received_on.year, received_on__month=app.received_on.month
        ).filter(Q(received_on__lt=app.received_on) | Q(received_on=app.received_on, pk__lt=app.pk))
        earlier = sum(month.values_list("item_count", flat=True))
        units = max(1, app.item_count)
        if units == 1:
            return fees.application_fee(method, nth=earlier + 1)
        whole, before = fees.monthly_application_fees(earlier + units), fees.monthly_application_fees(earlier)
        return fees.Fee(
            fees.FeeMethod.PER_APPLICATION,
            units,
            whole.yuan - before.yuan,
            whole.lines,
            f"本申请按“一事一申请”拆分为{units}件，为本自然月第{earlier + 1}至{earlier + units}件",
        )
    if not per_volume_allowed(app):
        raise ServiceError(
            "按量计收只适用于申请人要求以纸质件、电子邮件或复制电子数据等方式提供的情形"
            "（国办函〔2020〕109号第五条）；本申请请选择按件计收或不收费。"
        )
    return fees.application_fee(method, pages=quantity)


def issue_fee_notice(
    app: Application,
    user: Any,
    version: int,
    *,
    method: str,
    quantity: int = 0,
    issued_on: dt.date | None = None,
    delivery_method: str = NoticeMethod.POST,
) -> Application:
    """Draft the 收费通知书 (109号); it must be sent before the reply deadline. The payment period runs
    from the day after the applicant receives it; with ``issued_on`` it is sent at once that day."""
    drafted = issued_on or today()
    try:
        fee = fee_for(app, method, quantity)
        payment_due = deadlines.fee_payment_due(
            _provisional_receipt(drafted),
            provisional_calendar(work_calendar(), _provisional_receipt(drafted)),
            policy=clock_policy(),
        ).due
    except GongkaiError as exc:
        raise ServiceError(str(exc)) from None
    if fee.yuan == 0:
        raise ServiceError("按所选方式计算，本申请不收费，无需发出收费通知。")

    def change(a: Application) -> None:
        _fee_before_reply_due(a, drafted)
        if FeeNotice.objects.filter(application=a).exists():
            raise ServiceError("本申请已发出过收费通知（同一申请只能选择一种计收方式）。")
        FeeNotice.objects.create(
            application=a,
            method=method,
            quantity=fee.quantity,
            units=max(1, a.item_count) if method == fees.FeeMethod.PER_APPLICATION else 1,
            amount=Decimal(fee.yuan),
            explanation=fee.explain(),
            payment_due=payment_due,
        )

    with transaction.atomic():  # drafted and (with ``issued_on``) sent: all or nothing
        app = _act(app, user, wf.Action.ISSUE_FEE_NOTICE, version, change)
        letter = _new_letter(app, LetterKind.FEE, user)
        if issued_on is not None:
            app.refresh_from_db()
            send_letter(letter, user, app.version, on=issued_on, delivery_method=delivery_method)
            app.refresh_from_db()
    return app


def _fee_before_reply_due(app: Application, day: dt.date) -> None:
    due = app.effective_due
    if due is not None and day > due:
        raise ServiceError(
            f"答复期限（{due}）已过，不能再发出收费通知：收费通知应在答复期限内发出（国办函〔2020〕109号）。"
        )


def record_payment(app: Application, user: Any, version: int, *, paid_on: dt.date) -> Application:
    def change(a: Application) -> None:
        notice = a.fee_notice
        if notice.issued_on is None or paid_on < notice.issued_on:
            raise ServiceError("缴费日期不能早于收费通知书发出日期。")
        if paid_on > today():
            raise ServiceError("缴费日期不能晚于今天。")
        notice.paid_on = paid_on
        notice.save()

    return _act(app, user, wf.Action.RECORD_PAYMENT, version, change)


def fee_lapsed(app: Application, user: Any, version: int, *, on: dt.date) -> Application:
    """Not paid in time after the sent 收费通知书: no longer handled (109号; 表三（六）2)."""

    def change(a: Application) -> None:
        notice = a.fee_notice
        if on > today():
            raise ServiceError("日期不能晚于今天。")
        if notice.payment_due is None or on <= notice.payment_due:
            raise ServiceError(
                f"缴费期限（{notice.payment_due}，自申请人收到收费通知书次日起算）尚未届满（国办函〔2020〕109号）。"
            )
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


def _new_letter(app: Application, kind: LetterKind, user: Any) -> Letter:
    """Create the draft of a letter from the default text (inside the caller's transaction or its own)."""
    with transaction.atomic():
        d = draft(kind, letter_context(app, kind=kind))
        letter = Letter.objects.create(
            application=app,
            kind=kind.value,
            title=d.title,
            addressee=d.addressee,
            body=d.body,
            table=[list(r) for r in d.table],
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


def _send(letter: Letter, user: Any, on: dt.date, method: str = NoticeMethod.ONLINE) -> Letter:
    try:
        sent = letter_services.send_files(letter, user, on, method)
    except letter_services.LetterServiceError as exc:
        raise ServiceError(exc.message) from None
    notifications.record(sent.application, "letter.send", letter=sent)
    return sent


def _send_automatic(letter: Letter, user: Any, on: dt.date) -> None:
    """Send a letter the platform sends by itself (the online receipt, delivered online) if it passes
    the completeness check; otherwise it stays a draft for the clerk (audited), the application is
    still registered."""
    try:
        with transaction.atomic():
            _send(letter, user, on, NoticeMethod.ONLINE)
    except ServiceError as exc:
        audit.record(user, "letter.send_held", letter, note=exc.message)


def default_method(app: Application) -> str:
    """The delivery method assumed when none is given: online for online applications, else post."""
    return NoticeMethod.ONLINE if app.channel == Channel.ONLINE else NoticeMethod.POST


#: Letters whose sending or receipt moves a deadline or starts a consequence.
NOTICE_KINDS = (
    LetterKind.CORRECTION,
    LetterKind.EXTENSION,
    LetterKind.CONSULTATION,
    LetterKind.COPRODUCER,
    LetterKind.FEE,
)


def _notice_effects(a: Application, letter: Letter, *, sending: bool) -> None:
    """What a sent notice (or its recorded receipt) changes on the locked case ``a`` (not saved).

    Each period counts from the addressee's receipt (:func:`notices.receipt_of`)."""
    receipt = notices.receipt_of(letter)
    assert receipt is not None and letter.sent_on is not None
    calendar, policy = provisional_calendar(work_calendar(), receipt.day), clock_policy()
    try:
        if letter.kind == LetterKind.CORRECTION:
            workdays = (a.clock or {}).get("supplement_workdays")
            period = deadlines.supplement_period_due(receipt.day, calendar, workdays=workdays, policy=policy)
            a.supplement_deadline = period.due
        elif letter.kind == LetterKind.EXTENSION and sending:
            if a.extension_approved_on is None:
                raise ServiceError("延期尚未经负责人批准，不能发出延期答复告知书（条例第三十三条第二款）。")
            if a.reply_due is not None and letter.sent_on > a.reply_due:
                raise ServiceError(
                    f"延期答复告知书应在原答复期限（{a.reply_due}）届满前发出（条例第三十三条第二款）。"
                )
            a.extension_notified_on = letter.sent_on
        elif letter.kind in (LetterKind.CONSULTATION, LetterKind.COPRODUCER):
            c = Consultation.objects.filter(letter=letter).first()
            if c is not None:
                if sending and letter.sent_on < a.received_on:
                    raise ServiceError("发出征求意见日期不能早于收到申请日期。")
                c.sent_on = letter.sent_on
                c.reply_due = deadlines.consultation_reply_due(
                    receipt.day, calendar, deadlines.ConsultationKind(c.kind), policy=policy
                ).due
                c.save()
        elif letter.kind == LetterKind.FEE:
            notice = FeeNotice.objects.get(application=a)
            if sending:
                _fee_before_reply_due(a, letter.sent_on)
                notice.issued_on = letter.sent_on
            # 109号: the payment period counts from the day after the applicant receives the notice.
            notice.payment_due = deadlines.fee_payment_due(receipt.day, calendar, policy=policy).due
            notice.save()
    except (CalendarNotLoadedError, deadlines.ClockError) as exc:
        raise ServiceError(str(exc)) from None


def _pending_consequence(a: Application, letter: Letter) -> bool:
    """Whether the step that ``letter`` starts is still pending (its dates may still move)."""
    state = wf.State(a.state)
    if letter.kind == LetterKind.CORRECTION:
        return state is wf.State.CORRECTION_REQUESTED
    if letter.kind in (LetterKind.CONSULTATION, LetterKind.COPRODUCER):
        return Consultation.objects.filter(letter=letter, answered_on__isnull=True).exists()
    if letter.kind == LetterKind.FEE:
        return state is wf.State.FEE_PENDING
    return False


def send_letter(
    letter: Letter,
    user: Any,
    version: int,
    *,
    on: dt.date | None = None,
    delivery_method: str | None = None,
) -> Letter:
    """Generate the DOCX from the (edited) text, archive it with its sha256, and mark it sent on ``on``
    by ``delivery_method`` (recorded: a consequence takes effect only once its notice is sent).

    Sending the reply letter (答复书) is the reply: the case moves to 已答复 and is concluded that day
    (the date used by table 三). Sending a notice (补正, 延期, 征求意见, 收费) starts its period,
    counted from the addressee's receipt.
    """
    day = on or today()
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=letter.application_id)
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        method = delivery_method or locked.delivery_method or default_method(app)
        if method not in NoticeMethod.values:
            raise ServiceError("送达方式无效。")
        if locked.is_sent:
            raise ServiceError("该文书已发送。")
        if day > today():
            raise ServiceError("发送日期不能晚于今天。")
        if locked.kind == LetterKind.REPLY:
            # 条例第三十二条: the third party is told in writing before the information is disclosed
            # (the same guard as the SEND_REPLY action of the table).
            refusal = notices.disclosure_notice_sent(app)
            if refusal is not None:
                raise ServiceError(refusal)

            def change(a: Application) -> None:
                a.concluded_on = day

            _act(app, user, wf.Action.SEND_REPLY, version, change, note=locked.title)
        else:
            _require_office(user, app.agency)
            if app.version != version:
                raise StaleVersionError(f"申请 {app.tracking_number} 已被他人修改，请刷新后重试。")
            if locked.kind in NOTICE_KINDS:
                before = _snapshot(app)
                locked.sent_on, locked.delivery_method = day, method
                _notice_effects(app, locked, sending=True)
                app.version += 1
                recompute_clock(app)
                app.save()
                audit.record(
                    user,
                    "application.notice_sent",
                    app,
                    before=before,
                    after=_snapshot(app),
                    note=f"{locked.title}（{NoticeMethod(method).label}，{day.isoformat()}）",
                )
            else:
                app.version += 1
                app.save(update_fields=["version", "updated_at"])
        _send(locked, user, day, method)
    letter.refresh_from_db()
    return letter


def record_letter_receipt(letter: Letter, user: Any, version: int, *, received_on: dt.date) -> Letter:
    """Record the day the addressee received a sent letter (a posted letter's receipt was estimated).

    The periods that run from receipt move with it while their step is pending: the supplement
    period (条例第三十条), the third party's 15 working days (第三十二条), the payment period (109号).
    """
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=letter.application_id)
        _require_office(user, app.agency)
        if app.version != version:
            raise StaleVersionError(f"申请 {app.tracking_number} 已被他人修改，请刷新后重试。")
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if locked.sent_on is None:
            raise ServiceError("文书尚未发出，不能登记收到日期。")
        if received_on < locked.sent_on or received_on > today():
            raise ServiceError("收到日期应在发出之日与今天之间。")
        moves = locked.kind in NOTICE_KINDS and locked.kind != LetterKind.EXTENSION
        if moves and not _pending_consequence(app, locked):
            raise ServiceError("相关期限已届满并已登记处理结果，不能再更改收到日期。")
        before = {"received_on": _json(locked.received_on), **_snapshot(app)}
        # Delivery facts are not the letter's content: the archived DOCX and its sha256 stay final.
        Letter.objects.filter(pk=locked.pk).update(received_on=received_on)
        locked.received_on = received_on
        if moves:
            _notice_effects(app, locked, sending=False)
        app.version += 1
        recompute_clock(app)
        app.save()
        audit.record(
            user,
            "letter.receipt",
            locked,
            before=before,
            after={"received_on": received_on.isoformat(), **_snapshot(app)},
            agency=app.agency,
        )
    letter.refresh_from_db()
    return letter


def send_reply(
    app: Application,
    user: Any,
    version: int,
    *,
    on: dt.date | None = None,
    delivery_method: str | None = None,
) -> Application:
    """Send the case's draft 答复书 (the SEND_REPLY action of the table)."""
    reply = notices.unsent_letter(app, LetterKind.REPLY)
    if reply is None:
        raise ServiceError("没有待发送的答复书。")
    send_letter(reply, user, version, on=on, delivery_method=delivery_method)
    app.refresh_from_db()
    return app


def add_attachment(app: Application, checked: Any, user: Any) -> Any:
    """Store a checked upload (see attachments.check_upload) with its audit event; the Attachment."""
    if checked is None:
        return None
    from .models import Attachment

    with transaction.atomic():
        att = Attachment.objects.create(
            application=app,
            name=checked.name,
            content_type=checked.content_type,
            size=len(checked.data),
            data=checked.data,
            sha256=checked.sha256,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        audit.record(user, "attachment.add", att, after={"name": att.name, "sha256": att.sha256})
    return att
