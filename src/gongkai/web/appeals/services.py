"""The only code that changes the case register; every change writes an audit event in its transaction.

Clerks (经办人) record a case and its decision; a reviewer (审核人) checks it. A decision needs a
result and a date no earlier than the filing; a case already checked goes back to unchecked when
its facts change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application

from .mapping import CaseKind, Result
from .models import Case

RECORDERS = (Role.CLERK, Role.REVIEWER, Role.APPROVER, Role.AGENCY_ADMIN)
CHECKERS = (Role.REVIEWER, Role.APPROVER)


def _validate_dates(filed: dt.date, received: dt.date | None, decided: dt.date | None) -> None:
    if received is not None and received < filed:
        raise ValidationError("收到通知日期不能早于申请复议或起诉日期。")
    if decided is not None and decided < filed:
        raise ValidationError("审结日期不能早于申请复议或起诉日期。")


def record_case(
    actor: Any,
    agency: Agency,
    *,
    kind: str,
    applicant_name: str,
    body: str,
    filed_on: dt.date,
    received_on: dt.date | None = None,
    applications: Iterable[Application] = (),
    case_number: str = "",
    summary: str = "",
) -> Case:
    """Register a 复议 or 诉讼 case (条例第五十一条) against ``agency``."""
    scope.require(actor, agency, RECORDERS)
    if kind not in CaseKind.values:
        raise ValidationError("案件类型无效。")
    if not applicant_name.strip() or not body.strip():
        raise ValidationError("请填写申请人（原告）和复议机关或法院。")
    _validate_dates(filed_on, received_on, None)
    apps = list(applications)
    if any(a.agency_id != agency.pk for a in apps):
        raise ValidationError("只能关联本机关的申请。")
    with transaction.atomic():
        case = Case.objects.create(
            agency=agency,
            kind=kind,
            applicant_name=applicant_name.strip(),
            body=body.strip(),
            filed_on=filed_on,
            received_on=received_on,
            case_number=case_number.strip(),
            summary=summary,
        )
        case.applications.set(apps)
        audit.record(
            actor,
            "appeal.record",
            case,
            after={**audit.snapshot(case), "applications": [a.pk for a in apps]},
        )
    return case


def record_decision(actor: Any, case: Case, *, result: str, decided_on: dt.date, summary: str = "") -> Case:
    """Record how the case ended; a checked case needs checking again."""
    scope.require(actor, case.agency, RECORDERS)
    if result not in Result.values:
        raise ValidationError("结果无效。")
    _validate_dates(case.filed_on, case.received_on, decided_on)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        before = audit.snapshot(case, ["result", "decided_on", "summary", "checked_by", "checked_at"])
        case.result, case.decided_on = result, decided_on
        if summary:
            case.summary = summary
        case.checked_by, case.checked_at = None, None
        case.save()
        audit.record(
            actor,
            "appeal.decide",
            case,
            before=before,
            after=audit.snapshot(case, ["result", "decided_on", "summary", "checked_by", "checked_at"]),
        )
    return case


def check_case(actor: Any, case: Case) -> Case:
    """A reviewer confirms the case's facts against its documents."""
    scope.require(actor, case.agency, CHECKERS)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        case.checked_by, case.checked_at = actor, timezone.now()
        case.save(update_fields=["checked_by", "checked_at", "updated_at"])
        audit.record(actor, "appeal.check", case, after={"checked_by": actor.pk})
    return case
