"""Sign-up and profile for applicants; sign-in and passwords are Django's views with our forms/templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import services
from .forms import ApplicantSignUpForm, ProfileForm
from .models import ApplicantProfile


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:home")
    form = ApplicantSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.register_applicant(
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password1"],
            email=form.cleaned_data["email"],
            display_name=form.cleaned_data["display_name"],
            phone=form.cleaned_data.get("phone", ""),
            profile=form.profile_values(),
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "注册成功，欢迎使用。")
        return redirect("portal:home")
    return render(request, "accounts/register.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    applicant = ApplicantProfile.objects.filter(user=request.user).first()
    form = ProfileForm(request.POST or None, instance=applicant) if applicant else None
    if request.method == "POST" and form is not None and form.is_valid():
        services.update_profile(
            request.user,
            applicant,  # type: ignore[arg-type]
            {name: form.cleaned_data[name] for name in ProfileForm.Meta.fields},
        )
        messages.success(request, "个人信息已保存。")
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form, "applicant": applicant})
