"""Template tags of the clerk's desk: masked identity numbers, the Chinese case trail, the desk panel
of the case page (承办人 and 内部备注) and the queue counts of the home page."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.web.accounts import scope

from .. import assignment, history, notes, queues, sending, services
from .. import workflow as wf
from ..models import Application
from ..privacy import REVEAL_ROLES, policy_for

register = template.Library()


@register.simple_tag(takes_context=True)
def identity(context: template.Context, app: Any, field: str) -> str:
    """``{% identity app "applicant_id_number" %}``: in full or masked, per the viewer's role."""
    return policy_for(context["request"]).show(app, field)


@register.simple_tag(takes_context=True)
def case_history(context: template.Context, app: Any) -> list[history.Row]:
    request = context["request"]
    return history.case_trail(app, request.user, policy_for(request))


@register.inclusion_tag("applications/desk_panel.html", takes_context=True)
def desk_panel(context: template.Context, app: Any) -> dict[str, Any]:
    user = context["request"].user
    can_assign = scope.has_role(user, app.agency, assignment.ASSIGNER_ROLES)
    return {
        "app": app,
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "can_assign": can_assign,
        "can_note": scope.has_role(user, app.agency, services.OFFICE_ROLES),
        "clerks": assignment.assignable_clerks(app.agency) if can_assign else [],
        "notes": notes.notes_for(app, user),
        "assignee": app.assignee,
        "can_reveal": policy_for(context["request"]).masked_for(app)
        and scope.has_role(user, app.agency, REVEAL_ROLES),
    }


@register.inclusion_tag("applications/desk_queues.html", takes_context=True)
def desk_queues(context: template.Context) -> dict[str, Any]:
    user = context["request"].user
    if not user.is_authenticated:
        return {"queues": [], "mine": None}
    mine = None
    if scope.writable_agencies(user, ("clerk",)).exists():
        mine = Application.objects.filter(assignee=user, state__in=[s.value for s in wf.OPEN_STATES]).count()
    return {"queues": queues.counts(user), "mine": mine}


@register.simple_tag
def pdf_preview_available() -> bool:
    return sending.pdf_converter() is not None
