"""The action table (actions.py): one row per workflow action, from which the page, the generic view,
the permission checks and these tests derive — and random action sequences drawn from it stay lawful."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.web.applications import actions, services
from gongkai.web.applications import workflow as wf
from gongkai.web.applications.forms import VersionForm
from gongkai.web.applications.models import Application
from gongkai.web.applications.notices import GUARDS, history_problems

from .helpers import register

pytestmark = pytest.mark.django_db


def test_every_action_has_a_row_with_service_form_and_roles() -> None:
    assert set(actions.ACTIONS) == {a.value for a in wf.Action}
    for name, spec in actions.ACTIONS.items():
        assert spec.action.value == name
        assert issubclass(spec.form, VersionForm), name  # every form carries the version
        assert spec.roles, name
        assert wf.Role.SUPERVISOR not in spec.roles  # 监督人员 read only
        assert spec.allowed_from, name
        # a service of the facade (its parts are services_*.py, D20)
        assert callable(spec.run) and getattr(services, spec.service.__name__) is spec.service, name
        assert spec.service.__module__.startswith(f"{services.__name__}_"), name
        assert "version" in inspect.signature(spec.service).parameters, name
    for action in GUARDS:  # every guard belongs to an action of the table, with a Chinese description
        assert action.value in actions.ACTIONS
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in g.description) for g in GUARDS[action])


def test_extension_roles_follow_art33() -> None:
    """条例第三十三条第二款: only the 负责人 approves or refuses; the 审核人 recommends."""
    assert actions.ACTIONS["approve_extension"].roles == {wf.Role.APPROVER}
    assert actions.ACTIONS["reject_extension"].roles == {wf.Role.APPROVER}
    assert actions.ACTIONS["recommend_extension"].roles == {wf.Role.REVIEWER}


def _url(app: Application, action: str) -> str:
    return f"/applications/case/{app.tracking_number}/act/{action}/"


def test_generic_view_refuses_actions_not_allowed_in_the_state(personas, client_for) -> None:
    app = register(personas.bureau, personas.users["clerk"])
    c = client_for("clerk")
    r = c.post(_url(app, "decide"), {"version": app.version, "outcome": "granted"}, follow=True)
    assert "当前状态为“已登记”，不能执行“作出办理决定”" in r.content.decode()
    app.refresh_from_db()
    assert app.state == "registered" and app.outcome == ""


def test_generic_view_refuses_roles_and_unknown_actions(personas, client_for) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.start_review(app, clerk, app.version)
    app = services.request_extension(app, clerk, app.version, reason="信息量大")
    assert (
        client_for("reviewer").post(_url(app, "approve_extension"), {"version": app.version}).status_code
        == 403
    )
    assert (
        client_for("clerk").post(_url(app, "reject_extension"), {"version": app.version}).status_code == 403
    )
    assert (
        client_for("supervisor").post(_url(app, "start_review"), {"version": app.version}).status_code == 403
    )
    assert client_for("clerk").post(_url(app, "no_such_action"), {"version": app.version}).status_code == 404
    app.refresh_from_db()
    assert app.state == "extension_requested"
    r = client_for("approver").post(_url(app, "approve_extension"), {"version": app.version})
    assert r.status_code == 302
    app.refresh_from_db()
    assert app.state in ("extended", "extension_requested")  # extended, or refused with a message


def test_case_page_shows_only_permitted_actions_with_guard_reasons(personas, client_for) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.request_correction(app, clerk, app.version, items="请写明文件名称")
    page = client_for("clerk").get(f"/applications/case/{app.tracking_number}/")
    offered = {o.spec.name: o for o in page.context["offers"]}
    assert set(offered) == {"record_supplement", "mark_abandoned", "withdraw"}
    assert "尚未发出" in offered["mark_abandoned"].refusals[0]
    assert "refusals-mark_abandoned" in page.content.decode()
    reviewer_offers = (
        client_for("reviewer").get(f"/applications/case/{app.tracking_number}/").context["offers"]
    )
    assert "approve_extension" not in {o.spec.name for o in reviewer_offers}


# ---- random action sequences drawn from the table -------------------------------------------------

TODAY = dt.date(2026, 11, 30)


def _data(spec: actions.ActionSpec, day: dt.date, pick: int) -> dict:
    """Plausible form data for ``spec`` (the services decide whether it is lawful)."""
    outcomes = ["granted", "partial", "denied_third_party", "unable_not_held", "unable_still_unclear"]
    return {
        "items": "请写明文件名称",
        "period_workdays": None,
        "received_on": day,
        "on": day,
        "kind": "third_party" if pick % 2 else "co_producer",
        "party_name": "某公司",
        "party_address": "",
        "answered_on": None if pick % 3 == 0 else day,
        "opinion": "意见",
        "objects": pick % 2 == 0,
        "reason": "信息量大",
        "outcome": outcomes[pick % len(outcomes)],
        "decision_text": "理由" if pick % 2 else "",
        "method": "per_volume" if pick % 2 else "per_application",
        "pages": 150,
        "paid_on": day,
        "sent_on": day,
        "delivery_method": ["post", "email", "online"][pick % 3],
        "note": "",
    }


_ROLE_USER = {
    wf.Role.CLERK: "clerk",
    wf.Role.REVIEWER: "reviewer",
    wf.Role.APPROVER: "approver",
    wf.Role.RECEIVER: "other_agency_clerk",  # routing (D47): the case is transferred to the other county
}

step = st.tuples(
    st.integers(0, 40),  # which possible move (action, letter to send, receipt to record)
    st.integers(0, 12),  # days after the previous step
    st.integers(0, 30),  # a choice inside the data
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 200), st.lists(step, min_size=1, max_size=14))
def test_random_action_sequences_stay_lawful(personas, monkeypatch, received_back, steps) -> None:
    """Whatever sequence of table actions, letter sendings and receipts is tried (refusals allowed),
    the record never shows a consequence ahead of its notice (notices.history_problems)."""
    clock = {"today": TODAY - dt.timedelta(days=received_back + 60)}
    monkeypatch.setattr(services, "today", lambda: clock["today"])
    with transaction.atomic():
        app = register(personas.bureau, personas.users["clerk"], received=clock["today"])
        for choice, later, pick in steps:
            clock["today"] = min(clock["today"] + dt.timedelta(days=later), TODAY)
            day = clock["today"]
            app.refresh_from_db()
            state = wf.State(app.state)
            moves: list = [spec for spec in actions.ACTIONS.values() if state in spec.allowed_from]
            moves += list(app.letters.filter(sent_at__isnull=True))
            moves += [
                ("receipt", lt) for lt in app.letters.filter(sent_at__isnull=False, received_on__isnull=True)
            ]
            if not moves:
                break
            move = moves[choice % len(moves)]
            try:
                if isinstance(move, actions.ActionSpec):
                    role = sorted(move.roles - {wf.Role.APPLICANT})[0]
                    user = personas.users[_ROLE_USER[role]]
                    given_data = {
                        **_data(move, day, pick),
                        "to_agency": personas.other,
                        "version": app.version,
                    }
                    data = {k: given_data[k] for k in move.form.base_fields if k in given_data}
                    move.run(app, user, app.version, data)
                elif isinstance(move, tuple):
                    services.record_letter_receipt(
                        move[1], personas.users["clerk"], app.version, received_on=day
                    )
                else:
                    services.send_letter(move, personas.users["clerk"], app.version, on=day)
            except (services.ServiceError, PermissionDenied):
                pass  # refused (or no longer this agency's case after a transfer): the rule held
            app.refresh_from_db()
            assert history_problems(app) == []
        transaction.set_rollback(True)
