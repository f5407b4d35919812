"""Benchmarks among peers (with the review queue of anomaly flags) and applications across the subtree.

Charts are drawn with Apache ECharts from the project's static files (static/vendor/echarts, no
CDN); every chart is progressive: the page carries a ``<table>`` with the same data, which screen
readers and browsers without JavaScript use, and the chart reads its data from that table.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.web.accounts import scope

from . import applications_overview
from .benchmarks import BY_KEY, INDICATORS, as_number, benchmark, flags
from .downloads import CONTENT_TYPES, attachment
from .exports import to_csv, to_xlsx
from .flag_decisions import decide
from .models import FlagDecisionKind
from .views import _unit_in_subtree, _year, signed_in, supervised


@signed_in
def benchmarks_page(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    root = supervised(request, agency)
    year = _year(year)
    benches = benchmark(root, year)
    key = request.GET.get("indicator", "received")
    indicator = BY_KEY.get(key, INDICATORS[0])
    rows = sorted(
        (b for b in benches if b.values[indicator.key] is not None),
        key=lambda b: -(b.values[indicator.key] or 0),
    )
    columns = [("agency", "机关代码"), ("name", "机关名称")] + [
        (i.key, f"{i.label}（{i.unit}）") for i in INDICATORS
    ]
    table = [[b.code, b.name, *(as_number(b.values[i.key]) for i in INDICATORS)] for b in benches]
    export = request.GET.get("export")
    if export == "csv":
        return attachment(to_csv(columns, table), f"{root.name}{year}年度同级比较.csv", CONTENT_TYPES["csv"])
    if export == "xlsx":
        return attachment(
            to_xlsx(columns, table, "同级比较"), f"{root.name}{year}年度同级比较.xlsx", CONTENT_TYPES["xlsx"]
        )
    shown = [
        {
            "code": b.code,
            "name": b.name,
            "value": as_number(b.values[indicator.key]),
            "rank": b.ranks.get(indicator.key),
            "quartiles": b.quartiles.get(indicator.key),
        }
        for b in rows
    ]
    all_flags = flags(root, year, benches)
    return render(
        request,
        "supervision/benchmarks.html",
        {
            "root": root,
            "year": year,
            "indicators": INDICATORS,
            "indicator": indicator,
            "rows": shown,
            "flags": all_flags,
            "open_flags": [f for f in all_flags if not f.decision],
            "decisions": FlagDecisionKind.choices,
        },
    )


@require_POST
@signed_in
def decide_flag(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    root = supervised(request, agency)
    year = _year(year)
    unit = _unit_in_subtree(root, request.POST.get("unit", ""))
    try:
        decide(
            request.user,
            unit,
            year,
            request.POST.get("key", ""),
            request.POST.get("decision", ""),
            request.POST.get("note", ""),
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已记录对{unit.name}的审查结论。")
    return redirect("supervision:benchmarks", agency=root.code, year=year)


@signed_in
def applications_page(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    root = supervised(request, agency)
    year = _year(year)
    data = applications_overview.overview(request.user, root, year, timezone.localdate())
    if request.GET.get("export") in ("csv", "xlsx"):
        columns = [
            ("agency", "机关代码"),
            ("name", "机关名称"),
            ("received", "收到申请"),
            ("concluded", "已办结"),
            ("overdue", "逾期"),
            ("overdue_rate", "逾期率（%）"),
        ]
        rows = [[u.code, u.name, u.received, u.concluded, u.overdue, u.overdue_rate] for u in data["units"]]
        name = f"{root.name}{year}年度依申请公开办理情况"
        if request.GET["export"] == "csv":
            return attachment(to_csv(columns, rows), f"{name}.csv", CONTENT_TYPES["csv"])
        return attachment(to_xlsx(columns, rows, "办理情况"), f"{name}.xlsx", CONTENT_TYPES["xlsx"])
    return render(request, "supervision/applications.html", {"root": root, "year": year, **data})


@signed_in
def unit_applications(request: HttpRequest, agency: str, year: int, unit: str) -> HttpResponse:
    root = supervised(request, agency)
    year = _year(year)
    unit_agency = _unit_in_subtree(root, unit)
    cases = applications_overview.unit_cases(request.user, unit_agency, year)
    today = timezone.localdate()
    rows = []
    for case in cases:
        due = case.effective_due
        overdue = bool(due and (case.concluded_on or today) > due)
        rows.append((case, due, overdue))
    return render(
        request,
        "supervision/unit_applications.html",
        {
            "root": root,
            "year": year,
            "unit": unit_agency,
            "rows": rows,
            "can_read": scope.can_read(request.user, unit_agency),
        },
    )
