"""Applications through the API: registration (idempotent per caller), lists and status, isolation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.web.applications.models import Application
from gongkai.web.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def body(**changes: Any) -> dict[str, Any]:
    data = {
        "channel": "online",
        "received_on": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
        "applicant_type": "natural_person",
        "applicant_category": "np",
        "applicant_name": "张三",
        "applicant_phone": "13800000000",
        "description": "2025年本县义务教育阶段学校招生计划",
    }
    return {**data, **changes}


def create(client: Any, key: str = "intake-key-0001", **changes: Any) -> Any:
    return client.post("/api/applications", body(**changes), headers={"Idempotency-Key": key})


def test_register_an_application_received_elsewhere(api_for: Any, personas: Any) -> None:
    response = create(api_for("clerk"))
    assert response.status_code == 201, response.content
    data = response.json()
    app = Application.objects.get(tracking_number=data["tracking_number"])
    assert app.agency == personas.bureau and app.channel == "online" and data["state"] == "registered"
    assert data["reply_due"]  # the clock ran (条例第三十三条)
    verbs = set(AuditEvent.objects.filter(object_id=str(app.pk)).values_list("verb", flat=True))
    assert {"application.register", "api.application_register"} <= verbs
    api_event = AuditEvent.objects.get(verb="api.application_register")
    assert api_event.actor == personas.users["clerk"] and "接口令牌" in api_event.note


def test_same_key_replays_the_first_response_without_a_second_application(api_for: Any) -> None:
    client = api_for("clerk")
    first = create(client)
    again = create(client)
    assert again.status_code == 201 and again.json() == first.json()
    assert Application.objects.count() == 1


def test_same_key_with_another_body_is_409(api_for: Any) -> None:
    client = api_for("clerk")
    create(client)
    response = create(client, description="另一项政府信息")
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_conflict"
    assert Application.objects.count() == 1


def test_keys_are_scoped_to_the_caller(api_for: Any) -> None:
    one, two = api_for("clerk"), api_for("clerk")
    a, b = create(one), create(two)
    assert a.status_code == b.status_code == 201
    assert a.json()["tracking_number"] != b.json()["tracking_number"]
    assert Application.objects.count() == 2


def test_the_key_is_required(api_for: Any) -> None:
    response = api_for("clerk").post("/api/applications", body())
    assert response.status_code == 422
    assert Application.objects.count() == 0


def test_intake_rules_of_the_web_apply(api_for: Any) -> None:
    response = create(api_for("clerk"), applicant_phone="", received_on="2999-01-01")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "received_on" in detail and "applicant_phone" in detail
    assert Application.objects.count() == 0


def test_an_acting_user_without_an_office_role_is_refused(api_for: Any) -> None:
    response = create(api_for("agency_admin"))
    assert response.status_code == 403
    assert response.json()["code"] == "role_required"
    assert Application.objects.count() == 0


def test_write_needs_the_write_scope(api_for: Any) -> None:
    response = create(api_for("clerk", scopes=("applications:read",)))
    assert response.status_code == 403 and response.json()["code"] == "scope_missing"


def test_list_and_status_of_own_agency_only(api_for: Any) -> None:
    mine = api_for("clerk")
    tracking = create(mine).json()["tracking_number"]
    other = api_for("other_agency_clerk")
    create(other, key="other-key-0001")

    listed = mine.get("/api/applications").json()
    assert listed["count"] == 1 and listed["results"][0]["tracking_number"] == tracking
    assert mine.get(f"/api/applications/{tracking}").json()["state_label"] == "已登记"
    assert other.get(f"/api/applications/{tracking}").status_code == 404
    assert other.get("/api/applications").json()["count"] == 1
    assert mine.get("/api/applications?state=concluded").json()["count"] == 0
