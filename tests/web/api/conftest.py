"""Tokens for the API tests: one per persona of the bureau, with chosen scopes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from gongkai.web.api import services
from gongkai.web.api.models import ApiToken, Scope

from ..conftest import Personas

ALL_SCOPES = tuple(Scope.values)


@pytest.fixture
def make_token(personas: Personas) -> Callable[..., tuple[ApiToken, str]]:
    """``make_token(acting="clerk", scopes=..., agency=None)`` → (token, secret), created by the admin."""

    def make(
        acting: str = "clerk", scopes: tuple[str, ...] = ALL_SCOPES, agency: Any = None
    ) -> tuple[ApiToken, str]:
        agency = agency or personas.agency_of(acting)
        if agency == personas.other:
            from ..factories import make_staff

            admin = make_staff(agency, "agency_admin", "other_admin")
        else:
            admin = personas.users["agency_admin"]
        return services.create_token(
            admin, agency, name=f"{acting} 令牌", scopes=scopes, acting_user=personas.users[acting]
        )

    return make


class ApiClient:
    """A test client sending a bearer token on every request."""

    def __init__(self, secret: str) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"}

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.client.get(path, headers=self.headers, **kwargs)

    def post(
        self, path: str, data: Any = None, *, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> Any:
        kwargs.setdefault("content_type", "application/json")
        return self.client.post(path, data or {}, headers={**self.headers, **(headers or {})}, **kwargs)

    def patch(self, path: str, data: Any = None, **kwargs: Any) -> Any:
        return self.client.patch(
            path, data or {}, headers=self.headers, content_type="application/json", **kwargs
        )


@pytest.fixture
def api_for(make_token: Callable[..., tuple[ApiToken, str]]) -> Callable[..., ApiClient]:
    """``api_for("clerk", scopes=...)`` → a client authenticated by a new token acting as that persona."""

    def make(acting: str = "clerk", **kwargs: Any) -> ApiClient:
        _, secret = make_token(acting, **kwargs)
        return ApiClient(secret)

    return make
