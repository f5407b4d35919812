"""Views of the letters beyond the case page: start an art. 35 letter, the agency's letter settings.

Views never change state themselves: forms validate, :mod:`.letter_services` changes,
:mod:`gongkai.web.accounts.scope` decides who may.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.web.accounts import scope
from gongkai.web.accounts.models import Role
from gongkai.web.agencies.models import Agency

from . import letter_services, services
from .forms import LetterSettingsForm, NewLetterForm
from .letter_models import MAX_SEAL_BYTES
from .letters import LetterKind
from .models import Application


def _error(request: HttpRequest, exc: Exception) -> None:
    messages.error(request, getattr(exc, "message", str(exc)))


@require_POST
def letter_new(request: HttpRequest, tracking: str) -> HttpResponse:
    """Start a draft of a letter no action creates (条例第三十五条: 说明理由告知书, 延后答复告知书)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    app = get_object_or_404(Application.objects.select_related("agency"), tracking_number=tracking)
    scope.require(request.user, app.agency, services.OFFICE_ROLES)
    form = NewLetterForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择文书类型。")
        return redirect("applications:case", tracking=tracking)
    try:
        new = letter_services.create_letter(
            app, request.user, form.cleaned_data["version"], LetterKind(form.cleaned_data["kind"])
        )
    except (services.ServiceError, letter_services.LetterServiceError) as exc:
        _error(request, exc)
        return redirect("applications:case", tracking=tracking)
    return redirect("applications:letter", pk=new.pk)


@require_http_methods(["GET", "POST"])
def letter_settings(request: HttpRequest, agency: str) -> HttpResponse:
    """The agency admin's letter settings: letterhead, 文号 pattern, seal, how to pay fees."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    target = get_object_or_404(Agency, code=agency)
    if not scope.has_role(request.user, target, (Role.AGENCY_ADMIN,)):
        raise PermissionDenied("只有本机关的机构管理员可以修改文书设置。")
    current = letter_services.letter_settings(target)
    if request.method == "POST":
        form = LetterSettingsForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            upload = d.get("seal")
            seal = upload.read(MAX_SEAL_BYTES + 1) if upload else None
            try:
                letter_services.update_settings(
                    target, request.user, d, seal=seal, remove_seal=bool(d.get("remove_seal"))
                )
                messages.success(request, "文书设置已保存。")
                return redirect("applications:letter-settings", agency=agency)
            except letter_services.LetterServiceError as exc:
                _error(request, exc)
    else:
        form = LetterSettingsForm(initial={f: getattr(current, f) for f in letter_services.SETTINGS_FIELDS})
    example = (current.number_pattern or "").format(
        short=target.short_name or target.name, year=services.today().year, seq=13
    )
    return render(
        request,
        "applications/letter_settings.html",
        {"agency": target, "form": form, "settings_row": current, "example": example},
    )
