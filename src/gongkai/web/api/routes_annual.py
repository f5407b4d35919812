"""Annual reports: generate the year's draft from the records; fetch the published version.

Generating creates the agency's working copy (as the web's 年度报告 page does, :func:`report_for`) and
builds the report from the records; publishing stays with the 负责人 on the web (D39).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Path, Router

from gongkai.report import jsonio
from gongkai.web.annual import services as annual
from gongkai.web.annual.build import build
from gongkai.web.annual.models import AnnualReport, Status

from . import services
from .auth import caller
from .errors import ApiError, responses
from .models import Scope
from .schemas import AnnualDraftOut, AnnualPublishedOut

router = Router(tags=["年度报告"])


@router.post("/annual/{year}/draft", response=responses({200: AnnualDraftOut}), url_name="annual_draft")
def annual_draft(request: HttpRequest, year: int = Path(..., ge=2008, le=2100)) -> dict[str, Any]:
    """由本机关的记录生成某年度报告的草稿（首次调用时建立工作稿），返回报告文档与尚待处理的问题。"""
    who = caller(request, Scope.ANNUAL_WRITE)
    report = services.write(who.token, "annual_draft", lambda: annual.report_for(who.user, who.agency, year))
    built = build(who.agency, year, sections=report.sections)
    return {
        "year": year,
        "status": report.status,
        "status_label": Status(report.status).label,
        "document": jsonio.report_to_json(built.report, built.findings),
        "blocking": annual.gate(built, report.explanations),
    }


@router.get("/annual/{year}", response=responses({200: AnnualPublishedOut}), url_name="annual_published")
def annual_published(request: HttpRequest, year: int = Path(..., ge=2008, le=2100)) -> dict[str, Any]:
    """本机关某年已发布的年度报告（最新版本，含 SHA-256）；未发布：404 not_published。"""
    who = caller(request, Scope.ANNUAL_READ)
    report = AnnualReport.objects.visible_to(who.user).filter(agency=who.agency, year=year).first()
    version = report.latest_version() if report is not None else None
    if version is None:
        raise ApiError(404, "not_published", f"{year} 年度报告尚未发布。")
    return {
        "year": year,
        "version": version.number,
        "sha256": version.sha256,
        "published_at": version.published_at,
        "note": version.note,
        "document": version.document,
    }
