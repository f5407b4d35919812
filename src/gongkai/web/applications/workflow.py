"""The 依申请公开 workflow as an explicit transition table (pure Python, no ORM).

Each state and each action is an enum with a Chinese label. ``TRANSITIONS`` maps (state, action) to
the next state; ``PERMISSIONS`` maps an action to the roles that may perform it. Only
:mod:`gongkai.web.applications.services` changes the state of an application, and it does so by
calling :func:`next_state`, which raises :class:`WorkflowError` (a Chinese one-line message) for an
action that the table does not allow.

The path through the table follows 条例 (国务院令第711号):

* registered → under_review: the application is received (art. 31 fixes the date of receipt);
* → correction_requested: the request is unclear; the applicant is told **once** what to supplement
  (art. 30), within 7 working days of receipt; → supplemented when the supplement arrives (the reply
  clock restarts), or → abandoned when the supplement period lapses without good reason (art. 30,
  table 三 （六）1);
* → consulting: a third party (art. 32) or a co-producing agency (art. 34) is consulted in writing;
  the consultation time is not counted (art. 33 ¶3); the case returns to under_review afterwards;
* → extension_requested → extended: an extension of at most 20 working days needs the approval of the
  head of the disclosure office (art. 33 ¶2: the 负责人; a 审核人 may recommend) and takes effect
  once the 延期答复告知书 is sent;
* → decided: the outcome (a table 三 outcome row) is fixed; a 信息处理费 notice may then be issued
  (国办函〔2020〕109号) → fee_pending → decided once paid, or → abandoned when payment lapses (（六）2);
* → replied: the reply letter is sent (art. 36); → closed when archived (art. 45).
* withdrawn: the applicant may withdraw at any time before the reply.
* routing between agencies (docs/applications.md "Routing between agencies", D47): a 统一受理 portal
  routes (分送) a new case to an agency of its subtree, and an agency holding a case may 转办 it to the
  competent agency with a reason → pending_sign (待签收); the target 签收 (→ registered, its case; the
  clock per ``GONGKAI_TRANSFER_CLOCK``) or 退回 with a reason (→ under_review at the sender, who routes
  elsewhere or answers under art. 36(5)). Only a case without a decision, correction, consultation or
  extension can move; a pending case allows nothing else but 签收, 退回 and withdrawal.

Whether a case was extended stays recorded on the case (its extended due date) after a later
consultation returns it to under_review; the services refuse a second extension (art. 33 ¶2 allows one).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from gongkai.errors import GongkaiError


class State(StrEnum):
    """Where an application stands. ``label`` is the Chinese name shown to users."""

    REGISTERED = "registered"
    PENDING_SIGN = "pending_sign"
    UNDER_REVIEW = "under_review"
    CORRECTION_REQUESTED = "correction_requested"
    SUPPLEMENTED = "supplemented"
    ABANDONED = "abandoned"
    CONSULTING = "consulting"
    EXTENSION_REQUESTED = "extension_requested"
    EXTENDED = "extended"
    DECIDED = "decided"
    FEE_PENDING = "fee_pending"
    REPLIED = "replied"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS: Mapping[State, str] = {
    State.REGISTERED: "已登记",
    State.PENDING_SIGN: "待签收",
    State.UNDER_REVIEW: "审查办理中",
    State.CORRECTION_REQUESTED: "已告知补正",
    State.SUPPLEMENTED: "已补正",
    State.ABANDONED: "视为放弃（不再处理）",
    State.CONSULTING: "征求意见中",
    State.EXTENSION_REQUESTED: "延期待审批",
    State.EXTENDED: "已延期",
    State.DECIDED: "已作出决定",
    State.FEE_PENDING: "待缴纳信息处理费",
    State.REPLIED: "已答复",
    State.CLOSED: "已办结归档",
    State.WITHDRAWN: "申请人已撤回",
}


class Action(StrEnum):
    """What a person can do to an application. ``label`` is the Chinese name of the button."""

    START_REVIEW = "start_review"
    REQUEST_CORRECTION = "request_correction"
    RECORD_SUPPLEMENT = "record_supplement"
    MARK_ABANDONED = "mark_abandoned"
    CONSULT = "consult"
    END_CONSULTATION = "end_consultation"
    REQUEST_EXTENSION = "request_extension"
    RECOMMEND_EXTENSION = "recommend_extension"
    APPROVE_EXTENSION = "approve_extension"
    REJECT_EXTENSION = "reject_extension"
    DECIDE = "decide"
    ISSUE_FEE_NOTICE = "issue_fee_notice"
    RECORD_PAYMENT = "record_payment"
    FEE_LAPSED = "fee_lapsed"
    SEND_REPLY = "send_reply"
    CLOSE = "close"
    WITHDRAW = "withdraw"
    ROUTE = "route"
    TRANSFER = "transfer"
    SIGN = "sign"
    RETURN = "return"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: Mapping[Action, str] = {
    Action.START_REVIEW: "开始审查",
    Action.REQUEST_CORRECTION: "告知补正",
    Action.RECORD_SUPPLEMENT: "登记补正材料",
    Action.MARK_ABANDONED: "逾期未补正，视为放弃",
    Action.CONSULT: "征求第三方或共同制作机关意见",
    Action.END_CONSULTATION: "登记征求意见结果",
    Action.REQUEST_EXTENSION: "申请延期答复",
    Action.RECOMMEND_EXTENSION: "审核人提出延期意见",
    Action.APPROVE_EXTENSION: "批准延期",
    Action.REJECT_EXTENSION: "不批准延期",
    Action.DECIDE: "作出办理决定",
    Action.ISSUE_FEE_NOTICE: "发出收费通知",
    Action.RECORD_PAYMENT: "登记已缴费",
    Action.FEE_LAPSED: "逾期未缴费，不再处理",
    Action.SEND_REPLY: "发送答复",
    Action.CLOSE: "办结归档",
    Action.WITHDRAW: "撤回申请",
    Action.ROUTE: "分送承办机关",
    Action.TRANSFER: "转办",
    Action.SIGN: "签收",
    Action.RETURN: "退回",
}


class Role(StrEnum):
    """Who acts. The agency roles match ``gongkai.web.accounts.models.Role``; ``applicant`` is the
    person who applied (no agency membership). Supervisors (监督人员) read only and never act."""

    CLERK = "clerk"
    REVIEWER = "reviewer"
    APPROVER = "approver"
    AGENCY_ADMIN = "agency_admin"
    SUPERVISOR = "supervisor"
    APPLICANT = "applicant"
    #: An office role (clerk, reviewer, approver) in the agency a case is routed to, while it waits
    #: for that agency's 签收 — it may sign or return the case, nothing else.
    RECEIVER = "receiver"


ROLE_LABELS: Mapping[Role, str] = {
    Role.CLERK: "经办人",
    Role.REVIEWER: "审核人",
    Role.APPROVER: "负责人",
    Role.AGENCY_ADMIN: "机构管理员",
    Role.SUPERVISOR: "监督人员",
    Role.APPLICANT: "申请人",
    Role.RECEIVER: "待签收机关工作人员",
}

#: States in which the application is still being handled (counted as carried forward at year end).
OPEN_STATES: frozenset[State] = frozenset(
    {
        State.REGISTERED,
        State.PENDING_SIGN,
        State.UNDER_REVIEW,
        State.CORRECTION_REQUESTED,
        State.SUPPLEMENTED,
        State.CONSULTING,
        State.EXTENSION_REQUESTED,
        State.EXTENDED,
        State.DECIDED,
        State.FEE_PENDING,
    }
)

#: States from which the applicant may still withdraw: everything before the reply (in enum order).
_BEFORE_REPLY = tuple(s for s in State if s in OPEN_STATES)

#: States in which the reply clock matters (the case awaits the agency's action).
_REVIEWABLE = (State.UNDER_REVIEW, State.SUPPLEMENTED, State.EXTENDED)

#: States from which a case may be routed or transferred to another agency (D47).
_ROUTABLE = (State.REGISTERED, State.UNDER_REVIEW)

TRANSITIONS: Mapping[tuple[State, Action], State] = {
    (State.REGISTERED, Action.START_REVIEW): State.UNDER_REVIEW,
    # art. 30: the correction notice is sent once; from SUPPLEMENTED it is no longer possible.
    (State.REGISTERED, Action.REQUEST_CORRECTION): State.CORRECTION_REQUESTED,
    (State.UNDER_REVIEW, Action.REQUEST_CORRECTION): State.CORRECTION_REQUESTED,
    (State.CORRECTION_REQUESTED, Action.RECORD_SUPPLEMENT): State.SUPPLEMENTED,
    (State.CORRECTION_REQUESTED, Action.MARK_ABANDONED): State.ABANDONED,
    **{(s, Action.CONSULT): State.CONSULTING for s in _REVIEWABLE},
    (State.CONSULTING, Action.END_CONSULTATION): State.UNDER_REVIEW,
    (State.UNDER_REVIEW, Action.REQUEST_EXTENSION): State.EXTENSION_REQUESTED,
    (State.SUPPLEMENTED, Action.REQUEST_EXTENSION): State.EXTENSION_REQUESTED,
    # The reviewer's recommendation is recorded; only the head of the office decides (art. 33 ¶2).
    (State.EXTENSION_REQUESTED, Action.RECOMMEND_EXTENSION): State.EXTENSION_REQUESTED,
    (State.EXTENSION_REQUESTED, Action.APPROVE_EXTENSION): State.EXTENDED,
    (State.EXTENSION_REQUESTED, Action.REJECT_EXTENSION): State.UNDER_REVIEW,
    **{(s, Action.DECIDE): State.DECIDED for s in _REVIEWABLE},
    (State.DECIDED, Action.ISSUE_FEE_NOTICE): State.FEE_PENDING,
    (State.FEE_PENDING, Action.RECORD_PAYMENT): State.DECIDED,
    (State.FEE_PENDING, Action.FEE_LAPSED): State.ABANDONED,
    (State.DECIDED, Action.SEND_REPLY): State.REPLIED,
    (State.REPLIED, Action.CLOSE): State.CLOSED,
    (State.ABANDONED, Action.CLOSE): State.CLOSED,
    (State.WITHDRAWN, Action.CLOSE): State.CLOSED,
    **{(s, Action.WITHDRAW): State.WITHDRAWN for s in _BEFORE_REPLY},
    # Routing (D47): only before anything was decided, asked or notified at the sender.
    **{(s, a): State.PENDING_SIGN for s in _ROUTABLE for a in (Action.ROUTE, Action.TRANSFER)},
    (State.PENDING_SIGN, Action.SIGN): State.REGISTERED,
    (State.PENDING_SIGN, Action.RETURN): State.UNDER_REVIEW,
}

_OFFICE = frozenset({Role.CLERK, Role.REVIEWER, Role.APPROVER})

PERMISSIONS: Mapping[Action, frozenset[Role]] = {
    Action.START_REVIEW: _OFFICE,
    Action.REQUEST_CORRECTION: _OFFICE,
    # The applicant uploads the supplement online (条例 art. 30); the office records one received otherwise.
    Action.RECORD_SUPPLEMENT: _OFFICE | {Role.APPLICANT},
    Action.MARK_ABANDONED: _OFFICE,
    Action.CONSULT: _OFFICE,
    Action.END_CONSULTATION: _OFFICE,
    Action.REQUEST_EXTENSION: _OFFICE,
    # 条例第三十三条第二款: 经政府信息公开工作机构负责人同意 — the 负责人 alone approves or refuses;
    # a 审核人 may only recommend (a recorded, audited opinion).
    Action.RECOMMEND_EXTENSION: frozenset({Role.REVIEWER}),
    Action.APPROVE_EXTENSION: frozenset({Role.APPROVER}),
    Action.REJECT_EXTENSION: frozenset({Role.APPROVER}),
    Action.DECIDE: _OFFICE,
    Action.ISSUE_FEE_NOTICE: _OFFICE,
    Action.RECORD_PAYMENT: _OFFICE,
    Action.FEE_LAPSED: _OFFICE,
    Action.SEND_REPLY: _OFFICE,
    Action.CLOSE: _OFFICE,
    # The applicant withdraws online; the office records a withdrawal received by letter or phone.
    Action.WITHDRAW: _OFFICE | {Role.APPLICANT},
    Action.ROUTE: _OFFICE,
    Action.TRANSFER: _OFFICE,
    # Only the agency the case was routed to signs for it or sends it back.
    Action.SIGN: frozenset({Role.RECEIVER}),
    Action.RETURN: frozenset({Role.RECEIVER}),
}


class WorkflowError(GongkaiError):
    """An action the transition table or the role table does not allow (Chinese message)."""


def allowed_actions(state: State) -> tuple[Action, ...]:
    """The actions the table allows from ``state``, in declaration order."""
    return tuple(a for a in Action if (state, a) in TRANSITIONS)


def next_state(state: State, action: Action) -> State:
    """The state after ``action`` from ``state``; :class:`WorkflowError` when not allowed."""
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        raise WorkflowError(
            f"当前状态为“{state.label}”，不能执行“{action.label}”。"
            f"可执行的操作：{'、'.join(a.label for a in allowed_actions(state)) or '无'}。"
        ) from None


def check_role(action: Action, roles: frozenset[Role] | set[Role]) -> None:
    """Raise :class:`WorkflowError` unless one of ``roles`` may perform ``action``."""
    permitted = PERMISSIONS[action]
    if not permitted & set(roles):
        names = "、".join(ROLE_LABELS[r] for r in Role if r in permitted)
        raise WorkflowError(f"“{action.label}”只能由{names}执行。")


def transition(state: State, action: Action, roles: frozenset[Role] | set[Role]) -> State:
    """Check the role and the table; return the next state."""
    check_role(action, roles)
    return next_state(state, action)


def is_terminal(state: State) -> bool:
    return state is State.CLOSED


def state_diagram() -> list[tuple[str, str, str]]:
    """(from, action, to) rows in Chinese, for the documentation and the case page."""
    return [(s.label, a.label, t.label) for (s, a), t in TRANSITIONS.items()]
