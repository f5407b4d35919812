"""Bulk import on the web: a batch of units' published reports, processed by a background task.

:func:`start` (the system administrator, in the request) checks the upload against the core's ZIP
bounds (:func:`gongkai.report.read.limits.open_zip`: size, member count, uncompressed total, ratio),
keeps it as one ZIP in storage (several files are packed into one), lists its files as
:class:`ImportItem` rows and, after the commit, enqueues :func:`.tasks.process_import`. The task
(:func:`run`) imports each file through :func:`.imports.import_reports` — the matching by agency name
and year that ``gongkai supervise import`` uses — and updates the batch's counters after every file,
so the batch page shows progress. Files whose unit is ambiguous wait for a person, who picks the unit
(:func:`confirm`): that file is queued again with the choice. The code never depends on which
django-tasks backend runs it (immediate in tests and by default, a worker in production): everything
the task needs is in the database and the storage.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from gongkai.errors import GongkaiError
from gongkai.report.read import limits
from gongkai.web import audit
from gongkai.web.agencies.models import Agency

from .imports import import_reports
from .models import BatchStatus, ImportBatch, ImportItem, ItemStatus
from .status import units


def _require_admin(actor: Any) -> None:
    # An operator's task, not a supervisor's write (a supervisor writes only 督办 and review decisions).
    if not getattr(actor, "is_superuser", False):
        raise PermissionDenied("只有系统管理员可以批量导入年度报告。")


def _wanted(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return not name.endswith("/") and not any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _archive(files: list[tuple[str, bytes]]) -> bytes:
    """One ZIP: the uploaded ZIP itself, or the uploaded files packed into one."""
    if len(files) == 1 and zipfile.is_zipfile(io.BytesIO(files[0][1])):
        return files[0][1]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        seen: set[str] = set()
        for name, data in files:
            base = PurePosixPath(name.replace("\\", "/")).name or "文件"
            while base in seen:
                base = "_" + base
            seen.add(base)
            archive.writestr(base, data)
    return out.getvalue()


def members(data: bytes, name: str) -> list[str]:
    """The files of the archive, after the core's bounds; a Chinese ValidationError otherwise."""
    try:
        archive = limits.open_zip(data, name)
    except GongkaiError as exc:
        raise ValidationError(str(exc)) from None
    with archive:
        return [i.filename for i in archive.infolist() if _wanted(i.filename)]


def start(
    actor: Any, root: Agency, year: int, files: list[tuple[str, bytes]], published_on: dt.date | None = None
) -> ImportBatch:
    _require_admin(actor)
    if not files:
        raise ValidationError("请选择 ZIP 压缩包或年度报告文件。")
    label = files[0][0] if len(files) == 1 else f"{len(files)}个文件"
    data = _archive(files)
    names = members(data, label)
    if not names:
        raise ValidationError(f"“{label}”中没有文件。")
    with transaction.atomic():
        batch = ImportBatch(root=root, year=year, published_on=published_on, created_by=actor)
        batch.files_total = len(names)
        batch.archive.save(f"{root.code}-{year}.zip", ContentFile(data), save=False)
        batch.save()
        ImportItem.objects.bulk_create([ImportItem(batch=batch, name=n[:500]) for n in names])
        audit.record(
            actor, "supervision.import.start", batch, agency=root, after={"year": year, "files": len(names)}
        )
        pk = batch.pk
        transaction.on_commit(lambda: _enqueue(pk))
    return batch


def _enqueue(batch_id: int, names: list[str] | None = None, confirm: dict[str, str] | None = None) -> None:
    from .tasks import process_import

    process_import.enqueue(batch_id, names, confirm)


def confirm(actor: Any, batch: ImportBatch, item_pk: int, code: str) -> ImportItem:
    """A person picks the unit of an ambiguous file: it is queued again with that choice."""
    _require_admin(actor)
    item = ImportItem.objects.filter(batch=batch, pk=item_pk).first()
    if item is None or item.status != ItemStatus.AMBIGUOUS:
        raise ValidationError("该文件不在待确认状态。")
    if code not in {c for _pk, c, _n, _k, _p in units(batch.root, batch.year)}:
        raise ValidationError(f"单位代码“{code}”不在监督范围内。")
    with transaction.atomic():
        item.status = ItemStatus.QUEUED
        item.message = ""
        item.save(update_fields=["status", "message"])
        ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED, finished_at=None)
        _count(batch.pk)
        audit.record(
            actor,
            "supervision.import.confirm",
            batch,
            agency=batch.root,
            after={"file": item.name, "unit": code},
        )
        name, pk = item.name, batch.pk
        transaction.on_commit(lambda: _enqueue(pk, [name], {name: code}))
    return item


def _count(batch_id: int) -> None:
    """The batch's counters from its items (correct however often a file is processed)."""
    counts = dict(
        ImportItem.objects.filter(batch_id=batch_id).values_list("status").annotate(n=Count("pk")).order_by()
    )
    ImportBatch.objects.filter(pk=batch_id).update(
        files_imported=counts.get(ItemStatus.IMPORTED, 0),
        files_failed=counts.get(ItemStatus.FAILED, 0),
        files_ambiguous=counts.get(ItemStatus.AMBIGUOUS, 0),
        files_done=sum(n for s, n in counts.items() if s != ItemStatus.QUEUED),
    )


def run(batch_id: int, *, names: list[str] | None = None, confirm: dict[str, str] | None = None) -> None:
    """Process the batch's queued files (or ``names``); the task body."""
    batch = ImportBatch.objects.select_related("root").get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch_id).update(status=BatchStatus.RUNNING)
    items = ImportItem.objects.filter(batch=batch, status=ItemStatus.QUEUED)
    if names is not None:
        items = items.filter(name__in=names)
    try:
        with batch.archive.open("rb") as handle:
            data = handle.read()
        archive = limits.open_zip(data, batch.archive.name)
    except (GongkaiError, OSError) as exc:
        ImportBatch.objects.filter(pk=batch_id).update(
            status=BatchStatus.FAILED, message=f"无法打开上传的文件：{exc}"[:500], finished_at=timezone.now()
        )
        return
    with archive:
        for item in list(items.order_by("pk")):
            _one(batch, item, archive.read(item.name), confirm or {})
            _count(batch_id)
    with transaction.atomic():
        ImportBatch.objects.filter(pk=batch_id).update(status=BatchStatus.DONE, finished_at=timezone.now())
        batch.refresh_from_db()
        audit.record(
            None,
            "supervision.import.done",
            batch,
            agency=batch.root,
            after={
                "imported": batch.files_imported,
                "failed": batch.files_failed,
                "ambiguous": batch.files_ambiguous,
            },
        )


def _one(batch: ImportBatch, item: ImportItem, data: bytes, confirm: dict[str, str]) -> None:
    result = import_reports(
        batch.root,
        batch.year,
        iter([(item.name, data)]),
        confirm={k: v for k, v in confirm.items() if k == item.name},
        published_on=batch.published_on,
    )
    if result.imported:
        code = result.imported[0][1]
        item.status, item.agency, item.message = ItemStatus.IMPORTED, Agency.objects.get(code=code), ""
        item.candidates = []
    elif result.pending:
        _name, reason, possible = result.pending[0]
        item.status, item.message, item.candidates = ItemStatus.AMBIGUOUS, reason[:500], possible
    else:
        item.status = ItemStatus.FAILED
        item.message = (result.failed[0][1] if result.failed else "未能导入")[:500]
    item.save(update_fields=["status", "agency", "message", "candidates"])
