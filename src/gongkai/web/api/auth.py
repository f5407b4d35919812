"""Bearer-token authentication and the checks every endpoint makes (scope, agency).

A request carries ``Authorization: Bearer gk_…``. The token acts for its own agency only, as its
acting user: objects of other agencies are not found (404), exactly as on the web pages, and the
services check the acting user's roles (:mod:`gongkai.web.accounts.scope`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from gongkai.web.agencies.models import Agency

from . import services
from .errors import ApiError
from .models import ApiToken, Scope


class TokenAuth(HttpBearer):
    openapi_description = "机关的接口令牌（gk_ 开头），由机构管理员创建；见 docs/api.md。"

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        return services.authenticate(token)


@dataclass(frozen=True)
class Caller:
    token: ApiToken
    user: Any
    agency: Agency


def caller(request: HttpRequest, needed: Scope) -> Caller:
    """The token of ``request``, if it holds ``needed`` (403 ``scope_missing`` otherwise)."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    if not token.has_scope(needed):
        raise ApiError(403, "scope_missing", f"该令牌没有“{needed.label}”（{needed.value}）权限。")
    return Caller(token=token, user=token.acting_user, agency=token.agency)
