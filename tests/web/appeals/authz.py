"""The case register's rows of the authorization matrix (merged into tests/web/authz_expectations.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gongkai.web.appeals.models import Case

from .helpers import make_case

PERSONAS = (
    "anonymous", "applicant", "clerk", "reviewer", "approver", "agency_admin", "supervisor", "other_agency_clerk", "sysadmin",
)  # fmt: skip
READERS = ("clerk", "reviewer", "approver", "agency_admin", "supervisor", "sysadmin")
RECORDERS = ("clerk", "reviewer", "approver", "agency_admin")
CHECKERS = ("reviewer", "approver")


def _only(allowed: tuple[str, ...], ok: int = 200) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, 403)
    table["anonymous"] = 302
    table.update(dict.fromkeys(allowed, ok))
    return table


def _case(p: Any) -> dict[str, Any]:
    case = Case.objects.filter(agency=p.bureau).first() or make_case(p)
    return {"pk": case.pk}


EXPECTED: dict[str, dict[str, int]] = {
    "appeals:list": {**dict.fromkeys(PERSONAS, 200), "anonymous": 302},
    "appeals:new": _only(RECORDERS),
    "appeals:detail": _only(READERS),
    "appeals:decide": dict.fromkeys(PERSONAS, 405),
    "appeals:check": dict.fromkeys(PERSONAS, 405),
}
URL_KWARGS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "appeals:new": lambda p: {"agency": p.bureau.code},
    "appeals:detail": _case,
    "appeals:decide": _case,
    "appeals:check": _case,
}
POST_EXPECTED: dict[str, dict[str, int]] = {
    "appeals:new": _only(RECORDERS, ok=302),
    "appeals:decide": _only(RECORDERS, ok=302),
    "appeals:check": _only(CHECKERS, ok=302),
}
POST_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "appeals:new": lambda p: {
        "kind": "review",
        "applicant_name": "陈某",
        "body": "新城县人民政府",
        "filed_on": "2025-03-03",
    },
    "appeals:decide": lambda p: {"result": "maintained", "decided_on": "2025-05-05"},
}
