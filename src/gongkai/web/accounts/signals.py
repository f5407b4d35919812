"""Sign-ins in the audit log: every success and every failure (user name as typed and normalised, and
the client address — never the password), wherever the sign-in form is (platform or admin)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from gongkai.web.security.client import client_address
from gongkai.web.security.text import clean_text
from gongkai.web.security.throttle import normalise_username

from . import services


@receiver(user_logged_in, dispatch_uid="gongkai.accounts.audit_login")
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    services.record_sign_in(user, address=client_address(request))


@receiver(user_login_failed, dispatch_uid="gongkai.accounts.audit_login_failed")
def _sign_in_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    typed = ""
    if request is not None and hasattr(request, "POST"):
        typed = str(request.POST.get("username", ""))
    typed = clean_text(typed or str(credentials.get("username", "")))  # request.POST is not cleaned
    services.record_sign_in_failure(
        typed=typed, normalised=normalise_username(typed), address=client_address(request)
    )
