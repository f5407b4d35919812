"""Demo step: 复议 and 诉讼 cases against the county's education bureau over 2024–2025.

Some are decided in the year they were filed, some carry from 2024 into 2025, and three are still
尚未审结 at the end of 2025 (so 2026 starts with them). Everything goes through :mod:`.services`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.web.applications.models import Application

from . import services
from .mapping import CaseKind, Result
from .models import Case

D = dt.date
# (case number, kind, applicant, body, filed, received, decided, result, link to a 2025 application?)
CASES: tuple[tuple[str, str, str, str, dt.date, dt.date, dt.date | None, str, bool], ...] = (
    ("青政复〔2024〕11号", CaseKind.REVIEW, "陈某", "青溪县人民政府", D(2024, 3, 4), D(2024, 3, 8), D(2024, 5, 10), Result.MAINTAINED, False),
    ("青政复〔2024〕37号", CaseKind.REVIEW, "刘某", "青溪县人民政府", D(2024, 6, 3), D(2024, 6, 6), D(2024, 8, 1), Result.WITHDRAWN, False),
    ("青政复〔2024〕58号", CaseKind.REVIEW, "黄某", "青溪县人民政府", D(2024, 11, 18), D(2024, 11, 21), D(2025, 1, 16), Result.REVOKED, False),
    ("（2024）青0102行初45号", CaseKind.DIRECT, "某科技有限公司", "青溪县人民法院", D(2024, 12, 9), D(2024, 12, 16), D(2025, 5, 20), Result.DISMISSED_CLAIM, False),
    ("青政复〔2025〕9号", CaseKind.REVIEW, "周某", "青溪县人民政府", D(2025, 3, 10), D(2025, 3, 12), D(2025, 5, 8), Result.MAINTAINED, True),
    ("青政复〔2025〕23号", CaseKind.REVIEW, "吴某", "青溪县人民政府", D(2025, 5, 6), D(2025, 5, 9), D(2025, 6, 30), Result.TERMINATED, True),
    ("（2025）青0102行初17号", CaseKind.DIRECT, "马某", "青溪县人民法院", D(2025, 6, 2), D(2025, 6, 9), D(2025, 10, 27), Result.CONFIRMED_ILLEGAL, True),
    ("（2025）青0102行初52号", CaseKind.AFTER_REVIEW, "周某", "青溪县人民法院", D(2025, 8, 11), D(2025, 8, 18), None, "", True),
    ("青政复〔2025〕61号", CaseKind.REVIEW, "郭某", "青溪县人民政府", D(2025, 11, 24), D(2025, 11, 27), None, "", True),
    ("（2025）青0102行初70号", CaseKind.DIRECT, "某置业有限公司", "青溪县人民法院", D(2025, 12, 15), D(2025, 12, 19), None, "", False),
)  # fmt: skip


def load(context: Any) -> None:
    agency = context.agencies["qx-education"]
    if Case.objects.filter(agency=agency).exists():
        context.say("行政复议和行政诉讼：演示数据已存在，未重复添加")
        return
    clerk, reviewer = context.users["clerk"], context.users["reviewer"]
    refused = list(
        Application.objects.filter(agency=agency, received_on__year=2025, concluded_on__isnull=False)
        .exclude(outcome__in=("granted", "partial"))
        .order_by("received_on", "pk")[:10]
    )
    for n, (number, kind, applicant, body, filed, received, decided, result, linked) in enumerate(CASES):
        apps = [refused[n % len(refused)]] if linked and refused else []
        case = services.record_case(
            clerk,
            agency,
            kind=kind,
            applicant_name=applicant,
            body=body,
            filed_on=filed,
            received_on=received,
            applications=apps,
            case_number=number,
            summary="申请人对本机关政府信息公开答复不服。",
        )
        if decided is not None:
            case = services.record_decision(clerk, case, result=result, decided_on=decided)
        services.check_case(reviewer, case)
    context.say(f"行政复议和行政诉讼：{agency.name} 2024—2025年共{len(CASES)}件，2025年末尚未审结3件")
