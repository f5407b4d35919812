"""The case register's pages for agency staff: list, record, decide, check. Supervisors read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.web.accounts import scope
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.models import Application

from . import services
from .forms import CaseForm, DecisionForm
from .mapping import RESULT_BASIS
from .models import Case


def _case_agency(request: HttpRequest, pk: int, **kwargs: Any) -> Agency:
    return get_object_or_404(Case.objects.select_related("agency"), pk=pk).agency


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    cases = Case.objects.visible_to(request.user).select_related("agency").order_by("-filed_on", "-pk")
    writable = scope.writable_agencies(request.user, services.RECORDERS)
    return render(request, "appeals/list.html", {"cases": cases[:500], "writable": writable})


@require_http_methods(["GET", "POST"])
@scope.agency_role_required(*services.RECORDERS)
def new_case(request: HttpRequest, agency: Agency) -> HttpResponse:
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        numbers = data["applications"].split()
        apps = list(Application.objects.filter(agency=agency, tracking_number__in=numbers))
        if len(apps) != len(set(numbers)):
            form.add_error("applications", "有登记编号不属于本机关的申请。")
        else:
            try:
                case = services.record_case(
                    request.user,
                    agency,
                    kind=data["kind"],
                    applicant_name=data["applicant_name"],
                    body=data["body"],
                    filed_on=data["filed_on"],
                    received_on=data["received_on"],
                    applications=apps,
                    case_number=data["case_number"],
                    summary=data["summary"],
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, "已登记。")
                return redirect("appeals:detail", pk=case.pk)
    return render(request, "appeals/new.html", {"form": form, "agency": agency})


@require_GET
@scope.agency_role_required(*scope.READ_ROLES, get_agency=_case_agency)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("agency", "checked_by"), pk=pk)
    return render(
        request,
        "appeals/detail.html",
        {
            "case": case,
            "form": DecisionForm(),
            "basis": RESULT_BASIS.get(case.result, ""),
            "can_record": scope.has_role(request.user, case.agency, services.RECORDERS),
            "can_check": scope.has_role(request.user, case.agency, services.CHECKERS),
        },
    )


@require_POST
@scope.agency_role_required(*services.RECORDERS, get_agency=_case_agency)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择结果并填写审结日期。")
        return redirect("appeals:detail", pk=pk)
    try:
        services.record_decision(request.user, case, **form.cleaned_data)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, "已记录结果。")
    return redirect("appeals:detail", pk=pk)


@require_POST
@scope.agency_role_required(*services.CHECKERS, get_agency=_case_agency)
def check(request: HttpRequest, pk: int) -> HttpResponse:
    services.check_case(request.user, get_object_or_404(Case, pk=pk))
    messages.success(request, "已核对。")
    return redirect("appeals:detail", pk=pk)
