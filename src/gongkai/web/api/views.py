"""The agency administrator's pages for the API tokens: list, create (the secret shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role
from gongkai.web.agencies.models import Agency

from . import services
from .errors import ApiError
from .forms import TokenForm
from .models import ApiToken


@require_http_methods(["GET"])
@scope.agency_role_required(Role.AGENCY_ADMIN)
def token_list(request: HttpRequest, agency: Agency) -> HttpResponse:
    tokens = ApiToken.objects.visible_to(request.user).filter(agency=agency).select_related("acting_user")
    return render(request, "api/tokens.html", {"agency": agency, "tokens": tokens})


@require_http_methods(["GET", "POST"])
@scope.agency_role_required(Role.AGENCY_ADMIN)
def token_create(request: HttpRequest, agency: Agency) -> HttpResponse:
    form = TokenForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, secret = services.create_token(
                request.user,
                agency,
                name=data["name"],
                scopes=data["scopes"],
                acting_user=data["acting_user"],
            )
        except ApiError as exc:
            form.add_error(None, exc.message)
        else:
            # The secret is shown on this response only; it is stored as its SHA-256 alone.
            response = render(
                request, "api/token_created.html", {"agency": agency, "token": token, "secret": secret}
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "api/token_form.html", {"agency": agency, "form": form})


@require_POST
@scope.agency_role_required(Role.AGENCY_ADMIN)
def token_revoke(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.visible_to(request.user), agency=agency, pk=pk)
    services.revoke_token(request.user, token)
    messages.success(request, f"令牌“{token.name}”已吊销。")
    return redirect("apitokens:list", agency=agency.code)
