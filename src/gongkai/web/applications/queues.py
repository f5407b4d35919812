"""What waits for whom: 待审核 for reviewers, 待负责人审批 for approvers (derived, not stored).

* **待审核** (reviewer): open cases of the reviewer's agencies with a drafted letter not yet sent
  (other than the receipt, which the clerk sends at intake): the correction notice (条例第三十条),
  the extension notice (第三十三条第二款), consultation letters (第三十二条、第三十四条), the fee notice
  (国办函〔2020〕109号) and the reply (第三十六条) are checked before they go out; plus the states the
  workflow marks as needing review (``workflow.NEEDS_REVIEW`` if it defines one).
* **待负责人审批** (approver): extension requests (条例第三十三条第二款: 经政府信息公开工作机构负责人
  同意) and the states the workflow marks as needing the 负责人 (``workflow.NEEDS_APPROVAL``).

* **待签收** (clerk): cases routed (分送) or transferred (转办) to the clerk's agencies and waiting for
  their 签收 or 退回 (D47), oldest 签收期限 first.

Each queue lists the cases of the agencies where the user holds the queue's role
(:func:`gongkai.web.accounts.scope.writable_agencies`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from gongkai.web.accounts import scope

from . import workflow as wf
from .letters import LetterKind
from .models import Application, Letter
from .queries import with_due


@dataclass(frozen=True)
class Queue:
    name: str
    label: str
    role: str
    explanation: str


QUEUES = {
    "review": Queue(
        "review",
        "待审核",
        wf.Role.REVIEWER.value,
        "已起草、尚未发出的文书（回执除外）及工作流程标明需审核的案件",
    ),
    "approval": Queue(
        "approval",
        "待负责人审批",
        wf.Role.APPROVER.value,
        "延期答复申请（条例第三十三条第二款）及需负责人审批的案件",
    ),
    "sign": Queue(
        "sign",
        "待签收",
        wf.Role.CLERK.value,
        "其他机关分送或转办至本机关、等待签收或退回的申请（签收期限见转办记录）",
    ),
}


def _states(name: str, default: frozenset[wf.State]) -> list[str]:
    return [s.value for s in getattr(wf, name, default)]


def _pending_letter() -> Exists:
    return Exists(
        Letter.objects.filter(application=OuterRef("pk"), sent_at__isnull=True).exclude(
            kind=LetterKind.RECEIPT
        )
    )


def cases(name: str, user: Any) -> QuerySet[Application]:
    """The cases waiting in queue ``name`` for ``user`` (empty when they hold no such role)."""
    queue = QUEUES[name]
    agencies = scope.writable_agencies(user, (queue.role,))
    if name == "sign":  # waiting at the user's agency, not yet its case (D47)
        waiting = Application.objects.filter(pending_agency__in=agencies, state=wf.State.PENDING_SIGN)
        return with_due(waiting).select_related("agency", "assignee").order_by("received_on", "pk")
    qs = with_due(Application.objects.filter(agency__in=agencies)).select_related("agency", "assignee")
    open_states = [s.value for s in wf.OPEN_STATES]
    if name == "review":
        condition = Q(state__in=_states("NEEDS_REVIEW", frozenset())) | Q(
            state__in=open_states, pending_letter=True
        )
        qs = qs.annotate(pending_letter=_pending_letter()).filter(condition)
    else:
        qs = qs.filter(state__in=_states("NEEDS_APPROVAL", frozenset({wf.State.EXTENSION_REQUESTED})))
    return qs.order_by("due", "received_on", "pk")


def counts(user: Any) -> list[tuple[Queue, int]]:
    """(queue, count) for each queue whose role ``user`` holds somewhere."""
    result = []
    for name, queue in QUEUES.items():
        if scope.writable_agencies(user, (queue.role,)).exists():
            count = cases(name, user).count()
            if name == "sign" and not count:  # 待签收 shows only when something waits (D47)
                continue
            result.append((queue, count))
    return result
