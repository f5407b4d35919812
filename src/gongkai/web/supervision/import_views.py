"""Bulk import of units' published reports on the web (system administrator): upload, progress, confirm.

The work is done by :mod:`.import_batches` and the background task :func:`.tasks.process_import`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.web.agencies.models import Agency

from . import import_batches
from .forms import ConfirmForm, ImportForm
from .models import ImportBatch, ItemStatus
from .status import units
from .views import _year, signed_in


def _root(request: HttpRequest, code: str) -> Agency:
    if not request.user.is_superuser:  # type: ignore[union-attr]
        raise PermissionDenied("只有系统管理员可以批量导入年度报告。")
    return get_object_or_404(Agency, code=code)


@signed_in
def import_page(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    root = _root(request, agency)
    year = _year(year)
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            files = [(f.name or "文件", f.read()) for f in form.cleaned_data["files"]]
            try:
                batch = import_batches.start(
                    request.user, root, year, files, form.cleaned_data["published_on"]
                )
            except ValidationError as exc:
                form.add_error("files", exc)
            else:
                return redirect("supervision:import_batch", agency=root.code, year=year, pk=batch.pk)
        status = 400
    batches = ImportBatch.objects.filter(root=root, year=year)[:20]
    return render(
        request,
        "supervision/import.html",
        {"root": root, "year": year, "form": form, "batches": batches},
        status=status,
    )


@signed_in
def batch_page(request: HttpRequest, agency: str, year: int, pk: int) -> HttpResponse:
    root = _root(request, agency)
    batch = get_object_or_404(ImportBatch, pk=pk, root=root, year=_year(year))
    items = list(batch.items.select_related("agency"))
    names = {code: name for _pk, code, name, _k, _p in units(root, batch.year)}
    choices = {
        item.pk: [(c, names.get(c, c)) for c in (item.candidates or names)]
        for item in items
        if item.status == ItemStatus.AMBIGUOUS
    }
    return render(
        request,
        "supervision/import_batch.html",
        {"root": root, "year": batch.year, "batch": batch, "items": items, "choices": choices},
    )


@require_POST
@signed_in
def confirm_item(request: HttpRequest, agency: str, year: int, pk: int) -> HttpResponse:
    root = _root(request, agency)
    batch = get_object_or_404(ImportBatch, pk=pk, root=root, year=_year(year))
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择单位。")
    else:
        try:
            item = import_batches.confirm(
                request.user, batch, form.cleaned_data["item"], form.cleaned_data["unit"]
            )
            messages.success(request, f"已确认“{item.name}”的单位，正在导入。")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    return redirect("supervision:import_batch", agency=root.code, year=batch.year, pk=batch.pk)
