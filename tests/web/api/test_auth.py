"""Authentication, scopes, errors and rate limits of the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gongkai.web.api import services
from gongkai.web.api.models import ApiToken
from gongkai.web.audit.models import AuditEvent

from .conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_served_without_a_token() -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/applications", "/api/reports/check", "/api/register/items", "/api/statistics/table3"):
        assert path in paths


def test_docs_page_uses_no_cdn() -> None:
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "<script>" not in html  # no inline script: a strict CSP can be applied


def test_missing_token_is_401_json(personas: Any) -> None:
    response = Client().get("/api/applications")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert "令牌" in response.json()["message"]


def test_wrong_token_is_401(personas: Any) -> None:
    response = ApiClient("gk_not-a-real-token").get("/api/applications")
    assert response.status_code == 401
    assert response.json()["code"] == "token_invalid"


def test_token_is_stored_hashed_and_shown_once(make_token: Any) -> None:
    token, secret = make_token("clerk")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in str(stored.__dict__.values())
    assert stored.token_hash == services.hash_token(secret)
    assert secret.startswith("gk_") and len(secret) > 40


def test_revoked_token_is_401(make_token: Any, personas: Any) -> None:
    token, secret = make_token("clerk")
    assert ApiClient(secret).get("/api/applications").status_code == 200
    services.revoke_token(personas.users["agency_admin"], token)
    response = ApiClient(secret).get("/api/applications")
    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"
    assert AuditEvent.objects.filter(verb="api.token_revoke").count() == 1


def test_missing_scope_is_403(api_for: Any) -> None:
    client = api_for("clerk", scopes=("stats:read",))
    response = client.get("/api/applications")
    assert response.status_code == 403
    assert response.json()["code"] == "scope_missing"
    assert client.get("/api/statistics/table3?year=2025").status_code == 200


def test_only_the_agency_admin_creates_tokens(personas: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_token(
            personas.users["clerk"],
            personas.bureau,
            name="x",
            scopes=["stats:read"],
            acting_user=personas.users["clerk"],
        )


def test_acting_user_must_work_in_the_agency(personas: Any) -> None:
    from gongkai.web.api.errors import ApiError

    with pytest.raises(ApiError):
        services.create_token(
            personas.users["agency_admin"],
            personas.bureau,
            name="x",
            scopes=["stats:read"],
            acting_user=personas.users["other_agency_clerk"],
        )


def test_rate_limit_is_429_json(api_for: Any, settings: Any) -> None:
    settings.GONGKAI_API_MAX_PER_MINUTE = 3
    client = api_for("clerk")
    statuses = [client.get("/api/applications").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/applications")
    assert response.json()["code"] == "rate_limited"
    assert "频繁" in response.json()["message"]


def test_validation_error_is_json_in_chinese(api_for: Any) -> None:
    response = api_for("clerk").get("/api/statistics/table3?year=abc")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error" and "校验" in body["message"]
    assert body["detail"][0]["loc"][-1] == "year"


def test_malformed_json_is_a_json_error(api_for: Any) -> None:
    client = api_for("clerk")
    response = client.client.post(
        "/api/applications",
        "{not json",
        content_type="application/json",
        headers={**client.headers, "Idempotency-Key": "k" * 10},
    )
    assert response.status_code in (400, 422)
    assert response.json()["code"] in ("bad_request", "validation_error")


def test_unexpected_error_is_500_json_without_traceback(api_for: Any, monkeypatch: Any) -> None:
    from gongkai.web.applications import stats

    def broken(*args: Any) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(stats, "table3", broken)
    response = api_for("clerk").get("/api/statistics/table3?year=2025")
    assert response.status_code == 500
    assert response.json()["code"] == "internal_error"
    assert b"secret internals" not in response.content and b"Traceback" not in response.content


def test_an_unknown_api_address_is_404_json_and_pages_keep_their_404(personas: Any) -> None:
    response = Client().get("/api/no-such-endpoint")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    response = Client().get("/api/applications/%00")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    page = Client().get("/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
