"""The applicant features' rows of the authorization matrix (merged into tests/web/authz_expectations.py).

Objects: the applicant persona's online case (tests/web/applications/authz.py ``applicant_case``) with
a file of their own, and the bureau's letter case for the office's views.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gongkai.web.applications.models import Attachment

from .authz import OFFICE, _only, _table, applicant_case, bureau_case


def own_file(p: Any) -> Attachment:
    app = applicant_case(p)
    att = app.attachments.filter(purpose="application").first()
    if att is None:
        data = b"%PDF-1.4\n"
        att = Attachment.objects.create(
            application=app,
            name="身份证.pdf",
            content_type="application/pdf",
            size=len(data),
            data=data,
            sha256="0" * 64,
        )
    return att


EXPECTED: dict[str, dict[str, int]] = {
    "apply:supplement": _table(405, anonymous=405),
    "apply:message": _table(405, anonymous=405),
    "apply:read": _table(405, anonymous=405),
    "apply:file": _only(("applicant",)),
    "applications:message": _table(405, anonymous=405),
    "applications:disclose": _table(405, anonymous=405),
}

URL_KWARGS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "apply:supplement": lambda p: {"tracking": applicant_case(p).tracking_number},
    "apply:message": lambda p: {"tracking": applicant_case(p).tracking_number},
    "apply:read": lambda p: {"tracking": applicant_case(p).tracking_number},
    "apply:file": lambda p: {"pk": own_file(p).pk},
    "applications:message": lambda p: {"tracking": bureau_case(p).tracking_number},
    "applications:disclose": lambda p: {"tracking": bureau_case(p).tracking_number},
}

#: The applicant may act on their own case (a refused 补正 — no notice yet — redirects back with a
#: message); anonymous visitors are sent to sign in; everyone else is refused.
POST_EXPECTED: dict[str, dict[str, int]] = {
    "apply:supplement": _only(("applicant",), ok=302),
    "apply:message": _only(("applicant",), ok=302),
    "apply:read": _only(("applicant",), ok=302),
    "applications:message": _only(OFFICE, ok=302),
    "applications:disclose": _only(OFFICE, ok=302),
}

POST_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "apply:supplement": lambda p: {"version": applicant_case(p).version, "text": "补正"},
    "apply:message": lambda p: {"body": "请问进度如何？"},
    "applications:message": lambda p: {"body": "正在办理。"},
}
