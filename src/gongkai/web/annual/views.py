"""The annual report's desk (staff) and its public page.

Staff: the report of an agency and a year computed from the records — tables with every cell linked
to its records, the core's findings, the texts (drafted; the agency edits 一, 五, 六, with last
year's 五 beside), the workflow, the art. 49 calendar, the period lock's differences and the version
history; table 二's figures from other systems; reconciliation with a published file. Public: the
published versions with their downloads.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from gongkai.errors import GongkaiError
from gongkai.report.formats.v2021 import FORMAT_2021
from gongkai.report.jsonio import report_from_json
from gongkai.web.accounts import scope
from gongkai.web.accounts.roles import Role
from gongkai.web.agencies.models import Agency

from . import services, trace
from .build import build
from .figures import ITEM1_CELLS, OTHER_SYSTEM_CELLS
from .models import AnnualReport, PublishedVersion, Status
from .tasks import stored_file

READERS = scope.READ_ROLES
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
YEAR_RANGE = range(2000, 2101)


def _year(year: int) -> int:
    if year not in YEAR_RANGE:
        raise Http404("年度超出范围")
    return year


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _back(agency: Agency, year: int) -> HttpResponse:
    return redirect("annual:detail", agency=agency.code, year=year)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    agencies = scope.visible_agencies(request.user).order_by("code")
    year = timezone.localdate().year - 1
    reports = {(r.agency_id, r.year): r for r in AnnualReport.objects.visible_to(request.user)}
    shown = list(agencies[:200])
    reminded = services.reminder_counts([a.pk for a in shown], year)
    rows = [
        (
            a,
            reports.get((a.pk, year)),
            services.calendar_state(reports.get((a.pk, year)), year, timezone.localdate(), a.kind),
            services.due_date(year, a.kind),
            reminded.get(a.pk, 0),
        )
        for a in shown
    ]
    return render(request, "annual/index.html", {"rows": rows, "year": year, "due": services.due_date(year)})


def _headers(table: str) -> list[str]:
    """Column labels of table 三 (applicant columns) and 四 (result columns); table 二 labels each cell."""
    if table == "t3":
        return [c.label for c in FORMAT_2021.table3_columns]
    if table == "t4":
        return [c.label for c in FORMAT_2021.table4_columns]
    return []


def _table(built: Any, table: str) -> list[tuple[str, list[tuple[str, str, Any]]]]:
    """[(row label, [(cell id, column label, value)])] in printed order (labels from the format)."""
    rows: dict[str, tuple[str, list[tuple[str, str, Any]]]] = {}
    for spec in FORMAT_2021.table_cells(table):
        rows.setdefault(spec.row, (spec.row_label, []))[1].append(
            (spec.id, spec.col_label, built.report.value(spec.id))
        )
    return list(rows.values())


@require_GET
@scope.agency_role_required(*READERS)
def detail(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    year = _year(year)
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    # Checked as if published today, so that the gate shown is the gate the 负责人 will meet.
    built = build(agency, year, publish_date=timezone.localdate())
    previous = AnnualReport.objects.filter(agency=agency, year=year - 1).first()
    last_problems = ""
    if previous is not None and previous.latest_version() is not None:
        last_problems = previous.latest_version().document["sections"].get("s5_problems", "")  # type: ignore[union-attr]
    from .timing import annex_text, response_times

    context = {
        "agency": agency,
        "year": year,
        "report": report,
        "built": built,
        "tables": [(t, _headers(t), _table(built, t)) for t, _title in FORMAT_2021.table_titles],
        "sections": [(s.key, s.title, built.report.sections.get(s.key, "")) for s in FORMAT_2021.sections],
        "editable": services.EDITABLE_SECTIONS,
        "last_problems": last_problems,
        "reasons": services.gate(built, report.explanations if report else {}),
        "warnings": [
            (f, (report.explanations if report else {}).get(f.rule, ""))
            for f in built.findings
            if f.severity == "warning"
        ],
        "editing": scope.has_role(request.user, agency, services.EDITORS)
        and (report is None or report.status == Status.DRAFT),
        "state": services.calendar_state(report, year, timezone.localdate(), agency.kind),
        "due": services.due_date(year, agency.kind),
        "reminders": services.reminders_of(agency, year),
        "can_history": scope.has_role(request.user, agency, services.EDITORS),
        "versions": report.versions.order_by("number") if report else [],
        "differences": services.differences(report) if report and report.status == Status.PUBLISHED else [],
        "sources": built.facts.t2_sources,
        "figure_cells": OTHER_SYSTEM_CELLS + ITEM1_CELLS,
        "annex": annex_text(response_times(agency, year)),
        "can_edit": scope.has_role(request.user, agency, services.EDITORS),
        "can_approve": scope.has_role(request.user, agency, (Role.APPROVER,)),
        "next_states": _next_states(request.user, report),
    }
    return render(request, "annual/detail.html", context)


def _next_states(user: Any, report: AnnualReport | None) -> list[tuple[str, str]]:
    if report is None:
        return []
    allowed, roles = services.TRANSITIONS[report.status]
    if not scope.has_role(user, report.agency, roles):
        return []
    return [(s, Status(s).label) for s in allowed if s != Status.PUBLISHED]


@require_GET
@scope.agency_role_required(*READERS)
def cell(request: HttpRequest, agency: Agency, year: int, cell_id: str) -> HttpResponse:
    year = _year(year)
    if not FORMAT_2021.has_cell(cell_id):
        raise Http404("没有这个单元格")
    records = trace.records_for_cell(agency, year, cell_id)
    spec = FORMAT_2021.cell(cell_id)
    return render(
        request,
        "annual/cell.html",
        {
            "agency": agency,
            "year": year,
            "spec": spec,
            "records": records,
            "value": build(agency, year).report.value(cell_id),
        },
    )


@require_GET
@scope.agency_role_required(*READERS)
def download(request: HttpRequest, agency: Agency, year: int, fmt: str) -> HttpResponse:
    from gongkai import render as render_report
    from gongkai.report.jsonio import dumps, report_to_json

    year = _year(year)
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的格式")
    built = build(agency, year)
    data = (
        dumps(report_to_json(built.report, built.findings)).encode()
        if fmt == "json"
        else render_report(built.report, fmt)
    )
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{agency.code}-{year}-draft.{fmt}"'
    return response


@require_POST
@scope.agency_role_required(*services.EDITORS)
def edit(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    year = _year(year)
    report = services.report_for(request.user, agency, year)
    texts = {k: request.POST[k] for k in services.EDITABLE_SECTIONS if k in request.POST}
    try:
        services.edit_sections(request.user, report, texts)
        messages.success(request, "已保存。")
    except ValidationError as exc:
        _errors(request, exc)
    return _back(agency, year)


@require_POST
@scope.agency_role_required(*services.EDITORS)
def move(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    year = _year(year)
    report = services.report_for(request.user, agency, year)
    target = request.POST.get("target", "")
    if target not in Status.values:
        messages.error(request, "无效的操作。")
        return _back(agency, year)
    try:
        services.move(request.user, report, target, note=request.POST.get("note", ""))
        messages.success(request, f"报告已转为“{Status(target).label}”。")
    except ValidationError as exc:
        _errors(request, exc)
    return _back(agency, year)


@require_POST
@scope.agency_role_required(Role.APPROVER)
def publish(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    year = _year(year)
    report = services.report_for(request.user, agency, year)
    try:
        version = services.publish(request.user, report)
        messages.success(request, f"已发布第{version.number}版。")
    except ValidationError as exc:
        _errors(request, exc)
    return _back(agency, year)


@require_POST
@scope.agency_role_required(Role.APPROVER)
def correct(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    year = _year(year)
    report = services.report_for(request.user, agency, year)
    try:
        version = services.publish_correction(request.user, report, note=request.POST.get("note", ""))
        messages.success(request, f"已发布更正版本（第{version.number}版）。")
    except ValidationError as exc:
        _errors(request, exc)
    return _back(agency, year)


@require_POST
@scope.agency_role_required(*services.EDITORS)
def explain(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    year = _year(year)
    report = services.report_for(request.user, agency, year)
    try:
        services.explain(
            request.user, report, request.POST.get("rule", "")[:40], request.POST.get("text", "")
        )
        messages.success(request, "已保存说明。")
    except ValidationError as exc:
        _errors(request, exc)
    return _back(agency, year)


@require_POST
@scope.agency_role_required(*services.EDITORS)
def figure(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    year = _year(year)
    upload = request.FILES.get("file")
    try:
        if upload is not None:
            rows = _rows(upload.name, upload.read())
            n = services.import_figures(
                request.user, agency, year, rows, request.POST.get("source", "") or upload.name
            )
            messages.success(request, f"已导入{n}项。")
        else:
            services.set_source_figure(
                request.user,
                agency,
                year,
                request.POST.get("cell_id", ""),
                request.POST.get("value", ""),
                request.POST.get("source", ""),
            )
            messages.success(request, "已保存。")
    except ValidationError as exc:
        _errors(request, exc)
    return _back(agency, year)


def _rows(name: str, data: bytes) -> list[dict[str, str]]:
    """CSV (UTF-8) or XLSX rows with the columns ``cell`` and ``value``."""
    if name.lower().endswith(".xlsx"):
        import openpyxl

        try:
            sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
        except Exception:
            raise ValidationError("无法读取该 Excel 文件。") from None
        values = [[("" if v is None else str(v)) for v in row] for row in sheet.iter_rows(values_only=True)]
        if not values:
            return []
        header = [h.strip() for h in values[0]]
        return [dict(zip(header, row, strict=False)) for row in values[1:]]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("CSV 文件应为 UTF-8 编码。") from None
    return list(csv.DictReader(io.StringIO(text)))


@require_POST
@scope.agency_role_required(*READERS)
def reconcile(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    from gongkai import read

    from .reconcile import reconcile as compare

    year = _year(year)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择已发布的报告文件。")
        return _back(agency, year)
    try:
        published = read(upload.name, upload.read())
    except GongkaiError as exc:
        messages.error(request, f"无法读取该文件：{exc}")
        return _back(agency, year)
    differences = compare(agency, year, published)
    return render(
        request,
        "annual/reconcile.html",
        {"agency": agency, "year": year, "differences": differences, "name": upload.name},
    )


# -- public ------------------------------------------------------------------------------------


def _published(agency_code: str, year: int) -> AnnualReport:
    report = AnnualReport.objects.filter(
        agency__code=agency_code, year=_year(year), status=Status.PUBLISHED
    ).first()
    if report is None:
        raise Http404("该年度报告尚未发布")
    return report


@require_GET
def public(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    report = _published(agency, year)
    versions = list(report.versions.order_by("-number"))
    latest = versions[0]
    return render(
        request,
        "annual/public.html",
        {
            "report": report,
            "latest": latest,
            "versions": versions,
            "sections": [(s.title, latest.document["sections"].get(s.key, "")) for s in FORMAT_2021.sections],
            "formats": ("html", "docx", "xlsx", "pdf", "md", "json"),
        },
    )


@require_GET
def public_download(request: HttpRequest, agency: str, year: int, number: int, fmt: str) -> HttpResponse:
    from gongkai import render as render_report
    from gongkai.report.jsonio import dumps

    report = _published(agency, year)
    version = get_object_or_404(PublishedVersion, report=report, number=number)
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的格式")
    if fmt == "json":
        data = dumps(version.document).encode("utf-8")
    else:  # rendered ahead by a background task (annual/tasks.py), else now
        data = stored_file(version, fmt) or render_report(
            report_from_json(version.document, f"v{number}"), fmt
        )
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{report.agency.code}-{report.year}-v{number}.{fmt}"'
    )
    return response
