"""What the applicant is shown about time: the deadline with how it was computed, its pauses and
extension history, and — once the case is past its due date without a reply — the remedies open
to them.

Sources (docs/applications.md#the-applicant, domain.md §5 and §12.1):

- 条例第三十三条: 20 working days from receipt; one extension of at most 20 working days with the
  approval of the head of the office and notice to the applicant; consultation time not counted.
- 条例第五十一条: 投诉、举报 to the higher agency or the 政府信息公开工作主管部门, or 行政复议 / 行政诉讼.
- 行政复议法 (2023年修订, 2024-01-01施行) 第十一条 (scope), 第二十条 (60 days from knowing of the act),
  第二十三条 (复议前置 for 不予公开 — a failure to reply is not a refusal, so for an overdue case the
  applicant may choose either path) [M: whether 第二十三条 reaches 逾期不答复 is not settled; shown as a
  choice, configurable text in ``GONGKAI_OVERDUE_REMEDIES_NOTE``].
- 行政诉讼法第四十六条: 6 months from knowing of the act to sue directly [S]. The special rule for
  failure to perform a duty (第四十七条, two months after the request unless a law sets the period)
  is not shown [M].
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

from gongkai.web.audit.models import AuditEvent

from . import services
from . import workflow as wf

#: Reconsideration period in days (行政复议法第二十条, 2023: 自知道或者应当知道该行政行为之日起六十日内).
RECONSIDERATION_DAYS = 60
#: Litigation period (行政诉讼法第四十六条: 自知道或者应当知道作出行政行为之日起六个月内).
LITIGATION_MONTHS = 6

_EXTENSION_VERBS = {
    f"application.{wf.Action.REQUEST_EXTENSION.value}": "申请延期",
    f"application.{wf.Action.APPROVE_EXTENSION.value}": "经政府信息公开工作机构负责人同意延期（条例第三十三条第二款）",
    f"application.{wf.Action.REJECT_EXTENSION.value}": "延期申请未获批准，仍按原期限答复",
}


@dataclass
class DeadlineView:
    """The deadline as shown to the applicant."""

    due: dt.date | None
    label: str = "答复期限"
    provisional: bool = False
    lines: list[str] = field(default_factory=list)
    pauses: list[str] = field(default_factory=list)
    extensions: list[str] = field(default_factory=list)
    problem: str = ""


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def explain_deadline(app: Any) -> DeadlineView:
    """The effective due date of ``app`` with the stored explanation (``Application.clock``) in Chinese."""
    stored = app.clock or {}
    deadlines = stored.get("deadlines", {})
    key = "extended_reply" if app.extension_approved_on else "reply"
    entry = deadlines.get(key) or {}
    view = DeadlineView(due=app.effective_due, label=str(entry.get("label") or "答复期限"))
    view.provisional = bool(entry.get("provisional") or stored.get("provisional"))
    view.lines = [str(line).strip() for line in entry.get("explanation", [])]
    if app.supplement_received_on:
        view.lines.append(
            f"补正：{app.supplement_received_on:%Y-%m-%d}收到补正，答复期限自该日起重新计算（条例第三十条）。"
        )
    for pause in stored.get("pauses", []):
        first, last = _date(pause.get("first")), _date(pause.get("last"))
        if first and last:
            view.pauses.append(f"{first:%Y-%m-%d}至{last:%Y-%m-%d}不计入答复期限：{pause.get('reason', '')}")
    events = AuditEvent.objects.for_object(app).filter(verb__in=list(_EXTENSION_VERBS)).order_by("at", "pk")
    for event in events:
        text = f"{timezone.localtime(event.at):%Y-%m-%d} {_EXTENSION_VERBS[event.verb]}"
        if event.verb.endswith(wf.Action.REQUEST_EXTENSION.value) and app.extension_reason:
            text += f"，理由：{app.extension_reason}"
        if event.verb.endswith(wf.Action.APPROVE_EXTENSION.value) and app.extended_due:
            text += f"，延长后的答复期限为{app.extended_due:%Y-%m-%d}（最长延长20个工作日）"
        view.extensions.append(text)
    view.problem = app.clock_error
    return view


def is_overdue(app: Any, today: dt.date | None = None) -> bool:
    """Past the effective due date with no reply: an open case, not waiting for the applicant's 补正."""
    today = today or services.today()
    state = wf.State(app.state)
    due = app.effective_due
    return (
        due is not None
        and due < today
        and state in wf.OPEN_STATES
        and state is not wf.State.CORRECTION_REQUESTED
    )


def remedies(app: Any) -> list[str]:
    """The remedies open to an applicant whose case is overdue, naming the bodies (Chinese)."""
    agency = app.agency
    parent = agency.parent
    higher = f"上一级行政机关（{parent.name}）" if parent is not None else "上一级行政机关"
    body = services.review_body(agency)
    items = [
        f"向{higher}或者政府信息公开工作主管部门投诉、举报（《政府信息公开条例》第五十一条）。",
        f"依法申请行政复议：向{body}提出，一般应自知道或者应当知道之日起{RECONSIDERATION_DAYS}日内"
        "（《行政复议法》第十一条、第二十条）。",
        f"依法提起行政诉讼：一般应自知道或者应当知道之日起{LITIGATION_MONTHS}个月内向人民法院起诉"
        "（《行政诉讼法》第四十六条）。",
    ]
    note = str(getattr(settings, "GONGKAI_OVERDUE_REMEDIES_NOTE", "") or "")
    if note:
        items.append(note)
    return items
