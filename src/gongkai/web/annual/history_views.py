"""Upload an earlier year's published report as history (the web counterpart of ``gongkai report history``).

Step 1 (POST ``file``): the core reads the file in memory (any medium, the core's bounds
:mod:`gongkai.report.read.limits` plus ``GONGKAI_CHECK_MAX_MB``) and the page previews its tables with
the core's findings at their cells. Nothing is stored yet: the read report travels back in the page
as the core's JSON document, **signed** (``django.core.signing``, salted, valid for an hour), so the
confirmation stores exactly what was previewed and nothing forged. Step 2 (POST ``document``):
:func:`services.record_earlier_report` stores it as that year's :class:`EarlierReport` (audited,
``annual.earlier``); it then serves as 上年 for the cross-year rules and the carry-over.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

import gongkai
from gongkai.errors import GongkaiError
from gongkai.report import jsonio
from gongkai.web.accounts import scope
from gongkai.web.agencies.models import Agency
from gongkai.web.supervision.annotate import numbered, tables_html

from . import services
from .forms import HistoryConfirmForm, HistoryUploadForm
from .models import EarlierReport
from .views import _year

SALT = "gongkai.annual.history"
MAX_AGE = 3600  # seconds a preview stays confirmable


def _context(agency: Agency, year: int, **extra: Any) -> dict[str, Any]:
    return {
        "agency": agency,
        "year": year,
        "existing": EarlierReport.objects.filter(agency=agency, year=year).first(),
        **extra,
    }


@scope.agency_role_required(*services.EDITORS)
def history(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    year = _year(year)
    if request.method != "POST":
        return render(request, "annual/history.html", _context(agency, year, form=HistoryUploadForm()))
    if "document" in request.POST:
        return _confirm(request, agency, year)
    form = HistoryUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "annual/history.html", _context(agency, year, form=form), status=400)
    upload = form.cleaned_data["file"]
    name = upload.name or "年度报告"
    try:
        report = gongkai.read(name, upload.read())
        findings = gongkai.check(report)
    except GongkaiError as exc:
        form.add_error("file", f"无法读取“{name}”：{exc}")
        return render(request, "annual/history.html", _context(agency, year, form=form), status=400)
    if report.year is None:
        report.year = year
    if report.year != year:
        form.add_error("file", f"“{name}”是{report.year}年度的报告，不是{year}年度的。")
        return render(request, "annual/history.html", _context(agency, year, form=form), status=400)
    items = numbered(findings)
    document = jsonio.report_to_json(report)
    signed = signing.dumps(
        {"doc": document, "name": name, "agency": agency.pk, "year": year}, salt=SALT, compress=True
    )
    return render(
        request,
        "annual/history.html",
        _context(
            agency,
            year,
            form=HistoryUploadForm(),
            preview=True,
            name=name,
            report=report,
            items=items,
            tables=tables_html(report, items),
            errors=sum(1 for i in items if i.finding.severity == "error"),
            warnings=sum(1 for i in items if i.finding.severity == "warning"),
            confirm=HistoryConfirmForm(initial={"document": signed, "file_name": name[:200]}),
        ),
    )


def _confirm(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    form = HistoryConfirmForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("确认信息不完整，请重新上传。")
        payload = signing.loads(form.cleaned_data["document"], salt=SALT, max_age=MAX_AGE)
        if payload.get("agency") != agency.pk or payload.get("year") != year:
            raise ValidationError("确认信息与本机关、本年度不符，请重新上传。")
        report = jsonio.report_from_json(payload["doc"], payload["name"])
        services.record_earlier_report(request.user, agency, report, payload["name"])
    except signing.SignatureExpired:
        messages.error(request, "预览已超过一小时，请重新上传。")
        return redirect("annual:history", agency=agency.code, year=year)
    except (signing.BadSignature, GongkaiError, json.JSONDecodeError, KeyError):
        messages.error(request, "确认信息无效，请重新上传。")
        return redirect("annual:history", agency=agency.code, year=year)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("annual:history", agency=agency.code, year=year)
    messages.success(request, f"已将“{payload['name']}”登记为{year}年度已发布的报告。")
    return redirect("annual:detail", agency=agency.code, year=year + 1)
