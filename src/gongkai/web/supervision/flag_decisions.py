"""A supervisor's decision on an anomaly flag — confirmed or dismissed — kept across re-runs; audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.agencies.models import Agency

from .models import FlagDecision, FlagDecisionKind


def decide(actor: Any, agency: Agency, year: int, key: str, decision: str, note: str = "") -> FlagDecision:
    if not scope.can_supervise(actor, agency):
        raise PermissionDenied("只有上级监督人员可以审查该单位的异常。")
    if decision not in FlagDecisionKind.values:
        raise ValidationError("请选择“确认异常”或“排除”。")
    if not key or len(key) > 120:
        raise ValidationError("异常标识无效。")
    with transaction.atomic():
        previous = FlagDecision.objects.filter(agency=agency, year=year, key=key).first()
        before = {"decision": previous.decision, "note": previous.note} if previous else None
        obj, _ = FlagDecision.objects.update_or_create(
            agency=agency,
            year=year,
            key=key,
            defaults={"decision": decision, "note": note[:300], "decided_by": actor},
        )
        audit.record(
            actor, "flag.decide", obj, before=before, after={"key": key, "decision": decision, "note": note}
        )
    return obj
