"""The filtered case list as an XLSX workbook (openpyxl; Chinese headers, identity numbers masked).

Cells that a spreadsheet would take for a formula (text starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return — CSV/formula injection, OWASP) are written with a leading apostrophe, so an
applicant's name or request text never runs as a formula on the clerk's computer.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook

from .models import Application
from .outcomes import OUTCOMES
from .privacy import IdentityPolicy

#: Rows beyond this are left out (the sheet says so); filter the list to export less.
MAX_ROWS = 10000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

HEADERS = (
    "登记编号",
    "受理机关",
    "申请人",
    "证件号码",
    "联系电话",
    "申请方式",
    "所需政府信息",
    "收到申请日期",
    "答复期限",
    "办理状态",
    "办理结果",
    "承办人",
)


def safe(value: Any) -> Any:
    """A cell value that a spreadsheet shows as text and never evaluates."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _row(app: Application, policy: IdentityPolicy) -> list[Any]:
    outcome = OUTCOMES.get(app.outcome)
    due = getattr(app, "due", None) or app.effective_due
    return [
        app.tracking_number,
        app.agency.short_name or app.agency.name,
        app.applicant_name,
        policy.show(app, "applicant_id_number"),
        policy.show(app, "applicant_phone"),
        app.get_channel_display(),
        app.description,
        app.received_on,
        due,
        app.get_state_display(),
        outcome.short_label if outcome else "",
        str(app.assignee) if app.assignee else "",
    ]


def workbook(apps: Iterable[Application], user: Any) -> bytes:
    policy = IdentityPolicy(user)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("依申请公开案件")
    ws.append(list(HEADERS))
    for n, app in enumerate(apps):
        if n >= MAX_ROWS:
            ws.append([f"仅导出前 {MAX_ROWS} 条，请缩小筛选范围。"])
            break
        ws.append([safe(v) for v in _row(app, policy)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
