"""The transition table, tested exhaustively: every state × every action (style.md habit 8)."""

from __future__ import annotations

import pytest

from gongkai.web.applications.workflow import (
    PERMISSIONS,
    Action,
    Role,
    State,
    WorkflowError,
    allowed_actions,
    check_role,
    next_state,
    transition,
)

S, A = State, Action

# The documented table, written out independently of the implementation (docs/applications.md).
_BEFORE_REPLY = [
    S.REGISTERED,
    S.PENDING_SIGN,
    S.UNDER_REVIEW,
    S.CORRECTION_REQUESTED,
    S.SUPPLEMENTED,
    S.CONSULTING,
    S.EXTENSION_REQUESTED,
    S.EXTENDED,
    S.DECIDED,
    S.FEE_PENDING,
]
EXPECTED: dict[tuple[State, Action], State] = {
    (S.REGISTERED, A.START_REVIEW): S.UNDER_REVIEW,
    (S.REGISTERED, A.REQUEST_CORRECTION): S.CORRECTION_REQUESTED,
    (S.UNDER_REVIEW, A.REQUEST_CORRECTION): S.CORRECTION_REQUESTED,
    (S.CORRECTION_REQUESTED, A.RECORD_SUPPLEMENT): S.SUPPLEMENTED,
    (S.CORRECTION_REQUESTED, A.MARK_ABANDONED): S.ABANDONED,
    (S.UNDER_REVIEW, A.CONSULT): S.CONSULTING,
    (S.SUPPLEMENTED, A.CONSULT): S.CONSULTING,
    (S.EXTENDED, A.CONSULT): S.CONSULTING,
    (S.CONSULTING, A.END_CONSULTATION): S.UNDER_REVIEW,
    (S.UNDER_REVIEW, A.REQUEST_EXTENSION): S.EXTENSION_REQUESTED,
    (S.SUPPLEMENTED, A.REQUEST_EXTENSION): S.EXTENSION_REQUESTED,
    (S.EXTENSION_REQUESTED, A.RECOMMEND_EXTENSION): S.EXTENSION_REQUESTED,
    (S.EXTENSION_REQUESTED, A.APPROVE_EXTENSION): S.EXTENDED,
    (S.EXTENSION_REQUESTED, A.REJECT_EXTENSION): S.UNDER_REVIEW,
    (S.UNDER_REVIEW, A.DECIDE): S.DECIDED,
    (S.SUPPLEMENTED, A.DECIDE): S.DECIDED,
    (S.EXTENDED, A.DECIDE): S.DECIDED,
    (S.DECIDED, A.ISSUE_FEE_NOTICE): S.FEE_PENDING,
    (S.FEE_PENDING, A.RECORD_PAYMENT): S.DECIDED,
    (S.FEE_PENDING, A.FEE_LAPSED): S.ABANDONED,
    (S.DECIDED, A.SEND_REPLY): S.REPLIED,
    (S.REPLIED, A.CLOSE): S.CLOSED,
    (S.ABANDONED, A.CLOSE): S.CLOSED,
    (S.WITHDRAWN, A.CLOSE): S.CLOSED,
    **{(s, A.WITHDRAW): S.WITHDRAWN for s in _BEFORE_REPLY},
    # Routing between agencies (D47): only an untouched case moves; the receiver signs or returns.
    (S.REGISTERED, A.ROUTE): S.PENDING_SIGN,
    (S.UNDER_REVIEW, A.ROUTE): S.PENDING_SIGN,
    (S.REGISTERED, A.TRANSFER): S.PENDING_SIGN,
    (S.UNDER_REVIEW, A.TRANSFER): S.PENDING_SIGN,
    (S.PENDING_SIGN, A.SIGN): S.REGISTERED,
    (S.PENDING_SIGN, A.RETURN): S.UNDER_REVIEW,
}


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("action", list(Action))
def test_every_state_and_action(state: State, action: Action) -> None:
    expected = EXPECTED.get((state, action))
    if expected is not None:
        assert next_state(state, action) is expected
        assert action in allowed_actions(state)
    else:
        with pytest.raises(WorkflowError) as info:
            next_state(state, action)
        message = str(info.value)
        assert state.label in message and action.label in message
        assert action not in allowed_actions(state)


def test_labels_are_chinese_and_distinct() -> None:
    for enum in (State, Action):
        labels = [m.label for m in enum]  # type: ignore[attr-defined]
        assert len(set(labels)) == len(labels)
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in labels)


def test_correction_is_requested_only_once() -> None:
    """条例 art. 30: 一次性告知 — no second correction notice after the supplement."""
    after = next_state(next_state(S.REGISTERED, A.REQUEST_CORRECTION), A.RECORD_SUPPLEMENT)
    with pytest.raises(WorkflowError):
        next_state(after, A.REQUEST_CORRECTION)


def test_no_withdrawal_after_reply() -> None:
    for state in (S.REPLIED, S.CLOSED, S.WITHDRAWN, S.ABANDONED):
        with pytest.raises(WorkflowError):
            next_state(state, A.WITHDRAW)


def test_closed_is_terminal() -> None:
    assert allowed_actions(S.CLOSED) == ()


def test_every_state_reachable_and_closable() -> None:
    reachable = {S.REGISTERED}
    frontier = [S.REGISTERED]
    while frontier:
        s = frontier.pop()
        for a in allowed_actions(s):
            t = next_state(s, a)
            if t not in reachable:
                reachable.add(t)
                frontier.append(t)
    assert reachable == set(State)
    # From every state there is a path to CLOSED.
    for start in State:
        seen, todo = {start}, [start]
        while todo:
            s = todo.pop()
            for a in allowed_actions(s):
                t = next_state(s, a)
                if t not in seen:
                    seen.add(t)
                    todo.append(t)
        assert S.CLOSED in seen


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(Role))
def test_roles(action: Action, role: Role) -> None:
    office = {Role.CLERK, Role.REVIEWER, Role.APPROVER}
    if action in (A.APPROVE_EXTENSION, A.REJECT_EXTENSION):
        allowed = {Role.APPROVER}  # 条例第三十三条第二款: 负责人同意
    elif action is A.RECOMMEND_EXTENSION:
        allowed = {Role.REVIEWER}  # a 审核人 recommends, never approves
    elif action in (A.WITHDRAW, A.RECORD_SUPPLEMENT):  # the applicant supplements online (art. 30)
        allowed = office | {Role.APPLICANT}
    elif action in (A.SIGN, A.RETURN):  # only the agency the case was routed to (D47)
        allowed = {Role.RECEIVER}
    else:
        allowed = office
    assert (role in PERMISSIONS[action]) == (role in allowed)
    if role in allowed:
        check_role(action, {role})
    else:
        with pytest.raises(WorkflowError, match="只能由"):
            check_role(action, {role})


def test_supervisor_never_acts() -> None:
    for action in Action:
        with pytest.raises(WorkflowError):
            transition(S.UNDER_REVIEW, action, {Role.SUPERVISOR})
