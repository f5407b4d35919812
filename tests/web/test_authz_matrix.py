"""The authorization matrix: every URL of the URLconf × every persona (platform contract).

A URL without an entry in tests/web/authz_expectations.py fails here ("add it to the matrix"), so
every view — including future ones — is tested for every role. Each URL is one test; within it all
personas are tried and every mismatch is reported at once.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from . import authz_expectations as authz
from .conftest import PERSONA_NAMES, Personas


def _walk(resolver: URLResolver, namespace: str = "") -> list[tuple[str, str, URLPattern]]:
    """(namespace, full name or "", pattern) of every URL pattern, recursively."""
    found: list[tuple[str, str, URLPattern]] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += _walk(entry, ns)
        else:
            found.append((namespace, f"{namespace}{entry.name}" if entry.name else "", entry))
    return found


def url_names() -> list[str]:
    """Every named URL; unnamed ones are allowed only inside the admin (its catch-all redirects)."""
    names = []
    for namespace, name, pattern in _walk(get_resolver()):
        if name:
            names.append(name)
        elif not namespace.startswith("admin:"):
            raise AssertionError(f"URL {pattern.pattern} has no name; name it and add it to the matrix")
    return sorted(set(names))


ALL_URLS = url_names()
APP_URLS = [n for n in ALL_URLS if not n.startswith("admin:")]
ADMIN_URLS = [n for n in ALL_URLS if n.startswith("admin:")]


def test_personas_are_the_expected_ones() -> None:
    assert authz.PERSONAS == PERSONA_NAMES


def test_every_url_is_in_the_matrix() -> None:
    missing = [n for n in APP_URLS if n not in authz.EXPECTED]
    assert not missing, f"add these URLs to tests/web/authz_expectations.py: {missing}"
    stale = sorted(set(authz.EXPECTED) - set(APP_URLS))
    assert not stale, f"these matrix entries name no URL: {stale}"


def _kwargs(name: str, personas: Personas) -> dict[str, Any]:
    factory = authz.URL_KWARGS.get(name)
    if factory is not None:
        return factory(personas)
    return {}


def _url(name: str, personas: Personas) -> str:
    try:
        return reverse(name, kwargs=_kwargs(name, personas))
    except Exception as exc:  # NoReverseMatch: the URL needs kwargs nobody declared
        raise AssertionError(f"{name}: add a URL_KWARGS factory to authz_expectations ({exc})") from None


def _client(personas: Personas, persona: str, **kwargs: Any) -> Client:
    client = Client(**kwargs)
    user = personas.users[persona]
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("name", APP_URLS)
def test_get(name: str, personas: Personas) -> None:
    expected = authz.EXPECTED.get(name)
    assert expected is not None, f"add {name} to tests/web/authz_expectations.py"
    assert set(expected) == set(PERSONA_NAMES), f"{name}: the matrix must name every persona"
    url = _url(name, personas)
    wrong = []
    for persona in PERSONA_NAMES:
        response = _client(personas, persona).get(url)
        if response.status_code != expected[persona]:
            wrong.append(f"{persona}: expected {expected[persona]}, got {response.status_code}")
        elif response.status_code == 302 and persona == "anonymous" and expected[persona] == 302:
            location = response.headers.get("Location", "")
            if name not in {"logout"} and settings.LOGIN_URL not in location and "/login/" not in location:
                wrong.append(f"anonymous: redirected to {location}, not to sign-in")
    assert not wrong, f"{name} ({url}):\n" + "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(authz.POST_EXPECTED))
def test_post(name: str, personas: Personas) -> None:
    expected = authz.POST_EXPECTED[name]
    assert set(expected) == set(PERSONA_NAMES), f"{name}: the POST matrix must name every persona"
    url = _url(name, personas)
    data_factory = authz.POST_DATA.get(name)
    wrong = []
    for persona in PERSONA_NAMES:
        data = data_factory(personas) if data_factory else {}
        response = _client(personas, persona).post(url, data)
        if response.status_code != expected[persona]:
            wrong.append(f"{persona}: expected {expected[persona]}, got {response.status_code}")
    assert not wrong, f"POST {name} ({url}):\n" + "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(authz.POST_EXPECTED))
def test_post_without_csrf_token_is_refused(name: str, personas: Personas) -> None:
    """A POST that would succeed is refused (403) without the CSRF token."""
    expected = authz.POST_EXPECTED[name]
    allowed = [p for p in PERSONA_NAMES if expected[p] < 400 and p != "anonymous"] or ["anonymous"]
    url = _url(name, personas)
    data_factory = authz.POST_DATA.get(name)
    for persona in allowed:
        client = _client(personas, persona, enforce_csrf_checks=True)
        response = client.post(url, data_factory(personas) if data_factory else {})
        assert response.status_code == 403, (
            f"{persona}: POST {name} without a CSRF token gave {response.status_code}"
        )


def _admin_kwargs(name: str, pattern_keys: set[str], personas: Personas) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    if "app_label" in pattern_keys:
        kwargs["app_label"] = "accounts"
    if "content_type_id" in pattern_keys:
        kwargs["content_type_id"] = ContentType.objects.get_for_model(personas.bureau).pk
        kwargs["object_id"] = personas.bureau.pk
        return kwargs
    for key in ("object_id", "id"):
        if key in pattern_keys:
            # Django's UserAdmin names its password view auth_user_… whatever the user model.
            short = name.removeprefix("admin:").replace("auth_user_", "accounts_user_")
            model = next(
                (
                    m
                    for m in apps.get_models()
                    if short.startswith(f"{m._meta.app_label}_{m._meta.model_name}_")
                ),
                None,
            )
            assert model is not None, f"{name}: cannot tell which model it edits"
            obj = model._default_manager.order_by("pk").first()
            kwargs[key] = obj.pk if obj is not None else 1
    return kwargs


@pytest.mark.parametrize("name", ADMIN_URLS)
def test_admin_is_for_system_administrators_only(name: str, personas: Personas) -> None:
    patterns = {name: pattern for _, name, pattern in _walk(get_resolver()) if name}
    keys = set(patterns[name].pattern.converters) | set(patterns[name].pattern.regex.groupindex)
    url = reverse(name, kwargs=_admin_kwargs(name, keys, personas))
    wrong = []
    for persona in PERSONA_NAMES:
        response = _client(personas, persona).get(url)
        status, location = response.status_code, response.headers.get("Location", "")
        if persona == "sysadmin":
            if status >= 500 or (status == 302 and "/admin/login/" in location):
                wrong.append(f"sysadmin: got {status} {location}")
        elif name == "admin:logout":
            if status not in (302, 405):
                wrong.append(f"{persona}: expected a redirect or 405, got {status}")
        elif name == "admin:login":
            if status != 200:
                wrong.append(f"{persona}: expected the admin sign-in page, got {status}")
        elif not (status == 302 and "/admin/login/" in location):
            wrong.append(f"{persona}: expected a redirect to the admin sign-in, got {status} {location}")
    assert not wrong, f"{name} ({url}):\n" + "\n".join(wrong)
