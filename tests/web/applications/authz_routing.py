"""Routing between agencies (D47): rows of the authorization matrix (merged into
tests/web/authz_expectations.py). The routing record of an agency is read by its readers only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .authz import BUREAU_READERS, _only, _table

EXPECTED: dict[str, dict[str, int]] = {
    # the bureau's routing record: its staff, the county's supervisor and the system administrator
    "applications:routing": _only(BUREAU_READERS),
}

URL_KWARGS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "applications:routing": lambda p: {"agency": p.bureau.code},
}

#: A read-only page: POST is not allowed, for anyone.
POST_EXPECTED: dict[str, dict[str, int]] = {
    "applications:routing": _table(405, anonymous=405),
}

POST_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {}
