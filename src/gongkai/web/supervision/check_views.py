"""``/check/``: upload a report in any medium, see it as the official tables with every finding at its cell.

Who: signed-in users, and anyone when ``GONGKAI_PUBLIC_CHECK=1``. Fast media (text, HTML, DOCX, XLSX
up to ``GONGKAI_CHECK_INLINE_MAX_KB``) are read in memory in the request with the core's bounds
(:mod:`gongkai.report.read.limits`) and never stored (D38). Slow media (PDF, scans, DOC/RTF) go
to a background task (:mod:`.check_store`, D55): the upload is kept until
``GONGKAI_CHECK_KEEP_MINUTES`` after it, and ``/check/<token>/`` — only for the uploader (same user,
or same anonymous session), 404 for anyone else — says "正在检查…" and refreshes itself until the
result is there. Either way the page carries the report back to the browser as the core's JSON
document, and a download posts that document to ``/check/download/``, which validates it strictly
(:func:`gongkai.report.jsonio.report_from_json`) and renders it.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

import gongkai
from gongkai.errors import GongkaiError
from gongkai.report import jsonio
from gongkai.report.model import Report
from gongkai.report.render import TARGETS

from . import check_store
from .annotate import numbered, tables_html
from .downloads import CONTENT_TYPES, attachment
from .models import CheckStatus

_FORMAT_LABELS = {"html": "网页", "docx": "Word", "xlsx": "Excel", "pdf": "PDF", "md": "Markdown"}


def _allowed(request: HttpRequest) -> bool:
    return bool(settings.GONGKAI_PUBLIC_CHECK or request.user.is_authenticated)


def _result(name: str, report: Report) -> dict[str, object]:
    """The result page's context: the tables with every finding at its cell, the JSON for downloads."""
    items = numbered(gongkai.check(report))
    doc = jsonio.report_to_json(report, report.read_findings)
    return {
        "name": name,
        "report": report,
        "items": items,
        "tables": tables_html(report, items),
        "errors": sum(1 for i in items if i.finding.severity == "error"),
        "warnings": sum(1 for i in items if i.finding.severity == "warning"),
        "document": json.dumps(doc, ensure_ascii=False),
        "targets": [(t, _FORMAT_LABELS.get(t, t)) for t in TARGETS],
    }


def check(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return redirect_to_login(request.get_full_path())
    check_store.purge_expired()  # expired uploads and results go on every visit (and daily: remind)
    context: dict[str, object] = {
        "max_mb": settings.GONGKAI_CHECK_MAX_MB,
        "keep_minutes": settings.GONGKAI_CHECK_KEEP_MINUTES,
    }
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        if uploaded is None:
            context["error"] = "请选择要检查的年度报告文件。"
        elif uploaded.size is not None and uploaded.size > settings.GONGKAI_CHECK_MAX_MB * 1024 * 1024:
            context["error"] = f"文件“{uploaded.name}”超过 {settings.GONGKAI_CHECK_MAX_MB} MB，无法检查。"
        else:
            name = uploaded.name or "年度报告"
            data = uploaded.read()
            if check_store.is_slow(name, data):
                row = check_store.submit(request.user, request.session, name, data)
                return redirect("supervision:check_result", token=row.token)
            try:
                report = gongkai.read(name, data)
            except GongkaiError as exc:
                context["error"] = f"无法读取“{name}”：{exc}"
            else:
                del data  # never stored
                context.update(_result(name, report))
        status = 400 if "error" in context else 200
        return render(request, "supervision/check.html", context, status=status)
    return render(request, "supervision/check.html", context)


@require_GET
def check_result(request: HttpRequest, token: str) -> HttpResponse:
    """A background check: "正在检查…" (the page refreshes itself) until the result, for its uploader only."""
    if not _allowed(request):
        return redirect_to_login(request.get_full_path())
    check_store.purge_expired()
    row = check_store.find(token, request.user, request.session)
    if row is None:
        raise Http404("没有这项检查，或已过期删除。")
    context: dict[str, object] = {
        "max_mb": settings.GONGKAI_CHECK_MAX_MB,
        "keep_minutes": settings.GONGKAI_CHECK_KEEP_MINUTES,
        "keep_until": row.expires_at,
    }
    if row.status == CheckStatus.FAILED:
        context["error"] = row.message or f"无法读取“{row.name}”。"
        return render(request, "supervision/check.html", context, status=400)
    if row.status != CheckStatus.DONE:
        context.update(pending=True, name=row.name, refresh_seconds=3)
        return render(request, "supervision/check.html", context)
    try:
        report = jsonio.report_from_json(row.result, row.name)
    except GongkaiError as exc:
        context["error"] = f"无法显示检查结果：{exc}"
        return render(request, "supervision/check.html", context, status=400)
    context.update(_result(row.name, report))
    return render(request, "supervision/check.html", context)


@require_POST
def check_download(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return redirect_to_login(request.get_full_path())
    to = request.POST.get("to", "")
    if to not in TARGETS:
        return render(request, "supervision/check.html", {"error": "不支持的下载格式。"}, status=400)
    try:
        report = jsonio.report_from_json(json.loads(request.POST.get("report", "")), "年度报告")
        data = gongkai.render(report, to)
    except (ValueError, GongkaiError) as exc:
        return render(request, "supervision/check.html", {"error": f"无法生成下载文件：{exc}"}, status=400)
    stem = f"{report.agency or '年度报告'}{report.year or ''}（检查）"
    return attachment(data, f"{stem}.{to}", CONTENT_TYPES[to])
