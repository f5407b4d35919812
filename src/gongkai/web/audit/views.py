"""The audit trail of one object, for those who may see the object."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from . import can_see_object, events_for


@login_required
def object_events(request: HttpRequest, content_type: int, object_id: str) -> HttpResponse:
    ctype = get_object_or_404(ContentType, pk=content_type)
    model = ctype.model_class()
    if model is None:
        raise Http404
    try:
        obj = model._default_manager.get(pk=object_id)
    except (model.DoesNotExist, ValueError):
        raise Http404 from None
    # An object the user may not see is answered as absent: its existence is not disclosed.
    if not can_see_object(request.user, obj):
        raise Http404
    return render(
        request, "audit/object_events.html", {"object": obj, "events": events_for(obj, request.user)}
    )
