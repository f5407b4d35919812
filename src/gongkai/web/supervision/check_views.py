"""``/check/``: upload a report in any medium, see it as the official tables with every finding at its cell.

Who: signed-in users, and anyone when ``GONGKAI_PUBLIC_CHECK=1``. The file is read in memory with the
core's bounds (:mod:`gongkai.report.read.limits`: size, ZIP ratio, pages, converter timeouts) and
never stored: the page carries the report back to the browser as the core's JSON document, and a
download posts that document to ``/check/download/``, which validates it strictly
(:func:`gongkai.report.jsonio.report_from_json`) and renders it. Processing happens in the request,
bounded by those limits (the background engine arrives with another issue).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

import gongkai
from gongkai.errors import GongkaiError
from gongkai.report import jsonio
from gongkai.report.render import TARGETS

from .annotate import numbered, tables_html
from .downloads import CONTENT_TYPES, attachment

_FORMAT_LABELS = {"html": "网页", "docx": "Word", "xlsx": "Excel", "pdf": "PDF", "md": "Markdown"}


def _allowed(request: HttpRequest) -> bool:
    return bool(settings.GONGKAI_PUBLIC_CHECK or request.user.is_authenticated)


def check(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return redirect_to_login(request.get_full_path())
    context: dict[str, object] = {"max_mb": settings.GONGKAI_CHECK_MAX_MB}
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        if uploaded is None:
            context["error"] = "请选择要检查的年度报告文件。"
        elif uploaded.size is not None and uploaded.size > settings.GONGKAI_CHECK_MAX_MB * 1024 * 1024:
            context["error"] = f"文件“{uploaded.name}”超过 {settings.GONGKAI_CHECK_MAX_MB} MB，无法检查。"
        else:
            name = uploaded.name or "年度报告"
            data = uploaded.read()
            try:
                report = gongkai.read(name, data)
                findings = gongkai.check(report)
            except GongkaiError as exc:
                context["error"] = f"无法读取“{name}”：{exc}"
            else:
                del data  # never stored
                items = numbered(findings)
                doc = jsonio.report_to_json(report, report.read_findings)
                context.update(
                    name=name,
                    report=report,
                    items=items,
                    tables=tables_html(report, items),
                    errors=sum(1 for i in items if i.finding.severity == "error"),
                    warnings=sum(1 for i in items if i.finding.severity == "warning"),
                    document=json.dumps(doc, ensure_ascii=False),
                    targets=[(t, _FORMAT_LABELS.get(t, t)) for t in TARGETS],
                )
        status = 400 if "error" in context else 200
        return render(request, "supervision/check.html", context, status=status)
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
