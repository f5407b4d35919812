"""The routing record of an agency (D47): what it routed or transferred out, and what was sent to it.

Read-only for both ends; the sender keeps sight of the step after the case has left it (the case
itself is then the receiver's).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.web.accounts import scope

from .models import Routing
from .routing_rules import is_unified_intake


@require_GET
@scope.agency_role_required()  # any reader of the agency (its staff, its supervisors)
def routing_list(request: HttpRequest, agency: Any) -> HttpResponse:
    steps = list(
        Routing.objects.visible_to(request.user)
        .filter(Q(from_agency=agency) | Q(to_agency=agency))
        .select_related("application__agency", "application__pending_agency", "from_agency", "to_agency")[
            :500
        ]
    )
    for s in steps:
        s.readable = scope.can_read_object(request.user, s.application)  # type: ignore[attr-defined]
    return render(
        request,
        "applications/routing_list.html",
        {"agency": agency, "steps": steps, "portal": is_unified_intake(agency)},
    )
