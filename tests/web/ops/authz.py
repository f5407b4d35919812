"""The ops app's rows of the authorization matrix: the health probes answer everyone, signed in or not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PERSONAS = (
    "anonymous", "applicant", "clerk", "reviewer", "approver", "agency_admin", "supervisor", "other_agency_clerk", "sysadmin",
)  # fmt: skip

EXPECTED: dict[str, dict[str, int]] = {
    "ops:healthz": dict.fromkeys(PERSONAS, 200),
    "ops:readyz": dict.fromkeys(PERSONAS, 200),
}
URL_KWARGS: dict[str, Callable[[Any], dict[str, Any]]] = {}
POST_EXPECTED: dict[str, dict[str, int]] = {}
POST_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {}
