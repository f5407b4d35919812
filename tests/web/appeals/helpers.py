"""Helpers for the appeals and annual tests: cases and applications built through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.web.appeals import services
from gongkai.web.appeals.mapping import CaseKind
from gongkai.web.appeals.models import Case


def make_case(
    personas: Any,
    *,
    kind: str = CaseKind.REVIEW,
    filed: dt.date = dt.date(2025, 3, 3),
    decided: dt.date | None = None,
    result: str = "",
    agency: Any = None,
    applications: tuple[Any, ...] = (),
) -> Case:
    clerk = personas.users["clerk"]
    case = services.record_case(
        clerk,
        agency or personas.bureau,
        kind=kind,
        applicant_name="陈某",
        body="新城县人民政府",
        filed_on=filed,
        received_on=filed,
        applications=applications,
        case_number=f"测试〔{filed.year}〕{Case.objects.count() + 1}号",
    )
    if decided is not None:
        case = services.record_decision(clerk, case, result=result, decided_on=decided)
    return case
