"""``{% routing_panel app %}``: routing between agencies on the case page and the applicant's page (D47)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("applications/_routing.html")
def routing_panel(app: Any, applicant: bool = False) -> dict[str, Any]:
    from gongkai.web.applications.services_routing import handling, pending_routing

    agency, since = handling(app)
    return {
        "app": app,
        "applicant": applicant,
        "steps": list(app.routings.select_related("from_agency", "to_agency").order_by("pk")),
        "pending": pending_routing(app),
        "handling_agency": agency,
        "since": since,
    }
