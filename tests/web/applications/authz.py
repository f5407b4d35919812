"""The application views' rows of the authorization matrix (merged into tests/web/authz_expectations.py).

Objects used: one application of the bureau (registered by its clerk), one online application of
the applicant persona with its sent receipt, an attachment of the bureau's case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from gongkai.web.applications import services
from gongkai.web.applications.models import Application, Attachment

from .helpers import DETAILS

PERSONAS = (
    "anonymous",
    "applicant",
    "clerk",
    "reviewer",
    "approver",
    "agency_admin",
    "supervisor",
    "other_agency_clerk",
    "sysadmin",
)
OFFICE = ("clerk", "reviewer", "approver")
BUREAU_READERS = (*OFFICE, "agency_admin", "supervisor", "sysadmin")


def _table(default: int, anonymous: int = 302, **special: int) -> dict[str, int]:
    table = dict.fromkeys(PERSONAS, default)
    table["anonymous"] = anonymous
    table.update(special)
    return table


def _only(allowed: tuple[str, ...], ok: int = 200, denied: int = 403, anonymous: int = 302) -> dict[str, int]:
    return _table(denied, anonymous, **dict.fromkeys(allowed, ok))


def bureau_case(p: Any) -> Application:
    app = Application.objects.filter(agency=p.bureau, applicant__isnull=True).order_by("pk").first()
    if app is None:
        app, _ = services.register(
            agency=p.bureau,
            actor=p.users["clerk"],
            channel="letter",
            received_on=dt.date(2026, 1, 20),
            data=DETAILS,
            idempotency_key="authz-bureau-case",
        )
    return app


def applicant_case(p: Any) -> Application:
    user = p.users["applicant"]
    app = Application.objects.filter(applicant=user).order_by("pk").first()
    if app is None:
        app, _ = services.register(
            agency=p.bureau,
            actor=user,
            channel="online",
            received_on=services.today(),
            data=DETAILS,
            applicant_user=user,
            online=True,
            idempotency_key="authz-applicant-case",
        )
    return app


def sent_letter(p: Any) -> Any:
    return applicant_case(p).letters.get(kind="receipt")  # sent at once for online applications


def draft_letter(p: Any) -> Any:
    return bureau_case(p).letters.get(kind="receipt")


def attachment(p: Any) -> Attachment:
    app = bureau_case(p)
    att = app.attachments.first()
    if att is None:
        data = b"%PDF-1.4\n"
        att = Attachment.objects.create(
            application=app,
            name="a.pdf",
            content_type="application/pdf",
            size=len(data),
            data=data,
            sha256="0" * 64,
        )
    return att


EXPECTED: dict[str, dict[str, int]] = {
    # the office: readers of the agency (the supervisor reads its subtree); applicants have no access
    "applications:list": _table(200, applicant=403),
    "applications:clock": _table(200, applicant=403),
    "applications:intake": _only(OFFICE),
    "applications:case": _only(BUREAU_READERS),
    "applications:edit": _only(OFFICE),
    "applications:act": _table(405, anonymous=405),
    "applications:letter": _only(BUREAU_READERS),
    "applications:letter-send": _table(405, anonymous=405),
    "applications:letter-receipt": _table(405, anonymous=405),
    "applications:letter-download": _only(BUREAU_READERS),
    "applications:attachment": _only(BUREAU_READERS),
    "applications:letter-new": _table(405, anonymous=405),
    "applications:letter-settings": _only(("agency_admin",)),
    # public: anyone may apply or look up; the applicant sees their own application only
    "apply:form": _table(200, anonymous=200),
    "apply:track": _table(200, anonymous=200),
    "apply:submitted": _only(("applicant",)),
    "apply:mine": _table(200),
    "apply:detail": _only(("applicant",)),
    "apply:withdraw": _table(405, anonymous=405),
    "apply:letter": _only(("applicant",)),
}

URL_KWARGS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "applications:intake": lambda p: {"agency": p.bureau.code},
    "applications:case": lambda p: {"tracking": bureau_case(p).tracking_number},
    "applications:edit": lambda p: {"tracking": bureau_case(p).tracking_number},
    "applications:act": lambda p: {"tracking": bureau_case(p).tracking_number, "action": "start_review"},
    "applications:letter": lambda p: {"pk": draft_letter(p).pk},
    "applications:letter-send": lambda p: {"pk": draft_letter(p).pk},
    "applications:letter-receipt": lambda p: {"pk": sent_letter(p).pk},
    "applications:letter-download": lambda p: {"pk": sent_letter(p).pk},
    "applications:attachment": lambda p: {"pk": attachment(p).pk},
    "applications:letter-new": lambda p: {"tracking": bureau_case(p).tracking_number},
    "applications:letter-settings": lambda p: {"agency": p.bureau.code},
    "apply:submitted": lambda p: {"tracking": applicant_case(p).tracking_number},
    "apply:detail": lambda p: {"tracking": applicant_case(p).tracking_number},
    "apply:withdraw": lambda p: {"tracking": applicant_case(p).tracking_number},
    "apply:letter": lambda p: {"pk": sent_letter(p).pk},
}

#: POST with a valid token. Allowed personas are redirected (to the case, or back with a message when
#: the case has moved on); others are refused. The forms carry the version read from the database.
POST_EXPECTED: dict[str, dict[str, int]] = {
    "applications:act": _only(OFFICE, ok=302),
    "applications:intake": _only(OFFICE, ok=302),
    "applications:edit": _only(OFFICE, ok=302),
    "applications:letter": _only(OFFICE, ok=302),
    "applications:letter-send": _only(OFFICE, ok=302),
    "applications:letter-receipt": _only(OFFICE, ok=302),
    "applications:letter-new": _only(OFFICE, ok=302),
    "applications:letter-settings": _only(("agency_admin",), ok=302),
    "apply:form": _table(302, anonymous=302),
    "apply:withdraw": _table(404, applicant=302),
}


def _version(p: Any) -> dict[str, Any]:
    return {"version": Application.objects.get(pk=bureau_case(p).pk).version}


POST_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "applications:act": _version,
    "applications:intake": lambda p: {
        **DETAILS,
        "channel": "letter",
        "received_on": "2026-01-20",
        "idempotency_key": "authz-intake",
    },
    "applications:letter": lambda p: {**_version(p), "title": "回执", "addressee": "张三：", "body": "正文"},
    "applications:letter-send": lambda p: {**_version(p), "delivery_method": "post", "sent_on": "2026-01-20"},
    "applications:letter-new": lambda p: {**_version(p), "kind": "art35_reasons"},
    "applications:letter-receipt": lambda p: {
        "version": Application.objects.get(pk=applicant_case(p).pk).version,
        "received_on": services.today().isoformat(),
    },
    "applications:letter-settings": lambda p: {
        "number_pattern": "县教公开〔{year}〕{seq}号",
        "payee": "县财政局",
    },
    "applications:edit": lambda p: {**DETAILS, **_version(p)},
    "apply:form": lambda p: {**DETAILS, "agency": p.bureau.pk, "idempotency_key": "authz-online"},
    "apply:withdraw": lambda p: {"version": Application.objects.get(pk=applicant_case(p).pk).version},
}
