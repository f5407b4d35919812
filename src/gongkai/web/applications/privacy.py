"""Identity numbers and phone numbers, masked for the roles that do not need them (one place).

The clerk handling a case needs the applicant's 证件号码 and 联系电话 (to identify the applicant, 条例
第二十九条第二款第一项, and to reach them); supervisors (监督人员), agency administrators, system
administrators and — unless configured — reviewers and approvers see them masked
(``3301**********1234``, ``138****0000``). The roles that see them in full are the setting
``GONGKAI_IDENTITY_FULL_ROLES`` (environment variable, comma-separated; default ``clerk``), held in
the case's own agency. Templates use ``{% identity app "applicant_id_number" %}`` (templatetags/desk.py),
the audit presenter and the XLSX export call :class:`IdentityPolicy`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from gongkai.web.accounts import scope

#: The applicant snapshot fields that are masked (Application field names).
IDENTITY_FIELDS = frozenset({"applicant_id_number", "applicant_phone"})


def full_roles() -> frozenset[str]:
    return frozenset(getattr(settings, "GONGKAI_IDENTITY_FULL_ROLES", ("clerk",)))


def mask(value: Any) -> str:
    """Keep the first and last digits that identify nothing alone: 18 chars → 4 + stars + 4."""
    text = str(value or "").strip()
    n = len(text)
    if n == 0:
        return ""
    if n <= 4:
        return "*" * n
    if n <= 8:
        return text[:1] + "*" * (n - 3) + text[-2:]
    head = 4 if n >= 15 else 3
    return text[:head] + "*" * (n - head - 4) + text[-4:]


#: Session key: tracking numbers whose identity numbers the user chose to show in full (audited).
SESSION_REVEALED = "applications.revealed"
#: Who may show them in full on one case (audited): the office of the case's agency. Supervisors never.
REVEAL_ROLES = ("clerk", "reviewer", "approver")


class IdentityPolicy:
    """Whether ``user`` sees identity numbers in full, per agency (memoised: one check per agency).

    ``revealed``: tracking numbers for which the user has recorded a :func:`reveal` this session.
    """

    def __init__(self, user: Any, revealed: frozenset[str] = frozenset()) -> None:
        self.user = user
        self.revealed = revealed
        self._by_agency: dict[int, bool] = {}

    def sees_full(self, agency: Any) -> bool:
        key = agency.pk
        if key not in self._by_agency:
            roles = scope.roles_in(self.user, agency) if self.user is not None else set()
            self._by_agency[key] = bool(roles & full_roles())
        return self._by_agency[key]

    def masked_for(self, app: Any) -> bool:
        return not self.sees_full(app.agency) and app.tracking_number not in self.revealed

    def show(self, app: Any, field: str) -> str:
        value = getattr(app, field, "") or ""
        return self.value(app.agency, field, value, app=app)

    def value(self, agency: Any, field: str, value: Any, *, app: Any = None) -> str:
        hidden = field in IDENTITY_FIELDS and not self.sees_full(agency)
        if hidden and (app is None or app.tracking_number not in self.revealed):
            return mask(value)
        return "" if value is None else str(value)


def reveal(request: Any, app: Any) -> None:
    """Show ``app``'s identity numbers in full to this user for this session; audited in the case's
    trail (application.reveal_identity) before anything is shown. Raises PermissionDenied unless the
    user is in the office of the case's agency."""
    from django.db import transaction

    from gongkai.web import audit

    scope.require(request.user, app.agency, REVEAL_ROLES)
    with transaction.atomic():
        audit.record(request.user, "application.reveal_identity", app, note="查看完整的证件号码和联系电话")
    revealed = request.session.get(SESSION_REVEALED, [])
    if app.tracking_number not in revealed:
        request.session[SESSION_REVEALED] = [*revealed, app.tracking_number][-50:]


def policy_for(request: Any) -> IdentityPolicy:
    """The request's policy (one per request, so that a page checks each agency once)."""
    policy = getattr(request, "_gongkai_identity_policy", None)
    if policy is None:
        session = getattr(request, "session", None)
        revealed = frozenset(session.get(SESSION_REVEALED, [])) if session is not None else frozenset()
        policy = IdentityPolicy(getattr(request, "user", None), revealed)
        request._gongkai_identity_policy = policy
    return policy
