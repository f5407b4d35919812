"""督办 pages: a supervisor sends a notice from a unit's page; the unit's staff see, acknowledge and resolve."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.web.accounts import scope

from . import notices
from .models import Notice, NoticeSubject
from .views import _unit_in_subtree, _year, signed_in, supervised


@require_POST
@signed_in
def send_notice(request: HttpRequest, agency: str, year: int, unit: str) -> HttpResponse:
    root = supervised(request, agency)
    year = _year(year)
    unit_agency = _unit_in_subtree(root, unit)
    subject = request.POST.get("subject", "")
    if subject not in NoticeSubject.values:
        subject = NoticeSubject.OTHER
    due_on = None
    if request.POST.get("due_on"):
        try:
            due_on = dt.date.fromisoformat(request.POST["due_on"])
        except ValueError:
            messages.error(request, "办理期限的日期格式应为 YYYY-MM-DD。")
            return redirect("supervision:unit", agency=root.code, year=year, unit=unit_agency.code)
    try:
        notices.send(
            request.user, unit_agency, subject, request.POST.get("body", ""), year=year, due_on=due_on
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已向{unit_agency.name}发送督办通知。")
    return redirect("supervision:unit", agency=root.code, year=year, unit=unit_agency.code)


def inbox(request: HttpRequest) -> HttpResponse:
    """Notices of the agencies the user reads: the unit's staff see theirs, supervisors their subtree's."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    shown = Notice.objects.visible_to(request.user).select_related("agency", "sender")[:200]
    writable = set(scope.writable_agencies(request.user).values_list("pk", flat=True))
    return render(request, "supervision/notices.html", {"notices": shown, "writable": writable})


def _notice_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    notice = get_object_or_404(Notice.objects.visible_to(request.user), pk=pk)
    try:
        if action == "acknowledge":
            notices.acknowledge(request.user, notice)
            messages.success(request, "已签收督办通知。")
        else:
            notices.resolve(request.user, notice, request.POST.get("reply", ""))
            messages.success(request, "已反馈办理情况。")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("supervision:notices")


@require_POST
def acknowledge_notice(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _notice_action(request, pk, "acknowledge")


@require_POST
def resolve_notice(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _notice_action(request, pk, "resolve")
