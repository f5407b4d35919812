"""Middleware of the ops app: health probes, the Content-Security-Policy, and one log line per request."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .policy import DEFAULT_CSP

Handler = Callable[[HttpRequest], HttpResponse]

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
access_log = logging.getLogger("gongkai.request")


class HealthMiddleware:
    """Answer ``/healthz`` and ``/readyz`` first: before host validation, sessions and the HTTPS redirect."""

    def __init__(self, get_response: Handler) -> None:
        from . import health

        self.get_response = get_response
        self.views = {"/healthz": health.healthz, "/readyz": health.readyz}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = self.views.get(request.path_info)
        if view is not None:
            return view(request)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Send ``Content-Security-Policy`` (``GONGKAI_CSP``) on every response that has none."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "GONGKAI_CSP", DEFAULT_CSP)
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


class RequestLogMiddleware:
    """One log line per request (logger ``gongkai.request``): request id, method, path, status,
    duration and the user's id — no other personal data (no query string, no address, no name).

    The request id is the proxy's ``X-Request-ID`` when it is well-formed, else a new one; it is
    sent back in ``X-Request-ID``. 5xx lines are errors, 4xx warnings, the rest info.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.monotonic()
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        response = self.get_response(request)
        try:
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and user.is_authenticated else None
        except Exception:  # the session store is down: the line is still written
            user_id = None
        status = response.status_code
        level = logging.ERROR if status >= 500 else logging.WARNING if status >= 400 else logging.INFO
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        access_log.log(
            level,
            "%s %s %s %sms",
            request.method,
            request.path,
            status,
            duration_ms,
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": duration_ms,
                "user_id": user_id,
            },
        )
        response["X-Request-ID"] = request_id
        return response
