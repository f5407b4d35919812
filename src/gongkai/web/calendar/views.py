"""Importing next year's 国务院办公厅 holiday notice from the web (system administrators only).

Upload (the calendar CSV of ``gongkai manage import_calendar``, or the text of the notice) → preview
of the calendar change and of every open case whose dates move → confirm. The confirmed import is
audited (``calendar.import``) and recomputes the open cases once, in bulk.
"""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.errors import GongkaiError
from gongkai.law import WorkCalendar, dump_records
from gongkai.law.notice import read_schedule_bytes

from .preview import preview_import
from .services import replace_years, work_calendar

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(data: bytes, name: str) -> WorkCalendar:
    """The uploaded schedule: the notice's text, or calendar CSV."""
    return read_schedule_bytes(data, file=name)


@login_required
@require_http_methods(["GET", "POST"])
def import_notice(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise PermissionDenied("只有系统管理员可以导入节假日安排。")
    calendar = work_calendar()
    context: dict[str, object] = {
        "loaded": f"{min(calendar.years)}–{max(calendar.years)}" if calendar.years else "",
    }
    if request.method == "POST":
        if "confirm" in request.POST:
            # Browsers send a textarea's line breaks as CRLF: compare the text as it was shown.
            data = request.POST.get("data", "").replace("\r\n", "\n").encode("utf-8")
            if not data or _digest(data) != request.POST.get("digest"):
                context["error"] = "预览已失效，请重新上传。"
                return render(request, "calendar/import.html", context)
            try:
                uploaded = _read(data, request.POST.get("name", "上传文件"))
                result = replace_years(
                    list(uploaded.records()),
                    actor=request.user,
                    note=f"网页导入 {request.POST.get('name', '')}".strip(),
                )
            except GongkaiError as exc:
                context["error"] = str(exc)
                return render(request, "calendar/import.html", context)
            years = "、".join(str(y) for y in result.years)
            messages.success(
                request,
                f"已导入 {years} 年的节假日安排：{result.days} 天（替换原有 {result.replaced} 天）；"
                "在办申请的期限已重新计算。",
            )
            return redirect("workcalendar:import")
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = "请选择要上传的文件（日历 CSV，或国务院办公厅通知的文字）。"
            return render(request, "calendar/import.html", context)
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            context["error"] = "文件超过 2 MB，不像是节假日安排。"
            return render(request, "calendar/import.html", context)
        data = upload.read()
        try:
            uploaded = _read(data, upload.name or "上传文件")
            preview = preview_import(uploaded)
        except GongkaiError as exc:
            context["error"] = str(exc)
            return render(request, "calendar/import.html", context)
        # The confirm step re-reads the same schedule, as UTF-8 calendar CSV (whatever was uploaded).
        text = dump_records(uploaded.records())
        context.update(
            preview=preview,
            data=text,
            digest=_digest(text.encode("utf-8")),
            name=upload.name,
        )
    return render(request, "calendar/import.html", context)
