"""Decision inputs (decisions.py): reasons for refusals, 36(4) vs 36(5), art. 32 over an objection."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.web.applications import decisions, services
from gongkai.web.applications.forms import DecideForm

from ..helpers import register

pytestmark = pytest.mark.django_db


def test_denied_needs_reasons() -> None:
    """条例第三十六条第（三）项: 不予公开 states its reasons."""
    errors = decisions.validate("denied_process", "", {})
    assert "第三十六条第（三）项" in errors["decision_reasons"]
    assert decisions.validate("denied_process", "", {"decision_reasons": "讨论记录"}) == {}


def test_partial_needs_what_and_why() -> None:
    """条例第三十七条: what was withheld and why."""
    errors = decisions.validate("partial", "", {})
    assert set(errors) == {"withheld_parts", "decision_reasons"}
    assert decisions.validate("partial", "", {"withheld_parts": "住址", "decision_reasons": "隐私"}) == {}


def test_36_5_needs_the_responsible_agency_and_36_4_refuses_one() -> None:
    """条例第三十六条第（五）项 names the responsible agency where identifiable; （四） does not."""
    errors = decisions.validate("unable_not_held", "", {"answer_item": "art36_5"})
    assert set(errors) == {"decision_reasons", "responsible_agency", "responsible_contact"}
    ok = {"answer_item": "art36_5", "decision_reasons": "非本机关职责", "responsible_agency": "县自然资源局",
          "responsible_contact": "电话 1"}  # fmt: skip
    assert decisions.validate("unable_not_held", "", ok) == {}
    unidentified = {
        "answer_item": "art36_5",
        "decision_reasons": "无法确定",
        "responsible_unidentified": True,
    }
    assert decisions.validate("unable_not_held", "", unidentified) == {}
    mixed = decisions.validate(
        "unable_not_held", "", {"answer_item": "art36_4", "responsible_agency": "县自然资源局"}
    )
    assert "第三十六条第（五）项" in mixed["responsible_agency"]
    assert decisions.validate("unable_not_held", "", {}) == {}  # default: art. 36(4)
    assert decisions.normalise("unable_not_held", {})["answer_item"] == "art36_4"


def test_answer_item_must_fit_the_row() -> None:
    assert "answer_item" in decisions.validate(
        "denied_process", "", {"answer_item": "art36_5", "decision_reasons": "x"}
    )
    assert "decision_text" in decisions.validate("granted", "", {"answer_item": "art36_1"})


def test_inputs_of_other_outcomes_are_dropped() -> None:
    data = decisions.normalise("granted", {"withheld_parts": "x", "responsible_agency": "y"})
    assert (
        data["withheld_parts"] == "" and data["responsible_agency"] == "" and data["answer_item"] == "art36_2"
    )


def test_decide_form_calls_the_validation() -> None:
    form = DecideForm({"version": 1, "outcome": "denied_internal"})
    assert not form.is_valid() and "第三十六条第（三）项" in form.errors["decision_reasons"][0]
    form = DecideForm({"version": 1, "outcome": "denied_internal", "decision_reasons": "内部考勤安排"})
    assert form.is_valid(), form.errors


def test_decide_service_refuses_and_stores(personas) -> None:
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.start_review(app, clerk, app.version)
    with pytest.raises(services.ServiceError, match="第三十六条第（五）项"):
        services.decide(app, clerk, app.version, outcome="unable_not_held", answer_item="art36_5")
    app.refresh_from_db()
    assert app.state == "under_review" and app.outcome == ""
    app = services.decide(
        app, clerk, app.version, outcome="unable_not_held", answer_item="art36_5",
        decision_reasons="学校用地审批由自然资源部门负责。", responsible_agency="新城县自然资源局",
        responsible_contact="电话 0000-7654321",
    )  # fmt: skip
    assert app.answer_item == "art36_5" and app.responsible_agency == "新城县自然资源局"
    reply = app.letters.get(kind="reply")
    assert "第三十六条第（五）项" in reply.body and "新城县自然资源局" in reply.body


def _objected_case(personas):  # type: ignore[no-untyped-def]
    clerk = personas.users["clerk"]
    app = register(personas.bureau, clerk)
    app = services.start_review(app, clerk, app.version)
    app = services.consult(
        app,
        clerk,
        app.version,
        kind="third_party",
        party_name="新城县恒达建材有限公司",
        sent_on=dt.date(2026, 1, 22),
    )
    app = services.end_consultation(
        app, clerk, app.version, answered_on=dt.date(2026, 2, 2), opinion="不同意", objects=True
    )
    return app


def test_disclosure_over_objection_needs_reasons_and_the_notice_first(personas) -> None:
    """条例第三十二条: public-interest reasons, and the third party is told in writing before the reply."""
    clerk = personas.users["clerk"]
    app = _objected_case(personas)
    with pytest.raises(services.ServiceError, match="第三十二条"):
        services.decide(app, clerk, app.version, outcome="granted", on=dt.date(2026, 2, 5))
    app = services.decide(
        app, clerk, app.version, outcome="granted", on=dt.date(2026, 2, 5), decision_text="食堂供货合同",
        public_interest_reasons="涉及学生食品安全，不公开会对公共利益造成重大影响。",
    )  # fmt: skip
    notice = app.letters.get(kind="third_party_disclosure")
    assert (
        notice.addressee == "新城县恒达建材有限公司："
        and "公共利益" in notice.body
        and "2026年2月2日" in notice.body
    )
    reply = app.letters.get(kind="reply")
    with pytest.raises(services.ServiceError, match="须先书面告知第三方"):
        services.send_letter(reply, clerk, app.version, on=dt.date(2026, 2, 6))
    services.send_letter(notice, clerk, app.version, on=dt.date(2026, 2, 6))
    app.refresh_from_db()
    reply = services.send_letter(reply, clerk, app.version, on=dt.date(2026, 2, 6))
    assert reply.is_sent


def test_refusal_after_objection_needs_no_notice(personas) -> None:
    clerk = personas.users["clerk"]
    app = _objected_case(personas)
    app = services.decide(
        app, clerk, app.version, outcome="denied_third_party", on=dt.date(2026, 2, 5),
        decision_reasons="涉及第三方商业秘密，第三方不同意公开。",
    )  # fmt: skip
    assert not app.letters.filter(kind="third_party_disclosure").exists()
