"""Template context: the signed-in user's roles, for the header and the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """``user_roles``: the user's active memberships as (agency, role label), for the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": []}
    memberships = user.memberships.filter(is_active=True).select_related("agency")
    return {"user_roles": [(m.agency, m.get_role_display(), m.role) for m in memberships]}
