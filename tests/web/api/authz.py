"""The API's rows of the authorization matrix (merged into tests/web/authz_expectations.py).

The matrix signs personas in with a session; the API does not accept sessions, only tokens: every
endpoint answers 401 (JSON) to every persona, and 405 for a GET on a POST-only operation. The schema
and the docs page are public. The token pages are the agency administrator's alone. The API's own
authorization (scopes, agencies, revoked tokens) is tested per endpoint in tests/web/api/.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gongkai.web.api import services
from gongkai.web.api.models import ApiToken

PERSONAS = (
    "anonymous", "applicant", "clerk", "reviewer", "approver", "agency_admin", "supervisor", "other_agency_clerk", "sysadmin",
)  # fmt: skip
EVERYONE = dict.fromkeys(PERSONAS, 200)
NO_TOKEN = dict.fromkeys(PERSONAS, 401)
POST_ONLY = dict.fromkeys(PERSONAS, 405)


def _admin_only(ok: int = 200) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, 403)
    table["anonymous"] = 302
    table["agency_admin"] = ok
    return table


def _agency(p: Any) -> dict[str, Any]:
    return {"agency": p.bureau.code}


def _token(p: Any) -> dict[str, Any]:
    token = ApiToken.objects.filter(agency=p.bureau).first()
    if token is None:
        token, _ = services.create_token(
            p.users["agency_admin"],
            p.bureau,
            name="矩阵",
            scopes=["stats:read"],
            acting_user=p.users["clerk"],
        )
    return {"agency": p.bureau.code, "pk": token.pk}


EXPECTED: dict[str, dict[str, int]] = {
    "api:openapi-json": EVERYONE,
    "api:openapi-view": EVERYONE,
    "api:api-root": dict.fromkeys(PERSONAS, 404),
    "api:reports_check": POST_ONLY,
    "api:reports_render": POST_ONLY,
    "api:applications_create": NO_TOKEN,
    "api:applications_list": NO_TOKEN,
    "api:applications_detail": NO_TOKEN,
    "api:register_list": NO_TOKEN,
    "api:register_create": NO_TOKEN,
    "api:register_detail": NO_TOKEN,
    "api:register_update": NO_TOKEN,
    "api:register_submit": POST_ONLY,
    "api:register_review": POST_ONLY,
    "api:register_publish": POST_ONLY,
    "api:register_search": NO_TOKEN,
    "api:register_vocabularies": NO_TOKEN,
    "api:annual_draft": POST_ONLY,
    "api:annual_published": NO_TOKEN,
    "api:statistics_table3": NO_TOKEN,
    "apitokens:list": _admin_only(),
    "apitokens:create": _admin_only(),
    "apitokens:revoke": dict.fromkeys(PERSONAS, 405),
}
URL_KWARGS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "api:applications_detail": lambda p: {"tracking_number": "XCJY-2025-0001"},
    "api:register_detail": lambda p: {"item_id": 1},
    "api:register_update": lambda p: {"item_id": 1},
    "api:register_submit": lambda p: {"item_id": 1},
    "api:register_review": lambda p: {"item_id": 1},
    "api:register_publish": lambda p: {"item_id": 1},
    "api:annual_draft": lambda p: {"year": 2025},
    "api:annual_published": lambda p: {"year": 2025},
    "apitokens:list": _agency,
    "apitokens:create": _agency,
    "apitokens:revoke": _token,
}
POST_EXPECTED: dict[str, dict[str, int]] = {
    "apitokens:create": _admin_only(),
    "apitokens:revoke": _admin_only(ok=302),
}
POST_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "apitokens:create": lambda p: {
        "name": "对接",
        "scopes": ["stats:read"],
        "acting_user": p.users["clerk"].pk,
    },
}
