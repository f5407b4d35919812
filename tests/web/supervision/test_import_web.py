"""Bulk import on the web: a ZIP or several files, processed by a django-tasks task with progress;
ambiguous files confirmed by a person; the ZIP bounded by the core's limits."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks.base import Task

import gongkai
from gongkai.report.read import limits
from gongkai.web.audit.models import AuditEvent
from gongkai.web.supervision import tasks
from gongkai.web.supervision.demo import unit_report
from gongkai.web.supervision.models import (
    BatchStatus,
    ImportBatch,
    ImportItem,
    ItemStatus,
    Origin,
    UnitReport,
)

from .. import factories

pytestmark = pytest.mark.django_db


def _html(name: str, year: int = 2025) -> bytes:
    return gongkai.render(unit_report(name, year, 3, 1), "html", charts=False)


def _zip(files: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return SimpleUploadedFile("reports.zip", buffer.getvalue(), content_type="application/zip")


def _url(personas, tail: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/supervision/{personas.county.code}/2025/import/{tail}"


def test_zip_processed_in_the_background_with_progress_and_confirmation(  # type: ignore[no-untyped-def]
    personas, client_for, django_capture_on_commit_callbacks
) -> None:
    factories.make_agency("xc-education-2", name="新城县教育局成人教育办公室", parent=personas.county)
    client = client_for("sysadmin")
    upload = _zip(
        {
            "a/教育局.html": _html("新城县教育局"),
            "c/教育.html": _html("新城县教育"),  # contained in two units' names: ambiguous
            "e/说明.txt": "这不是年度报告。".encode(),
            "__MACOSX/._x": b"junk",  # skipped
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(personas), {"files": upload})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == _url(personas, f"{batch.pk}/")
    assert (batch.status, batch.files_total, batch.files_done) == (BatchStatus.DONE, 3, 3)
    assert (batch.files_imported, batch.files_ambiguous, batch.files_failed) == (1, 1, 1)
    assert UnitReport.objects.get(agency=personas.bureau, year=2025).origin == Origin.IMPORTED
    page = client.get(_url(personas, f"{batch.pk}/")).content.decode()
    assert "已处理 3/3" in page and "待确认 1" in page and 'http-equiv="refresh"' not in page
    ambiguous = ImportItem.objects.get(batch=batch, status=ItemStatus.AMBIGUOUS)
    assert set(ambiguous.candidates) == {personas.bureau.code, "xc-education-2"}
    assert 'value="xc-education-2"' in page  # the person picks among the candidates
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            _url(personas, f"{batch.pk}/confirm/"), {"item": ambiguous.pk, "unit": "xc-education-2"}
        )
    assert done.status_code == 302
    ambiguous.refresh_from_db()
    batch.refresh_from_db()
    assert ambiguous.status == ItemStatus.IMPORTED and ambiguous.agency.code == "xc-education-2"
    assert (batch.files_imported, batch.files_ambiguous, batch.status) == (2, 0, BatchStatus.DONE)
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"supervision.import.start", "supervision.import.confirm", "supervision.import.done"} <= verbs


def test_processing_is_a_django_tasks_task_enqueued_after_commit(personas, client_for, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(tasks.process_import, Task)
    queued: list[tuple[object, ...]] = []
    monkeypatch.setattr(type(tasks.process_import), "enqueue", lambda self, *args: queued.append(args))
    client = client_for("sysadmin")
    client.post(_url(personas), {"files": _zip({"a.html": _html("新城县教育局")})})
    batch = ImportBatch.objects.get()
    # not processed in the request: the page shows it queued, and refreshes
    assert batch.status == BatchStatus.QUEUED and batch.files_done == 0
    assert 'http-equiv="refresh"' in client.get(_url(personas, f"{batch.pk}/")).content.decode()
    # the task body runs from the database and the storage alone (whatever backend runs it)
    from gongkai.web.supervision.import_batches import run

    run(batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.files_imported == 1


def test_several_files_are_packed_into_one_batch(
    personas, client_for, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    files = [
        SimpleUploadedFile("教育局.html", _html("新城县教育局")),
        SimpleUploadedFile("桥头镇.html", _html("新城县桥头镇人民政府")),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client_for("sysadmin").post(_url(personas), {"files": files, "published_on": "2026-01-20"})
    batch = ImportBatch.objects.get()
    assert batch.files_total == 2 and batch.files_imported == 2
    assert str(UnitReport.objects.get(agency=personas.township, year=2025).published_on) == "2026-01-20"


def test_zip_bounds_and_chinese_errors(personas, client_for, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    client = client_for("sysadmin")
    bomb = _zip({"big.txt": b"0" * (2 * 1024 * 1024)}, zipfile.ZIP_DEFLATED)  # ratio far above 200:1
    response = client.post(_url(personas), {"files": bomb})
    assert response.status_code == 400 and "压缩比异常" in response.content.decode()
    monkeypatch.setattr(limits, "MAX_MEMBERS", 2)
    many = _zip({f"{i}.txt": b"x" for i in range(3)})
    response = client.post(_url(personas), {"files": many})
    assert response.status_code == 400 and "压缩包内文件过多" in response.content.decode()
    assert client.post(_url(personas), {}).status_code == 400
    assert not ImportBatch.objects.exists()


def test_a_supervisor_may_not_import(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for("supervisor").post(_url(personas), {"files": _zip({"a.html": b"x"})}).status_code == 403
    assert not ImportBatch.objects.exists()
