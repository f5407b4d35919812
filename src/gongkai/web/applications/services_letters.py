"""Letters of a case: draft, edit, send (with the consequences of a sent notice), receipt."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from gongkai.errors import CalendarNotLoadedError
from gongkai.law import deadlines, provisional_calendar
from gongkai.web import audit

from . import letter_services, notices, notifications
from . import workflow as wf
from .clock import recompute_clock
from .errors import ServiceError, StaleVersionError
from .letter_services import letter_context
from .letters import LetterKind, draft
from .models import (
    Application,
    Channel,
    Consultation,
    FeeNotice,
    Letter,
    NoticeMethod,
)
from .services_core import (
    _act,
    _fee_before_reply_due,
    _json,
    _require_office,
    _snapshot,
    clock_policy,
    work_calendar,
)


def today() -> dt.date:
    """Today, looked up on the :mod:`.services` facade when called (tests patch ``services.today``)."""
    from . import services

    return services.today()


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
