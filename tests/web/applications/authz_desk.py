"""The desk's rows of the authorization matrix (merged into tests/web/authz_expectations.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gongkai.web.applications.models import Application

from .authz import BUREAU_READERS, OFFICE, _only, _table, bureau_case, draft_letter


def _version(p: Any) -> dict[str, Any]:
    return {"version": Application.objects.get(pk=bureau_case(p).pk).version}


def _letter_text(p: Any) -> dict[str, Any]:
    return {**_version(p), "title": "回执", "addressee": "张三：", "body": "您的申请已收到。"}


EXPECTED: dict[str, dict[str, int]] = {
    # lists: every reader of some agency; applicants have no desk
    "applications:export": _table(200, applicant=403),
    "applications:queue": _table(200, applicant=403),
    # POST only (405 before anything else)
    "applications:assign": _table(405, anonymous=405),
    "applications:note": _table(405, anonymous=405),
    "applications:reveal": _table(405, anonymous=405),
    "applications:letter-save-send": _table(405, anonymous=405),
    # the preview of a draft: readers of the bureau
    "applications:letter-preview": _only(BUREAU_READERS),
}

URL_KWARGS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "applications:queue": lambda p: {"name": "review"},
    "applications:assign": lambda p: {"tracking": bureau_case(p).tracking_number},
    "applications:note": lambda p: {"tracking": bureau_case(p).tracking_number},
    "applications:reveal": lambda p: {"tracking": bureau_case(p).tracking_number},
    "applications:letter-save-send": lambda p: {"pk": draft_letter(p).pk},
    "applications:letter-preview": lambda p: {"pk": draft_letter(p).pk},
}

#: Assigning, writing notes, sending and previewing typed text: the office of the bureau only.
POST_EXPECTED: dict[str, dict[str, int]] = {
    "applications:assign": _only(OFFICE, ok=302),
    "applications:note": _only(OFFICE, ok=302),
    "applications:reveal": _only(OFFICE, ok=302),  # never the supervisor: it does not need them
    "applications:letter-save-send": _only(OFFICE, ok=302),
    "applications:letter-preview": _only(OFFICE, ok=200),
}

POST_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "applications:assign": lambda p: {"assignee": p.users["clerk"].pk},
    "applications:note": lambda p: {"text": "申请人来电询问进度。"},
    "applications:letter-save-send": _letter_text,
    "applications:letter-preview": _letter_text,
}
