"""Who may reach which URL: the expectation table of tests/web/test_authz_matrix.py.

Every named URL of the URLconf must have an entry in ``EXPECTED`` (URL name → persona → HTTP status
of a GET), and, when the URL has parameters, a factory in ``URL_KWARGS`` (URL name → function of the
personas returning the kwargs — usually an object belonging to the bureau, so that the bureau's
staff, the county's supervisor and the unrelated agency's clerk show isolation). State-changing
views also get ``POST_EXPECTED`` (status of a POST with a valid CSRF token) and ``POST_DATA``; the
matrix additionally checks that the same POST without a token is refused (403).

Statuses: 200 shown; 302 redirected (anonymous → sign-in, or after a successful POST); 403
refused; 404 hidden; 405 method not allowed. The Django admin (``admin:*``) is checked generically:
everyone but the system administrator is sent to the admin sign-in.

Personas: see tests/web/conftest.py (``PERSONA_NAMES``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType

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
SIGNED_IN = PERSONAS[1:]
BUREAU_STAFF = ("clerk", "reviewer", "approver", "agency_admin")

Expectation = dict[str, int]


def everyone(status: int) -> Expectation:
    return dict.fromkeys(PERSONAS, status)


def signed_in(status: int, *, anonymous: int = 302) -> Expectation:
    """``status`` for every signed-in persona; anonymous visitors are sent to sign in."""
    return {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, status)}


def only(*allowed: str, ok: int = 200, denied: int = 403, anonymous: int = 302) -> Expectation:
    """``ok`` for the ``allowed`` personas, ``denied`` for the other signed-in ones."""
    table = {"anonymous": anonymous, **dict.fromkeys(SIGNED_IN, denied)}
    table.update(dict.fromkeys(allowed, ok))
    return table


EXPECTED: dict[str, Expectation] = {
    # portal
    "portal:home": everyone(200),
    "portal:agency_list": everyone(200),
    "portal:agency_detail": everyone(200),
    "portal:agency_edit": only("agency_admin"),
    "portal:agency_staff": only("agency_admin", "supervisor", "sysadmin"),
    "portal:membership_grant": everyone(405),
    "portal:membership_end": everyone(405),
    # accounts (Django's views with our templates)
    "login": {**signed_in(302), "anonymous": 200},
    "logout": everyone(405),
    "password_change": signed_in(200),
    "password_change_done": signed_in(200),
    "password_reset": everyone(200),
    "password_reset_done": everyone(200),
    "password_reset_confirm": everyone(200),  # an invalid token shows the "invalid link" page
    "password_reset_complete": everyone(200),
    "register": {**signed_in(302), "anonymous": 200},
    "profile": signed_in(200),
    # audit trail of an object of the bureau: its readers see it, others are told it does not exist
    "audit:object_events": only(*BUREAU_STAFF, "supervisor", "sysadmin", denied=404),
    # importing the 国务院办公厅 holiday notice: the system administrator only
    "workcalendar:import": only("sysadmin"),
}


def _bureau_trail(p: Any) -> dict[str, Any]:
    return {"content_type": ContentType.objects.get_for_model(p.bureau).pk, "object_id": str(p.bureau.pk)}


URL_KWARGS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "portal:agency_detail": lambda p: {"agency": p.bureau.code},
    "portal:agency_edit": lambda p: {"agency": p.bureau.code},
    "portal:agency_staff": lambda p: {"agency": p.bureau.code},
    "portal:membership_grant": lambda p: {"agency": p.bureau.code},
    "portal:membership_end": lambda p: {"agency": p.bureau.code},
    "password_reset_confirm": lambda p: {"uidb64": "MQ", "token": "set-password"},
    "audit:object_events": _bureau_trail,
}

POST_EXPECTED: dict[str, Expectation] = {
    "portal:agency_edit": only("agency_admin", ok=302),
    "portal:membership_grant": only("agency_admin", ok=302),
    "portal:membership_end": only("agency_admin", ok=302),
    "logout": everyone(302),
    # a POST without a file re-renders the form with a message
    "workcalendar:import": only("sysadmin"),
}

POST_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "portal:agency_edit": lambda p: {"office_phone": "0999-1234567", "office_hours": "工作日"},
    "portal:membership_grant": lambda p: {"username": "applicant", "role": "clerk"},
    "portal:membership_end": lambda p: {"membership": "0"},
    "workcalendar:import": lambda p: {},
}

# 依申请公开 (helper H): the application views' rows live beside their tests.
from .applications import authz as _applications  # noqa: E402

EXPECTED.update(_applications.EXPECTED)
URL_KWARGS.update(_applications.URL_KWARGS)
POST_EXPECTED.update(_applications.POST_EXPECTED)
POST_DATA.update(_applications.POST_DATA)

# The applicant's features (issue 9 item 5): notifications, 补正 online, disclosed files, messages.
from .applications import authz_applicant as _applicant  # noqa: E402

EXPECTED.update(_applicant.EXPECTED)
URL_KWARGS.update(_applicant.URL_KWARGS)
POST_EXPECTED.update(_applicant.POST_EXPECTED)
POST_DATA.update(_applicant.POST_DATA)
# The clerk's desk (issue 9 item 4): rows beside the desk's tests.
from .applications import authz_desk as _desk  # noqa: E402

EXPECTED.update(_desk.EXPECTED)
URL_KWARGS.update(_desk.URL_KWARGS)
POST_EXPECTED.update(_desk.POST_EXPECTED)
POST_DATA.update(_desk.POST_DATA)
# 主动公开 (stream register): the register's views' rows live beside their tests.
from .disclosures import authz as _disclosures  # noqa: E402

EXPECTED.update(_disclosures.EXPECTED)
URL_KWARGS.update(_disclosures.URL_KWARGS)
POST_EXPECTED.update(_disclosures.POST_EXPECTED)
POST_DATA.update(_disclosures.POST_DATA)

# 行政复议/诉讼 and the annual report (stream annual): rows beside their tests.
from .annual import authz as _annual  # noqa: E402
from .appeals import authz as _appeals  # noqa: E402

for _rows in (_appeals, _annual):
    EXPECTED.update(_rows.EXPECTED)
    URL_KWARGS.update(_rows.URL_KWARGS)
    POST_EXPECTED.update(_rows.POST_EXPECTED)
    POST_DATA.update(_rows.POST_DATA)
# 监督 (stream super): the supervision views' rows live beside their tests.
from .supervision import authz as _supervision  # noqa: E402

EXPECTED.update(_supervision.EXPECTED)
URL_KWARGS.update(_supervision.URL_KWARGS)
POST_EXPECTED.update(_supervision.POST_EXPECTED)
POST_DATA.update(_supervision.POST_DATA)
# Routing between agencies (stream routing, D47): rows beside their tests.
from .applications import authz_routing as _routing  # noqa: E402

EXPECTED.update(_routing.EXPECTED)
URL_KWARGS.update(_routing.URL_KWARGS)
POST_EXPECTED.update(_routing.POST_EXPECTED)
POST_DATA.update(_routing.POST_DATA)
# The HTTP API and its token pages (stream api): rows beside their tests.
from .api import authz as _api  # noqa: E402

EXPECTED.update(_api.EXPECTED)
URL_KWARGS.update(_api.URL_KWARGS)
POST_EXPECTED.update(_api.POST_EXPECTED)
POST_DATA.update(_api.POST_DATA)
# Operations (stream ops): the health probes.
from .ops import authz as _ops  # noqa: E402

EXPECTED.update(_ops.EXPECTED)
URL_KWARGS.update(_ops.URL_KWARGS)
POST_EXPECTED.update(_ops.POST_EXPECTED)
POST_DATA.update(_ops.POST_DATA)
