"""The clerk's desk: the case list (search, filters, sorting, pages, XLSX), the queues, assignment,
internal notes, and letters sent in one step with a preview of the exact document.

Views validate and call services (:mod:`.assignment`, :mod:`.notes`, :mod:`.sending`); who sees
what is :mod:`gongkai.web.accounts.scope`'s decision. Pages are in templates/applications/desk_*.html.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role

from . import assignment, export, notes, privacy, queues, sending, services
from .forms import LetterForm, LetterSaveSendForm, LetterSendForm
from .models import Application, Letter
from .queries import PAGE_SIZE, CaseFilterForm, filter_cases

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _signed_in_staff(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not scope.visible_agencies(request.user).exists():
        raise PermissionDenied("只有政府信息公开工作人员可以访问办理页面。")
    return None


def _clerks_for(user: Any) -> list[Any]:
    """The clerks of the agencies where ``user`` works in the office (the 承办人 filter's choices)."""
    agencies = scope.writable_agencies(user, services.OFFICE_ROLES)
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__agency__in=agencies,
            memberships__role=Role.CLERK,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("username")
    )


def _filtered(request: HttpRequest) -> tuple[CaseFilterForm, Any, str]:
    form = CaseFilterForm(request.GET, user=request.user, clerks=_clerks_for(request.user))
    qs, problem = filter_cases(form)
    return form, qs, problem


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """The desk's list of cases: search, filters and sorting in the query string, 50 a page."""
    if (resp := _signed_in_staff(request)) is not None:
        return resp
    form, qs, problem = _filtered(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "applications/desk_list.html",
        {
            "form": form,
            "page": page,
            "apps": page.object_list,
            "problem": problem,
            "intake_agencies": scope.writable_agencies(request.user, services.OFFICE_ROLES),
        },
    )


@require_GET
def case_export(request: HttpRequest) -> HttpResponse:
    """The filtered list (all pages) as XLSX; identity numbers masked as on the page."""
    if (resp := _signed_in_staff(request)) is not None:
        return resp
    _, qs, _ = _filtered(request)
    data = export.workbook(qs.iterator(chunk_size=500), request.user)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="cases-{services.today():%Y%m%d}.xlsx"'
    return response


@require_GET
def queue(request: HttpRequest, name: str) -> HttpResponse:
    """待审核 / 待负责人审批: the cases waiting for the user's role."""
    if name not in queues.QUEUES:
        raise Http404("没有这个待办队列。")
    if (resp := _signed_in_staff(request)) is not None:
        return resp
    return render(
        request,
        "applications/desk_queue.html",
        {"queue": queues.QUEUES[name], "apps": queues.cases(name, request.user)[:500]},
    )


def _case(request: HttpRequest, tracking: str) -> Application:
    app = get_object_or_404(Application.objects.select_related("agency"), tracking_number=tracking)
    scope.require(request.user, app.agency, scope.READ_ROLES)
    return app


@require_POST
def assign(request: HttpRequest, tracking: str) -> HttpResponse:
    """Assign the case to a clerk of its agency (``assignee``: a user id, ``me``, or empty for nobody)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    app = _case(request, tracking)
    scope.require(request.user, app.agency, assignment.ASSIGNER_ROLES)
    raw = request.POST.get("assignee", "").strip()
    try:
        if raw == "me":
            assignee = request.user
        elif raw:
            assignee = get_user_model().objects.filter(pk=int(raw)).first()
            if assignee is None:
                raise services.ServiceError("没有这个用户。")
        else:
            assignee = None
        assignment.assign(app, request.user, assignee)
        messages.success(request, f"承办人：{assignee}。" if assignee else "已取消指派。")
    except ValueError:
        messages.error(request, "请选择承办人。")
    except services.ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("applications:case", tracking=app.tracking_number)


@require_POST
def note_add(request: HttpRequest, tracking: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    app = _case(request, tracking)
    scope.require(request.user, app.agency, services.OFFICE_ROLES)
    try:
        notes.add_note(app, request.user, request.POST.get("text", ""))
        messages.success(request, "内部备注已保存。")
    except services.ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("applications:case", tracking=app.tracking_number)


@require_POST
def reveal_identity(request: HttpRequest, tracking: str) -> HttpResponse:
    """Show this case's identity numbers in full (reviewers and approvers); recorded in the trail."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    app = _case(request, tracking)
    privacy.reveal(request, app)
    messages.info(request, "已显示完整的证件号码和联系电话，此次查看已记入办理记录。")
    return redirect("applications:case", tracking=app.tracking_number)


def _letter(request: HttpRequest, pk: int, roles: tuple[str, ...]) -> Letter:
    letter = get_object_or_404(Letter.objects.select_related("application__agency"), pk=pk)
    scope.require(request.user, letter.application.agency, roles)
    return letter


@require_POST
def letter_save_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the edited text and send, in one transaction; on refusal nothing is saved and the page
    shows the text as typed with the reason."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    obj = _letter(request, pk, services.OFFICE_ROLES)
    form = LetterSaveSendForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            sending.save_and_send(
                obj,
                request.user,
                d["version"],
                title=d["title"],
                addressee=d["addressee"],
                body=d["body"],
                on=d["sent_on"],
                delivery_method=d["delivery_method"],
            )
        except services.ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已保存并发送：{d['title']}。")
            return redirect("applications:case", tracking=obj.application.tracking_number)
    obj.refresh_from_db()
    if obj.is_sent:  # sent meanwhile (another tab, another clerk): nothing left to edit
        return redirect("applications:letter", pk=pk)
    return render(
        request,
        "applications/letter.html",
        {
            "letter": obj,
            "app": obj.application,
            "form": LetterForm(request.POST),
            "send_form": LetterSendForm(request.POST),
            "can_edit": not obj.is_sent,
        },
        status=200,
    )


@require_http_methods(["GET", "POST"])
def letter_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The exact document before sending: ``?format=docx`` (default) or ``pdf`` when the letters
    package converts. GET previews the saved draft; POST (the form's 预览 buttons) the text typed."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    obj = _letter(request, pk, scope.READ_ROLES if request.method == "GET" else services.OFFICE_ROLES)
    fmt = request.GET.get("format", "docx")
    if fmt not in ("docx", "pdf"):
        raise Http404("不支持的预览格式。")
    if obj.is_sent:
        data = bytes(obj.docx or b"")
    else:
        text = {"title": obj.title, "addressee": obj.addressee, "body": obj.body}
        if request.method == "POST":
            form = LetterForm(request.POST)
            if not form.is_valid():
                messages.error(request, "文书标题、称谓和正文均须填写后才能预览。")
                return redirect("applications:letter", pk=pk)
            text = {k: form.cleaned_data[k] for k in text}
        data = sending.preview_docx(obj, **text)
    name = f"{obj.application.tracking_number}-{obj.kind}-{'archived' if obj.is_sent else 'preview'}"
    if fmt == "pdf":
        convert = sending.pdf_converter()
        if convert is None:
            raise Http404("PDF 预览尚不可用，请下载 DOCX 预览。")
        from .letters.pdf import LetterPdfError

        try:
            pdf = convert(data)
        except LetterPdfError as exc:
            raise Http404(exc.message if hasattr(exc, "message") else str(exc)) from None
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    else:
        response = HttpResponse(data, content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    response["Cache-Control"] = "no-store"
    return response
