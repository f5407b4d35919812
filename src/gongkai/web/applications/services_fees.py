"""Fees (国办函〔2020〕109号): the amount, the 收费通知书, payment and lapse."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q

from gongkai.errors import GongkaiError
from gongkai.law import deadlines, fees, provisional_calendar

from . import workflow as wf
from .errors import ServiceError
from .letters import LetterKind
from .models import (
    Application,
    FeeNotice,
    NoticeMethod,
    ProvisionForm,
)
from .services_core import (
    _act,
    _fee_before_reply_due,
    _provisional_receipt,
    clock_policy,
    work_calendar,
)
from .services_letters import _new_letter, send_letter


def today() -> dt.date:
    """Today, looked up on the :mod:`.services` facade when called (tests patch ``services.today``)."""
    from . import services

    return services.today()


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
