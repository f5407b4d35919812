"""The workflow actions of a case: correction, consultation, extension, decision, withdrawal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from gongkai.errors import CalendarNotLoadedError
from gongkai.law import deadlines, provisional_calendar

from . import decisions, notices
from . import workflow as wf
from .errors import ServiceError
from .letters import LetterKind
from .models import (
    Application,
    Consultation,
    ConsultationKind,
    NoticeMethod,
)
from .outcomes import OUTCOMES
from .services_core import (
    _act,
    _provisional_receipt,
    clock_policy,
    work_calendar,
)
from .services_letters import _new_letter, send_letter


def today() -> dt.date:
    """Today, looked up on the :mod:`.services` facade when called (tests patch ``services.today``)."""
    from . import services

    return services.today()


# ---- workflow actions -----------------------------------------------------------------------------


def start_review(app: Application, user: Any, version: int) -> Application:
    return _act(app, user, wf.Action.START_REVIEW, version)


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
