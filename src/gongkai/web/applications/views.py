"""Views of 依申请公开: the public application form and "我的申请", and the disclosure office's
intake, case page, actions, letters and clock lists.

Views never change state themselves and never filter by agency by hand: forms validate, services
change, :mod:`gongkai.web.accounts.scope` decides who sees what.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.agencies.models import Agency
from gongkai.web.security import throttle
from gongkai.web.security.submission import new_key, sender_for

from . import actions, letter_services, notices, services, tracking
from . import intake as submission
from . import workflow as wf
from .forms import (
    ACTION_FORMS,
    DetailsForm,
    IntakeForm,
    LetterForm,
    LetterReceiptForm,
    LetterSendForm,
    OnlineApplicationForm,
    TrackForm,
)
from .letters import THIRD_PARTY_KINDS, LetterKind
from .models import Application, Attachment, Channel, Letter
from .outcomes import OUTCOMES

#: Letters addressed to the applicant (letters to third parties and co-producers stay internal).
APPLICANT_LETTERS = [k.value for k in LetterKind if k not in THIRD_PARTY_KINDS]
SESSION_TRACKED = "applications.tracked"  # tracking numbers an anonymous visitor has unlocked
SESSION_SECRET = "applications.new_secret"  # the secret to show once after submission


# ---- helpers --------------------------------------------------------------------------------------


def _case_for_staff(request: HttpRequest, tracking: str) -> Application:
    """The case if the user may read its agency (404 when it does not exist, 403 when not allowed)."""
    app = get_object_or_404(Application.objects.select_related("agency"), tracking_number=tracking)
    scope.require_read(request.user, app)  # its agency, or the agency it waits at for 签收 (D47)
    return app


def _applicant_may_see(request: HttpRequest, app: Application) -> bool:
    user = request.user
    if user.is_authenticated and app.applicant_id == user.pk:
        return True
    return app.tracking_number in request.session.get(SESSION_TRACKED, [])


#: Shown when the case or its file could not be stored (nothing of either was kept).
NOT_SAVED = "保存失败，申请及其附件均未保存，请稍后重试。"


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx_response(letter: Letter, fmt: str = "docx") -> HttpResponse:
    """The archived DOCX (or PDF) with a Chinese file name (RFC 5987 ``filename*``, ASCII fallback)."""
    if fmt == "pdf":
        if not letter.pdf:
            raise Http404(letter.pdf_note or "该文书没有 PDF 版本。")
        data, content_type = bytes(letter.pdf), "application/pdf"
    else:
        data, content_type = bytes(letter.docx or b""), DOCX_TYPE
    response = HttpResponse(data, content_type=content_type)
    name = letter_services.download_name(letter, fmt)
    fallback = f"{letter.application.tracking_number}-{letter.kind}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _error(request: HttpRequest, exc: Exception) -> None:
    messages.error(request, getattr(exc, "message", str(exc)))


# ---- public: apply and follow ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@throttle.limit_posts(throttle.ANONYMOUS_APPLY, when=lambda request: not request.user.is_authenticated)
def apply(request: HttpRequest) -> HttpResponse:
    """The online application form (条例 art. 29). Signed-in applicants follow it in 我的申请;
    anonymous applicants get a tracking number and a secret, shown once."""
    if request.method == "POST":
        form = OnlineApplicationForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            user = request.user if request.user.is_authenticated else None
            try:
                app, secret = submission.submit(
                    agency=data["agency"],
                    actor=request.user,
                    channel=Channel.ONLINE,
                    received_on=services.today(),  # art. 31(3): confirmed on submission
                    data=data,
                    applicant_user=user,
                    idempotency_key=data["idempotency_key"],
                    sender=sender_for(request),
                    online=True,
                    attachment=data.get("attachment"),
                )
            except services.ServiceError as exc:
                _error(request, exc)
            except DatabaseError:
                messages.error(request, NOT_SAVED)
            else:
                tracked = request.session.get(SESSION_TRACKED, [])
                request.session[SESSION_TRACKED] = [*tracked, app.tracking_number]
                if secret:
                    request.session[SESSION_SECRET] = {app.tracking_number: secret}
                return redirect("apply:submitted", tracking=app.tracking_number)
    else:
        sender_for(request)  # an anonymous visitor's session exists before the key is handed out
        initial: dict[str, Any] = {"idempotency_key": new_key()}
        profile = getattr(request.user, "applicant_profile", None) if request.user.is_authenticated else None
        if profile is not None:
            initial.update(
                applicant_type=profile.applicant_type,
                applicant_category=profile.category,
                applicant_name=profile.name,
                applicant_id_type=profile.id_type,
                applicant_id_number=profile.id_number or profile.credit_code,
                applicant_phone=profile.phone,
                applicant_address=profile.address,
                applicant_email=request.user.email,
            )
        form = OnlineApplicationForm(initial=initial)
    return render(request, "applications/apply.html", {"form": form})


def submitted(request: HttpRequest, tracking: str) -> HttpResponse:
    """After submission: the tracking number and (once) the secret."""
    app = get_object_or_404(Application, tracking_number=tracking)
    if not _applicant_may_see(request, app):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied("您无权查看该申请。")
    secrets_shown = request.session.pop(SESSION_SECRET, {})
    return render(
        request, "applications/submitted.html", {"app": app, "secret": secrets_shown.get(app.tracking_number)}
    )


@require_http_methods(["GET", "POST"])
@throttle.limit_posts(throttle.TRACK)
def track(request: HttpRequest) -> HttpResponse:
    """Follow an application with its tracking number and secret (no account needed)."""
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        app = tracking.find(Application.objects.all(), form.cleaned_data["tracking_number"])  # desk
        if app is not None and app.check_secret(form.cleaned_data["secret"].strip()):
            tracked = request.session.get(SESSION_TRACKED, [])
            request.session[SESSION_TRACKED] = [*tracked, app.tracking_number]
            return redirect("apply:detail", tracking=app.tracking_number)
        form.add_error(None, "登记编号或查询密码不正确。")
    return render(request, "applications/track.html", {"form": form})


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    apps = Application.objects.filter(applicant=request.user).select_related("agency")
    return render(request, "applications/my_list.html", {"apps": apps})


def my_detail(request: HttpRequest, tracking: str) -> HttpResponse:
    app = get_object_or_404(Application.objects.select_related("agency"), tracking_number=tracking)
    if not _applicant_may_see(request, app):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied("您无权查看该申请。")
    letters = app.letters.filter(sent_at__isnull=False, kind__in=APPLICANT_LETTERS)
    can_withdraw = wf.State(app.state) in wf.OPEN_STATES and app.applicant_id is not None
    from .applicant_views import applicant_context  # the applicant's features (issue 9 item 5)

    return render(
        request,
        "applications/my_detail.html",
        {"app": app, "letters": letters, "can_withdraw": can_withdraw, "state": wf.State(app.state),
         **applicant_context(request, app)},
    )  # fmt: skip


@require_POST
@login_required
def my_withdraw(request: HttpRequest, tracking: str) -> HttpResponse:
    app = get_object_or_404(Application, tracking_number=tracking, applicant=request.user)
    form = ACTION_FORMS["withdraw"](request.POST)
    if form.is_valid():
        try:
            services.withdraw(app, request.user, form.cleaned_data["version"], note=form.cleaned_data["note"])
            messages.success(request, "申请已撤回。")
        except services.ServiceError as exc:
            _error(request, exc)
    else:
        messages.error(request, "提交的表单无效，请刷新后重试。")
    return redirect("apply:detail", tracking=tracking)


def my_letter(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_object_or_404(
        Letter.objects.select_related("application"), pk=pk, sent_at__isnull=False, kind__in=APPLICANT_LETTERS
    )
    if not _applicant_may_see(request, letter.application):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied("您无权查看该文书。")
    return _docx_response(letter, request.GET.get("format", "docx"))


# ---- the office -----------------------------------------------------------------------------------


def _staff_required(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not scope.visible_agencies(request.user).exists():
        raise PermissionDenied("只有政府信息公开工作人员可以访问办理页面。")
    return None


def case_list(request: HttpRequest) -> HttpResponse:
    """Applications of the agencies the user may read, filtered by state."""
    if (resp := _staff_required(request)) is not None:
        return resp
    apps = Application.objects.visible_to(request.user).select_related("agency")
    state = request.GET.get("state", "open")
    if state == "open":
        apps = apps.filter(state__in=[s.value for s in wf.OPEN_STATES])
    elif state in wf.State._value2member_map_:
        apps = apps.filter(state=state)
    agencies = scope.writable_agencies(request.user, services.OFFICE_ROLES)
    return render(
        request,
        "applications/case_list.html",
        {"apps": apps[:500], "state": state, "states": list(wf.State), "intake_agencies": agencies},
    )


def clock(request: HttpRequest) -> HttpResponse:
    """Due-soon and overdue lists: clerks see their agencies, supervisors their subtree."""
    if (resp := _staff_required(request)) is not None:
        return resp
    today = services.today()
    soon_until = today + dt.timedelta(days=services.due_soon_days())
    open_apps = list(
        Application.objects.visible_to(request.user)
        .filter(state__in=[s.value for s in wf.OPEN_STATES])
        .select_related("agency")
    )
    overdue = sorted(
        (a for a in open_apps if a.effective_due and a.effective_due < today), key=lambda a: a.effective_due
    )
    soon = sorted(
        (a for a in open_apps if a.effective_due and today <= a.effective_due <= soon_until),
        key=lambda a: a.effective_due,
    )
    problems = [a for a in open_apps if a.clock_error]
    return render(
        request,
        "applications/clock.html",
        {"overdue": overdue, "soon": soon, "problems": problems, "today": today, "soon_until": soon_until},
    )


@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest, agency: str) -> HttpResponse:
    """Register an application received by letter, in person, fax or email."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    agency_obj = get_object_or_404(Agency, code=agency)
    scope.require(request.user, agency_obj, services.OFFICE_ROLES)
    if request.method == "POST":
        form = IntakeForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                app, _ = submission.submit(
                    agency=agency_obj,
                    actor=request.user,
                    channel=data["channel"],
                    received_on=data["received_on"],
                    data=data,
                    idempotency_key=data["idempotency_key"],
                    sender=sender_for(request),
                    attachment=data.get("attachment"),
                )
            except services.ServiceError as exc:
                _error(request, exc)
            except DatabaseError:
                messages.error(request, NOT_SAVED)
            else:
                messages.success(request, f"已登记，登记编号 {app.tracking_number}。")
                return redirect("applications:case", tracking=app.tracking_number)
    else:
        form = IntakeForm(initial={"idempotency_key": new_key(), "received_on": services.today()})
    return render(request, "applications/intake.html", {"form": form, "agency": agency_obj})


def case(request: HttpRequest, tracking: str) -> HttpResponse:
    """The case page: facts, the clock and its explanation, letters, history and the allowed actions."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    app = _case_for_staff(request, tracking)
    roles = services.workflow_roles(request.user, app)
    state = wf.State(app.state)
    offers = actions.available(app, roles, _action_defaults())
    deadlines = (app.clock or {}).get("deadlines", {})
    return render(
        request,
        "applications/case.html",
        {
            "app": app,
            "state": state,
            "actions": [(o.spec.action, o.form) for o in offers],
            "offers": offers,
            "deadlines": deadlines,
            "letters": app.letters.all(),
            "attachments": app.attachments.all(),
            "consultations": app.consultations.all(),
            "fee_notice": getattr(app, "fee_notice", None),
            "events": audit.events_for(app, request.user),
            "can_write": bool(roles - {wf.Role.RECEIVER}),  # a receiver only signs or returns (D47)
            "outcome": OUTCOMES.get(app.outcome),
        },
    )


@require_http_methods(["GET", "POST"])
def edit_details(request: HttpRequest, tracking: str) -> HttpResponse:
    """Correct the applicant snapshot or the request (not the state); the form carries the version,
    so two clerks editing one case cannot overwrite each other."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    app = _case_for_staff(request, tracking)
    scope.require(request.user, app.agency, services.OFFICE_ROLES)
    if request.method == "POST":
        form = DetailsForm(request.POST, instance=Application(agency=app.agency))
        try:
            version = int(request.POST.get("version", "0"))
        except ValueError:
            version = 0
        if form.is_valid():
            fields = (*services.APPLICANT_FIELDS, *services.CONTENT_FIELDS)
            try:
                services.update_details(app, request.user, version, {f: form.cleaned_data[f] for f in fields})
                messages.success(request, "申请信息已更新。")
                return redirect("applications:case", tracking=tracking)
            except services.ServiceError as exc:
                _error(request, exc)
    else:
        form = DetailsForm(instance=app)
    return render(request, "applications/edit.html", {"app": app, "form": form, "version": app.version})


def _action_defaults() -> dict[str, Any]:
    today = services.today()
    return {"received_on": today, "on": today, "sent_on": today, "paid_on": today}


@require_POST
def act(request: HttpRequest, tracking: str, action: str) -> HttpResponse:
    """Perform one workflow action from the table (:mod:`.actions`): form, then its one service.

    The service checks role, state, guards and version; this view only validates and reports."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    app = _case_for_staff(request, tracking)
    spec = actions.get(action)
    if spec is None:
        raise Http404("未知的操作")
    roles = services.workflow_roles(request.user, app)
    if not spec.roles & roles:
        raise PermissionDenied(f"您不能执行“{spec.label}”。")
    form = spec.form(request.POST, request.FILES)
    if not form.is_valid():
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}：{'；'.join(errs)}" if label else "；".join(errs))
        return redirect("applications:case", tracking=tracking)
    try:
        spec.run(app, request.user, form.cleaned_data["version"], form.cleaned_data)
        messages.success(request, f"已完成：{spec.label}。")
    except services.ServiceError as exc:
        _error(request, exc)
    return redirect("applications:case", tracking=tracking)


def _letter_for_staff(request: HttpRequest, pk: int) -> Letter:
    letter = get_object_or_404(Letter.objects.select_related("application__agency"), pk=pk)
    scope.require(request.user, letter.application.agency, scope.READ_ROLES)
    return letter


@require_http_methods(["GET", "POST"])
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """Read a letter; edit its text while it is a draft (the DOCX is generated when it is sent)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    obj = _letter_for_staff(request, pk)
    app = obj.application
    can_edit = not obj.is_sent and scope.has_role(request.user, app.agency, services.OFFICE_ROLES)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("您不能修改该文书。")
        form = LetterForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.edit_letter(
                    obj,
                    request.user,
                    d["version"],
                    title=d["title"],
                    addressee=d["addressee"],
                    body=d["body"],
                )
                messages.success(request, "文书已保存。")
                return redirect("applications:letter", pk=pk)
            except services.ServiceError as exc:
                _error(request, exc)
    else:
        form = LetterForm(
            initial={"version": app.version, "title": obj.title, "addressee": obj.addressee, "body": obj.body}
        )
    today = services.today()
    send_form = LetterSendForm(
        initial={"version": app.version, "sent_on": today, "delivery_method": services.default_method(app)}
    )
    receipt_form = LetterReceiptForm(initial={"version": app.version, "received_on": today})
    return render(
        request,
        "applications/letter.html",
        {
            "letter": obj,
            "app": app,
            "form": form,
            "can_edit": can_edit,
            "send_form": send_form,
            "receipt_form": receipt_form,
            "receipt": notices.receipt_of(obj),
            "can_record_receipt": obj.is_sent
            and scope.has_role(request.user, app.agency, services.OFFICE_ROLES),
        },
    )


@require_POST
def letter_send(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    obj = _letter_for_staff(request, pk)
    scope.require(request.user, obj.application.agency, services.OFFICE_ROLES)
    form = LetterSendForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("applications:letter", pk=pk)
    d = form.cleaned_data
    try:
        services.send_letter(
            obj, request.user, d["version"], on=d["sent_on"], delivery_method=d["delivery_method"]
        )
        messages.success(request, f"已发送：{obj.title}。")
    except services.ServiceError as exc:
        _error(request, exc)
        return redirect("applications:letter", pk=pk)
    return redirect("applications:case", tracking=obj.application.tracking_number)


@require_POST
def letter_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the day the addressee received a sent letter (periods counted from receipt move)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    obj = _letter_for_staff(request, pk)
    scope.require(request.user, obj.application.agency, services.OFFICE_ROLES)
    form = LetterReceiptForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
        return redirect("applications:letter", pk=pk)
    try:
        services.record_letter_receipt(
            obj, request.user, form.cleaned_data["version"], received_on=form.cleaned_data["received_on"]
        )
        messages.success(request, "已登记收到日期。")
    except services.ServiceError as exc:
        _error(request, exc)
    return redirect("applications:letter", pk=pk)


def letter_download(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    obj = _letter_for_staff(request, pk)
    if not obj.is_sent:
        raise Http404("文书尚未发送，没有存档文件。")
    return _docx_response(obj, request.GET.get("format", "docx"))


def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    att = get_object_or_404(Attachment.objects.select_related("application__agency"), pk=pk)
    app = att.application
    staff = request.user.is_authenticated and scope.can_read(request.user, app.agency)
    if not staff and not _applicant_may_see(request, app):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied("您无权查看该附件。")
    if (
        not staff
        and att.disclosed
        and not app.letters.filter(kind=LetterKind.REPLY, sent_at__isnull=False).exists()
    ):
        raise PermissionDenied("答复发出后才能下载公开的文件。")
    response = HttpResponse(bytes(att.data), content_type=att.content_type)
    response["Content-Disposition"] = f'attachment; filename="attachment-{att.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
