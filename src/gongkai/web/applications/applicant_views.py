"""The applicant's side of a case (issue 9 item 5): notifications with unread marks, the online
补正, the disclosed files, the message thread, the deadline explained, the overdue flag — and the
office's two counterparts (post a message, attach disclosed files).

Who is the applicant: the signed-in owner of the application, or an anonymous visitor who has
unlocked it in this session with its tracking number and secret (``apply:track``). Every view
checks it again on every request; a file URL is useless to anyone else.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.web.accounts import scope

from . import applicant_services as aps
from . import remedies, services
from .applicant_models import Audience, Notification
from .attachments import CheckedFile, check_upload
from .models import Application, Attachment
from .views import SESSION_TRACKED  # the tracking numbers this session has unlocked (apply:track)


def applicant_actor(request: HttpRequest, app: Application) -> Any:
    """The user acting as the applicant of ``app``, or None if the visitor is not its applicant."""
    user = request.user
    if user.is_authenticated and app.applicant_id == user.pk:
        return user
    if app.tracking_number in request.session.get(SESSION_TRACKED, []):
        return aps.TrackedApplicant(app.pk)
    return None


def _refuse(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied("您无权查看或办理该申请。")


def _applicant_app(request: HttpRequest, tracking: str) -> tuple[Application, Any]:
    app = get_object_or_404(
        Application.objects.select_related("agency", "agency__parent"), tracking_number=tracking
    )
    return app, applicant_actor(request, app)


def _files(request: HttpRequest, field: str) -> list[CheckedFile]:
    uploads = request.FILES.getlist(field)
    if len(uploads) > aps.MAX_FILES:
        raise ValidationError(f"一次最多上传{aps.MAX_FILES}个文件。")
    return [check_upload(f) for f in uploads]


def _say(request: HttpRequest, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        messages.error(request, "；".join(exc.messages))
    else:
        messages.error(request, getattr(exc, "message", str(exc)))


def applicant_context(request: HttpRequest, app: Application) -> dict[str, Any]:
    """What ``apply:detail`` adds to its page for the applicant."""
    released = aps.reply_sent(app)
    files = [a for a in app.attachments.order_by("created_at", "pk") if not a.disclosed or released]
    notes = Notification.objects.filter(application=app, audience=Audience.APPLICANT)
    return {
        "notifications": notes[:50],
        "unread": notes.filter(read_at__isnull=True).count(),
        "thread": app.thread_messages.all(),
        "own_files": [a for a in files if not a.disclosed],
        "disclosed_files": [a for a in files if a.disclosed],
        "supplement_closed": aps.supplement_open(app),
        "deadline": remedies.explain_deadline(app),
        "overdue": remedies.is_overdue(app),
        "remedies": remedies.remedies(app) if remedies.is_overdue(app) else [],
        "message_max": aps.MESSAGE_MAX_CHARS,
        "max_files": aps.MAX_FILES,
    }


@require_POST
def supplement(request: HttpRequest, tracking: str) -> HttpResponse:
    """The applicant uploads the 补正 online (条例 arts. 30, 31(3))."""
    app, actor = _applicant_app(request, tracking)
    if actor is None:
        return _refuse(request)
    try:
        version = int(request.POST.get("version", "0"))
        files = _files(request, "files")
        aps.submit_supplement(app, actor, version, text=request.POST.get("text", ""), files=files)
        messages.success(request, "补正材料已提交，答复期限自今日起重新计算。")
    except ValueError:
        messages.error(request, "提交的表单无效，请刷新后重试。")
    except (services.ServiceError, ValidationError) as exc:
        _say(request, exc)
    return redirect("apply:detail", tracking=tracking)


@require_POST
def message(request: HttpRequest, tracking: str) -> HttpResponse:
    """The applicant writes to the office on the case."""
    app, actor = _applicant_app(request, tracking)
    if actor is None:
        return _refuse(request)
    try:
        aps.post_message(app, actor, request.POST.get("body", ""))
        messages.success(request, "留言已发送。")
    except services.ServiceError as exc:
        _say(request, exc)
    return redirect("apply:detail", tracking=tracking)


@require_POST
def read(request: HttpRequest, tracking: str) -> HttpResponse:
    """Mark the applicant's notifications of the case as read."""
    app, actor = _applicant_app(request, tracking)
    if actor is None:
        return _refuse(request)
    aps.mark_read(app, actor)
    return redirect("apply:detail", tracking=tracking)


def _file_response(att: Attachment) -> HttpResponse:
    response = HttpResponse(bytes(att.data), content_type=att.content_type)
    response["Content-Disposition"] = content_disposition_header(True, att.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def file(request: HttpRequest, pk: int) -> HttpResponse:
    """A file of the applicant's case: their own uploads, and the disclosed files once the reply is sent."""
    att = get_object_or_404(Attachment.objects.select_related("application"), pk=pk)
    app = att.application
    if applicant_actor(request, app) is None:
        return _refuse(request)
    if att.disclosed and not aps.reply_sent(app):
        raise PermissionDenied("答复发出后才能下载公开的文件。")
    return _file_response(att)


def _office_case(request: HttpRequest, tracking: str) -> Application:
    app = get_object_or_404(Application.objects.select_related("agency"), tracking_number=tracking)
    scope.require(request.user, app.agency, services.OFFICE_ROLES)
    return app


@require_POST
def office_message(request: HttpRequest, tracking: str) -> HttpResponse:
    """The office writes to the applicant on the case."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    app = _office_case(request, tracking)
    try:
        aps.post_message(app, request.user, request.POST.get("body", ""))
        messages.success(request, "留言已发送给申请人。")
    except services.ServiceError as exc:
        _say(request, exc)
    return redirect("applications:case", tracking=tracking)


@require_POST
def disclose(request: HttpRequest, tracking: str) -> HttpResponse:
    """The office attaches the disclosed files to the reply (released when the reply is sent)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    app = _office_case(request, tracking)
    try:
        saved = aps.attach_disclosed(app, request.user, _files(request, "files"))
        messages.success(request, f"已添加{len(saved)}个公开的文件，将随答复书一并提供给申请人。")
    except (services.ServiceError, ValidationError) as exc:
        _say(request, exc)
    return redirect("applications:case", tracking=tracking)
