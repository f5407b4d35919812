"""Django's sign-in and password views with the platform's forms: rate-limited (D15), audited, cleaned.

They add no state changes of their own: the forms' ``save`` goes through :mod:`.services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from gongkai.web.security import throttle
from gongkai.web.security.client import client_address

from .forms import (
    AuditedPasswordChangeForm,
    AuditedSetPasswordForm,
    RateLimitedAuthenticationForm,
    ThrottledPasswordResetForm,
)


class LoginView(auth_views.LoginView):
    authentication_form = RateLimitedAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if any(e.code == "too_many_attempts" for e in form.non_field_errors().as_data()):
            response.status_code = 429  # the Chinese message is on the sign-in page itself
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = AuditedPasswordChangeForm


class PasswordResetView(auth_views.PasswordResetView):
    """Reset mail limited per client address and per e-mail address (counted whether or not the
    address belongs to an account, so the limit reveals nothing)."""

    form_class = ThrottledPasswordResetForm

    def form_valid(self, form: Any) -> HttpResponse:
        if not throttle.attempt(throttle.RESET_ADDRESS, client_address(self.request)):
            return throttle.too_many(self.request, throttle.RESET_ADDRESS)
        if not throttle.attempt(throttle.RESET_EMAIL, throttle.normalise_email(form.cleaned_data["email"])):
            return throttle.too_many(self.request, throttle.RESET_EMAIL)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = AuditedSetPasswordForm
