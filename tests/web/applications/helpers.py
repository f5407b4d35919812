"""Small builders for application tests (on top of tests/web/factories.py)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from gongkai.web.applications import services
from gongkai.web.applications.models import Application

_keys = itertools.count(1)

DETAILS: dict[str, Any] = {
    "applicant_type": "natural_person",
    "applicant_category": "np",
    "applicant_name": "张三",
    "applicant_id_type": "居民身份证",
    "applicant_id_number": "110101199001011234",
    "applicant_phone": "13800000000",
    "applicant_address": "新城县人民路1号",
    "description": "2025年新城县义务教育阶段学校招生计划",
    "document_number": "",
    "provision_form": "paper",
    "delivery_method": "post",
}


def register(agency: Any, clerk: Any, received: dt.date = dt.date(2026, 1, 20), **data: Any) -> Application:
    """A letter application registered by ``clerk`` (receipt 2026-01-20 unless given)."""
    app, _ = services.register(
        agency=agency,
        actor=clerk,
        channel=data.pop("channel", "letter"),
        received_on=received,
        data={**DETAILS, **data},
        idempotency_key=f"test-{next(_keys)}",
    )
    return app


def decision_inputs(outcome: str) -> dict[str, Any]:
    """Decision inputs that make ``outcome`` valid (reasons for refusals, art. 36(3); art. 37 parts)."""
    if outcome == "partial":
        return {"withheld_parts": "第三方联系人信息", "decision_reasons": "涉及个人隐私（条例第十五条）。"}
    if outcome.startswith("denied_"):
        return {"decision_reasons": "理由见相关规定。"}
    return {}
