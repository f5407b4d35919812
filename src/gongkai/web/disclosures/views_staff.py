"""The register's desk for agency staff: drafting (经办人), review (审核人), approval and
publication (负责人), corrections and withdrawals, the catalogue and the guide. Supervisors read.

Who may do what is decided by :mod:`gongkai.web.accounts.scope`; forms validate; services change.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.web import audit
from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role
from gongkai.web.agencies.models import Agency

from . import services
from .forms import CatalogueForm, GuideForm, ItemForm, PublishForm, ReasonForm, ReviewForm, ValidityForm
from .guide import edited_guide
from .models import CatalogueNode, Item, Proposal, Status


def _item_agency(request: HttpRequest, pk: int, **kwargs: Any) -> Agency:
    return get_object_or_404(Item.objects.select_related("agency"), pk=pk).agency


item_scope = scope.agency_role_required
READERS = scope.READ_ROLES


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@require_GET
@scope.agency_role_required(*READERS)
def desk(request: HttpRequest, agency: Agency) -> HttpResponse:
    items = (
        Item.objects.filter(agency=agency)
        .select_related("genre", "catalogue")
        .order_by("status", "-updated_at")
    )
    status = request.GET.get("status", "")
    if status in Status.values:
        items = items.filter(status=status)
    overdue = services.interpretation_overdue(
        Item.objects.public().filter(agency=agency).select_related("genre")
    )
    return render(
        request,
        "disclosures/desk.html",
        {
            "agency": agency,
            "items": items[:200],
            "statuses": Status.choices,
            "status": status,
            "overdue": overdue,
            "can_draft": scope.has_role(request.user, agency, [Role.CLERK]),
            "proposals": Proposal.objects.filter(agency=agency, status="open").count(),
        },
    )


@require_http_methods(["GET", "POST"])
@scope.agency_role_required(Role.CLERK)
def draft_new(request: HttpRequest, agency: Agency) -> HttpResponse:
    services.ensure_catalogue(agency, actor=request.user)
    form = ItemForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        item = services.create_item(agency, request.user, form.cleaned_data)
        messages.success(request, f"草稿已保存，索引号 {item.index_number}。")
        return redirect("disclosures:staff_item", pk=item.pk)
    return render(request, "disclosures/edit.html", {"agency": agency, "form": form, "item": None})


@require_http_methods(["GET", "POST"])
@scope.agency_role_required(Role.CLERK, get_agency=_item_agency)
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Item, pk=pk)
    form = ItemForm(request.POST or None, instance=Item.objects.get(pk=pk), agency=item.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(item, request.user, form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, "草稿已保存。")
        return redirect("disclosures:staff_item", pk=item.pk)
    return render(request, "disclosures/edit.html", {"agency": item.agency, "form": form, "item": item})


@require_GET
@scope.agency_role_required(*READERS, get_agency=_item_agency)
def staff_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Item.objects.select_related("agency", "genre", "topic", "catalogue", "interprets"), pk=pk
    )
    roles = scope.roles_in(request.user, item.agency)
    return render(
        request,
        "disclosures/staff_item.html",
        {
            "item": item,
            "agency": item.agency,
            "findings": services.check(item) if item.status in (Status.DRAFT, Status.IN_REVIEW) else [],
            "reviews": item.reviews.select_related("reviewer"),
            "versions": item.versions.order_by("-number"),
            "validity_events": item.validity_events.all(),
            "is_clerk": Role.CLERK in roles,
            "is_reviewer": Role.REVIEWER in roles,
            "is_approver": Role.APPROVER in roles,
            "review_form": ReviewForm(initial={"reviewed_on": timezone.localdate()}),
            "publish_form": PublishForm(),
            "reason_form": ReasonForm(),
            "validity_form": ValidityForm(),
            "audit_url": audit.trail_url(item),
        },
    )


def _act(request: HttpRequest, pk: int, action: Any) -> HttpResponse:
    item = get_object_or_404(Item, pk=pk)
    try:
        done = action(item)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        if done:
            messages.success(request, done)
    return redirect("disclosures:staff_item", pk=pk)


@require_POST
@scope.agency_role_required(Role.CLERK, get_agency=_item_agency)
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda item: services.submit(item, request.user) and "已提交审查。")


@require_POST
@scope.agency_role_required(Role.REVIEWER, get_agency=_item_agency)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "审查记录填写不完整。")
        return redirect("disclosures:staff_item", pk=pk)
    d = form.cleaned_data
    return _act(
        request,
        pk,
        lambda item: (
            services.record_review(
                item, request.user, d["kind"], d["conclusion"], note=d["note"], reviewed_on=d["reviewed_on"]
            )
            and "审查意见已记录。"
        ),
    )


@require_POST
@scope.agency_role_required(Role.APPROVER, get_agency=_item_agency)
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, "发布时间无效。")
        return redirect("disclosures:staff_item", pk=pk)

    def act(item: Item) -> str:
        findings = services.approve_and_publish(
            item,
            request.user,
            at=form.cleaned_data["at"],
            acknowledge_warnings=form.cleaned_data["acknowledge_warnings"],
        )
        for f in findings:
            messages.warning(request, f.message)
        return "已批准并定时发布。" if item.is_scheduled else "已批准并发布。"

    return _act(request, pk, act)


@require_POST
@scope.agency_role_required(Role.APPROVER, get_agency=_item_agency)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写撤回理由。")
        return redirect("disclosures:staff_item", pk=pk)
    return _act(
        request,
        pk,
        lambda item: services.withdraw(item, request.user, form.cleaned_data["reason"]) and "已撤回。",
    )


@require_http_methods(["GET", "POST"])
@scope.agency_role_required(Role.APPROVER, get_agency=_item_agency)
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Item, pk=pk)
    form = ItemForm(request.POST or None, instance=Item.objects.get(pk=pk), agency=item.agency)
    reason = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and reason.is_valid():
        return _act(
            request,
            pk,
            lambda it: (
                services.correct(it, request.user, form.cleaned_data, reason.cleaned_data["reason"])
                and "已更正。"
            ),
        )
    return render(
        request,
        "disclosures/edit.html",
        {"agency": item.agency, "form": form, "item": item, "reason_form": reason},
    )


@require_POST
@scope.agency_role_required(Role.CLERK, Role.APPROVER, get_agency=_item_agency)
def validity(request: HttpRequest, pk: int) -> HttpResponse:
    form = ValidityForm(request.POST)
    if not form.is_valid():
        messages.error(request, "效力变动填写不完整。")
        return redirect("disclosures:staff_item", pk=pk)
    d = form.cleaned_data
    return _act(
        request,
        pk,
        lambda item: (
            services.add_validity_event(item, request.user, d["kind"], d["date"], d["note"]) and "已记录。"
        ),
    )


@require_http_methods(["GET", "POST"])
@scope.agency_role_required(*READERS)
def catalogue(request: HttpRequest, agency: Agency) -> HttpResponse:
    can_edit = scope.has_role(request.user, agency, [Role.CLERK, Role.AGENCY_ADMIN])
    form = CatalogueForm(request.POST or None, agency=agency)
    if request.method == "POST":
        scope.require(request.user, agency, [Role.CLERK, Role.AGENCY_ADMIN])
        if form.is_valid():
            node = services.catalogue_node(agency, form.cleaned_data["name"], actor=request.user)
            if form.cleaned_data["parent"] and node.parent_id is None:
                services.move_catalogue_node(node, form.cleaned_data["parent"], actor=request.user)
            messages.success(request, f"栏目“{node.name}”已添加。")
            return redirect("disclosures:catalogue", agency=agency.code)
    nodes = CatalogueNode.objects.filter(agency=agency).order_by("position")
    return render(
        request,
        "disclosures/catalogue.html",
        {"agency": agency, "nodes": nodes, "form": form, "can_edit": can_edit},
    )


@require_http_methods(["GET", "POST"])
@scope.agency_role_required(Role.AGENCY_ADMIN)
def guide_edit(request: HttpRequest, agency: Agency) -> HttpResponse:
    page = edited_guide(agency)
    form = GuideForm(
        request.POST or None,
        initial={"title": page.title, "body": page.body}
        if page
        else {"title": f"{agency.name}政府信息公开指南"},
    )
    if request.method == "POST" and form.is_valid():
        services.save_guide(
            agency, page, request.user, title=form.cleaned_data["title"], body=form.cleaned_data["body"]
        )
        messages.success(request, "公开指南已保存。")
        return redirect("disclosures:guide", agency=agency.code)
    return render(request, "disclosures/guide_edit.html", {"agency": agency, "form": form})


@require_GET
@scope.agency_role_required(*READERS)
def proposals(request: HttpRequest, agency: Agency) -> HttpResponse:
    from gongkai.web.applications.models import Application

    rows = [
        (p, Application.objects.filter(pk__in=p.application_ids).only("pk", "tracking_number", "description"))
        for p in Proposal.objects.filter(agency=agency)
    ]
    can_draft = scope.has_role(request.user, agency, (Role.CLERK,))
    return render(
        request, "disclosures/proposals.html", {"agency": agency, "rows": rows, "can_draft": can_draft}
    )


@require_POST
@scope.agency_role_required(Role.CLERK)
def proposal_draft(request: HttpRequest, agency: Agency, pk: int) -> HttpResponse:
    """条例第四十四条: one click turns a proposal into a draft register item (then edited and reviewed)."""
    from .proposals import draft_from

    proposal = get_object_or_404(Proposal, pk=pk, agency=agency)
    try:
        item = draft_from(proposal, request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("disclosures:proposals", agency=agency.code)
    messages.success(request, "已生成主动公开草稿，请补充正文后提交审核。")
    return redirect("disclosures:draft_edit", pk=item.pk)


@require_http_methods(["GET", "POST"])
@scope.agency_role_required(Role.CLERK, Role.AGENCY_ADMIN)
def annual_upload(request: HttpRequest, agency: Agency) -> HttpResponse:
    """Upload the agency's published annual report (条例第四十九条) for the 年报 column."""
    from .annual import upload
    from .forms import AnnualReportForm
    from .models import AnnualReport

    form = AnnualReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            report = upload(agency, request.user, uploaded.name, uploaded.read(), form.cleaned_data["year"])
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, f"已上传{report.year}年度报告。")
            return redirect("disclosures:annual")
    reports = AnnualReport.objects.filter(agency=agency).defer("data", "rendered_html")
    return render(
        request, "disclosures/annual_upload.html", {"agency": agency, "form": form, "reports": reports}
    )


@require_POST
@scope.agency_role_required(Role.CLERK, Role.APPROVER, get_agency=_item_agency)
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload an attachment (PDF, DOCX, XLS(X), images; checked by content)."""
    from .attachments import add_attachment

    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, "请选择要上传的文件。")
        return redirect("disclosures:staff_item", pk=pk)
    data = uploaded.read(int(getattr(settings, "GONGKAI_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)) + 1)
    return _act(
        request,
        pk,
        lambda item: add_attachment(item, request.user, uploaded.name or "附件", data) and "附件已上传。",
    )


@require_http_methods(["GET", "POST"])
@scope.agency_role_required(Role.AGENCY_ADMIN)
def index_pattern(request: HttpRequest, agency: Agency) -> HttpResponse:
    """The agency's 索引号 pattern (agency administrator): validated, previewed, audited."""
    from .forms import IndexPatternForm
    from .index_numbers import pattern_for, set_pattern

    pattern, org = pattern_for(agency)
    form = IndexPatternForm(request.POST or None, initial={"pattern": pattern, "org_code": org or ""})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                set_pattern(request.user, agency, form.cleaned_data["pattern"], form.cleaned_data["org_code"])
            except ValidationError as exc:
                form.add_error("pattern", exc)
            else:
                messages.success(request, "索引号格式已保存，新建的信息按此格式编号。")
                return redirect("disclosures:index_pattern", agency=agency.code)
        status = 400
    preview = services.next_index_number(agency, timezone.localdate().year, "fgwj")
    return render(
        request,
        "disclosures/index_pattern.html",
        {"agency": agency, "form": form, "preview": preview},
        status=status,
    )
