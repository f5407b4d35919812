"""Reports: parse and check an uploaded annual report; render a report document (scope reports:check).

The file is read in memory with the core's bounds and never stored (a slow
upload on ``/check/`` is kept briefly for its background reading, D55).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import File, Router
from ninja.files import UploadedFile

import gongkai
from gongkai.errors import GongkaiError
from gongkai.report import jsonio
from gongkai.web.supervision.downloads import CONTENT_TYPES

from .auth import caller
from .errors import ApiError, responses
from .models import Scope
from .schemas import CheckOut, FindingOut, RenderIn

router = Router(tags=["年度报告文件"])

#: The formats a report renders to, with their media types (shared with the supervision downloads).
RENDER_TYPES = {k: CONTENT_TYPES[k] for k in ("html", "docx", "xlsx", "pdf", "md")}


def _limit() -> int:
    return int(min(settings.GONGKAI_MAX_UPLOAD_BYTES, settings.GONGKAI_CHECK_MAX_MB * 1024 * 1024))


@router.post("/reports/check", response=responses({200: CheckOut}, 413), url_name="reports_check")
def reports_check(request: HttpRequest, file: File[UploadedFile]) -> CheckOut:
    """解析并检查上传的年度报告（任何可读格式），返回报告文档与全部检查结果。"""
    caller(request, Scope.REPORTS_CHECK)
    name = (file.name or "年度报告")[:200]
    if file.size is not None and file.size > _limit():
        raise ApiError(413, "file_too_large", f"文件“{name}”超过 {_limit() // (1024 * 1024)} MB，无法检查。")
    data = file.read(_limit() + 1)
    if len(data) > _limit():
        raise ApiError(413, "file_too_large", f"文件“{name}”超过 {_limit() // (1024 * 1024)} MB，无法检查。")
    try:
        report = gongkai.read(name, data)
        findings = gongkai.check(report)
    except GongkaiError as exc:
        raise ApiError(400, "unreadable_report", f"无法读取“{name}”：{exc}") from None
    del data  # never stored
    return CheckOut(
        name=name,
        errors=sum(1 for f in findings if f.severity == "error"),
        warnings=sum(1 for f in findings if f.severity == "warning"),
        findings=[FindingOut(**f.to_json()) for f in findings],
        report=jsonio.report_to_json(report, report.read_findings),
    )


_RENDERED = {
    "description": "所生成的文件",
    "content": {
        ct.split(";")[0]: {"schema": {"type": "string", "format": "binary"}} for ct in RENDER_TYPES.values()
    },
}


@router.post(
    "/reports/render",
    response=responses({}),
    url_name="reports_render",
    openapi_extra={"responses": {"200": _RENDERED}},
)
def reports_render(request: HttpRequest, payload: RenderIn) -> HttpResponse:
    """把报告 JSON 文档生成为 html、docx、xlsx、pdf 或 md 文件。"""
    caller(request, Scope.REPORTS_CHECK)
    try:
        report = jsonio.report_from_json(payload.report, "年度报告")
        data = gongkai.render(report, payload.to)
    except (ValueError, GongkaiError) as exc:
        raise ApiError(422, "invalid_report", f"无法生成文件：{exc}") from None
    response = HttpResponse(data, content_type=RENDER_TYPES[payload.to])
    response["Content-Disposition"] = f'attachment; filename="report.{payload.to}"'
    return response
