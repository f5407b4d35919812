"""Home page per role, the public agency directory, and an agency's staff page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.web import audit
from gongkai.web.accounts import scope, services
from gongkai.web.accounts.forms import MembershipEndForm, MembershipForm
from gongkai.web.accounts.models import ApplicantProfile, Membership, Role
from gongkai.web.agencies import services as agency_services
from gongkai.web.agencies.forms import DisclosureOfficeForm
from gongkai.web.agencies.models import Agency


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What each visitor sees first: the public page, or their own work by role."""
    user = request.user
    context: dict[str, object] = {}
    if user.is_authenticated:
        memberships = list(
            Membership.objects.filter(user=user, is_active=True)
            .select_related("agency")
            .order_by("agency__code")
        )
        supervised = [m.agency for m in memberships if m.role == Role.SUPERVISOR]
        context.update(
            memberships=[m for m in memberships if m.role != Role.SUPERVISOR],
            # Direct subordinates only: a provincial office supervises thousands of agencies.
            supervised=[
                (a, a.children.current().order_by("code"), len(Agency.objects.subtree_ids([a.pk])) - 1)
                for a in supervised
            ],
            applicant=ApplicantProfile.objects.filter(user=user).first(),
            is_sysadmin=user.is_superuser,
        )
    return render(request, "portal/home.html", context)


@require_GET
def agency_list(request: HttpRequest) -> HttpResponse:
    """The public directory of current agencies (条例 art. 24 disclosure guides name them)."""
    agencies = Agency.objects.current().select_related("parent").order_by("level", "code")
    return render(request, "portal/agency_list.html", {"agencies": agencies})


@require_GET
def agency_detail(request: HttpRequest, agency: str) -> HttpResponse:
    """One agency's public page: where and how to apply, and its history through 机构改革."""
    obj = get_object_or_404(Agency.objects.select_related("parent"), code=agency)
    return render(
        request,
        "portal/agency_detail.html",
        {
            "agency": obj,
            "children": obj.children.current().order_by("code"),
            "lineage": obj.lineage(),
            "can_manage": scope.has_role(request.user, obj, [Role.AGENCY_ADMIN, Role.SUPERVISOR]),
            "can_edit": scope.has_role(request.user, obj, [Role.AGENCY_ADMIN]),
        },
    )


@require_http_methods(["GET", "POST"])
@scope.agency_role_required(Role.AGENCY_ADMIN)
def agency_edit(request: HttpRequest, agency: Agency) -> HttpResponse:
    """The agency's administrator keeps the disclosure office's contacts current (条例 art. 24 guide)."""
    form = DisclosureOfficeForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        agency_services.update_office(
            request.user, agency, {name: form.cleaned_data[name] for name in DisclosureOfficeForm.Meta.fields}
        )
        messages.success(request, "机关信息已保存。")
        return redirect("portal:agency_detail", agency=agency.code)
    return render(request, "portal/agency_edit.html", {"agency": agency, "form": form})


@require_GET
@scope.agency_role_required(Role.AGENCY_ADMIN, Role.SUPERVISOR)
def agency_staff(request: HttpRequest, agency: Agency) -> HttpResponse:
    """Who holds which role in the agency (its administrators manage them; supervisors read)."""
    members = Membership.objects.filter(agency=agency).select_related("user").order_by("-is_active", "role")
    return render(
        request,
        "portal/agency_staff.html",
        {
            "agency": agency,
            "members": members,
            "form": MembershipForm(),
            "can_manage": scope.has_role(request.user, agency, [Role.AGENCY_ADMIN]),
            "audit_url": audit.trail_url(agency),
        },
    )


@require_POST
@scope.agency_role_required(Role.AGENCY_ADMIN)
def membership_grant(request: HttpRequest, agency: Agency) -> HttpResponse:
    form = MembershipForm(request.POST)
    if form.is_valid():
        membership = services.grant_role(
            request.user, agency, form.cleaned_data["username"], form.cleaned_data["role"]
        )
        messages.success(request, f"已为 {membership.user} 分配角色：{membership.get_role_display()}。")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("portal:agency_staff", agency=agency.code)


@require_POST
@scope.agency_role_required(Role.AGENCY_ADMIN)
def membership_end(request: HttpRequest, agency: Agency) -> HttpResponse:
    form = MembershipEndForm(request.POST, agency=agency)
    if form.is_valid():
        membership = form.cleaned_data["membership"]
        services.end_role(request.user, membership)
        messages.success(request, f"已停用 {membership.user} 的角色：{membership.get_role_display()}。")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("portal:agency_staff", agency=agency.code)
