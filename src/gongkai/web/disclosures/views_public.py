"""The public 政府信息公开专栏 (国办公开办函〔2019〕61号: five columns), item pages, search, feeds.

Only :meth:`ItemQuerySet.public` items are shown; nothing here changes state.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from gongkai.web.agencies.models import Agency

from . import search as search_module
from .guide import edited_guide, generated_guide
from .models import AnnualReport, Attachment, Item, Page, PageKind, Status

#: The five columns of the 专栏, in the national order (国办公开办函〔2019〕61号).
COLUMNS = (
    ("guide", "政府信息公开指南"),
    ("system", "政府信息公开制度"),
    ("content", "法定主动公开内容"),
    ("annual", "政府信息公开年报"),
    ("on_request", "依申请公开"),
)


def _agencies() -> Any:
    return Agency.objects.current().order_by("level", "code")


def _filters(request: HttpRequest) -> dict[str, str]:
    return {k: request.GET.get(k, "").strip()[:100] for k in search_module.FACETS if request.GET.get(k)}


def _page_number(request: HttpRequest) -> int:
    text = request.GET.get("page", "1")
    return int(text) if text.isdigit() else 1


@require_GET
def column_index(request: HttpRequest) -> HttpResponse:
    """The county-wide 专栏: the five columns, the agencies, the latest information."""
    latest = Item.objects.public().select_related("agency")[:10]
    return render(
        request,
        "disclosures/column_index.html",
        {"columns": COLUMNS, "agencies": _agencies(), "latest": latest},
    )


@require_GET
def agency_index(request: HttpRequest, agency: str) -> HttpResponse:
    obj = get_object_or_404(Agency, code=agency)
    latest = Item.objects.public().filter(agency=obj).select_related("catalogue")[:10]
    catalogue = obj.catalogue.filter(parent__isnull=True).order_by("position")
    return render(
        request,
        "disclosures/agency_index.html",
        {"agency": obj, "columns": COLUMNS, "latest": latest, "catalogue": catalogue},
    )


@require_GET
def guide(request: HttpRequest, agency: str) -> HttpResponse:
    obj = get_object_or_404(Agency, code=agency)
    return render(
        request,
        "disclosures/guide.html",
        {"agency": obj, "edited": edited_guide(obj), "sections": generated_guide(obj)},
    )


@require_GET
def system(request: HttpRequest, agency: str) -> HttpResponse:
    obj = get_object_or_404(Agency, code=agency)
    pages = Page.objects.filter(agency=obj, kind=PageKind.SYSTEM)
    return render(request, "disclosures/system.html", {"agency": obj, "pages": pages})


@require_GET
def annual(request: HttpRequest) -> HttpResponse:
    """The 年报 column: uploaded reports (read by the core) and 年度报告 items of the register."""
    reports = (
        Item.objects.public()
        .filter(title__contains="政府信息公开工作年度报告")
        .select_related("agency")
        .order_by("agency__code", "-published_at")
    )
    uploaded = (
        AnnualReport.objects.select_related("agency")
        .defer("data", "rendered_html")
        .order_by("agency__code", "-year")
    )
    # Reports published from the records (the annual app) join the uploaded ones.
    from gongkai.web.annual.models import AnnualReport as GeneratedReport

    generated = GeneratedReport.objects.filter(status="published").select_related("agency")
    return render(
        request,
        "disclosures/annual.html",
        {"uploaded": uploaded, "reports": reports, "generated": generated, "agency": None},
    )


@require_GET
def annual_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The report as the official tables, rendered by the core at upload."""
    obj = get_object_or_404(AnnualReport.objects.defer("data"), pk=pk)
    return HttpResponse(obj.rendered_html, content_type="text/html; charset=utf-8")


@require_GET
def annual_download(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(AnnualReport, pk=pk)
    response = HttpResponse(bytes(obj.data), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, obj.name)
    return response


@require_GET
def on_request(request: HttpRequest) -> HttpResponse:
    return render(request, "disclosures/on_request.html", {"agencies": _agencies()})


@require_GET
def browse(request: HttpRequest) -> HttpResponse:
    """法定主动公开内容: browse by catalogue, 主题, 体裁, 发布机构, year and validity, with counts."""
    result = search_module.search("", filters=_filters(request), sort="date", page=_page_number(request))
    return render(
        request, "disclosures/browse.html", {"result": result, "facet_labels": search_module.FACETS}
    )


@require_GET
def item(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(
        Item.objects.select_related("agency", "topic", "genre", "catalogue", "interprets"), pk=pk
    )
    if not (obj.is_public or (obj.status == Status.WITHDRAWN and obj.published_at)):
        raise Http404("该信息不存在或尚未发布。")
    interpretations = obj.interpretations.public()
    return render(
        request,
        "disclosures/item.html",
        {"item": obj, "interpretations": interpretations, "attachments": obj.attachments.all()},
    )


@require_GET
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(Attachment.objects.select_related("item"), pk=pk)
    if not obj.item.is_public or not obj.file:
        raise Http404("附件不存在。")
    return FileResponse(
        obj.file.open("rb"), as_attachment=True, filename=obj.name, content_type=obj.content_type or None
    )


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    result = (
        search_module.search(
            query,
            filters=_filters(request),
            sort=request.GET.get("sort", "relevance"),
            page=_page_number(request),
        )
        if query.strip() or _filters(request)
        else None
    )
    return render(
        request,
        "disclosures/search.html",
        {"query": query, "result": result, "facet_labels": search_module.FACETS},
    )


@require_GET
def search_json(request: HttpRequest) -> JsonResponse:
    query = request.GET.get("q", "")
    result = search_module.search(
        query,
        filters=_filters(request),
        sort=request.GET.get("sort", "relevance"),
        page=_page_number(request),
    )
    return JsonResponse(result.to_json(), json_dumps_params={"ensure_ascii": False})
