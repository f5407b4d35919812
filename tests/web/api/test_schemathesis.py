"""Property-based run of schemathesis over the whole API schema (issue: no 5xx, responses match it).

Every operation of ``/api/openapi.json`` is called with generated data (valid and invalid), through the
WSGI application, with a token holding every scope and acting as the clerk. The checks: no server
error, the status code is documented, the body matches the documented schema. Bounded and
deterministic (``derandomize``) so that it runs in the normal suite.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance


def application(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """The WSGI application, keeping the test's database connection open across requests.

    The handler closes the connection after each request (as in production), which would end the
    test's transaction on PostgreSQL; like Django's test client, the closing is switched off here.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        response = _HANDLER(environ, start_response)
        body = b"".join(response)
        response.close()
        return [body]
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


_HANDLER = get_wsgi_application()
#: Loaded from the application itself (no server, no network); the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def bearer(make_token: Any, settings: Any) -> dict[str, str]:
    settings.GONGKAI_API_MAX_PER_MINUTE = 1_000_000
    _, secret = make_token("clerk")
    headers = {"Authorization": f"Bearer {secret}"}
    # Something to list and find, so that non-empty bodies are checked against the schema too.
    client = Client()
    seeded = client.post(
        "/api/applications",
        {"channel": "letter", "received_on": "2025-03-03", "applicant_type": "natural_person",
         "applicant_category": "np", "applicant_name": "张三", "applicant_phone": "13800000000",
         "description": "招生计划"},
        content_type="application/json",
        headers={**headers, "Idempotency-Key": "seed-key-0001"},
    )  # fmt: skip
    item = client.post(
        "/api/register/items", {"title": "通知"}, content_type="application/json", headers=headers
    )
    assert seeded.status_code == item.status_code == 201
    return headers


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: Any, bearer: dict[str, str]) -> None:
    case.call_and_validate(
        headers=bearer, checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
    )
