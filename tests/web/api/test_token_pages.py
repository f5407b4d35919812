"""The agency administrator's token pages: create (the secret shown once), list, revoke — audited."""

from __future__ import annotations

import re
from typing import Any

import pytest

from gongkai.web.api.models import ApiToken
from gongkai.web.audit.models import AuditEvent

from .conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_create_list_and_revoke(client_for: Any, personas: Any) -> None:
    admin = client_for("agency_admin")
    code = personas.bureau.code
    response = admin.post(
        f"/api-tokens/{code}/new/",
        {
            "name": "省平台对接",
            "scopes": ["applications:write", "applications:read"],
            "acting_user": personas.users["clerk"].pk,
        },
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = re.search(r'data-testid="token-secret">([^<]+)<', response.content.decode()).group(1)  # type: ignore[union-attr]
    token = ApiToken.objects.get(name="省平台对接")
    assert token.acting_user == personas.users["clerk"] and token.created_by == personas.users["agency_admin"]
    assert AuditEvent.objects.filter(verb="api.token_create", object_id=str(token.pk)).exists()

    listing = admin.get(f"/api-tokens/{code}/").content.decode()
    assert f'href="/api-tokens/{code}/"' in listing  # the administrator's navigation links here
    assert "省平台对接" in listing and secret not in listing  # shown once only
    assert ApiClient(secret).get("/api/applications").status_code == 200

    assert admin.post(f"/api-tokens/{code}/{token.pk}/revoke/").status_code == 302
    assert ApiClient(secret).get("/api/applications").json()["code"] == "token_revoked"


def test_acting_user_must_be_staff_of_the_agency(client_for: Any, personas: Any) -> None:
    response = client_for("agency_admin").post(
        f"/api-tokens/{personas.bureau.code}/new/",
        {"name": "x", "scopes": ["stats:read"], "acting_user": personas.users["other_agency_clerk"].pk},
    )
    assert response.status_code == 200 and not ApiToken.objects.exists()
    assert "acting_user" in response.context["form"].errors


def test_another_agencys_token_cannot_be_revoked(client_for: Any, personas: Any, make_token: Any) -> None:
    token, _ = make_token("other_agency_clerk")
    response = client_for("agency_admin").post(f"/api-tokens/{personas.bureau.code}/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_whose_acting_user_left_stops_working(make_token: Any, personas: Any) -> None:
    _, secret = make_token("clerk")
    personas.users["clerk"].memberships.update(is_active=False)
    response = ApiClient(secret).get("/api/applications")
    assert response.status_code == 401 and response.json()["code"] == "token_inactive"
