"""The supervisor's pages: report status across the subtree, a unit's report, the consolidated report.

Every view decides access through :mod:`gongkai.web.accounts.scope`: reading needs the supervisor
role on the agency in the URL (a supervisor membership on it or an ancestor; the system
administrator reads too); the unit in the URL must lie in that agency's subtree (else 404).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

import gongkai
from gongkai.errors import GongkaiError
from gongkai.report.formats import any_cell
from gongkai.report.render import TARGETS
from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role
from gongkai.web.agencies.models import Agency

from .annotate import numbered, tables_html
from .consolidate import consolidate
from .downloads import CONTENT_TYPES, attachment
from .exports import to_csv, to_xlsx
from .models import Notice, NoticeSubject
from .status import LATE, MISSING, PUBLISHED, STATUS_LABELS, subtree_status, summary

PAGE_SIZE = 100
SORTS = {
    "code": lambda s: s.code,
    "name": lambda s: s.name,
    "status": lambda s: (s.status, s.code),
    "published_on": lambda s: (s.publication.published_on if s.publication else dt.date.max, s.code),
    "errors": lambda s: (-(s.publication.errors if s.publication else -1), s.code),
    "warnings": lambda s: (-(s.publication.warnings if s.publication else -1), s.code),
}
STATUS_COLUMNS = (
    ("agency", "机关代码"),
    ("name", "机关名称"),
    ("kind", "机关类型"),
    ("due_on", "公布期限"),
    ("status", "状态"),
    ("published_on", "公布日期"),
    ("origin", "来源"),
    ("errors", "错误数"),
    ("warnings", "警告数"),
    ("changed", "公布后修改"),
)


def signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors are sent to sign in (the scope then decides: 403 or the page)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def supervised(request: HttpRequest, code: str) -> Agency:
    if not request.user.is_authenticated:
        raise PermissionDenied
    agency = get_object_or_404(Agency, code=code)
    scope.require(request.user, agency, [Role.SUPERVISOR])
    return agency


def _year(year: int) -> int:
    if not 2008 <= year <= 2100:
        raise Http404("年度超出范围")
    return year


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    """The agencies the user supervises (roots of its subtrees), with links to their status pages."""
    ids = scope.visible_agency_ids(request.user)
    candidates = (
        Agency.objects.filter(parent__isnull=True) if ids is None else Agency.objects.filter(pk__in=ids)
    )
    roots = [a for a in candidates.order_by("code") if scope.has_role(request.user, a, [Role.SUPERVISOR])]
    if ids is not None:  # keep the top of each supervised subtree only
        root_ids = {a.pk for a in roots}
        roots = [a for a in roots if a.parent_id not in root_ids]
    year = timezone.localdate().year - 1
    return render(request, "supervision/home.html", {"roots": roots, "year": year})


def _filtered(request: HttpRequest, statuses: list[Any]) -> list[Any]:
    wanted = request.GET.get("status", "")
    if wanted == "overdue":
        statuses = [s for s in statuses if s.overdue]
    elif wanted in STATUS_LABELS:
        statuses = [s for s in statuses if s.status == wanted]
    kind = request.GET.get("kind", "")
    if kind:
        statuses = [s for s in statuses if s.kind == kind]
    if request.GET.get("errors") == "1":
        statuses = [s for s in statuses if s.publication and s.publication.errors]
    if request.GET.get("changed") == "1":
        statuses = [s for s in statuses if s.publication and s.publication.changed]
    q = request.GET.get("q", "").strip()
    if q:
        statuses = [s for s in statuses if q in s.name or q in s.code]
    sort = request.GET.get("sort", "code")
    key = SORTS.get(sort.lstrip("-"), SORTS["code"])
    return sorted(statuses, key=key, reverse=sort.startswith("-"))


def _export_rows(statuses: list[Any]) -> list[list[object]]:
    rows = []
    for s in statuses:
        p = s.publication
        rows.append(
            [
                s.code,
                s.name,
                s.kind_label,
                s.due_on.isoformat(),
                s.status_label,
                p.published_on.isoformat() if p else "",
                s.origin_label,
                p.errors if p else "",
                p.warnings if p else "",
                ("是" if p.changed else "否") if p else "",
            ]
        )
    return rows


@signed_in
def status_page(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    root = supervised(request, agency)
    year = _year(year)
    today = timezone.localdate()
    statuses = subtree_status(root, year, today)
    counts = summary(statuses)
    shown = _filtered(request, statuses)
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        rows = _export_rows(shown)
        name = f"{root.name}{year}年度报告公布情况.{export}"
        if export == "csv":
            return attachment(to_csv(STATUS_COLUMNS, rows), name, CONTENT_TYPES["csv"])
        return attachment(to_xlsx(STATUS_COLUMNS, rows, "公布情况"), name, CONTENT_TYPES["xlsx"])
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = min(page, pages)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "supervision/status.html",
        {
            "root": root,
            "year": year,
            "today": today,
            "counts": counts,
            "total": len(statuses),
            "rows": shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
            "matched": len(shown),
            "page": page,
            "pages": pages,
            "query": query.urlencode(),
            "status_choices": [
                (PUBLISHED, STATUS_LABELS[PUBLISHED]),
                (LATE, STATUS_LABELS[LATE]),
                (MISSING, STATUS_LABELS[MISSING]),
                ("overdue", "未公布且已逾期"),
            ],
            "filters": request.GET,
            "years": range(today.year, 2018, -1),
        },
    )


def _unit_in_subtree(root: Agency, code: str) -> Agency:
    unit = get_object_or_404(Agency, code=code)
    if unit.pk not in Agency.objects.subtree_ids([root.pk]):
        raise Http404("该单位不在监督范围内")
    return unit


@signed_in
def unit_report(request: HttpRequest, agency: str, year: int, unit: str) -> HttpResponse:
    """A unit's published report as the official tables with the core's findings at their cells."""
    from gongkai.web.disclosures.models import AnnualReport

    root = supervised(request, agency)
    year = _year(year)
    unit_agency = _unit_in_subtree(root, unit)
    published = AnnualReport.objects.visible_to(request.user).filter(agency=unit_agency, year=year).first()
    context: dict[str, Any] = {"root": root, "year": year, "unit": unit_agency, "published": published}
    if published is not None:
        try:
            report = gongkai.read(published.name, bytes(published.data))
            items = numbered(gongkai.check(report))
        except GongkaiError as exc:
            context["error"] = f"无法读取“{published.name}”：{exc}"
        else:
            context.update(report=report, items=items, tables=tables_html(report, items))
    context["notices"] = Notice.objects.visible_to(request.user).filter(agency=unit_agency)[:20]
    context["can_send"] = scope.can_supervise(request.user, unit_agency)
    context["subjects"] = NoticeSubject.choices
    return render(request, "supervision/unit.html", context)


@signed_in
def consolidated(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    root = supervised(request, agency)
    year = _year(year)
    try:
        exclude = {c for c in request.GET.getlist("exclude") if c}
        result = consolidate(root, year, exclude)
    except GongkaiError as exc:
        return render(
            request,
            "supervision/consolidated.html",
            {"root": root, "year": year, "error": str(exc)},
            status=404,
        )
    to = request.GET.get("to")
    if to in TARGETS:
        return attachment(result.render(to), f"{root.name}{year}年度报告（汇总）.{to}", CONTENT_TYPES[to])
    cell = request.GET.get("cell")
    trace = None
    if cell and result.format.has_cell(cell):
        trace = {
            "id": cell,
            "label": any_cell(cell).label,
            "sum": result.sums.get(cell),
            "contributors": result.contributors(cell),
            "gaps": result.gaps(cell),
        }
    report = result.report()
    items = numbered(gongkai.check(report))
    return render(
        request,
        "supervision/consolidated.html",
        {
            "root": root,
            "year": year,
            "result": result,
            "items": items,
            "tables": tables_html(report, items, trace="".join(f"&exclude={c}" for c in sorted(exclude))),
            "trace": trace,
            "targets": list(TARGETS),
            "exclude_query": "".join(f"&exclude={c}" for c in sorted(exclude)),
        },
    )
